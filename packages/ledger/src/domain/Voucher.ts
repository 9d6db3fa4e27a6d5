import { Either, Schema } from "effect"
import type { Dec, LocalDate, Period } from "@danju/core"
import { DecimalFromString, decimalToString, FiscalCalendar, LocalDateFromInput, Limits, Period as PeriodOps } from "@danju/core"
import type { Account } from "./Account"
import type { AccountSet } from "./AccountSet"
import {
  AccountDisabled,
  AccountNotFound,
  AccountNotLeaf,
  AccountSetStatusInvalid,
  DimensionInvalid,
  ForeignCurrencyInvalid,
  LineAmountInvalid,
  PeriodClosed,
  QuantityInvalid,
  SummaryTooShort,
  VoucherDateBeforeStart,
  VoucherLineCount,
  VoucherTotalZero,
  VoucherUnbalanced,
  VoucherWordRestricted,
  VoucherWordUnknown
} from "./errors"

/**
 * A voucher line as a caller enters it. Amounts are decimal strings; exactly one of
 * `debit` and `credit` is non-zero (negative amounts are red ink).
 *
 * @since 0.1.0
 */
export const VoucherLineInput = Schema.Struct({
  summary: Schema.String.pipe(Schema.maxLength(Limits.textLengthMax)),
  accountCode: Schema.String.pipe(Schema.maxLength(Limits.codeLengthMax)),
  /** Dimension type → dimension value code, for accounts with auxiliary accounting. */
  dimensions: Schema.optional(
    Schema.Record({ key: Schema.String.pipe(Schema.maxLength(40)), value: Schema.String.pipe(Schema.maxLength(Limits.codeLengthMax)) })
  ),
  debit: Schema.optional(DecimalFromString),
  credit: Schema.optional(DecimalFromString),
  /** Quantity, for quantity accounts; signed like the amount. */
  quantity: Schema.optional(DecimalFromString),
  /** Foreign currency of the line, for foreign-currency accounts. */
  currency: Schema.optional(Schema.String.pipe(Schema.pattern(/^[A-Z]{3}$/))),
  exchangeRate: Schema.optional(DecimalFromString),
  /** Amount in the foreign currency; amount = round(original × rate). */
  originalAmount: Schema.optional(DecimalFromString),
  /**
   * The commodity of the amount when it is not the base currency (journals imported
   * from plain-text accounting that hold several commodities balance per commodity).
   */
  commodity: Schema.optional(Schema.String.pipe(Schema.minLength(1), Schema.maxLength(32)))
})
/** @since 0.1.0 */
export type VoucherLineInput = typeof VoucherLineInput.Type

/**
 * A voucher as a caller enters it.
 *
 * @since 0.1.0
 */
export const VoucherInput = Schema.Struct({
  /** Voucher word; the account set's first word when omitted. */
  word: Schema.optional(Schema.String.pipe(Schema.maxLength(8))),
  date: LocalDateFromInput,
  attachments: Schema.optionalWith(Schema.Int.pipe(Schema.between(0, 9999)), { default: () => 0 }),
  lines: Schema.Array(VoucherLineInput).pipe(Schema.maxItems(Limits.linesPerVoucherMax + 1))
})
/** @since 0.1.0 */
export type VoucherInput = typeof VoucherInput.Type
/** @since 0.1.0 */
export type VoucherInputEncoded = typeof VoucherInput.Encoded

/**
 * A validated line: everything resolved, amounts exact.
 *
 * @since 0.1.0
 */
export interface VoucherLine {
  readonly lineNumber: number
  readonly summary: string
  readonly accountCode: string
  /** Canonical `type=code` pairs joined by `;`, sorted by type; `""` without dimensions. */
  readonly dimensionKey: string
  readonly commodity: string
  readonly debit: Dec
  readonly credit: Dec
  readonly quantity: Dec | null
  readonly currency: string | null
  readonly exchangeRate: Dec | null
  readonly originalAmount: Dec | null
}

/**
 * A voucher that passed every rule, ready to be numbered and stored.
 *
 * @since 0.1.0
 */
export interface ValidatedVoucher {
  readonly word: string
  readonly date: LocalDate
  readonly period: Period
  readonly attachments: number
  readonly lines: ReadonlyArray<VoucherLine>
  /** Total debit in the base currency (equal to the total credit). */
  readonly total: Dec
  readonly touchesCashOrBank: boolean
}

/**
 * What validation needs to know about the books.
 *
 * @since 0.1.0
 */
export interface VoucherContext {
  readonly accountSet: AccountSet
  readonly account: (code: string) => Account | undefined
  /** True when the dimension value exists and is enabled. */
  readonly dimensionValueExists: (type: string, code: string) => boolean
}

/** @since 0.1.0 */
export type VoucherRuleError =
  | AccountSetStatusInvalid
  | VoucherWordUnknown
  | VoucherLineCount
  | VoucherDateBeforeStart
  | PeriodClosed
  | SummaryTooShort
  | AccountNotFound
  | AccountDisabled
  | AccountNotLeaf
  | DimensionInvalid
  | LineAmountInvalid
  | QuantityInvalid
  | ForeignCurrencyInvalid
  | VoucherTotalZero
  | VoucherUnbalanced
  | VoucherWordRestricted

