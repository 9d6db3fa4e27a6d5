// Proves that the ledger stays exact under truly concurrent writers on PostgreSQL:
// eight writers, each over its own connection pool and its own service layer, make,
// audit (as a different operator) and post 5,000 vouchers each into one account set and
// one period — in batches and as single-voucher calls, interleaved. Afterwards the
// voucher numbers of the word are exactly 1..40,000 (no gap, no duplicate), every
// commanded voucher exists exactly once and is posted, the trial balance equals the sum
// the writers generated, `verify` finds maintained balances equal to a recomputation and
// the audit chain intact with exactly one record per command, and no writer saw an
// error: serialization failures and deadlocks are retried inside the service.
//
// Size: DANJU_RELIABILITY_VOUCHERS_PER_WRITER (default 5,000) for quicker local runs.
import { assert, describe, it } from "vitest"
import { Effect } from "effect"
import { Dec } from "@danju/core"
import { LedgerService } from "../../src/LedgerService"
import { actor, administrator, checker } from "../support"
import { allVouchers, generatedVoucher, inCi, ledgerOver, postgresUrl, setUpBooks, sharedPostgresSchema } from "./support"

const writers = 8
const perWriter = Number(process.env["DANJU_RELIABILITY_VOUCHERS_PER_WRITER"] ?? 5_000)
const chunk = 250
const books = "concurrent"

/** One writer: chunks of `chunk` vouchers; every fifth chunk goes one voucher per call. */
const writer = (index: number) =>
  Effect.gen(function*() {
    const ledger = yield* LedgerService
    const maker = actor(`maker-${index}`, "accountant")
    const auditor = actor(`checker-${index}`, "supervisor")
    for (let start = 0, round = 0; start < perWriter; start += chunk, round++) {
      const inputs = Array.from({ length: Math.min(chunk, perWriter - start) }, (_, offset) => generatedVoucher(index, start + offset).input)
      const made = round % 5 === 4
        ? yield* Effect.forEach(inputs, (input) => ledger.createVoucher(maker, books, input))
        : yield* ledger.recordVouchers(maker, books, inputs)
      const ids = made.map((voucher) => voucher.id)
      yield* ledger.auditVouchers(auditor, books, ids)
      yield* ledger.postVouchers(auditor, books, ids)
    }
  })

describe.skipIf(postgresUrl === "" && !inCi)("concurrent writers on PostgreSQL", () => {
  it(`${writers} pools × ${perWriter} vouchers: gap-free numbers, exact totals, verify clean`, async () => {
    assert.notStrictEqual(postgresUrl, "", "DANJU_TEST_PG_URL must be set (CI=true requires PostgreSQL)")
    const shared = await sharedPostgresSchema(postgresUrl)
    try {
      await Effect.runPromise(setUpBooks(books).pipe(Effect.provide(ledgerOver(postgresUrl, { schema: shared.schema, poolSize: 1 }))))
      const started = performance.now()
      // Each writer is its own runtime over its own pool: nothing is shared but the database.
      await Promise.all(Array.from({ length: writers }, (_, index) =>
        Effect.runPromise(writer(index).pipe(Effect.provide(ledgerOver(postgresUrl, { schema: shared.schema, poolSize: 2 }))))))
      const seconds = (performance.now() - started) / 1000
      console.log(`concurrency[postgres]: ${writers * perWriter} vouchers made, audited and posted by ${writers} writers in ${seconds.toFixed(1)} s`)

      await Effect.runPromise(Effect.gen(function*() {
        const ledger = yield* LedgerService
        const vouchers = yield* allVouchers(administrator, books)
        const total = writers * perWriter
        assert.strictEqual(vouchers.length, total)
        // Numbers of the one word and period are exactly 1..total.
        const numbers = vouchers.map((voucher) => voucher.number).sort((left, right) => left - right)
        assert.isTrue(vouchers.every((voucher) => voucher.word === "記" && voucher.period.number === 3))
        assert.deepStrictEqual(numbers, Array.from({ length: total }, (_, index) => index + 1))
        // Every commanded voucher exactly once, posted, with its own amount.
        const bySummary = new Map<string, number>()
        for (const voucher of vouchers) {
          assert.strictEqual(voucher.status, "posted")
          const summary = voucher.lines[0]!.summary
          bySummary.set(summary, (bySummary.get(summary) ?? 0) + 1)
        }
        let expected = new Dec(0)
        for (let index = 0; index < writers; index++) {
          for (let number = 0; number < perWriter; number++) {
            const generated = generatedVoucher(index, number)
            assert.strictEqual(bySummary.get(generated.summary), 1, generated.summary)
            expected = expected.plus(generated.amount)
          }
        }
        const report = yield* ledger.trialBalance(administrator, books)
        assert.isTrue(report.balanced)
        const row = (code: string) => report.rows.find((candidate) => candidate.code === code)!
        assert.strictEqual(row("1002").periodDebit.toString(), expected.toString())
        assert.strictEqual(row("4001").periodCredit.toString(), expected.toString())
        assert.strictEqual(row("1002").closingDebit.toString(), expected.plus(12_000).toString())
        const verification = yield* ledger.verify(checker, books)
        assert.deepStrictEqual(verification.differences, [])
        // Set-up (create, openings, enable) plus create, audit and post per voucher.
        assert.strictEqual(verification.auditRecords, 3 + 3 * total)
      }).pipe(Effect.provide(ledgerOver(postgresUrl, { schema: shared.schema, poolSize: 2 }))))
    } finally {
      await shared.drop()
    }
  }, 600_000)
})
