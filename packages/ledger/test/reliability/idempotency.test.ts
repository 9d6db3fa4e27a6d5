// Proves idempotent voucher creation under concurrent retries, on every dialect: the
// same create-voucher command sent sixteen times at once under one Idempotency-Key
// creates exactly one voucher and every call returns that voucher; the same holds for a
// batch; a different body under a used key is the typed IdempotencyConflict, also when
// the two bodies race each other (one of them wins, the other conflicts, exactly one
// voucher exists); and a command that fails a rule gives its key back. On PostgreSQL
// the calls run on separate pooled connections: the racers block on the uncommitted
// claim and then replay the stored result.
import { assert } from "@effect/vitest"
import { Effect, Either } from "effect"
import { IdempotencyKey } from "@danju/core"
import { describeEachDialect } from "@danju/core/testing"
import { LedgerService } from "../../src/LedgerService"
import { ledgerSqlLayer } from "../../src/storage/index"
import { administrator, maker, migrations, voucher } from "../support"
import { allVouchers, generatedVoucher, setUpBooks } from "./support"

const racers = 16
const key = (text: string) => IdempotencyKey.make(text)

describeEachDialect("idempotent retries", migrations, (it) => {
  it.effect("sixteen concurrent identical creates make one voucher and all return it", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      yield* setUpBooks("retry-one")
      const { input } = generatedVoucher(1, 1)
      const results = yield* Effect.all(
        Array.from({ length: racers }, () => ledger.createVoucher(maker, "retry-one", input, { idempotencyKey: key("create-1") })),
        { concurrency: "unbounded" }
      )
      assert.strictEqual(new Set(results.map((result) => result.id)).size, 1)
      assert.isTrue(results.every((result) => result.number === 1 && result.total.equals(results[0]!.total)))
      const stored = yield* allVouchers(administrator, "retry-one")
      assert.deepStrictEqual(stored.map((stored) => stored.id), [results[0]!.id])
      // One create record after the three set-up records, however many retries.
      assert.strictEqual((yield* ledger.verify(administrator, "retry-one")).auditRecords, 4)
    }))

  it.effect("concurrent identical batches make the batch once", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      yield* setUpBooks("retry-batch")
      const inputs = Array.from({ length: 20 }, (_, index) => generatedVoucher(2, index).input)
      const results = yield* Effect.all(
        Array.from({ length: racers }, () => ledger.recordVouchers(maker, "retry-batch", inputs, { idempotencyKey: key("batch-1") })),
        { concurrency: "unbounded" }
      )
      const first = results[0]!.map((made) => made.id)
      assert.isTrue(results.every((result) => JSON.stringify(result.map((made) => made.id)) === JSON.stringify(first)))
      const stored = yield* allVouchers(administrator, "retry-batch")
      assert.deepStrictEqual(stored.map((made) => made.number), Array.from({ length: 20 }, (_, index) => index + 1))
    }))

  it.effect("a different body under a used key is IdempotencyConflict, also when the bodies race", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      yield* setUpBooks("retry-conflict")
      const first = generatedVoucher(3, 1).input
      const second = generatedVoucher(3, 2).input
      yield* ledger.createVoucher(maker, "retry-conflict", first, { idempotencyKey: key("used") })
      const conflict = yield* Effect.flip(ledger.createVoucher(maker, "retry-conflict", second, { idempotencyKey: key("used") }))
      assert.strictEqual(conflict._tag, "IdempotencyConflict")

      const results = yield* Effect.all(
        Array.from({ length: racers }, (_, index) =>
          Effect.either(ledger.createVoucher(maker, "retry-conflict", index % 2 === 0 ? first : second, { idempotencyKey: key("raced") }))),
        { concurrency: "unbounded" }
      )
      const made = results.filter(Either.isRight).map((result) => result.right)
      const refused = results.filter(Either.isLeft).map((result) => result.left._tag)
      assert.strictEqual(made.length + refused.length, racers)
      assert.strictEqual(new Set(made.map((voucher) => voucher.id)).size, 1)
      assert.deepStrictEqual(new Set(refused), new Set(["IdempotencyConflict"]))
      // Only the winner's body replays: eight of each were sent.
      assert.strictEqual(made.length, racers / 2)
      const stored = yield* allVouchers(administrator, "retry-conflict")
      assert.strictEqual(stored.length, 2)
    }))

  it.effect("a command refused by a rule gives its key back", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      yield* setUpBooks("retry-refused")
      const unbalanced = voucher({
        date: "2026-03-04",
        lines: [
          { summary: "收到伙食撥款", accountCode: "1002", debit: "10.00" },
          { summary: "收到伙食撥款", accountCode: "4001", credit: "10.01" }
        ]
      })
      const refused = yield* Effect.flip(ledger.createVoucher(maker, "retry-refused", unbalanced, { idempotencyKey: key("again") }))
      assert.strictEqual(refused._tag, "VoucherUnbalanced")
      const made = yield* ledger.createVoucher(maker, "retry-refused", generatedVoucher(4, 1).input, { idempotencyKey: key("again") })
      assert.strictEqual(made.number, 1)
    }))
}, () => ledgerSqlLayer())
