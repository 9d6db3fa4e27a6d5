// Proves the invariants of SPEC section 2 as fast-check properties on every dialect:
// every posted voucher balances and the trial balance balances; closing = opening +
// debits − credits for every account; maintained balances equal a recomputation from
// postings; a red-ink reversal nets the original to zero; unpost(post(v)) restores the
// balances; voucher numbers per word and period are 1..n without gaps.
import { assert } from "@effect/vitest"
import { Effect, Runtime } from "effect"
import fc from "fast-check"
import { describeEachDialect } from "@danju/core/testing"
import { AccountSetCode } from "../src/domain/ids"
import type { TrialBalance } from "../src/domain/TrialBalance"
import { LedgerService } from "../src/LedgerService"
import { ledgerSqlLayer } from "../src/storage/index"
import { administrator, checker, dec, maker, migrations, voucher } from "./support"

const accounts = [
  { code: "1001", name: "庫存現金", category: "asset" as const, direction: "debit" as const, isCash: true },
  { code: "1002", name: "銀行存款", category: "asset" as const, direction: "debit" as const, isBank: true },
  { code: "100201", name: "工行", category: "asset" as const, direction: "debit" as const, isBank: true },
  { code: "100202", name: "農行", category: "asset" as const, direction: "debit" as const, isBank: true },
  { code: "2202", name: "應付賬款", category: "liability" as const, direction: "credit" as const },
  { code: "4001", name: "實收資本", category: "equity" as const, direction: "credit" as const },
  { code: "6001", name: "主營業務收入", category: "profitAndLoss" as const, direction: "credit" as const },
  { code: "6602", name: "管理費用", category: "profitAndLoss" as const, direction: "debit" as const }
]
const leaves = ["1001", "100201", "100202", "2202", "4001", "6001", "6602"]

/** A random balanced voucher: 2–5 lines, cents, possibly red-ink (negative) amounts. */
const voucherArbitrary = fc.record({
  day: fc.integer({ min: 1, max: 28 }),
  month: fc.integer({ min: 1, max: 3 }),
  debits: fc.array(fc.tuple(fc.constantFrom(...leaves), fc.integer({ min: -50_000, max: 9_999_999 }).filter((cents) => cents !== 0)), { minLength: 1, maxLength: 3 }),
  creditAccounts: fc.array(fc.constantFrom(...leaves), { minLength: 1, maxLength: 2 })
}).filter(({ debits }) => debits.reduce((sum, [, cents]) => sum + cents, 0) !== 0).map(({ day, month, debits, creditAccounts }) => {
  const total = debits.reduce((sum, [, cents]) => sum + cents, 0)
  // Split the total across the credit lines, the last taking the remainder.
  const share = Math.trunc(total / creditAccounts.length)
  const credits = creditAccounts.map((account, index) => [account, index === creditAccounts.length - 1 ? total - share * (creditAccounts.length - 1) : share] as const)
    .filter(([, cents]) => cents !== 0)
  const money = (cents: number) => (cents / 100).toFixed(2)
  return voucher({
    date: `2026-0${month}-${String(day).padStart(2, "0")}`,
    lines: [
      ...debits.map(([accountCode, cents]) => ({ summary: "隨機借方", accountCode, debit: money(cents) })),
      ...credits.map(([accountCode, cents]) => ({ summary: "隨機貸方", accountCode, credit: money(cents) }))
    ]
  })
})

let sequence = 0
const freshSet = Effect.gen(function*() {
  const ledger = yield* LedgerService
  sequence += 1
  const code = `prop-${sequence}`
  yield* ledger.createAccountSet(administrator, { code: AccountSetCode.make(code), name: code, codeScheme: [4, 2], startPeriod: { fiscalYear: 2026, number: 1 }, accounts })
  yield* ledger.setOpeningBalances(administrator, code, [
    { accountCode: "1001", balance: dec("1000.00") },
    { accountCode: "100201", balance: dec("9000.00") },
    { accountCode: "4001", balance: dec("10000.00") }
  ])
  yield* ledger.enableAccountSet(administrator, code)
  return code
})

const closingsOf = (report: TrialBalance) =>
  Object.fromEntries(report.rows.map((row) => [row.code, row.closingDebit.minus(row.closingCredit).toString()]))

const checkReport = (report: TrialBalance) => {
  assert.isTrue(report.balanced)
  for (const row of report.rows) {
    const opening = row.openingDebit.minus(row.openingCredit)
    const closing = row.closingDebit.minus(row.closingCredit)
    assert.strictEqual(closing.toString(), opening.plus(row.periodDebit).minus(row.periodCredit).toString(), `closing of ${row.code}`)
  }
}