/**
 * Canonical dimension key: `type=code` pairs sorted by type, joined by `;`.
 *
 * @since 0.1.0
 */
export const dimensionKeyOf = (dimensions: Readonly<Record<string, string>> | undefined): string => {
  if (dimensions === undefined) return ""
  const types = Object.keys(dimensions).sort()
  return types.map((type) => `${type}=${dimensions[type]}`).join(";")
}

/**
 * Whether a period is closed in an account set.
 *
 * @since 0.1.0
 */
export const isPeriodClosed = (accountSet: AccountSet, period: Period): boolean =>
  accountSet.lastClosedPeriod !== null && PeriodOps.compare(period, accountSet.lastClosedPeriod) <= 0

const scaleOf = (value: Dec): number => value.decimalPlaces()

/**
 * Checks a voucher against every rule, in this order, and stops at the first failure
 * (so a caller always sees the most basic problem first):
 *
 * 1. `AccountSetStatusInvalid` — the account set is not enabled
 * 2. `VoucherWordUnknown`
 * 3. `VoucherLineCount` — fewer than 2 or more than `Limits.linesPerVoucherMax` lines
 * 4. `VoucherDateBeforeStart`
 * 5. `PeriodClosed` — the date falls in a closed period
 * 6. per line, first line first: `SummaryTooShort` → `AccountNotFound` →
 *    `AccountDisabled` → `AccountNotLeaf` → `DimensionInvalid` (missing, unexpected,
 *    value not found) → `LineAmountInvalid` (both sides, zero, scale) →
 *    `QuantityInvalid` → `ForeignCurrencyInvalid`
 * 7. `VoucherTotalZero`
 * 8. `VoucherUnbalanced` — per commodity
 * 9. `VoucherWordRestricted` — when the account set restricts words
 *
 * Pure: the caller supplies the account set and chart lookups.
 *
 * @since 0.1.0
 */
