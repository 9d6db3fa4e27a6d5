// Proves counters hand out consecutive numbers without gaps or duplicates, give numbers
// back when the database transaction rolls back, and stay exact under concurrent takers.
import { assert } from "@effect/vitest"
import { Effect } from "effect"
import { coreMigrations, Counters, CountersSql, Database } from "../../src/sql/index"
import { describeEachDialect } from "../../src/testing/index"

describeEachDialect("CountersSql", [coreMigrations], (it) => {
  it.effect("takes consecutive numbers starting at one", () =>
    Effect.gen(function*() {
      const counters = yield* Counters
      assert.strictEqual(yield* counters.take("voucher:2026-01:記", 1), 1)
      assert.strictEqual(yield* counters.take("voucher:2026-01:記", 3), 2)
      assert.strictEqual(yield* counters.take("voucher:2026-01:記", 1), 5)
      assert.strictEqual(yield* counters.current("voucher:2026-01:記"), 5)
      assert.strictEqual(yield* counters.current("voucher:2026-01:收"), 0)
    }))

  it.effect("gives numbers back on rollback", () =>
    Effect.gen(function*() {
      const counters = yield* Counters
      const database = yield* Database
      yield* counters.take("rollback", 2)
      yield* Effect.flip(database.withTransaction(Effect.zipRight(counters.take("rollback", 5), Effect.fail("no"))))
      assert.strictEqual(yield* counters.take("rollback", 1), 3)
    }))

  it.effect("never duplicates under concurrent takers", () =>
    Effect.gen(function*() {
      const counters = yield* Counters
      const database = yield* Database
      const taken = yield* Effect.forEach(
        Array.from({ length: 50 }, (_, index) => index),
        () => database.withTransaction(counters.take("concurrent", 2)),
        { concurrency: 10 }
      )
      const numbers = taken.flatMap((first) => [first, first + 1]).sort((a, b) => a - b)
      assert.deepStrictEqual(numbers, Array.from({ length: 100 }, (_, index) => index + 1))
    }))

  it.effect("resets for renumbering", () =>
    Effect.gen(function*() {
      const counters = yield* Counters
      yield* counters.take("reset", 7)
      yield* counters.reset("reset", 3)
      assert.strictEqual(yield* counters.take("reset", 1), 4)
    }))
}, () => CountersSql.layer)
