import type { Dec, Period } from "@danju/core"
import { Dec as Decimal, Period as PeriodOps } from "@danju/core"
import type { Account, BalanceDirection } from "../Account"
import type { AccountSet } from "../AccountSet"
import type { BalanceMovement } from "../TrialBalance"
import { openingBaseKey, periodKeyOf } from "../TrialBalance"
import { isPeriodClosed } from "../Voucher"

// Shared vocabulary of the report builders: balance sides (借/貸/平), period lists with
// the closed flag regulation 第三十條 asks for, and the per-account figures every
// balance-based report derives from the maintained balance rows.

/** Zero, shared by the builders (decimals are immutable). */
export const zero: Dec = new Decimal(0)

/**
 * The side a balance stands on: 借 (debit), 貸 (credit) or 平 (zero).
 *
 * @since 0.1.0
 */
export type BalanceSide = "debit" | "credit" | "flat"

/**
 * The printed labels of {@link BalanceSide} (the 方向 column of Chinese books).
 *
 * @since 0.1.0
 */
export const balanceSideLabel: Readonly<Record<BalanceSide, string>> = { debit: "借", credit: "貸", flat: "平" }

/**
 * A balance as the books print it: a side and a non-negative amount.
 *
 * @since 0.1.0
 */
export interface ReportBalance {
  readonly side: BalanceSide
  readonly amount: Dec
}

/**
 * The printed form of a signed balance (debit − credit): positive stands on the debit
 * side, negative on the credit side, zero is 平.
 *
 * @since 0.1.0
 */
export const balanceOf = (signed: Dec): ReportBalance =>
  signed.isZero()
    ? { side: "flat", amount: zero }
    : signed.isPositive()
    ? { side: "debit", amount: signed }
    : { side: "credit", amount: signed.negated() }

/**
 * A signed balance (debit − credit) split into the debit and credit columns.
 *
 * @since 0.1.0
 */
export const splitSigned = (signed: Dec): readonly [debit: Dec, credit: Dec] =>
  signed.isNegative() ? [zero, signed.negated()] : [signed, zero]

/**
 * A signed balance (debit − credit) expressed on an account's own direction: positive
 * when the balance stands on the side the account normally carries.
 *
 * @since 0.1.0
 */
export const onDirection = (signed: Dec, direction: BalanceDirection): Dec =>
  direction === "debit" ? signed : signed.negated()

/**
 * A period of a report with the closed flag (第三十條: queries show when data is closed).
 *
 * @since 0.1.0
 */
export interface ReportPeriod {
  readonly period: string
  readonly closed: boolean
}

/**
 * The periods from `from` to `to`, inclusive, in order.
 *
 * @since 0.1.0
 */
export const periodsBetween = (accountSet: AccountSet, from: Period, to: Period): Array<Period> => {
  const periods: Array<Period> = []
  let current = from
  while (PeriodOps.compare(current, to) <= 0) {
    periods.push(current)
    current = PeriodOps.next(accountSet.calendar, current)
  }
  return periods
}

/**
 * The report periods with their closed flags.
 *
 * @since 0.1.0
 */
export const reportPeriods = (accountSet: AccountSet, from: Period, to: Period): Array<ReportPeriod> =>
  periodsBetween(accountSet, from, to).map((period) => ({ period: PeriodOps.format(period), closed: isPeriodClosed(accountSet, period) }))

/**
 * What every report states about itself: the account set, the range, the commodity and
 * its scale (for rendering), whether unposted vouchers were included, and the closed
 * flags of the periods.
 *
 * @since 0.1.0
 */
export interface ReportHeader {
  readonly accountSet: string
  readonly accountSetName: string
  readonly commodity: string
  /** Digits after the point that amounts are printed with. */
  readonly scale: number
  readonly from: string
  readonly to: string
  readonly includeUnposted: boolean
  readonly periods: ReadonlyArray<ReportPeriod>
  /** True when every period of the range is closed. */
  readonly closed: boolean
}

