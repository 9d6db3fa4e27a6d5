// Proves the pure period-end rules without a database: the first open period; which
// account plays current-year profit, retained earnings, prior-year adjustment and
// exchange gain/loss in each shipped chart; that the carry-forward plan reverses every
// P&L balance (prior-year adjustments to retained earnings) and balances; that the FX
// revaluation plan rounds half-up and books differences to gain/loss; what a year close
// carries; that the seal text is canonical; that renumbering yields 1..n per word; and
// that each rule's typed errors come in the documented order.
import { assert, describe, it } from "@effect/vitest"
import { Either } from "effect"
import * as fc from "fast-check"
import type { Dec, LocalDate } from "@danju/core"
import { Dec as Decimal, FiscalCalendar } from "@danju/core"
import type { Account } from "../../src/domain/Account"
import { Account as AccountClass } from "../../src/domain/Account"
import { AccountSet } from "../../src/domain/AccountSet"
import { AccountSetCode } from "../../src/domain/ids"
import type { NumberedVoucher } from "../../src/domain/PeriodEnd"
import {
  balanceRowDifferences,
  balancesBetween,
  dimensionsOfKey,
  expectedCarryRows,
  findSpecialAccount,
  firstOpenPeriod,
  planProfitAndLossCarryForward,
  planRenumbering,
  planRevaluation,
  profitAndLossAccountsWithBalance,
  resolveSpecialAccount,
  sealText
} from "../../src/domain/PeriodEnd"
import { chartTemplates, materializeChart, optionsOf } from "../../src/domain/templates"
import type { BalanceMovement } from "../../src/domain/TrialBalance"
import type { VoucherInput } from "../../src/domain/Voucher"

const dec = (text: string): Dec => new Decimal(text)
const zero = dec("0")

const accountSet = (changes: Partial<ConstructorParameters<typeof AccountSet>[0]> = {}) =>
  new AccountSet({
    id: "S1",
    code: AccountSetCode.make("books"),
    organisationId: "org-1",
    name: "books",
    baseCurrency: "CNY",
    currencyScale: 2,
    codeScheme: [4, 2, 2, 2],
    calendar: FiscalCalendar.natural(2026),
    startPeriod: { fiscalYear: 2026, number: 1 },
    status: "enabled",
    options: optionsOf(chartTemplates.enterprise),
    template: null,
    lastClosedYear: null,
    lastClosedPeriod: null,
    createdAt: 0,
    ...changes
  })

const account = (code: string, name: string, category: Account["category"], direction: Account["direction"], extra: Partial<Account> = {}): Account =>
  AccountClass.make({
    code: code as Account["code"],
    name,
    parentCode: (code.length > 4 ? code.slice(0, code.length - 2) : null) as Account["parentCode"],
    level: code.length > 4 ? 2 : 1,
    category,
    direction,
    dimensionTypes: [],
    quantityUnit: null,
    foreignCurrency: null,
    revalue: false,
    isCash: false,
    isBank: false,
    disabled: false,
    leaf: true,
    ...extra
  })

const row = (accountCode: string, period: number, debit: string, credit: string, extra: Partial<BalanceMovement> = {}): BalanceMovement => ({
  accountCode,
  dimensionKey: "",
  fiscalYear: 2026,
  period,
  commodity: "CNY",
  debit: dec(debit),
  credit: dec(credit),
  ...extra
})

const enterprise = materializeChart(chartTemplates.enterprise)
const date = "2026-03-31" as LocalDate
const march = { fiscalYear: 2026, number: 3 }

const amountsOf = (input: VoucherInput) =>
  input.lines.map((line) => [line.accountCode, line.debit?.toString() ?? "", line.credit?.toString() ?? ""])

describe("firstOpenPeriod", () => {
  it("is the start period until a period closes, then the period after the last closed", () => {
    assert.deepStrictEqual(firstOpenPeriod(accountSet({ startPeriod: { fiscalYear: 2026, number: 3 } })), { fiscalYear: 2026, number: 3 })
    assert.deepStrictEqual(firstOpenPeriod(accountSet({ lastClosedPeriod: { fiscalYear: 2026, number: 12 } })), { fiscalYear: 2027, number: 1 })
  })
})

