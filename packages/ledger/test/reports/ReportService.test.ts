// Proves the ledger reports end to end on every dialect, against hand-checked figures
// of a mess-hall month (support.ts): the account balance table with year-to-date and
// dimension rows, the general ledger's year-to-date sums, the detail ledger's running
// balance (ending at the closing balance, identical whether read in one page or many),
// the journals' daily and monthly totals, the voucher list and print data with amounts
// in Chinese capitals, the mess monthly statement, the balance sheet and income
// statement of a small company, unposted vouchers on request, closed periods flagged,
// and the report permission.
import { assert } from "@effect/vitest"
import { Effect } from "effect"
import { describeEachDialect } from "@danju/core/testing"
import { AccountSetNotFound } from "../../src/domain/errors"
import type { LedgerRow } from "../../src/domain/reports/DetailLedger"
import { PeriodEndService } from "../../src/PeriodEndService"
import type { DetailLedgerResult, VoucherListResult } from "../../src/ReportService"
import { LedgerReports } from "../../src/ReportService"
import { ledgerSqlLayer } from "../../src/storage/index"
import { actor, checker, maker, migrations, outsider } from "../support"
import { setUpCompany, setUpMess } from "./support"

const march = { fiscalYear: 2026, number: 3 }
const april = { fiscalYear: 2026, number: 4 }
const january = { fiscalYear: 2026, number: 1 }

type TotalRow = Extract<LedgerRow, { kind: "periodTotal" | "yearTotal" }>

const text = (value: { toString(): string }) => value.toString()
const balance = (row: { readonly balance: { readonly side: string; readonly amount: { toString(): string } } }) =>
  `${row.balance.side} ${row.balance.amount.toString()}`

