// Proves validateVoucher's rules, one table row per typed error in the documented order,
// and that the order holds: a voucher with several problems reports the earliest rule.
// Pure: no database.
import { describe, expect, it } from "vitest"
import { Either, Schema } from "effect"
import { FiscalCalendar } from "@danju/core"
import { Account } from "../../src/domain/Account"
import { AccountSet, AccountSetOptions } from "../../src/domain/AccountSet"
import type { AccountCode, AccountSetCode } from "../../src/domain/ids"
import type { VoucherInputEncoded } from "../../src/domain/Voucher"
import { validateVoucher, VoucherInput } from "../../src/domain/Voucher"

const account = (code: string, fields: Partial<ConstructorParameters<typeof Account>[0]> = {}) =>
  Account.make({
    code: code as AccountCode,
    name: code,
    parentCode: null,
    level: 1,
    category: "asset",
    direction: "debit",
    dimensionTypes: [],
    quantityUnit: null,
    foreignCurrency: null,
    revalue: false,
    isCash: false,
    isBank: false,
    disabled: false,
    leaf: true,
    ...fields
  })

const chart = new Map([
  ["1001", account("1001", { isCash: true })],
  ["1002", account("1002", { isBank: true, leaf: false })],
  ["100201", account("100201", { isBank: true, parentCode: "1002" as AccountCode, level: 2 })],
  ["1122", account("1122", { dimensionTypes: ["customer"] })],
  ["1405", account("1405", { quantityUnit: "kg" })],
  ["1012", account("1012", { foreignCurrency: "USD", revalue: true })],
  ["1999", account("1999", { disabled: true })],
  ["4001", account("4001", { category: "equity", direction: "credit" })],
  ["6001", account("6001", { category: "profitAndLoss", direction: "credit" })]
])

const accountSet = (options: Partial<typeof AccountSetOptions.Encoded> = {}, fields: Partial<ConstructorParameters<typeof AccountSet>[0]> = {}) =>
  AccountSet.make({
    id: "S1",
    code: "test" as AccountSetCode,
    organisationId: "org",
    name: "test",
    baseCurrency: "CNY",
    currencyScale: 2,
    codeScheme: [4, 2],
    calendar: FiscalCalendar.make({ startYear: 2026, startMonth: 1, periodsPerYear: 12 }),
    startPeriod: { fiscalYear: 2026, number: 3 },
    status: "enabled",
    template: null,
    options: Schema.decodeUnknownSync(AccountSetOptions)(options),
    lastClosedYear: null,
    lastClosedPeriod: { fiscalYear: 2026, number: 3 },
    createdAt: 0,
    ...fields
  })

const customers = new Set(["C001"])
const validate = (input: VoucherInputEncoded, set = accountSet()) =>
  validateVoucher(
    { accountSet: set, account: (code) => chart.get(code), dimensionValueExists: (type, code) => type === "customer" && customers.has(code) },
    Schema.decodeUnknownSync(VoucherInput)(input)
  )

const ok: VoucherInputEncoded = {
  date: "2026-04-10",
  lines: [
    { summary: "收到投資", accountCode: "1001", debit: "100.00" },
    { summary: "收到投資", accountCode: "4001", credit: "100.00" }
  ]
}
const withLine = (index: number, changes: Record<string, unknown>): VoucherInputEncoded => ({
  ...ok,
  lines: ok.lines.map((line, at) => (at === index ? { ...line, ...changes } : line)) as VoucherInputEncoded["lines"]
})
const tagOf = (result: ReturnType<typeof validate>) => (Either.isLeft(result) ? result.left._tag : "ok")
const errorOf = (result: ReturnType<typeof validate>) => Either.getLeft(result).pipe((option) => (option._tag === "Some" ? option.value : undefined)) as Record<string, unknown> | undefined