/**
 * The common input of the balance-based report builders.
 *
 * @since 0.1.0
 */
export interface ReportRangeSpec {
  readonly accountSet: AccountSet
  readonly from: Period
  readonly to: Period
  readonly commodity: string
  readonly includeUnposted: boolean
}

/**
 * Builds the {@link ReportHeader} of a range.
 *
 * @since 0.1.0
 */
export const headerOf = (spec: ReportRangeSpec): ReportHeader => {
  const periods = reportPeriods(spec.accountSet, spec.from, spec.to)
  return {
    accountSet: spec.accountSet.code,
    accountSetName: spec.accountSet.name,
    commodity: spec.commodity,
    scale: spec.commodity === spec.accountSet.baseCurrency ? spec.accountSet.currencyScale : 0,
    from: PeriodOps.format(spec.from),
    to: PeriodOps.format(spec.to),
    includeUnposted: spec.includeUnposted,
    periods,
    closed: periods.every((period) => period.closed)
  }
}

/**
 * The figures of one account (or account × dimension set) over a range, all signed
 * debit − credit where they are balances.
 *
 * @since 0.1.0
 */
export interface Figures {
  /** Balance before the first period of the range. */
  readonly opening: Dec
  /** Debit movements within the range. */
  readonly debit: Dec
  /** Credit movements within the range. */
  readonly credit: Dec
  /** Balance at the start of the fiscal year of the last period. */
  readonly yearOpening: Dec
  /** Debit movements of the last period's fiscal year, up to and including it (本年累計). */
  readonly yearToDateDebit: Dec
  /** Credit movements of the last period's fiscal year, up to and including it. */
  readonly yearToDateCredit: Dec
  /** Balance after the last period. */
  readonly closing: Dec
}

/** Figures of nothing. @since 0.1.0 */
export const emptyFigures: Figures = {
  opening: zero,
  debit: zero,
  credit: zero,
  yearOpening: zero,
  yearToDateDebit: zero,
  yearToDateCredit: zero,
  closing: zero
}

/** Adds two sets of figures. @since 0.1.0 */
export const addFigures = (left: Figures, right: Figures): Figures => ({
  opening: left.opening.plus(right.opening),
  debit: left.debit.plus(right.debit),
  credit: left.credit.plus(right.credit),
  yearOpening: left.yearOpening.plus(right.yearOpening),
  yearToDateDebit: left.yearToDateDebit.plus(right.yearToDateDebit),
  yearToDateCredit: left.yearToDateCredit.plus(right.yearToDateCredit),
  closing: left.closing.plus(right.closing)
})

/** True when the figures hold nothing at all. @since 0.1.0 */
export const figuresEmpty = (figures: Figures): boolean =>
  figures.opening.isZero() && figures.debit.isZero() && figures.credit.isZero() && figures.yearOpening.isZero() &&
  figures.yearToDateDebit.isZero() && figures.yearToDateCredit.isZero() && figures.closing.isZero()

/**
 * Whether a balance row takes part when balances are accumulated from the base key.
 * Year-opening rows (period 0) of years after the base year are the carried closing
 * balances of the year before (written by the year close): counting them as well would
 * count that year twice, so only the base year's period 0 counts.
 *
 * @since 0.1.0
 */
export const countsFromBase = (row: Pick<BalanceMovement, "fiscalYear" | "period">, baseKey: number): boolean =>
  row.period !== 0 || row.fiscalYear * 100 === baseKey

/**
 * The figures of a range per key (an account code, or an account code and dimension
 * key), from balance rows that start at {@link openingBaseKey}. Rows `keyOf` maps to
 * `undefined` are skipped. Pure.
 *
 * @since 0.1.0
 */
