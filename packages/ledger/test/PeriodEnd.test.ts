// Proves the period-end procedures end to end on every dialect: the P&L carry-forward
// makes one voucher that, once audited and posted, zeroes every P&L account (prior-year
// adjustments into retained earnings); FX revaluation books exchange differences at
// period-end rates; closing a period seals it and the voucher rules then refuse it until
// it is reopened; seals detect tampering; a year close carries balance-sheet balances
// into the next year's opening and can be reversed while nothing later is posted;
// renumbering yields 1..n and the audit log keeps the old numbers. Every typed error
// has a row, in the documented order.
import { assert } from "@effect/vitest"
import { Effect } from "effect"
import * as fc from "fast-check"
import type { Period } from "@danju/core"
import { AuditLog } from "@danju/core"
import { describeEachDialect } from "@danju/core/testing"
import { AccountSetCode } from "../src/domain/ids"
import type { VoucherInput } from "../src/domain/Voucher"
import { LedgerRepo } from "../src/LedgerRepo"
import type { AccountInput } from "../src/LedgerService"
import { LedgerService } from "../src/LedgerService"
import { PeriodEndService } from "../src/PeriodEndService"
import { ledgerSqlLayer } from "../src/storage/index"
import { administrator, cashier, checker, dec, maker, messAccounts, migrations, voucher } from "./support"

const companyAccounts: ReadonlyArray<AccountInput> = [
  { code: "1001", name: "庫存現金", category: "asset", direction: "debit", isCash: true },
  { code: "1002", name: "銀行存款", category: "asset", direction: "debit", isBank: true },
  { code: "100201", name: "工行人民幣戶", isBank: true },
  { code: "100202", name: "中行美元戶", isBank: true, foreignCurrency: "USD", revalue: true },
  { code: "1122", name: "應收賬款", category: "asset", direction: "debit", dimensionTypes: ["customer"] },
  { code: "4001", name: "實收資本", category: "equity", direction: "credit" },
  { code: "4103", name: "本年利潤", category: "equity", direction: "credit" },
  { code: "4104", name: "利潤分配", category: "equity", direction: "credit" },
  { code: "410415", name: "未分配利潤" },
  { code: "6001", name: "主營業務收入", category: "profitAndLoss", direction: "credit" },
  { code: "6601", name: "銷售費用", category: "profitAndLoss", direction: "debit" },
  { code: "6603", name: "財務費用", category: "profitAndLoss", direction: "debit" },
  { code: "660302", name: "匯兌損益" },
  { code: "6901", name: "以前年度損益調整", category: "profitAndLoss", direction: "debit" }
]

const march: Period = { fiscalYear: 2026, number: 3 }
const april: Period = { fiscalYear: 2026, number: 4 }

let setCounter = 0
const freshCode = (prefix: string) => `${prefix}-${++setCounter}`

const setUpCompany = (code: string, startPeriod: Period = march, options: Record<string, unknown> = {}) =>
  Effect.gen(function*() {
    const ledger = yield* LedgerService
    yield* ledger.createAccountSet(administrator, {
      code: AccountSetCode.make(code),
      name: "測試公司",
      startPeriod,
      options,
      accounts: companyAccounts
    })
    yield* ledger.addDimensionValues(administrator, code, [{ type: "customer", code: "C01", name: "客戶一", disabled: false }])
    yield* ledger.setOpeningBalances(administrator, code, [
      { accountCode: "100201", balance: dec("100000.00") },
      { accountCode: "4001", balance: dec("100000.00") }
    ])
    yield* ledger.enableAccountSet(administrator, code)
  })

const line = (summary: string, accountCode: string, side: "debit" | "credit", amount: string, extra: Record<string, unknown> = {}) => ({
  summary,
  accountCode,
  [side]: amount,
  ...extra
})

const sale = (date: string, amount: string) =>
  voucher({ date, lines: [line("銷售商品", "1122", "debit", amount, { dimensions: { customer: "C01" } }), line("銷售商品", "6001", "credit", amount)] })
const expense = (date: string, amount: string) =>
  voucher({ date, lines: [line("支付廣告費", "6601", "debit", amount), line("支付廣告費", "100201", "credit", amount)] })