describeEachDialect("ledger invariants", migrations, (it) => {
  it.effect("posted books always balance, closing = opening + movements, maintained = recomputed, numbers are gap-free", () =>
    Effect.gen(function*() {
      const runtime = yield* Effect.runtime<LedgerService>()
      const run = Runtime.runPromise(runtime)
      yield* Effect.promise(() =>
        fc.assert(
          fc.asyncProperty(fc.array(voucherArbitrary, { minLength: 1, maxLength: 12 }), async (inputs) => {
            await run(Effect.gen(function*() {
              const ledger = yield* LedgerService
              const code = yield* freshSet
              const made = yield* ledger.recordVouchers(maker, code, inputs)
              for (const v of made) assert.isTrue(v.lines.reduce((sum, line) => sum.plus(line.debit).minus(line.credit), dec("0")).isZero())
              yield* ledger.auditVouchers(checker, code, made.map((v) => v.id))
              yield* ledger.postVouchers(checker, code, made.map((v) => v.id))
              checkReport(yield* ledger.trialBalance(maker, code))
              // Each month separately also balances and chains: closing of one month = opening of the next.
              const january = yield* ledger.trialBalance(maker, code, { from: { fiscalYear: 2026, number: 1 }, to: { fiscalYear: 2026, number: 1 } })
              const february = yield* ledger.trialBalance(maker, code, { from: { fiscalYear: 2026, number: 2 }, to: { fiscalYear: 2026, number: 2 } })
              checkReport(january)
              checkReport(february)
              for (const row of february.rows) {
                const before = january.rows.find((candidate) => candidate.code === row.code)
                const januaryClosing = before === undefined ? dec("0") : before.closingDebit.minus(before.closingCredit)
                assert.strictEqual(row.openingDebit.minus(row.openingCredit).toString(), januaryClosing.toString())
              }
              assert.deepStrictEqual((yield* ledger.verify(administrator, code)).differences, [])
              // Numbers per (period, word) are exactly 1..n.
              const byPeriod = new Map<string, Array<number>>()
              for (const v of made) {
                const key = `${v.period.fiscalYear}-${v.period.number}-${v.word}`
                byPeriod.set(key, [...(byPeriod.get(key) ?? []), v.number])
              }
              for (const numbers of byPeriod.values()) {
                assert.deepStrictEqual([...numbers].sort((a, b) => a - b), numbers.map((_, index) => index + 1))
              }
            }))
          }),
          { numRuns: 12 }
        )
      )
    }), { timeout: 120_000 })

  it.effect("a reversal nets its original to zero and unpost(post(v)) restores the balances", () =>
    Effect.gen(function*() {
      const runtime = yield* Effect.runtime<LedgerService>()
      const run = Runtime.runPromise(runtime)
      yield* Effect.promise(() =>
        fc.assert(
          fc.asyncProperty(voucherArbitrary, fc.array(voucherArbitrary, { maxLength: 4 }), async (target, others) => {
            await run(Effect.gen(function*() {
              const ledger = yield* LedgerService
              const code = yield* freshSet
              const background = yield* ledger.recordVouchers(maker, code, others)
              if (background.length > 0) {
                yield* ledger.auditVouchers(checker, code, background.map((v) => v.id))
                yield* ledger.postVouchers(checker, code, background.map((v) => v.id))
              }
              const before = closingsOf(yield* ledger.trialBalance(maker, code, { to: { fiscalYear: 2026, number: 3 } }))
              const [made] = yield* ledger.recordVouchers(maker, code, [target])
              yield* ledger.auditVouchers(checker, code, [made!.id])
              yield* ledger.postVouchers(checker, code, [made!.id])
              yield* ledger.unpostVouchers(administrator, code, [made!.id])
              const afterUnpost = closingsOf(yield* ledger.trialBalance(maker, code, { to: { fiscalYear: 2026, number: 3 } }))
              assert.deepStrictEqual(withoutZeros(afterUnpost), withoutZeros(before))
              yield* ledger.postVouchers(checker, code, [made!.id])
              const reversal = yield* ledger.reverseVoucher(maker, code, made!.id, made!.date)
              yield* ledger.auditVouchers(checker, code, [reversal.id])
              yield* ledger.postVouchers(checker, code, [reversal.id])
              const afterReversal = closingsOf(yield* ledger.trialBalance(maker, code, { to: { fiscalYear: 2026, number: 3 } }))
              assert.deepStrictEqual(withoutZeros(afterReversal), withoutZeros(before))
              assert.deepStrictEqual((yield* ledger.verify(administrator, code)).differences, [])
            }))
          }),
          { numRuns: 10 }
        )
      )
    }), { timeout: 120_000 })
}, () => ledgerSqlLayer())

const withoutZeros = (closings: Record<string, string>) =>
  Object.fromEntries(Object.entries(closings).filter(([, value]) => value !== "0"))