describe("validateVoucher: one row per rule, in the documented order", () => {
  it.each<[string, VoucherInputEncoded, AccountSet | undefined, string, Record<string, unknown>]>([
    ["1 an account set that is still initializing", ok, accountSet({}, { status: "initializing" }), "AccountSetStatusInvalid", { required: "enabled" }],
    ["2 an unknown voucher word", { ...ok, word: "收" }, undefined, "VoucherWordUnknown", { word: "收" }],
    ["3 fewer than two lines", { ...ok, lines: [ok.lines[0]!] }, undefined, "VoucherLineCount", { count: 1 }],
    ["4 a date before the first period", { ...ok, date: "2026-02-28" }, accountSet({}, { lastClosedPeriod: null }), "VoucherDateBeforeStart", { startPeriod: "2026-03" }],
    ["5 a date in a closed period", { ...ok, date: "2026-03-15" }, undefined, "PeriodClosed", { period: "2026-03" }],
    ["6a a summary shorter than the minimum", withLine(0, { summary: "收" }), accountSet({ summaryLengthMin: 4 }), "SummaryTooShort", { line: 1, minimum: 4 }],
    ["6b an unknown account", withLine(1, { accountCode: "9999" }), undefined, "AccountNotFound", { line: 2, accountCode: "9999" }],
    ["6c a disabled account", withLine(0, { accountCode: "1999" }), undefined, "AccountDisabled", { line: 1 }],
    ["6d an account with sub-accounts", withLine(0, { accountCode: "1002" }), undefined, "AccountNotLeaf", { accountCode: "1002" }],
    ["6e a missing dimension", withLine(0, { accountCode: "1122" }), undefined, "DimensionInvalid", { reason: "missing", dimensionType: "customer" }],
    ["6e an unexpected dimension", withLine(0, { dimensions: { customer: "C001" } }), undefined, "DimensionInvalid", { reason: "unexpected" }],
    ["6e an unknown dimension value", withLine(0, { accountCode: "1122", dimensions: { customer: "C999" } }), undefined, "DimensionInvalid", { reason: "valueNotFound" }],
    ["6f both debit and credit", withLine(0, { credit: "5.00" }), undefined, "LineAmountInvalid", { reason: "bothSides" }],
    ["6f a zero amount", withLine(0, { debit: "0.00" }), undefined, "LineAmountInvalid", { reason: "zero" }],
    ["6f more decimals than the currency has", withLine(0, { debit: "100.001" }), undefined, "LineAmountInvalid", { reason: "scale", scale: 2 }],
    ["6g a quantity account without a quantity", withLine(0, { accountCode: "1405" }), undefined, "QuantityInvalid", { reason: "missing" }],
    ["6g a quantity on an account that keeps none", withLine(0, { quantity: "3" }), undefined, "QuantityInvalid", { reason: "unexpected" }],
    ["6h a foreign-currency account without currency", withLine(0, { accountCode: "1012" }), undefined, "ForeignCurrencyInvalid", { reason: "missing", expected: "USD" }],
    ["6h the wrong currency", withLine(0, { accountCode: "1012", currency: "EUR", exchangeRate: "7.00", originalAmount: "14.29" }), undefined, "ForeignCurrencyInvalid", { reason: "currencyMismatch" }],
    ["6h a non-positive rate", withLine(0, { accountCode: "1012", currency: "USD", exchangeRate: "0", originalAmount: "14.29" }), undefined, "ForeignCurrencyInvalid", { reason: "rate" }],
    ["6h original × rate ≠ amount", withLine(0, { accountCode: "1012", currency: "USD", exchangeRate: "7.00", originalAmount: "14.00" }), undefined, "ForeignCurrencyInvalid", { reason: "amountMismatch", expected: "98" }],
    ["6h currency fields on a plain account", withLine(0, { currency: "USD" }), undefined, "ForeignCurrencyInvalid", { reason: "unexpected" }],
    ["7 a voucher whose total is zero", { ...ok, lines: [{ summary: "沖", accountCode: "1001", debit: "5.00" }, { summary: "沖", accountCode: "1001", debit: "-5.00" }] }, undefined, "VoucherTotalZero", {}],
    ["8 debits different from credits", withLine(1, { credit: "99.99" }), undefined, "VoucherUnbalanced", { debit: "100", credit: "99.99", difference: "0.01" }],
    ["9 a 收 voucher that debits no cash or bank", { ...ok, word: "收", lines: [{ summary: "收入", accountCode: "4001", debit: "1.00" }, { summary: "收入", accountCode: "6001", credit: "1.00" }] }, accountSet({ voucherWords: ["收", "付", "轉"], wordRestrictions: true }), "VoucherWordRestricted", { rule: "debitCashOrBank" }],
    ["9 a 付 voucher that credits no cash or bank", { ...ok, word: "付", lines: [{ summary: "付款", accountCode: "1001", debit: "1.00" }, { summary: "付款", accountCode: "4001", credit: "1.00" }] }, accountSet({ voucherWords: ["收", "付", "轉"], wordRestrictions: true }), "VoucherWordRestricted", { rule: "creditCashOrBank" }],
    ["9 a 轉 voucher that touches cash", { ...ok, word: "轉" }, accountSet({ voucherWords: ["收", "付", "轉"], wordRestrictions: true }), "VoucherWordRestricted", { rule: "noCashOrBank" }]
  ])("refuses %s", (_name, input, set, tag, fields) => {
    const result = validate(input, set)
    expect(tagOf(result)).toBe(tag)
    expect(errorOf(result)).toMatchObject(fields)
  })

  it("accepts a valid voucher and resolves its period and totals", () => {
    const result = Either.getOrThrow(validate(ok))
    expect(result.period).toEqual({ fiscalYear: 2026, number: 4 })
    expect(result.total.toString()).toBe("100")
    expect(result.touchesCashOrBank).toBe(true)
  })

  it("accepts red-ink (negative) amounts, a foreign-currency line and a quantity line", () => {
    const result = validate({
      date: "2026-04-10",
      lines: [
        { summary: "紅字沖銷", accountCode: "1001", debit: "-10.00" },
        { summary: "外幣存款", accountCode: "1012", debit: "98.00", currency: "USD", exchangeRate: "7.00", originalAmount: "14.00" },
        { summary: "入庫大米", accountCode: "1405", debit: "12.00", quantity: "3" },
        { summary: "收到投資", accountCode: "4001", credit: "100.00" }
      ]
    })
    expect(tagOf(result)).toBe("ok")
  })

  it.each<[string, VoucherInputEncoded, string]>([
    ["line count before a closed period", { ...ok, date: "2026-03-01", lines: [ok.lines[0]!] }, "VoucherLineCount"],
    ["a closed period before an unknown account", { ...withLine(0, { accountCode: "9999" }), date: "2026-03-01" }, "PeriodClosed"],
    ["an unknown account before an unbalanced total", withLine(0, { accountCode: "9999", debit: "1.00" }), "AccountNotFound"],
    ["the first bad line before a later one", { ...ok, lines: [{ ...ok.lines[0]!, accountCode: "1999" }, { ...ok.lines[1]!, accountCode: "9999" }] }, "AccountDisabled"],
    ["a zero line before an unbalanced total", { ...ok, lines: [{ ...ok.lines[0]!, debit: "0" }, { ...ok.lines[1]!, credit: "5" }] }, "LineAmountInvalid"]
  ])("reports %s", (_name, input, tag) => {
    expect(tagOf(validate(input))).toBe(tag)
  })
})