const priorYearLoss = (date: string, amount: string) =>
  voucher({ date, lines: [line("調整上年少計費用", "6901", "debit", amount), line("調整上年少計費用", "100201", "credit", amount)] })
const usdDeposit = (date: string) =>
  voucher({
    date,
    lines: [
      line("購入美元", "100202", "debit", "7000.00", { currency: "USD", exchangeRate: "7", originalAmount: "1000" }),
      line("購入美元", "100201", "credit", "7000.00")
    ]
  })

/** Makes, audits and posts vouchers: the maker makes them, the checker audits and posts. */
const postAll = (code: string, inputs: ReadonlyArray<VoucherInput>) =>
  Effect.gen(function*() {
    const ledger = yield* LedgerService
    const made = yield* ledger.recordVouchers(maker, code, inputs)
    yield* ledger.auditVouchers(checker, code, made.map((entry) => entry.id))
    return yield* ledger.postVouchers(checker, code, made.map((entry) => entry.id))
  })

const closingOf = (code: string, accountCode: string, period: Period, commodity?: string) =>
  Effect.gen(function*() {
    const ledger = yield* LedgerService
    const report = yield* ledger.trialBalance(maker, code, { to: period, ...(commodity === undefined ? {} : { commodity }) })
    const row = report.rows.find((entry) => entry.code === accountCode)
    return row === undefined ? "0" : row.closingDebit.minus(row.closingCredit).toString()
  })

const auditRecords = (code: string, action: string) =>
  Effect.gen(function*() {
    const ledger = yield* LedgerService
    const auditLog = yield* AuditLog
    const accountSet = yield* ledger.getAccountSet(administrator, code)
    const records = yield* auditLog.read({ scope: `ledger:${accountSet.id}`, limit: 1000 })
    return records.filter((record) => record.action === action)
  })

const tagOf = <A, E extends { readonly _tag: string }, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.map(Effect.flip(effect), (error) => error._tag)

