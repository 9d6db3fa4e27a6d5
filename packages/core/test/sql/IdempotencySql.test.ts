// Proves idempotent commands run once per key on both dialects: a retry replays the first
// result and writes nothing, a different body is a typed conflict, a failed first run
// frees the key, and concurrent duplicates create exactly one row.
import { assert } from "@effect/vitest"
import { Effect, Schema } from "effect"
import { Idempotency, IdempotencyKey } from "../../src/Idempotency"
import { coreMigrations, Database, IdempotencySql } from "../../src/sql/index"
import { describeEachDialect } from "../../src/testing/index"

const Created = Schema.Struct({ id: Schema.String, number: Schema.Number })
const key = (text: string) => IdempotencyKey.make(text)

const createDocument = (id: string) =>
  Effect.flatMap(Database, (database) =>
    database.query("create document", (db) => db.insertInto("danju_counters").values({ scope: id, value: 1 }).execute()).pipe(
      Effect.as({ id, number: 1 })
    ))

const documents = (prefix: string) =>
  Effect.flatMap(Database, (database) =>
    database.query("count", (db) =>
      db.selectFrom("danju_counters").select("scope").where("scope", "like", `${prefix}%`).execute()).pipe(
        Effect.map((rows) => rows.length)
      ))

describeEachDialect("IdempotencySql", [coreMigrations], (it) => {
  it.effect("replays the first result for the same key and body", () =>
    Effect.gen(function*() {
      const idempotency = yield* Idempotency
      const request = { scope: "set-1", key: key("k-replay"), command: "voucher.create", body: { a: 1, b: [1, 2] }, result: Created }
      const first = yield* idempotency.run(request, createDocument("replay-1"))
      // Same body with its keys in another order is the same body.
      const second = yield* idempotency.run({ ...request, body: { b: [1, 2], a: 1 } }, createDocument("replay-2"))
      assert.deepStrictEqual(second, first)
      assert.strictEqual(yield* documents("replay-"), 1)
    }))

  it.effect("refuses a different body under the same key", () =>
    Effect.gen(function*() {
      const idempotency = yield* Idempotency
      const request = { scope: "set-1", key: key("k-conflict"), command: "voucher.create", body: { a: 1 }, result: Created }
      yield* idempotency.run(request, createDocument("conflict-1"))
      const error = yield* Effect.flip(idempotency.run({ ...request, body: { a: 2 } }, createDocument("conflict-2")))
      assert.strictEqual(error._tag, "IdempotencyConflict")
      const other = yield* Effect.flip(idempotency.run({ ...request, command: "voucher.delete" }, createDocument("conflict-3")))
      assert.strictEqual(other._tag, "IdempotencyConflict")
      assert.strictEqual(yield* documents("conflict-"), 1)
    }))

  it.effect("frees the key when the first run fails", () =>
    Effect.gen(function*() {
      const idempotency = yield* Idempotency
      const request = { scope: "set-1", key: key("k-fail"), command: "voucher.create", body: {}, result: Created }
      const failed = yield* Effect.flip(idempotency.run(request, Effect.zipRight(createDocument("fail-1"), Effect.fail("rule" as const))))
      assert.strictEqual(failed, "rule")
      const retried = yield* idempotency.run(request, createDocument("fail-2"))
      assert.strictEqual(retried.id, "fail-2")
      assert.strictEqual(yield* documents("fail-"), 1)
    }))

  it.effect("keeps keys apart per scope", () =>
    Effect.gen(function*() {
      const idempotency = yield* Idempotency
      const base = { key: key("k-scope"), command: "voucher.create", body: {}, result: Created }
      yield* idempotency.run({ ...base, scope: "set-a" }, createDocument("scope-a"))
      yield* idempotency.run({ ...base, scope: "set-b" }, createDocument("scope-b"))
      assert.strictEqual(yield* documents("scope-"), 2)
    }))

  it.effect("creates one document for concurrent duplicates", () =>
    Effect.gen(function*() {
      const idempotency = yield* Idempotency
      const request = { scope: "set-1", key: key("k-concurrent"), command: "voucher.create", body: { n: 1 }, result: Created }
      const results = yield* Effect.forEach(
        Array.from({ length: 8 }, (_, index) => index),
        (index) => idempotency.run(request, createDocument(`concurrent-${index}`)),
        { concurrency: "unbounded" }
      )
      assert.strictEqual(new Set(results.map((result) => result.id)).size, 1)
      assert.strictEqual(yield* documents("concurrent-"), 1)
    }))
}, () => IdempotencySql.layer)
