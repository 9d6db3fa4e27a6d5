// Proves the trial balance exact whichever way storage sums it: on SQLite the maintained
// balances are summed natively in integer minor units (× 10^6) where every row is exact
// there, and through the exact decimal function where a row has more than six decimals
// or more than twelve integer digits; PostgreSQL sums NUMERIC. The figures below are
// hand-checked and the same on both dialects. The read-side layer (ledgerReportsSqlLayer,
// what the CLI's report commands run on) reads the same trial balance and reports as the
// full layer that wrote the books.
import { assert } from "@effect/vitest"
import { Effect } from "effect"
import { LedgerReports } from "../src/ReportService"
import { describeEachDialect } from "@danju/core/testing"
import { LedgerService } from "../src/LedgerService"
import { AccountSetCode } from "../src/domain/ids"
import { ledgerReportsSqlLayer, ledgerSqlLayer } from "../src/storage/index"
import { administrator, checker, maker, messAccounts, migrations, voucher } from "./support"

const books = (code: string) =>
  Effect.gen(function*() {
    const ledger = yield* LedgerService
    yield* ledger.createAccountSet(administrator, {
      code: AccountSetCode.make(code),
      name: "大額賬",
      codeScheme: [4, 2, 2],
      startPeriod: { fiscalYear: 2026, number: 1 },
      accounts: messAccounts
    })
    yield* ledger.enableAccountSet(administrator, code)
    return ledger
  })

const post = (code: string, inputs: ReadonlyArray<Parameters<typeof voucher>[0]>) =>
  Effect.gen(function*() {
    const ledger = yield* LedgerService
    const made = yield* ledger.recordVouchers(maker, code, inputs.map(voucher))
    yield* ledger.auditVouchers(checker, code, made.map((v) => v.id))
    yield* ledger.postVouchers(checker, code, made.map((v) => v.id))
  })

const line = (accountCode: string, side: "debit" | "credit", amount: string, commodity?: string) =>
  ({ summary: "大額往來", accountCode, [side]: amount, ...(commodity === undefined ? {} : { commodity }) })

const figures = (report: { readonly rows: ReadonlyArray<{ readonly code: string; readonly periodDebit: { toString(): string }; readonly periodCredit: { toString(): string } }>; readonly balanced: boolean }) =>
  [report.balanced, report.rows.map((row) => `${row.code} ${row.periodDebit.toString()} ${row.periodCredit.toString()}`)]

describeEachDialect("trial balance sums", migrations, (it) => {
  it.effect("exact for ordinary amounts, for thirteen-digit amounts and for eight-decimal commodities", () =>
    Effect.gen(function*() {
      const ledger = yield* books("sums")
      yield* post("sums", [
        { date: "2026-01-05", lines: [line("1001", "debit", "0.01"), line("1002", "credit", "0.01")] },
        { date: "2026-02-05", lines: [line("1001", "debit", "123.45"), line("4001", "credit", "123.45")] }
      ])
      assert.deepStrictEqual(figures(yield* ledger.trialBalance(maker, "sums")), [true, [
        "1001 123.46 0", "1002 0 0.01", "4001 0 123.45"
      ]])
      // Thirteen integer digits: not representable in minor units, summed exactly anyway.
      yield* post("sums", [
        { date: "2026-02-06", lines: [line("1002", "debit", "1234567890123.45"), line("4001", "credit", "1234567890123.45")] }
      ])
      assert.deepStrictEqual(figures(yield* ledger.trialBalance(maker, "sums")), [true, [
        "1001 123.46 0", "1002 1234567890123.45 0.01", "4001 0 1234567890246.9"
      ]])
      // A commodity with eight decimals (as journals of several commodities bring).
      yield* post("sums", [
        { date: "2026-02-07", lines: [line("1001", "debit", "0.12345678", "XAU"), line("4001", "credit", "0.12345678", "XAU")] }
      ])
      assert.deepStrictEqual(figures(yield* ledger.trialBalance(maker, "sums", { commodity: "XAU" })), [true, [
        "1001 0.12345678 0", "4001 0 0.12345678"
      ]])
      assert.deepStrictEqual((yield* ledger.verify(administrator, "sums")).differences, [])
    }))

  it.effect("the read-side layer reads what the full layer wrote", () =>
    Effect.gen(function*() {
      yield* books("reads")
      yield* post("reads", [
        { date: "2026-01-05", lines: [line("1001", "debit", "860.00"), line("1002", "credit", "860.00")] },
        { date: "2026-02-05", lines: [line("1002", "debit", "12345.67"), line("4001", "credit", "12345.67")] }
      ])
      const read = Effect.gen(function*() {
        const ledger = yield* LedgerService
        const reports = yield* LedgerReports
        return {
          trialBalance: yield* ledger.trialBalance(maker, "reads"),
          accountBalances: yield* reports.accountBalances(maker, "reads", {})
        }
      })
      const full = yield* read
      const readSide = yield* Effect.provide(read, ledgerReportsSqlLayer())
      assert.deepStrictEqual(figures(readSide.trialBalance), [true, ["1001 860 0", "1002 12345.67 860", "4001 0 12345.67"]])
      assert.deepStrictEqual(readSide, full)
    }))
}, () => ledgerSqlLayer())