describeEachDialect("PeriodEndService", migrations, (it) => {
  it.effect("carries profit and loss forward into one voucher that zeroes every P&L account once posted", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      const periodEnd = yield* PeriodEndService
      const code = freshCode("carry")
      yield* setUpCompany(code)
      yield* postAll(code, [sale("2026-03-05", "1000.00"), expense("2026-03-10", "300.00"), priorYearLoss("2026-03-12", "80.00")])
      const made = yield* periodEnd.carryForwardProfitAndLoss(maker, code, { period: march })
      assert.strictEqual(made.status, "draft")
      assert.strictEqual(made.date, "2026-03-31")
      assert.deepStrictEqual(made.lines.map((entry) => [entry.accountCode, entry.debit.toString(), entry.credit.toString(), entry.summary]), [
        ["6001", "1000", "0", "結轉本期損益"],
        ["6601", "0", "300", "結轉本期損益"],
        ["6901", "0", "80", "結轉本期損益"],
        ["4103", "300", "0", "結轉本期損益"],
        ["4103", "0", "1000", "結轉本期損益"],
        ["410415", "80", "0", "結轉本期損益"]
      ])
      // Audited and posted like any other voucher.
      yield* ledger.auditVouchers(checker, code, [made.id])
      yield* ledger.postVouchers(checker, code, [made.id])
      for (const accountCode of ["6001", "6601", "6901"]) assert.strictEqual(yield* closingOf(code, accountCode, march), "0")
      assert.strictEqual(yield* closingOf(code, "4103", march), "-700")
      assert.strictEqual(yield* closingOf(code, "410415", march), "80")
      assert.isTrue((yield* ledger.trialBalance(maker, code, { to: march })).balanced)
      assert.strictEqual((yield* auditRecords(code, "carryForwardProfitAndLoss")).length, 1)
      // Done: a second run finds nothing left.
      assert.strictEqual(yield* tagOf(periodEnd.carryForwardProfitAndLoss(maker, code, { period: march })), "NothingToCarryForward")
    }))

  it.effect("refuses a carry-forward with each typed error in the documented order", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      const periodEnd = yield* PeriodEndService
      const code = freshCode("carry-errors")
      yield* setUpCompany(code)
      const rows: Array<[string, string]> = []
      rows.push(["cashier may not make vouchers", yield* tagOf(periodEnd.carryForwardProfitAndLoss(cashier, code, { period: march }))])
      rows.push(["a period the calendar lacks", yield* tagOf(periodEnd.carryForwardProfitAndLoss(maker, code, { period: { fiscalYear: 2026, number: 13 } }))])
      rows.push(["no P&L balance", yield* tagOf(periodEnd.carryForwardProfitAndLoss(maker, code, { period: march }))])
      const [draft] = yield* ledger.recordVouchers(maker, code, [sale("2026-03-05", "10.00")])
      const unposted = yield* Effect.flip(periodEnd.carryForwardProfitAndLoss(maker, code, { period: march }))
      assert.deepStrictEqual(unposted._tag === "UnpostedVouchersRemain" && [unposted.voucherIds, unposted.count], [[draft!.id], 1])
      rows.push(["a draft remains", unposted._tag])
      yield* ledger.auditVouchers(checker, code, [draft!.id])
      yield* ledger.postVouchers(checker, code, [draft!.id])
      rows.push(["target is not a leaf", yield* tagOf(periodEnd.carryForwardProfitAndLoss(maker, code, { period: march, currentYearProfit: "4104" }))])
      yield* periodEnd.closePeriod(checker, code)
      rows.push(["closed period", yield* tagOf(periodEnd.carryForwardProfitAndLoss(maker, code, { period: march }))])
      assert.deepStrictEqual(rows, [
        ["cashier may not make vouchers", "PermissionDenied"],
        ["a period the calendar lacks", "PeriodInvalid"],
        ["no P&L balance", "NothingToCarryForward"],
        ["a draft remains", "UnpostedVouchersRemain"],
        ["target is not a leaf", "SpecialAccountUnresolved"],
        ["closed period", "PeriodClosed"]
      ])
    }))

  it.effect("carries the mess hall's grain subsidy into the mess fund", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      const periodEnd = yield* PeriodEndService
      const code = freshCode("mess")
      yield* ledger.createAccountSet(administrator, {
        code: AccountSetCode.make(code),
        name: "三連伙食賬",
        codeScheme: [4, 2, 2],
        startPeriod: march,
        options: { summaryLengthMin: 4 },
        accounts: messAccounts
      })
      yield* ledger.enableAccountSet(administrator, code)
      yield* postAll(code, [voucher({ date: "2026-03-08", lines: [line("收軍糧差價補貼", "1002", "debit", "640.00"), line("收軍糧差價補貼", "6001", "credit", "640.00")] })])
      const made = yield* periodEnd.carryForwardProfitAndLoss(maker, code, { period: march })
      assert.deepStrictEqual(made.lines.map((entry) => [entry.accountCode, entry.debit.toString(), entry.credit.toString()]), [["6001", "640", "0"], ["4001", "0", "640"]])
    }))

  it.effect("revalues foreign currency at period-end rates into 匯兌損益 and keeps the foreign balance", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      const periodEnd = yield* PeriodEndService
      const code = freshCode("fx")
      yield* setUpCompany(code)
      yield* postAll(code, [usdDeposit("2026-03-02")])
      const rows: Array<[string, string]> = []
      rows.push(["no rate for USD", yield* tagOf(periodEnd.revalueForeignCurrency(maker, code, { period: march, rates: {} }))])
      rows.push(["a rate of zero", yield* tagOf(periodEnd.revalueForeignCurrency(maker, code, { period: march, rates: { USD: dec("0") } }))])
      rows.push(["the rate of the books", yield* tagOf(periodEnd.revalueForeignCurrency(maker, code, { period: march, rates: { USD: dec("7") } }))])
      rows.push(["no gain/loss account", yield* tagOf(periodEnd.revalueForeignCurrency(maker, code, { period: march, rates: { USD: dec("7.1") }, exchangeGainLoss: "6603" }))])
      assert.deepStrictEqual(rows, [
        ["no rate for USD", "ExchangeRateInvalid"],
        ["a rate of zero", "ExchangeRateInvalid"],
        ["the rate of the books", "NothingToRevalue"],
        ["no gain/loss account", "SpecialAccountUnresolved"]
      ])
      const { adjustments, voucher: made } = yield* periodEnd.revalueForeignCurrency(maker, code, { period: march, rates: { USD: dec("7.1") } })
      assert.deepStrictEqual(adjustments.map((entry) => [entry.accountCode, entry.foreignBalance.toString(), entry.bookBalance.toString(), entry.difference.toString()]), [
        ["100202", "1000", "7000", "100"]
      ])
      assert.deepStrictEqual(
        made.lines.map((entry) => [entry.accountCode, entry.debit.toString(), entry.credit.toString(), entry.currency, entry.exchangeRate?.toString(), entry.originalAmount?.toString()]),
        [["100202", "100", "0", "USD", "7.1", "0"], ["660302", "0", "100", null, undefined, undefined]]
      )
      yield* ledger.auditVouchers(checker, code, [made.id])
      yield* ledger.postVouchers(checker, code, [made.id])
      assert.strictEqual(yield* closingOf(code, "100202", march), "7100")
      assert.strictEqual(yield* closingOf(code, "100202", march, "USD"), "1000")
      assert.strictEqual(yield* closingOf(code, "660302", march), "-100")
      assert.strictEqual(yield* tagOf(periodEnd.revalueForeignCurrency(maker, code, { period: march, rates: { USD: dec("7.1") } })), "NothingToRevalue")
      // The foreign rows (with the revaluation's zero original amount) agree with a recomputation.
      const closed = yield* periodEnd.closePeriod(checker, code)
      assert.strictEqual(closed.sealHash.length, 64)
    }))

  it.effect("closes a period with a seal; the voucher rules then refuse it until it is reopened", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      const periodEnd = yield* PeriodEndService
      const code = freshCode("close")
      yield* setUpCompany(code)
      const [posted] = yield* postAll(code, [sale("2026-03-05", "500.00")])
      const closed = yield* periodEnd.closePeriod(checker, code)
      assert.deepStrictEqual(closed.period, march)
      assert.strictEqual(closed.closedBy, "checker")
      assert.deepStrictEqual((yield* ledger.getAccountSet(maker, code)).lastClosedPeriod, march)
      const refused = [
        yield* tagOf(ledger.createVoucher(maker, code, sale("2026-03-20", "1.00"))),
        yield* tagOf(ledger.auditVouchers(checker, code, [posted!.id])),
        yield* tagOf(ledger.postVouchers(checker, code, [posted!.id])),
        yield* tagOf(ledger.unpostVouchers(administrator, code, [posted!.id])),
        yield* tagOf(ledger.reverseVoucher(maker, code, posted!.id, sale("2026-03-31", "1.00").date))
      ]
      assert.deepStrictEqual(refused, ["PeriodClosed", "PeriodClosed", "PeriodClosed", "PeriodClosed", "PeriodClosed"])
      // The next period is open.
      yield* ledger.createVoucher(maker, code, sale("2026-04-02", "1.00"))
      assert.deepStrictEqual((yield* periodEnd.verifySeals(maker, code)).problems, [])

      const reopened = yield* periodEnd.reopenPeriod(administrator, code)
      assert.deepStrictEqual(reopened, { period: march, lastClosedPeriod: null })
      const [unposted] = yield* ledger.unpostVouchers(administrator, code, [posted!.id])
      assert.strictEqual(unposted!.status, "audited")
      const seals = yield* periodEnd.verifySeals(maker, code)
      assert.strictEqual(seals.sealedPeriods, 0)
      const [record] = yield* auditRecords(code, "reopen")
      assert.deepStrictEqual((record!.payload as { sealHash: string }).sealHash, closed.sealHash)
    }))

  it.effect("refuses to close with each typed error in the documented order", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      const periodEnd = yield* PeriodEndService
      const repo = yield* LedgerRepo
      const code = freshCode("close-errors")
      yield* setUpCompany(code)
      const rows: Array<[string, string]> = []
      rows.push(["the maker may not close", yield* tagOf(periodEnd.closePeriod(maker, code))])
      const notNext = yield* Effect.flip(periodEnd.closePeriod(checker, code, { period: april }))
      rows.push(["April before March", notNext._tag])
      assert.strictEqual(notNext.message, "period 2026-04 cannot be closed: the next period to close is 2026-03")
      const made = yield* ledger.recordVouchers(maker, code, [sale("2026-03-05", "10.00"), expense("2026-03-06", "4.00")])
      yield* ledger.auditVouchers(checker, code, [made[0]!.id])
      const unposted = yield* Effect.flip(periodEnd.closePeriod(checker, code))
      assert.deepStrictEqual(unposted._tag === "UnpostedVouchersRemain" && [unposted.voucherIds, unposted.count], [made.map((entry) => entry.id), 2])
      rows.push(["vouchers not posted", unposted._tag])
      yield* ledger.auditVouchers(checker, code, [made[1]!.id])
      yield* ledger.postVouchers(checker, code, made.map((entry) => entry.id))
      // A balance row changed behind the service's back.
      const accountSet = yield* ledger.getAccountSet(administrator, code)
      yield* repo.applyBalanceDeltas(accountSet.id, [{ accountCode: "6601", dimensionKey: "", fiscalYear: 2026, period: 3, commodity: "CNY", debit: dec("0.01"), credit: dec("0") }])
      const mismatch = yield* Effect.flip(periodEnd.closePeriod(checker, code))
      assert.deepStrictEqual(mismatch._tag === "PeriodBalancesMismatch" && [mismatch.accountCode, mismatch.maintainedDebit, mismatch.expectedDebit], ["6601", "4.01", "4"])
      rows.push(["ledgers disagree", mismatch._tag])
      assert.deepStrictEqual(rows, [
        ["the maker may not close", "PermissionDenied"],
        ["April before March", "PeriodNotNextToClose"],
        ["vouchers not posted", "UnpostedVouchersRemain"],
        ["ledgers disagree", "PeriodBalancesMismatch"]
      ])
    }))

  it.effect("detects a balance row altered after the close through its seal", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      const periodEnd = yield* PeriodEndService
      const repo = yield* LedgerRepo
      const code = freshCode("tamper")
      yield* setUpCompany(code)
      yield* postAll(code, [sale("2026-03-05", "500.00")])
      const closed = yield* periodEnd.closePeriod(checker, code)
      const accountSet = yield* ledger.getAccountSet(administrator, code)
      yield* repo.applyBalanceDeltas(accountSet.id, [{ accountCode: "6001", dimensionKey: "", fiscalYear: 2026, period: 3, commodity: "CNY", debit: dec("0"), credit: dec("100") }])
      const report = yield* periodEnd.verify(maker, code)
      assert.deepStrictEqual(report.seals.problems.map((problem) => [problem.period, problem.problem, problem.sealedHash]), [["2026-03", "hashMismatch", closed.sealHash]])
    }))

  it.effect("reopens only the latest closed period, with the permission, and logs it", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      const periodEnd = yield* PeriodEndService
      const code = freshCode("reopen")
      yield* setUpCompany(code)
      const nothing = yield* Effect.flip(periodEnd.reopenPeriod(administrator, code))
      assert.strictEqual(nothing.message, `account set ${code} has no closed period to reopen`)
      yield* periodEnd.closePeriod(checker, code)
      yield* periodEnd.closePeriod(checker, code)
      assert.strictEqual(yield* tagOf(periodEnd.reopenPeriod(checker, code)), "PermissionDenied")
      const reopened = yield* periodEnd.reopenPeriod(administrator, code)
      assert.deepStrictEqual(reopened, { period: april, lastClosedPeriod: march })
      assert.deepStrictEqual((yield* ledger.getAccountSet(maker, code)).lastClosedPeriod, march)
      const seals = yield* periodEnd.verifySeals(maker, code)
      assert.deepStrictEqual([seals.sealedPeriods, seals.problems], [1, []])
      assert.deepStrictEqual((yield* auditRecords(code, "close")).length, 2)
      assert.deepStrictEqual((yield* auditRecords(code, "reopen")).map((record) => record.actor), ["admin"])
      assert.deepStrictEqual([nothing._tag], ["NothingToReopen"])
    }))

  it.effect("closes a year: next year's opening equals this year's closing, and reverses while nothing later is posted", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      const periodEnd = yield* PeriodEndService
      const code = freshCode("year")
      const november: Period = { fiscalYear: 2026, number: 11 }
      const december: Period = { fiscalYear: 2026, number: 12 }
      const january: Period = { fiscalYear: 2027, number: 1 }
      yield* setUpCompany(code, november)
      yield* postAll(code, [sale("2026-11-05", "1000.00"), expense("2026-11-10", "300.00"), usdDeposit("2026-11-12"), sale("2026-12-03", "200.00")])
      const rows: Array<[string, string]> = []
      rows.push(["the maker may not close a year", yield* tagOf(periodEnd.closeYear(maker, code, { fiscalYear: 2026 }))])
      rows.push(["2027 before 2026", yield* tagOf(periodEnd.closeYear(checker, code, { fiscalYear: 2027 }))])
      const carried = yield* periodEnd.carryForwardProfitAndLoss(maker, code, { period: november })
      yield* ledger.auditVouchers(checker, code, [carried.id])
      yield* ledger.postVouchers(checker, code, [carried.id])
      yield* periodEnd.closePeriod(checker, code)
      const open = yield* Effect.flip(periodEnd.closeYear(checker, code, { fiscalYear: 2026 }))
      assert.strictEqual(open.message, "fiscal year 2026 cannot be closed: period 2026-12 is still open")
      rows.push(["December is open", open._tag])
      yield* periodEnd.closePeriod(checker, code)
      const profit = yield* Effect.flip(periodEnd.closeYear(checker, code, { fiscalYear: 2026 }))
      assert.deepStrictEqual(profit._tag === "ProfitAndLossNotZero" && [profit.accountCodes, profit.count], [["6001"], 1])
      rows.push(["December's income is not carried", profit._tag])
      assert.deepStrictEqual(rows, [
        ["the maker may not close a year", "PermissionDenied"],
        ["2027 before 2026", "YearNotNextToClose"],
        ["December is open", "YearHasOpenPeriods"],
        ["December's income is not carried", "ProfitAndLossNotZero"]
      ])
      // December's carry-forward has to happen in an open December.
      yield* periodEnd.reopenPeriod(administrator, code)
      const december2 = yield* periodEnd.carryForwardProfitAndLoss(maker, code, { period: december })
      yield* ledger.auditVouchers(checker, code, [december2.id])
      yield* ledger.postVouchers(checker, code, [december2.id])
      yield* periodEnd.closePeriod(checker, code)

      const before = yield* ledger.trialBalance(maker, code, { from: november, to: december })
      const closedYear = yield* periodEnd.closeYear(checker, code, { fiscalYear: 2026 })
      assert.strictEqual(closedYear.fiscalYear, 2026)
      assert.strictEqual((yield* ledger.getAccountSet(maker, code)).lastClosedYear, 2026)
      const opening = yield* ledger.trialBalance(maker, code, { from: january, to: january })
      const closing = new Map(before.rows.map((row) => [row.code, [row.closingDebit.toString(), row.closingCredit.toString()]]))
      const balanceSheet = before.rows.filter((row) => !row.code.startsWith("6") && !(row.closingDebit.isZero() && row.closingCredit.isZero()))
      assert.isAbove(balanceSheet.length, 4)
      for (const row of opening.rows) assert.deepStrictEqual([row.code, row.openingDebit.toString(), row.openingCredit.toString()], [row.code, ...closing.get(row.code)!])
      assert.deepStrictEqual(opening.rows.map((row) => row.code).sort(), balanceSheet.map((row) => row.code).sort())
      assert.isTrue(opening.balanced)
      assert.strictEqual(yield* closingOf(code, "100202", january, "USD"), "1000")
      assert.strictEqual(yield* closingOf(code, "4103", january), "-900")
      assert.deepStrictEqual((yield* periodEnd.verifyCarries(maker, code)).differences, [])
      // The ledger's own verify checks the carried rows too (with foreign-currency rows).
      assert.deepStrictEqual((yield* ledger.verify(administrator, code)).differences, [])

      // Reopening December needs the year reopened first; the year reopens while 2027 has nothing posted.
      assert.strictEqual(yield* tagOf(periodEnd.reopenPeriod(administrator, code)), "YearClosed")
      assert.deepStrictEqual(yield* periodEnd.reopenYear(administrator, code), { fiscalYear: 2026, lastClosedYear: null })
      assert.strictEqual(yield* tagOf(periodEnd.reopenYear(administrator, code)), "NothingToReopen")
      yield* periodEnd.closeYear(checker, code, { fiscalYear: 2026 })
      yield* postAll(code, [expense("2027-01-05", "1.00")])
      const posted = yield* Effect.flip(periodEnd.reopenYear(administrator, code))
      assert.deepStrictEqual(posted._tag === "YearHasPostedVouchers" && [posted.fiscalYear, posted.count], [2026, 1])
      assert.strictEqual(yield* tagOf(periodEnd.closeYear(checker, code, { fiscalYear: 2026 })), "YearNotNextToClose")
    }))

  it.effect("renumbers a period 1..n by date or a given order; the audit log keeps the old numbers", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      const periodEnd = yield* PeriodEndService
      const code = freshCode("renumber")
      yield* setUpCompany(code)
      const made = yield* ledger.recordVouchers(maker, code, [
        sale("2026-03-20", "1.00"),
        sale("2026-03-05", "2.00"),
        sale("2026-03-20", "3.00"),
        sale("2026-03-01", "4.00")
      ])
      const ids = made.map((entry) => entry.id)
      const plan = yield* periodEnd.renumberVouchers(checker, code, { period: march, order: "date" })
      assert.deepStrictEqual(plan.map((entry) => [entry.id, entry.from, entry.to]), [[ids[3], 4, 1], [ids[1], 2, 2], [ids[0], 1, 3], [ids[2], 3, 4]])
      const numbers = (yield* ledger.getVouchers(maker, code, ids)).map((entry) => entry.number)
      assert.deepStrictEqual(numbers, [3, 2, 4, 1])
      const logged = yield* auditRecords(code, "renumber")
      assert.deepStrictEqual(
        logged.map((record) => [record.aggregateId, (record.payload as { from: number; to: number }).from, (record.payload as { to: number }).to]).sort(),
        [[ids[0], 1, 3], [ids[2], 3, 4], [ids[3], 4, 1]].sort()
      )
      // The counter continues at n + 1.
      assert.strictEqual((yield* ledger.createVoucher(maker, code, sale("2026-03-25", "5.00"))).number, 5)

      const rows: Array<[string, string]> = []
      rows.push(["the maker may not renumber", yield* tagOf(periodEnd.renumberVouchers(maker, code, { period: march, order: "date" }))])
      rows.push(["an order leaving one out", yield* tagOf(periodEnd.renumberVouchers(checker, code, { period: march, order: ids }))])
      yield* ledger.auditVouchers(checker, code, [ids[0]!])
      yield* ledger.postVouchers(checker, code, [ids[0]!])
      const all = (yield* ledger.listVouchers(maker, code, { limit: 10 })).map((entry) => entry.id)
      const postedFirst = [ids[0]!, ...all.filter((id) => id !== ids[0])]
      const forbidden = yield* Effect.flip(periodEnd.renumberVouchers(checker, code, { period: march, order: postedFirst }))
      assert.deepStrictEqual(forbidden._tag === "RenumberPostedForbidden" && forbidden.voucherIds, [ids[0]!])
      rows.push(["a posted voucher would move", forbidden._tag])
      assert.deepStrictEqual(rows, [
        ["the maker may not renumber", "PermissionDenied"],
        ["an order leaving one out", "RenumberOrderInvalid"],
        ["a posted voucher would move", "RenumberPostedForbidden"]
      ])
      // Unposted vouchers move around a posted one that keeps its number.
      const keep = all.filter((id) => id !== ids[0]).reverse()
      const postedNumber = (yield* ledger.getVouchers(maker, code, [ids[0]!]))[0]!.number
      const order = [...keep.slice(0, postedNumber - 1), ids[0]!, ...keep.slice(postedNumber - 1)]
      const moved = yield* periodEnd.renumberVouchers(checker, code, { period: march, order })
      assert.deepStrictEqual(moved.map((entry) => entry.to), [1, 2, 3, 4, 5])
    }))

  it.effect("renumbers posted vouchers when the account set allows it, and never a closed period", () =>
    Effect.gen(function*() {
      const periodEnd = yield* PeriodEndService
      const code = freshCode("renumber-posted")
      yield* setUpCompany(code, march, { allowRenumberPosted: true })
      yield* postAll(code, [sale("2026-03-20", "1.00"), sale("2026-03-05", "2.00")])
      const plan = yield* periodEnd.renumberVouchers(checker, code, { period: march, word: "記", order: "date" })
      assert.deepStrictEqual(plan.map((entry) => [entry.from, entry.to, entry.status]), [[2, 1, "posted"], [1, 2, "posted"]])
      yield* periodEnd.closePeriod(checker, code)
      assert.strictEqual(yield* tagOf(periodEnd.renumberVouchers(checker, code, { period: march, order: "date" })), "PeriodClosed")
    }))

  const amounts = fc.array(fc.tuple(fc.constantFrom("sale", "expense", "priorYear"), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 9_999_999 })), { minLength: 1, maxLength: 6 })
  const inputsOf = (entries: ReadonlyArray<readonly [string, number, number]>) =>
    entries.map(([kind, day, cents]) => {
      const date = `2026-03-${String(day).padStart(2, "0")}`
      const amount = dec(String(cents)).dividedBy(100).toString()
      return kind === "sale" ? sale(date, amount) : kind === "expense" ? expense(date, amount) : priorYearLoss(date, amount)
    })
  const snapshot = (code: string) =>
    Effect.map(Effect.flatMap(LedgerService, (ledger) => ledger.trialBalance(maker, code, { to: april })), (report) =>
      report.rows.map((row) => [row.code, row.openingDebit.toString(), row.periodDebit.toString(), row.periodCredit.toString(), row.closingDebit.toString(), row.closingCredit.toString()]))

  it.effect.prop("closing then reopening leaves every balance unchanged", [amounts], ([entries]) =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      const periodEnd = yield* PeriodEndService
      const code = freshCode("close-reopen")
      yield* setUpCompany(code)
      yield* postAll(code, inputsOf(entries))
      const before = yield* snapshot(code)
      yield* periodEnd.closePeriod(checker, code)
      yield* periodEnd.closePeriod(checker, code)
      yield* periodEnd.reopenPeriod(administrator, code)
      yield* periodEnd.reopenPeriod(administrator, code)
      assert.deepStrictEqual(yield* snapshot(code), before)
      assert.deepStrictEqual((yield* ledger.verify(administrator, code)).differences, [])
      assert.deepStrictEqual((yield* periodEnd.verifySeals(maker, code)).problems, [])
    }), { fastCheck: { numRuns: 8 } })

  it.effect.prop("carry-forward then posting zeroes every P&L account", [amounts], ([entries]) =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      const periodEnd = yield* PeriodEndService
      const code = freshCode("carry-prop")
      yield* setUpCompany(code)
      yield* postAll(code, inputsOf(entries))
      const made = yield* periodEnd.carryForwardProfitAndLoss(maker, code, { period: march })
      yield* ledger.auditVouchers(checker, code, [made.id])
      yield* ledger.postVouchers(checker, code, [made.id])
      const report = yield* ledger.trialBalance(maker, code, { to: march })
      assert.isTrue(report.balanced)
      assert.deepStrictEqual(report.rows.filter((row) => row.code.startsWith("6") && !row.closingDebit.minus(row.closingCredit).isZero()).map((row) => row.code), [])
    }), { fastCheck: { numRuns: 8 } })
}, () => ledgerSqlLayer())