describe("findSpecialAccount", () => {
  it("finds the special accounts of every shipped chart by code and name", () => {
    assert.strictEqual(findSpecialAccount(enterprise, "currentYearProfit")?.code, "4103")
    assert.strictEqual(findSpecialAccount(enterprise, "retainedEarnings")?.code, "410415")
    assert.strictEqual(findSpecialAccount(enterprise, "priorYearAdjustment")?.code, "6901")
    assert.strictEqual(findSpecialAccount(enterprise, "exchangeGainLoss")?.code, "660302")
    const small = materializeChart(chartTemplates.smallEnterprise)
    assert.strictEqual(findSpecialAccount(small, "currentYearProfit")?.code, "3103")
    assert.strictEqual(findSpecialAccount(small, "exchangeGainLoss")?.code, "560302")
    assert.strictEqual(findSpecialAccount(materializeChart(chartTemplates.messHall), "currentYearProfit")?.code, "4001")
  })

  it("falls back to the one account with the conventional name and never guesses between two", () => {
    const own = [account("3131", "本年利潤", "equity", "credit"), account("6001", "收入", "profitAndLoss", "credit")]
    assert.strictEqual(findSpecialAccount(own, "currentYearProfit")?.code, "3131")
    const twice = [...own, account("3132", "本年利润", "equity", "credit")]
    assert.isUndefined(findSpecialAccount(twice, "currentYearProfit"))
    assert.isUndefined(findSpecialAccount(twice, "exchangeGainLoss"))
  })

  it("prefers the special account of the template the account set was created from", () => {
    const renamed = materializeChart(chartTemplates.messHall).map((entry) => (entry.code === "4001" ? AccountClass.make({ ...entry, name: "伙食費結餘" }) : entry))
    assert.isUndefined(findSpecialAccount(renamed, "currentYearProfit"))
    assert.strictEqual(findSpecialAccount(renamed, "currentYearProfit", "messHall")?.code, "4001")
  })

  it("takes an explicit code only when it is a leaf of the chart", () => {
    assert.strictEqual(Either.getOrThrow(resolveSpecialAccount(enterprise, "currentYearProfit", "4103")).code, "4103")
    const parent = resolveSpecialAccount(enterprise, "retainedEarnings", "4104")
    assert.deepStrictEqual(Either.isLeft(parent) && [parent.left._tag, parent.left.accountCode], ["SpecialAccountUnresolved", "4104"])
    const none = resolveSpecialAccount([], "exchangeGainLoss", undefined)
    assert.isTrue(Either.isLeft(none) && none.left.message.includes("name one explicitly"))
  })
})