describeEachDialect("LedgerReports", migrations, (it) => {
  it.effect("account balances: opening, period, year-to-date and closing columns balance with hand-checked figures", () =>
    Effect.gen(function*() {
      const reports = yield* LedgerReports
      yield* setUpMess("rpt-balances")
      const table = yield* reports.accountBalances(maker, "rpt-balances", { from: march, to: march })
      assert.isTrue(table.balanced)
      const row = (code: string) => table.rows.find((candidate) => candidate.code === code)!
      assert.strictEqual(text(row("1001").openingDebit), "500")
      assert.strictEqual(text(row("1001").periodDebit), "2860")
      assert.strictEqual(text(row("1001").periodCredit), "2854.96")
      assert.strictEqual(text(row("1001").closingDebit), "505.04")
      assert.strictEqual(text(row("1002").closingDebit), "40802.34")
      assert.strictEqual(text(row("4001").openingCredit), "12500")
      assert.strictEqual(text(row("4001").yearToDateCredit), "31672.34")
      assert.strictEqual(text(row("4001").closingCredit), "41307.38")
      assert.strictEqual(text(row("6001").closingCredit), "0")
      assert.strictEqual(text(table.totals.periodDebit), "37337.3")
      assert.strictEqual(text(table.totals.closingDebit), "41307.38")
      assert.isFalse(table.closed)

      // April alone: the year-to-date columns still hold March.
      const aprilTable = yield* reports.accountBalances(maker, "rpt-balances", { from: april, to: april })
      const fund = aprilTable.rows.find((candidate) => candidate.code === "4001")!
      assert.strictEqual(text(fund.periodDebit), "300")
      assert.strictEqual(text(fund.yearToDateDebit), "3164.96")
      assert.strictEqual(text(fund.openingCredit), "41307.38")
    }))

  it.effect("account balances break down by dimension set under each account", () =>
    Effect.gen(function*() {
      const reports = yield* LedgerReports
      yield* setUpCompany("rpt-dimensions")
      const table = yield* reports.accountBalances(maker, "rpt-dimensions", { to: january, dimensions: true })
      assert.isTrue(table.balanced)
      const receivables = table.rows.filter((row) => row.code === "1122")
      assert.deepStrictEqual(receivables.map((row) => [row.kind, row.dimensionKey, text(row.periodDebit), text(row.periodCredit), text(row.closingDebit)]), [
        ["account", "", "16950", "11300", "5650"],
        ["dimension", "customer=C01", "11300", "11300", "0"],
        ["dimension", "customer=C02", "5650", "0", "5650"]
      ])
      assert.strictEqual(receivables[2]!.dimensions[0]!.name, "乙公司")
      // Parents show their leaves' dimension sets too.
      const administration = table.rows.filter((row) => row.code === "5602")
      assert.deepStrictEqual(administration.map((row) => [row.kind, row.dimensionKey, text(row.periodDebit)]), [
        ["account", "", "500"],
        ["dimension", "department=D01", "500"]
      ])
      const levelOne = yield* reports.accountBalances(maker, "rpt-dimensions", { to: january, maxLevel: 1 })
      assert.isTrue(levelOne.rows.every((row) => row.level === 1))
      assert.strictEqual(text(levelOne.rows.find((row) => row.code === "2221")!.closingCredit), "910")
    }))

  it.effect("general ledger: per period movements, year-to-date sums and balance with its side", () =>
    Effect.gen(function*() {
      const reports = yield* LedgerReports
      yield* setUpMess("rpt-general")
      const ledger = yield* reports.generalLedger(maker, "rpt-general", { from: march, to: april })
      const cash = ledger.accounts.find((account) => account.code === "1001")!
      assert.strictEqual(balance({ balance: cash.opening }), "debit 500")
      assert.deepStrictEqual(cash.periods.map((period) => [period.period, text(period.debit), text(period.credit), text(period.yearToDateDebit), text(period.yearToDateCredit), balance(period)]), [
        ["2026-03", "2860", "2854.96", "2860", "2854.96", "debit 505.04"],
        ["2026-04", "0", "300", "2860", "3154.96", "debit 205.04"]
      ])
      const fund = ledger.accounts.find((account) => account.code === "4001")!
      assert.deepStrictEqual(fund.periods.map((period) => [text(period.yearToDateDebit), text(period.yearToDateCredit), balance(period)]), [
        ["2864.96", "31672.34", "credit 41307.38"],
        ["3164.96", "31672.34", "credit 41007.38"]
      ])
      // Year-to-date = the sum of the periods' movements (the year starts in March here).
      for (const account of ledger.accounts) {
        const last = account.periods[account.periods.length - 1]!
        const debit = account.periods.reduce((sum, period) => sum.plus(period.debit), account.periods[0]!.debit.minus(account.periods[0]!.debit))
        assert.strictEqual(text(last.yearToDateDebit), text(debit), account.code)
      }
      assert.strictEqual(balance({ balance: ledger.accounts.find((account) => account.code === "6001")!.closing }), "flat 0")
    }))

  it.effect("detail ledger: running balance line by line ends at the closing balance, and pages join to the one-page ledger", () =>
    Effect.gen(function*() {
      const reports = yield* LedgerReports
      yield* setUpMess("rpt-detail")
      const whole = yield* reports.detailLedger(maker, "rpt-detail", { accountCode: "4001", from: march, to: april })
      assert.isNull(whole.nextCursor)
      const kinds = whole.rows.map((row) => row.kind)
      assert.deepStrictEqual(kinds, ["opening", ...Array(8).fill("line"), "periodTotal", "yearTotal", "line", "periodTotal", "yearTotal"])
      const lines = whole.rows.filter((row): row is Extract<LedgerRow, { kind: "line" }> => row.kind === "line")
      assert.deepStrictEqual(lines.map((row) => [row.date, row.voucher, balance(row)]), [
        ["2026-03-02", "記-2", "credit 11265.44"],
        ["2026-03-05", "記-3", "credit 41265.44"],
        ["2026-03-05", "記-4", "credit 42125.44"],
        ["2026-03-10", "記-5", "credit 40625.04"],
        ["2026-03-20", "記-6", "credit 40505.04"],
        ["2026-03-21", "記-7", "credit 40517.38"],
        ["2026-03-25", "記-10", "credit 41317.38"],
        ["2026-03-31", "記-8", "credit 41307.38"],
        ["2026-04-01", "記-1", "credit 41007.38"]
      ])
      const marchTotal = whole.rows[9] as TotalRow
      assert.deepStrictEqual([text(marchTotal.debit), text(marchTotal.credit), balance(marchTotal)], ["2864.96", "31672.34", "credit 41307.38"])
      const yearTotal = whole.rows[whole.rows.length - 1] as TotalRow
      assert.deepStrictEqual([text(yearTotal.debit), text(yearTotal.credit)], ["3164.96", "31672.34"])
      // The running balance after the last row is the closing balance of the range.
      assert.strictEqual(balance(yearTotal), balance({ balance: whole.closing }))

      // Read one, two and three lines at a time (pages break inside a date and between
      // dates): the pages always join to the same rows.
      for (const limit of [1, 2, 3]) {
        const paged: Array<LedgerRow> = []
        let cursor: string | undefined = undefined
        let pages = 0
        do {
          const page: DetailLedgerResult = yield* reports.detailLedger(maker, "rpt-detail", {
            accountCode: "4001",
            from: march,
            to: april,
            limit,
            ...(cursor === undefined ? {} : { cursor })
          })
          paged.push(...page.rows)
          cursor = page.nextCursor ?? undefined
          pages++
        } while (cursor !== undefined)
        assert.strictEqual(pages, Math.ceil(9 / limit), `limit ${limit}`)
        assert.deepStrictEqual(paged.map((row) => [row.kind, balance(row)]), whole.rows.map((row) => [row.kind, balance(row)]), `limit ${limit}`)
      }

      const damaged = yield* Effect.flip(reports.detailLedger(maker, "rpt-detail", { accountCode: "4001", cursor: "not-a-cursor" }))
      assert.strictEqual(damaged._tag, "ReportCursorInvalid")
      const first = yield* reports.detailLedger(maker, "rpt-detail", { accountCode: "4001", from: march, to: april, limit: 3 })
      const replayed = yield* Effect.flip(reports.detailLedger(maker, "rpt-detail", { accountCode: "1001", cursor: first.nextCursor! }))
      assert.strictEqual(replayed._tag, "ReportCursorInvalid")
      const missing = yield* Effect.flip(reports.detailLedger(maker, "rpt-detail", { accountCode: "9999" }))
      assert.strictEqual(missing._tag, "AccountNotFound")
      const backwards = yield* Effect.flip(reports.detailLedger(maker, "rpt-detail", { accountCode: "4001", from: april, to: march }))
      assert.strictEqual(backwards._tag, "ReportRangeInvalid")
      // Period 13 does not exist on this 12-period calendar, nor a year before the books.
      const thirteenth = yield* Effect.flip(reports.detailLedger(maker, "rpt-detail", { accountCode: "4001", from: march, to: { fiscalYear: march.fiscalYear, number: 13 } }))
      assert.strictEqual(thirteenth._tag, "PeriodInvalid")
      assert.strictEqual(thirteenth._tag === "PeriodInvalid" ? thirteenth.reason : undefined, "numberOutOfRange")
      const early = yield* Effect.flip(reports.accountBalances(maker, "rpt-detail", { from: { fiscalYear: march.fiscalYear - 1, number: 1 }, to: march }))
      assert.strictEqual(early._tag === "PeriodInvalid" ? early.reason : early._tag, "beforeCalendarStart")
    }))

  it.effect("cash and bank journals: lines by date with 本日合計, 本月合計 and 本年累計", () =>
    Effect.gen(function*() {
      const reports = yield* LedgerReports
      yield* setUpMess("rpt-journal")
      const cash = yield* reports.cashJournal(maker, "rpt-journal", { from: march, to: march })
      assert.strictEqual(cash.report, "cashJournal")
      assert.deepStrictEqual(cash.accounts.map((account) => account.code), ["1001"])
      const rows = cash.accounts[0]!.rows
      const dayTotals = rows.filter((row): row is Extract<LedgerRow, { kind: "dayTotal" }> => row.kind === "dayTotal")
      assert.deepStrictEqual(dayTotals.map((row) => [row.date, text(row.debit), text(row.credit), balance(row)]), [
        ["2026-03-02", "2000", "1234.56", "debit 1265.44"],
        ["2026-03-05", "860", "0", "debit 2125.44"],
        ["2026-03-10", "0", "1500.4", "debit 625.04"],
        ["2026-03-20", "0", "120", "debit 505.04"]
      ])
      const monthTotal = rows.find((row) => row.kind === "periodTotal") as TotalRow
      assert.deepStrictEqual([text(monthTotal.debit), text(monthTotal.credit), balance(monthTotal)], ["2860", "2854.96", "debit 505.04"])
      // Daily totals add up to the month's.
      const dailyDebit = dayTotals.reduce((sum, row) => sum.plus(row.debit), monthTotal.debit.minus(monthTotal.debit))
      assert.strictEqual(text(dailyDebit), text(monthTotal.debit))
      assert.strictEqual(rows[0]!.kind, "opening")
      assert.strictEqual(balance(rows[0]!), "debit 500")

      const bank = yield* reports.bankJournal(maker, "rpt-journal", { from: march, to: march })
      const bankRows = bank.accounts[0]!.rows
      assert.deepStrictEqual(bankRows.filter((row) => row.kind === "dayTotal").map((row) => (row as { date: string }).date), [
        "2026-03-02",
        "2026-03-05",
        "2026-03-21",
        "2026-03-25",
        "2026-03-31"
      ])
      assert.strictEqual(balance(bankRows[bankRows.length - 1]!), "debit 40802.34")
      assert.strictEqual(balance({ balance: bank.accounts[0]!.closing }), "debit 40802.34")

      const notCash = yield* Effect.flip(reports.cashJournal(maker, "rpt-journal", { accountCode: "1002" }))
      assert.strictEqual(notCash._tag, "JournalAccountInvalid")
    }))

  it.effect("voucher list pages in book order and print data writes the total in Chinese capitals", () =>
    Effect.gen(function*() {
      const reports = yield* LedgerReports
      const { posted } = yield* setUpMess("rpt-vouchers")
      const first = yield* reports.voucherList(maker, "rpt-vouchers", { from: march, to: march, limit: 4 })
      assert.deepStrictEqual(first.rows.map((row) => row.voucher), ["記-1", "記-2", "記-3", "記-4"])
      assert.isNotNull(first.nextCursor)
      const rest: Array<string> = [...first.rows.map((row) => row.voucher)]
      let cursor: string | null = first.nextCursor
      while (cursor !== null) {
        const page: VoucherListResult = yield* reports.voucherList(maker, "rpt-vouchers", { from: march, to: march, limit: 4, cursor })
        rest.push(...page.rows.map((row) => row.voucher))
        cursor = page.nextCursor
      }
      assert.strictEqual(rest.length, 10)
      assert.strictEqual(text(first.totals.debit), "34094.56")
      assert.strictEqual(first.rows[0]!.status, "posted")

      const [print] = yield* reports.voucherPrintData(maker, "rpt-vouchers", [posted[1]!.id])
      assert.strictEqual(print!.voucher, "記-2")
      assert.strictEqual(print!.title, "記賬憑證")
      assert.strictEqual(print!.amountInWords, "壹仟貳佰叁拾肆元伍角陸分")
      assert.deepStrictEqual(print!.lines.map((line) => [line.accountCode, line.accountName, text(line.debit), text(line.credit)]), [
        ["4001", "伙食費", "1234.56", "0"],
        ["1001", "庫存現金", "0", "1234.56"]
      ])
      assert.strictEqual(print!.makerId, "maker")
      assert.strictEqual(print!.auditorId, "checker")
      assert.strictEqual(print!.posterId, "checker")
      const [split] = yield* reports.voucherPrintData(maker, "rpt-vouchers", [posted[2]!.id], { linesPerPage: 1 })
      assert.strictEqual(split!.amountInWords, "叁萬元整")
      assert.deepStrictEqual(split!.pages.map((page) => page.numberLabel), ["記-3 1/2", "記-3 2/2"])
      const unknown = yield* Effect.flip(reports.voucherPrintData(maker, "rpt-vouchers", ["nope"]))
      assert.strictEqual(unknown._tag, "VoucherNotFound")
      const tooMany = yield* Effect.flip(reports.voucherPrintData(maker, "rpt-vouchers", Array.from({ length: 1_001 }, (_, index) => `V${index}`)))
      assert.deepStrictEqual(tooMany._tag === "ReportTooLarge" && [tooMany.unit, tooMany.maximum], ["vouchers", 1_000])
    }))

  it.effect("mess monthly statement: opening, income and expenditure by group, closing held as cash and bank", () =>
    Effect.gen(function*() {
      const reports = yield* LedgerReports
      yield* setUpMess("rpt-mess")
      const statement = yield* reports.messMonthlyStatement(maker, "rpt-mess", { period: march })
      assert.strictEqual(text(statement.opening), "12500")
      assert.deepStrictEqual(statement.income.groups.map((group) => [group.id, text(group.amount), group.lines.length]), [
        ["grainSubsidy", "800", 1],
        ["interest", "12.34", 1],
        ["officersMealFees", "860", 1],
        ["allocation", "30000", 1]
      ])
      assert.deepStrictEqual(statement.expenditure.groups.map((group) => [group.id, text(group.amount), group.lines.length]), [
        ["bankFees", "10", 1],
        ["refunds", "120", 1],
        ["foodPurchases", "2734.96", 2]
      ])
      assert.strictEqual(text(statement.income.total), "31672.34")
      assert.strictEqual(text(statement.expenditure.total), "2864.96")
      assert.strictEqual(text(statement.closing), "41307.38")
      assert.strictEqual(text(statement.cashOnHand), "505.04")
      assert.strictEqual(text(statement.bankDeposits), "40802.34")
      assert.isTrue(statement.reconciled)
      assert.deepStrictEqual(statement.income.groups[0]!.lines[0]!.counterAccounts, ["6001"])
    }))

  it.effect("includes unposted vouchers only when asked", () =>
    Effect.gen(function*() {
      const reports = yield* LedgerReports
      yield* setUpMess("rpt-unposted")
      const posted = yield* reports.accountBalances(maker, "rpt-unposted", { from: april, to: april })
      const withDrafts = yield* reports.accountBalances(maker, "rpt-unposted", { from: april, to: april, includeUnposted: true })
      const cash = (table: typeof posted) => table.rows.find((row) => row.code === "1001")!
      assert.strictEqual(text(cash(posted).periodCredit), "300")
      assert.strictEqual(text(cash(withDrafts).periodCredit), "350")
      assert.isTrue(withDrafts.balanced)
      assert.isTrue(withDrafts.includeUnposted)
      const detail = yield* reports.detailLedger(maker, "rpt-unposted", { accountCode: "1001", from: april, to: april, includeUnposted: true })
      const lines = detail.rows.filter((row): row is Extract<LedgerRow, { kind: "line" }> => row.kind === "line")
      assert.deepStrictEqual(lines.map((row) => [row.status, balance(row)]), [["posted", "debit 205.04"], ["draft", "debit 155.04"]])
      assert.strictEqual(balance({ balance: detail.closing }), "debit 155.04")
    }))

  it.effect("flags closed periods on every report (第三十條)", () =>
    Effect.gen(function*() {
      const reports = yield* LedgerReports
      const periodEnd = yield* PeriodEndService
      yield* setUpMess("rpt-closed")
      yield* periodEnd.closePeriod(checker, "rpt-closed")
      const table = yield* reports.accountBalances(maker, "rpt-closed", { from: march, to: april })
      assert.deepStrictEqual(table.periods, [{ period: "2026-03", closed: true }, { period: "2026-04", closed: false }])
      assert.isFalse(table.closed)
      const marchOnly = yield* reports.accountBalances(maker, "rpt-closed", { from: march, to: march })
      assert.isTrue(marchOnly.closed)
      const general = yield* reports.generalLedger(maker, "rpt-closed", { from: march, to: april })
      assert.deepStrictEqual(general.accounts[0]!.periods.map((period) => period.closed), [true, false])
      const detail = yield* reports.detailLedger(maker, "rpt-closed", { accountCode: "1001", from: march, to: april })
      const closedFlags = detail.rows.flatMap((row) => (row.kind === "line" ? [[row.period, row.closed]] : []))
      assert.deepStrictEqual(closedFlags[0], ["2026-03", true])
      assert.deepStrictEqual(closedFlags[closedFlags.length - 1], ["2026-04", false])
      const statement = yield* reports.messMonthlyStatement(maker, "rpt-closed", { period: march })
      assert.isTrue(statement.closed)
      const list = yield* reports.voucherList(maker, "rpt-closed", { to: april })
      assert.deepStrictEqual([...new Set(list.rows.map((row) => `${row.period}:${row.closed}`))], ["2026-03:true", "2026-04:false"])
    }))

  it.effect("balance sheet balances and the income statement shows the month's profit (small-enterprise chart)", () =>
    Effect.gen(function*() {
      const reports = yield* LedgerReports
      yield* setUpCompany("rpt-statements")
      const sheet = yield* reports.balanceSheet(maker, "rpt-statements", { to: january })
      assert.strictEqual(sheet.template, "smallEnterprise.balanceSheet")
      assert.isTrue(sheet.balanced)
      assert.deepStrictEqual(sheet.missingAccounts, [])
      const value = (id: string, column = "closing") => text(sheet.rows.find((row) => row.id === id)!.values[column]!)
      assert.strictEqual(value("cash"), "101760")
      assert.strictEqual(value("accountsReceivable"), "5650")
      assert.strictEqual(value("inventories"), "2000")
      assert.strictEqual(value("totalAssets"), "109410")
      assert.strictEqual(value("taxesPayable"), "910")
      assert.strictEqual(value("undistributedProfit"), "8500")
      assert.strictEqual(value("totalLiabilitiesAndEquity"), "109410")
      assert.strictEqual(value("totalAssets", "yearOpening"), "100000")
      assert.strictEqual(value("totalLiabilitiesAndEquity", "yearOpening"), "100000")
      assert.isNull(sheet.rows.find((row) => row.id === "currentAssetsHeading")!.values["closing"])

      const income = yield* reports.incomeStatement(maker, "rpt-statements", { to: january })
      const figure = (id: string, column = "period") => text(income.rows.find((row) => row.id === id)!.values[column]!)
      assert.strictEqual(figure("revenue"), "15000")
      assert.strictEqual(figure("costOfSales"), "6000")
      assert.strictEqual(figure("administrativeExpenses"), "500")
      assert.strictEqual(figure("operatingProfit"), "8500")
      assert.strictEqual(figure("netProfit"), "8500")
      assert.strictEqual(figure("netProfit", "yearToDate"), "8500")
      assert.isNull(income.balanced)

      const bad = yield* Effect.flip(reports.financialStatement(maker, "rpt-statements", {
        template: { id: "bad", name: "bad", kind: "custom", columns: [{ id: "c", label: "c", basis: "asIs" }], lines: [{ id: "x", label: "x", formula: "ACCT(\"1001\", \"closing\"" }] }
      }))
      assert.strictEqual(bad._tag, "FormulaInvalid")
    }))

  it.effect("every report needs ledger.report.read in the account set's organisation", () =>
    Effect.gen(function*() {
      const reports = yield* LedgerReports
      yield* setUpMess("rpt-permission")
      const nobody = actor("nobody")
      const denied = yield* Effect.flip(reports.accountBalances(nobody, "rpt-permission"))
      assert.strictEqual(denied._tag, "PermissionDenied")
      const foreign = yield* Effect.flip(reports.messMonthlyStatement(outsider, "rpt-permission"))
      assert.deepStrictEqual({ ...foreign }, { ...new AccountSetNotFound({ accountSet: "rpt-permission" }) })
      const viewer = actor("viewer", "viewer")
      const allowed = yield* reports.generalLedger(viewer, "rpt-permission")
      assert.strictEqual(allowed.to, "2026-04")
      const missing = yield* Effect.flip(reports.voucherList(maker, "no-such-set"))
      assert.strictEqual(missing._tag, "AccountSetNotFound")
    }))
}, () => ledgerSqlLayer())