export const computeFigures = (
  spec: Pick<ReportRangeSpec, "accountSet" | "from" | "to" | "commodity">,
  rows: ReadonlyArray<BalanceMovement>,
  keyOf: (row: BalanceMovement) => string | undefined
): Map<string, Figures> => {
  const baseKey = openingBaseKey(spec.accountSet, spec.from)
  const fromKey = periodKeyOf(spec.from)
  const toKey = periodKeyOf(spec.to)
  const yearStartKey = spec.to.fiscalYear * 100 + 1
  const figures = new Map<string, { -readonly [K in keyof Figures]: Dec }>()
  for (const row of rows) {
    if (row.commodity !== spec.commodity) continue
    const key = row.fiscalYear * 100 + row.period
    if (key < baseKey || key > toKey || !countsFromBase(row, baseKey)) continue
    const groupKey = keyOf(row)
    if (groupKey === undefined) continue
    let entry = figures.get(groupKey)
    if (entry === undefined) {
      entry = { ...emptyFigures }
      figures.set(groupKey, entry)
    }
    const signed = row.debit.minus(row.credit)
    entry.closing = entry.closing.plus(signed)
    if (key < fromKey) entry.opening = entry.opening.plus(signed)
    else if (row.period !== 0) {
      entry.debit = entry.debit.plus(row.debit)
      entry.credit = entry.credit.plus(row.credit)
    }
    if (key < yearStartKey) entry.yearOpening = entry.yearOpening.plus(signed)
    else if (row.period !== 0) {
      entry.yearToDateDebit = entry.yearToDateDebit.plus(row.debit)
      entry.yearToDateCredit = entry.yearToDateCredit.plus(row.credit)
    }
  }
  return figures
}

/**
 * Adds every account's figures to all its ancestors (leaves carry the postings; parents
 * show the sum of their sub-tree). Returns a new map keyed by account code.
 *
 * @since 0.1.0
 */
export const rollUpFigures = (
  leafFigures: ReadonlyMap<string, Figures>,
  accountsByCode: ReadonlyMap<string, Account>
): Map<string, Figures> => {
  const rolled = new Map<string, Figures>(leafFigures)
  for (const [code, figures] of leafFigures) {
    let parent = accountsByCode.get(code)?.parentCode ?? null
    while (parent !== null) {
      rolled.set(parent, addFigures(rolled.get(parent) ?? emptyFigures, figures))
      parent = accountsByCode.get(parent)?.parentCode ?? null
    }
  }
  return rolled
}

/**
 * Names from the level-1 ancestor down to the account.
 *
 * @since 0.1.0
 */
export const accountPath = (account: Account, accountsByCode: ReadonlyMap<string, Account>): Array<string> => {
  const names: Array<string> = []
  let current: Account | undefined = account
  while (current !== undefined) {
    names.unshift(current.name)
    current = current.parentCode === null ? undefined : accountsByCode.get(current.parentCode)
  }
  return names
}

/**
 * Sorts by code in plain character order (codes are digit strings of the scheme).
 *
 * @since 0.1.0
 */
export const byCode = <A extends { readonly code: string }>(left: A, right: A): number =>
  left.code < right.code ? -1 : left.code > right.code ? 1 : 0

/**
 * A dimension value named in a report row.
 *
 * @since 0.1.0
 */
export interface ReportDimension {
  readonly type: string
  readonly code: string
  readonly name: string
}

/**
 * Splits a canonical dimension key (`customer=C01;department=D1`) into its values,
 * with names from the chart where known.
 *
 * @since 0.1.0
 */
export const dimensionsOf = (
  dimensionKey: string,
  nameOf: (type: string, code: string) => string | undefined
): Array<ReportDimension> =>
  dimensionKey === ""
    ? []
    : dimensionKey.split(";").map((pair) => {
      const separator = pair.indexOf("=")
      const type = pair.slice(0, separator)
      const code = pair.slice(separator + 1)
      return { type, code, name: nameOf(type, code) ?? code }
    })

/**
 * The printed number of a voucher: word and number, `記-12`.
 *
 * @since 0.1.0
 */
export const voucherLabel = (word: string, number: number): string => `${word}-${number}`