describe("planProfitAndLossCarryForward", () => {
  const spec = (rows: ReadonlyArray<BalanceMovement>, accounts: ReadonlyArray<Account> = enterprise) => ({
    accountSet: accountSet(),
    period: march,
    accounts,
    rows,
    word: "記",
    date,
    summary: "結轉本期損益"
  })

  it("reverses income and expenses into 本年利潤 and prior-year adjustments into 未分配利潤", () => {
    const rows = [
      row("6001", 3, "0", "1000.00"), // income, credit balance 1000
      row("6601", 3, "300.00", "0"), // expense, debit balance 300
      row("6601", 2, "50.00", "50.00"), // netted out in February
      row("6901", 3, "80.00", "0"), // prior-year adjustment (a loss)
      row("1002", 3, "700.00", "0") // balance sheet: untouched
    ]
    const input = Either.getOrThrow(planProfitAndLossCarryForward(spec(rows)))
    assert.deepStrictEqual(amountsOf(input), [
      ["6001", "1000", ""],
      ["6601", "", "300"],
      ["6901", "", "80"],
      ["4103", "300", ""],
      ["4103", "", "1000"],
      ["410415", "80", ""]
    ])
    assert.strictEqual(input.date, date)
  })

  it("moves what earlier periods left, keeps dimension sets apart and carries quantities", () => {
    const accounts = [
      account("4103", "本年利潤", "equity", "credit"),
      account("6001", "收入", "profitAndLoss", "credit", { dimensionTypes: ["department"] }),
      account("6051", "其他收入", "profitAndLoss", "credit", { quantityUnit: "kg" })
    ]
    const rows = [
      row("6001", 1, "0", "10.00", { dimensionKey: "department=D1" }),
      row("6001", 3, "0", "5.00", { dimensionKey: "department=D2" }),
      row("6051", 3, "0", "20.00"),
      row("6051", 3, "0", "4", { commodity: "qty" })
    ]
    const input = Either.getOrThrow(planProfitAndLossCarryForward(spec(rows, accounts)))
    assert.deepStrictEqual(input.lines.map((line) => [line.accountCode, line.dimensions, line.debit?.toString(), line.quantity?.toString()]), [
      ["6001", { department: "D1" }, "10", undefined],
      ["6001", { department: "D2" }, "5", undefined],
      ["6051", undefined, "20", "4"],
      ["4103", undefined, undefined, undefined]
    ])
  })

  it("fails with NothingToCarryForward, then SpecialAccountUnresolved, in that order", () => {
    const nothing = planProfitAndLossCarryForward(spec([row("6001", 3, "10.00", "10.00")], []))
    assert.strictEqual(Either.isLeft(nothing) && nothing.left._tag, "NothingToCarryForward")
    const noTarget = planProfitAndLossCarryForward(spec([row("6001", 3, "0", "10.00")], [account("6001", "收入", "profitAndLoss", "credit")]))
    assert.deepStrictEqual(Either.isLeft(noTarget) && [noTarget.left._tag, noTarget.left.message],
      ["SpecialAccountUnresolved", "the chart has no current-year profit (本年利潤) account; name one explicitly"])
  })

  it.prop("zeroes every P&L account and balances, whatever the balances", [
    fc.array(fc.tuple(fc.constantFrom("6001", "6051", "6401", "6601", "6711", "6901"), fc.integer({ min: 1, max: 3 }), fc.integer({ min: -99999, max: 99999 })), { maxLength: 12 })
  ], ([movements]) => {
    const rows = movements.map(([code, period, cents]) => {
      const amount = dec(String(cents)).dividedBy(100)
      return amount.isNegative() ? row(code, period, "0", amount.negated().toString()) : row(code, period, amount.toString(), "0")
    })
    const result = planProfitAndLossCarryForward(spec(rows))
    const before = balancesBetween(rows, 202600, 202603)
    if (before.length === 0) {
      assert.isTrue(Either.isLeft(result))
      return
    }
    const input = Either.getOrThrow(result)
    const applied = [...rows, ...input.lines.map((line) => row(line.accountCode, 3, (line.debit ?? zero).toString(), (line.credit ?? zero).toString()))]
    const after = balancesBetween(applied, 202600, 202603)
    assert.deepStrictEqual(after.filter((entry) => entry.accountCode.startsWith("6")), [])
    const debit = input.lines.reduce((sum, line) => sum.plus(line.debit ?? zero), zero)
    const credit = input.lines.reduce((sum, line) => sum.plus(line.credit ?? zero), zero)
    assert.strictEqual(debit.toString(), credit.toString())
  }, { fastCheck: { numRuns: 200 } })
})