export const validateVoucher = (
  context: VoucherContext,
  input: VoucherInput
): Either.Either<ValidatedVoucher, VoucherRuleError> => {
  const { accountSet } = context
  const options = accountSet.options
  if (accountSet.status !== "enabled") {
    return Either.left(new AccountSetStatusInvalid({ accountSet: accountSet.code, status: accountSet.status, required: "enabled" }))
  }
  const word = input.word ?? options.voucherWords[0]!
  if (!options.voucherWords.includes(word as never)) {
    return Either.left(new VoucherWordUnknown({ word, allowed: [...options.voucherWords] }))
  }
  if (input.lines.length < 2 || input.lines.length > Limits.linesPerVoucherMax) {
    return Either.left(new VoucherLineCount({ count: input.lines.length, minimum: 2, maximum: Limits.linesPerVoucherMax }))
  }
  const periodResult = FiscalCalendar.periodOf(accountSet.calendar, input.date)
  if (Either.isLeft(periodResult) || PeriodOps.compare(periodResult.right, accountSet.startPeriod) < 0) {
    return Either.left(new VoucherDateBeforeStart({ date: input.date, startPeriod: PeriodOps.format(accountSet.startPeriod) }))
  }
  const period = periodResult.right
  if (isPeriodClosed(accountSet, period)) {
    return Either.left(new PeriodClosed({ period: PeriodOps.format(period), lastClosedPeriod: PeriodOps.format(accountSet.lastClosedPeriod!) }))
  }

  const lines: Array<VoucherLine> = []
  const totals = new Map<string, { debit: Dec; credit: Dec }>()
  let touchesCashOrBank = false
  let debitsCashOrBank = false
  let creditsCashOrBank = false
  for (let index = 0; index < input.lines.length; index++) {
    const line = input.lines[index]!
    const lineNumber = index + 1
    const summaryLength = [...line.summary.trim()].length
    if (summaryLength < options.summaryLengthMin) {
      return Either.left(new SummaryTooShort({ line: lineNumber, length: summaryLength, minimum: options.summaryLengthMin }))
    }
    const account = context.account(line.accountCode)
    if (account === undefined) return Either.left(new AccountNotFound({ line: lineNumber, accountCode: line.accountCode }))
    if (account.disabled) return Either.left(new AccountDisabled({ line: lineNumber, accountCode: account.code }))
    if (!account.leaf) return Either.left(new AccountNotLeaf({ line: lineNumber, accountCode: account.code }))
    const dimensions = line.dimensions ?? {}
    for (const type of account.dimensionTypes) {
      const code = dimensions[type]
      if (code === undefined || code === "") {
        return Either.left(new DimensionInvalid({ line: lineNumber, accountCode: account.code, dimensionType: type, reason: "missing" }))
      }
    }
    for (const type of Object.keys(dimensions)) {
      if (!account.dimensionTypes.includes(type as never)) {
        return Either.left(new DimensionInvalid({ line: lineNumber, accountCode: account.code, dimensionType: type, reason: "unexpected" }))
      }
      if (!context.dimensionValueExists(type, dimensions[type]!)) {
        return Either.left(new DimensionInvalid({ line: lineNumber, accountCode: account.code, dimensionType: type, reason: "valueNotFound" }))
      }
    }
    const commodity = line.commodity ?? accountSet.baseCurrency
    const scale = commodity === accountSet.baseCurrency ? accountSet.currencyScale : Limits.amountScaleMax
    const debit = line.debit
    const credit = line.credit
    const debitSet = debit !== undefined && !debit.isZero()
    const creditSet = credit !== undefined && !credit.isZero()
    if (debitSet && creditSet) return Either.left(new LineAmountInvalid({ line: lineNumber, reason: "bothSides", scale }))
    if (!debitSet && !creditSet) return Either.left(new LineAmountInvalid({ line: lineNumber, reason: "zero", scale }))
    const amount = (debitSet ? debit : credit)!
    if (scaleOf(amount) > scale) return Either.left(new LineAmountInvalid({ line: lineNumber, reason: "scale", scale }))
    if (account.quantityUnit !== null && line.quantity === undefined) {
      return Either.left(new QuantityInvalid({ line: lineNumber, accountCode: account.code, reason: "missing" }))
    }
    if (account.quantityUnit === null && line.quantity !== undefined) {
      return Either.left(new QuantityInvalid({ line: lineNumber, accountCode: account.code, reason: "unexpected" }))
    }
    const foreign = line.currency !== undefined || line.exchangeRate !== undefined || line.originalAmount !== undefined
    if (account.foreignCurrency === null && foreign) {
      return Either.left(new ForeignCurrencyInvalid({ line: lineNumber, accountCode: account.code, reason: "unexpected", expected: "", actual: line.currency ?? "" }))
    }
    if (account.foreignCurrency !== null) {
      if (line.currency === undefined || line.exchangeRate === undefined || line.originalAmount === undefined) {
        return Either.left(new ForeignCurrencyInvalid({ line: lineNumber, accountCode: account.code, reason: "missing", expected: account.foreignCurrency, actual: "" }))
      }
      if (line.currency !== account.foreignCurrency) {
        return Either.left(new ForeignCurrencyInvalid({ line: lineNumber, accountCode: account.code, reason: "currencyMismatch", expected: account.foreignCurrency, actual: line.currency }))
      }
      if (!line.exchangeRate.greaterThan(0)) {
        return Either.left(new ForeignCurrencyInvalid({ line: lineNumber, accountCode: account.code, reason: "rate", expected: "", actual: decimalToString(line.exchangeRate) }))
      }
      const converted = line.originalAmount.times(line.exchangeRate).toDecimalPlaces(accountSet.currencyScale)
      if (!converted.equals(amount)) {
        return Either.left(new ForeignCurrencyInvalid({ line: lineNumber, accountCode: account.code, reason: "amountMismatch", expected: decimalToString(converted), actual: decimalToString(amount) }))
      }
    }
    const zero = amount.minus(amount)
    const total = totals.get(commodity) ?? { debit: zero, credit: zero }
    totals.set(commodity, debitSet ? { debit: total.debit.plus(amount), credit: total.credit } : { debit: total.debit, credit: total.credit.plus(amount) })
    const cashOrBank = account.isCash || account.isBank
    if (cashOrBank) {
      touchesCashOrBank = true
      if (debitSet) debitsCashOrBank = true
      else creditsCashOrBank = true
    }
    lines.push({
      lineNumber,
      summary: line.summary,
      accountCode: account.code,
      dimensionKey: dimensionKeyOf(line.dimensions),
      commodity,
      debit: debitSet ? amount : zero,
      credit: creditSet ? amount : zero,
      quantity: line.quantity ?? null,
      currency: line.currency ?? null,
      exchangeRate: line.exchangeRate ?? null,
      originalAmount: line.originalAmount ?? null
    })
  }
  const base = totals.get(accountSet.baseCurrency)
  const allZero = [...totals.values()].every((total) => total.debit.isZero() && total.credit.isZero())
  if (allZero) return Either.left(new VoucherTotalZero())
  for (const [commodity, total] of totals) {
    if (!total.debit.equals(total.credit)) {
      return Either.left(new VoucherUnbalanced({
        commodity,
        debit: decimalToString(total.debit),
        credit: decimalToString(total.credit),
        difference: decimalToString(total.debit.minus(total.credit))
      }))
    }
  }
  if (options.wordRestrictions) {
    if (word === "收" && !debitsCashOrBank) return Either.left(new VoucherWordRestricted({ word, rule: "debitCashOrBank" }))
    if (word === "付" && !creditsCashOrBank) return Either.left(new VoucherWordRestricted({ word, rule: "creditCashOrBank" }))
    if (word === "轉" && touchesCashOrBank) return Either.left(new VoucherWordRestricted({ word, rule: "noCashOrBank" }))
  }
  const firstLine = lines[0]!
  return Either.right({
    word,
    date: input.date,
    period,
    attachments: input.attachments,
    lines,
    total: base?.debit ?? firstLine.debit.minus(firstLine.debit),
    touchesCashOrBank
  })
}