describe("planRevaluation", () => {
  const accounts = [
    account("1002", "銀行存款", "asset", "debit", { leaf: false }),
    account("100201", "美元戶", "asset", "debit", { foreignCurrency: "USD", revalue: true, isBank: true }),
    account("100202", "歐元戶", "asset", "debit", { foreignCurrency: "EUR", revalue: true, isBank: true }),
    account("100203", "港元戶（不調匯）", "asset", "debit", { foreignCurrency: "HKD" }),
    account("6603", "財務費用", "profitAndLoss", "debit", { leaf: false }),
    account("660302", "匯兌損益", "profitAndLoss", "debit")
  ]
  const usd = [row("100201", 3, "7000.00", "0"), row("100201", 3, "1000", "0", { commodity: "USD" })]
  const spec = (rows: ReadonlyArray<BalanceMovement>, rates: Record<string, Dec>) => ({
    accountSet: accountSet(),
    period: march,
    accounts,
    rows,
    rates,
    word: "記",
    date,
    summary: "期末調匯"
  })

  it("books foreign balance × rate − book balance, rounded half-up, against 匯兌損益", () => {
    const plan = Either.getOrThrow(planRevaluation(spec(usd, { USD: dec("7.100005") })))
    // 1000 × 7.100005 = 7100.005 → 7100.01 (half-up); 7100.01 − 7000 = 100.01, a gain.
    assert.deepStrictEqual(plan.adjustments.map((adjustment) => [adjustment.accountCode, adjustment.revaluedBalance.toString(), adjustment.difference.toString()]), [
      ["100201", "7100.01", "100.01"]
    ])
    assert.deepStrictEqual(amountsOf(plan.input), [["100201", "100.01", ""], ["660302", "", "100.01"]])
    const loss = Either.getOrThrow(planRevaluation(spec(usd, { USD: dec("6.9") })))
    assert.deepStrictEqual(amountsOf(loss.input), [["100201", "", "100"], ["660302", "100", ""]])
  })

  it("fails with ExchangeRateInvalid, then NothingToRevalue, then SpecialAccountUnresolved", () => {
    const missing = planRevaluation(spec(usd, {}))
    assert.deepStrictEqual(Either.isLeft(missing) && [missing.left._tag, missing.left.message], ["ExchangeRateInvalid", "no period-end exchange rate was given for USD"])
    const negative = planRevaluation(spec(usd, { USD: dec("-1") }))
    assert.isTrue(Either.isLeft(negative) && negative.left._tag === "ExchangeRateInvalid" && negative.left.reason === "notPositive")
    const nothing = planRevaluation(spec(usd, { USD: dec("7") }))
    assert.strictEqual(Either.isLeft(nothing) && nothing.left._tag, "NothingToRevalue")
    const noTarget = planRevaluation({ ...spec(usd, { USD: dec("7.2") }), accounts: accounts.filter((entry) => entry.code !== "660302") })
    assert.strictEqual(Either.isLeft(noTarget) && noTarget.left._tag, "SpecialAccountUnresolved")
  })

  it("needs no gain/loss line when the differences cancel out and skips accounts not flagged", () => {
    const rows = [
      ...usd,
      row("100202", 3, "7800.00", "0"),
      row("100202", 3, "1000", "0", { commodity: "EUR" }),
      row("100203", 3, "900.00", "0"),
      row("100203", 3, "1000", "0", { commodity: "HKD" })
    ]
    const plan = Either.getOrThrow(planRevaluation(spec(rows, { USD: dec("7.1"), EUR: dec("7.7") })))
    assert.deepStrictEqual(amountsOf(plan.input), [["100201", "100", ""], ["100202", "", "100"]])
  })
})

describe("year close rules", () => {
  const rows = [
    row("1002", 0, "500.00", "0"),
    row("1002", 5, "100.00", "40.00"),
    row("1122", 5, "30.00", "0", { dimensionKey: "customer=C1" }),
    row("1002", 5, "7", "0", { commodity: "USD" }),
    row("2202", 5, "0", "90.00", { dimensionKey: "supplier=S1" }),
    row("6001", 5, "0", "25.00"),
    row("4103", 6, "0", "0")
  ]

  it("carries every balance that is not profit and loss into period 0 of the next year", () => {
    const carried = expectedCarryRows({ accounts: enterprise }, 2026, rows)
    assert.deepStrictEqual(carried.map((entry) => [entry.accountCode, entry.dimensionKey, entry.fiscalYear, entry.period, entry.commodity, entry.debit.toString(), entry.credit.toString()]), [
      ["1002", "", 2027, 0, "CNY", "560", "0"],
      ["1002", "", 2027, 0, "USD", "7", "0"],
      ["1122", "customer=C1", 2027, 0, "CNY", "30", "0"],
      ["2202", "supplier=S1", 2027, 0, "CNY", "0", "90"]
    ])
    assert.deepStrictEqual(profitAndLossAccountsWithBalance(accountSet(), { accounts: enterprise }, 2026, rows), ["6001"])
  })

  it("compares maintained rows with expected ones, debit and credit apart, ignoring zero rows", () => {
    const expected = expectedCarryRows({ accounts: enterprise }, 2026, rows)
    assert.deepStrictEqual(balanceRowDifferences([...expected, row("1001", 0, "0", "0", { fiscalYear: 2027 })], expected), [])
    const tampered = expected.map((entry) => (entry.accountCode === "1122" ? { ...entry, debit: dec("31") } : entry))
    assert.deepStrictEqual(balanceRowDifferences(tampered, expected).map((difference) => [difference.accountCode, difference.maintainedDebit, difference.expectedDebit]), [
      ["1122", "31", "30"]
    ])
  })
})

describe("sealText", () => {
  it("is the same for the same rows in any order and changes with any amount", () => {
    const rows = [row("1002", 3, "1.50", "0"), row("6001", 3, "0", "2"), row("1001", 3, "0", "0"), row("1002", 4, "9", "0")]
    const text = sealText(march, rows)
    assert.strictEqual(text, "danju-ledger-period-seal-v1 202603\n1002\u001f\u001fCNY\u001f1.5\u001f0\n6001\u001f\u001fCNY\u001f0\u001f2")
    assert.strictEqual(sealText(march, [...rows].reverse()), text)
    assert.notStrictEqual(sealText(march, [row("1002", 3, "1.51", "0"), row("6001", 3, "0", "2")]), text)
  })

  it("parses dimension keys back into dimension records", () => {
    assert.deepStrictEqual(dimensionsOfKey("customer=C01;department=D1"), { customer: "C01", department: "D1" })
    assert.isUndefined(dimensionsOfKey(""))
  })
})

describe("planRenumbering", () => {
  const vouchers: ReadonlyArray<NumberedVoucher> = [
    { id: "a", word: "記", number: 1, date: "2026-03-09" as LocalDate, status: "draft" },
    { id: "b", word: "記", number: 3, date: "2026-03-02" as LocalDate, status: "posted" },
    { id: "c", word: "記", number: 4, date: "2026-03-09" as LocalDate, status: "audited" },
    { id: "d", word: "收", number: 2, date: "2026-03-01" as LocalDate, status: "draft" }
  ]

  it("numbers each word 1..n by date, ties in their current order", () => {
    const plan = Either.getOrThrow(planRenumbering(vouchers, "date"))
    assert.deepStrictEqual(plan.map((entry) => [entry.id, entry.word, entry.from, entry.to]), [
      ["d", "收", 2, 1],
      ["b", "記", 3, 1],
      ["a", "記", 1, 2],
      ["c", "記", 4, 3]
    ])
  })

  it("follows a given order and refuses unknown, duplicate and missing vouchers in that order", () => {
    const plan = Either.getOrThrow(planRenumbering(vouchers, ["c", "d", "a", "b"]))
    assert.deepStrictEqual(plan.map((entry) => [entry.id, entry.to]), [["c", 1], ["d", 1], ["a", 2], ["b", 3]])
    const reasons = [["x", "a"], ["a", "a"], ["a", "b", "c"]].map((order) => {
      const result = planRenumbering(vouchers, order)
      return Either.isLeft(result) ? [result.left.reason, result.left.voucherId] : []
    })
    assert.deepStrictEqual(reasons, [["unknown", "x"], ["duplicate", "a"], ["missing", "d"]])
  })

  it.prop("yields 1..n without gaps per word for any order", [
    fc.array(fc.tuple(fc.constantFrom("記", "收", "付"), fc.integer({ min: 1, max: 28 })), { maxLength: 30 }),
    fc.boolean()
  ], ([entries, byDate]) => {
    const all = entries.map(([word, day], index): NumberedVoucher => ({
      id: `v${index}`,
      word,
      number: index * 2 + 1,
      date: `2026-03-${String(day).padStart(2, "0")}` as LocalDate,
      status: "draft"
    }))
    const plan = Either.getOrThrow(planRenumbering(all, byDate ? "date" : [...all].reverse().map((voucher) => voucher.id)))
    for (const word of ["記", "收", "付"]) {
      const numbers = plan.filter((entry) => entry.word === word).map((entry) => entry.to).sort((left, right) => left - right)
      assert.deepStrictEqual(numbers, numbers.map((_, index) => index + 1))
    }
  }, { fastCheck: { numRuns: 200 } })
})
