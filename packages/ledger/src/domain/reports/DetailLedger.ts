import type { Dec, Period } from "@danju/core"
import { Period as PeriodOps } from "@danju/core"
import type { Account } from "../Account"
import { isPeriodClosed } from "../Voucher"
import type { VoucherStatus } from "../VoucherLifecycle"
import type { ReportBalance, ReportHeader, ReportRangeSpec } from "./common"
import { balanceOf, headerOf, voucherLabel, zero } from "./common"

/**
 * A voucher line as the books read it: the line with its voucher's header fields.
 *
 * @since 0.1.0
 */
export interface ReportLine {
  readonly voucherId: string
  readonly lineNumber: number
  readonly fiscalYear: number
  readonly period: number
  readonly date: string
  readonly word: string
  readonly number: number
  readonly status: VoucherStatus
  readonly summary: string
  readonly accountCode: string
  readonly dimensionKey: string
  readonly commodity: string
  readonly debit: Dec
  readonly credit: Dec
}

/**
 * The position of a line in book order: period, date, voucher word and number, line.
 *
 * @since 0.1.0
 */
export interface LinePosition {
  readonly fiscalYear: number
  readonly period: number
  readonly date: string
  readonly word: string
  readonly number: number
  readonly lineNumber: number
}

/** The book-order position of a line. @since 0.1.0 */
export const positionOf = (line: ReportLine): LinePosition => ({
  fiscalYear: line.fiscalYear,
  period: line.period,
  date: line.date,
  word: line.word,
  number: line.number,
  lineNumber: line.lineNumber
})

/**
 * A row of a detail ledger or journal: the opening balance (期初余額), a voucher line,
 * a day's total (本日合計), a period's total (本月合計) or the year-to-date total
 * (本年累計). Every row carries the balance after it.
 *
 * @since 0.1.0
 */
export type LedgerRow =
  | { readonly kind: "opening"; readonly period: string; readonly summary: string; readonly balance: ReportBalance }
  | {
    readonly kind: "line"
    readonly period: string
    readonly closed: boolean
    readonly date: string
    readonly voucherId: string
    readonly voucher: string
    readonly status: VoucherStatus
    readonly lineNumber: number
    readonly accountCode: string
    readonly dimensionKey: string
    readonly summary: string
    readonly debit: Dec
    readonly credit: Dec
    readonly balance: ReportBalance
  }
  | {
    readonly kind: "dayTotal"
    readonly period: string
    readonly date: string
    readonly summary: string
    readonly debit: Dec
    readonly credit: Dec
    readonly balance: ReportBalance
  }
  | {
    readonly kind: "periodTotal" | "yearTotal"
    readonly period: string
    readonly closed: boolean
    readonly summary: string
    readonly debit: Dec
    readonly credit: Dec
    readonly balance: ReportBalance
  }

/**
 * Where a walk through the lines stands: the running balance and the totals of the
 * period, year and day in progress. Carried by paging cursors.
 *
 * @since 0.1.0
 */
export interface LedgerWalkState {
  /** Signed running balance (debit − credit). */
  readonly balance: Dec
  /** The period in progress (`fiscalYear * 100 + period`), or null before the first line. */
  readonly periodKey: number | null
  readonly periodDebit: Dec
  readonly periodCredit: Dec
  readonly yearDebit: Dec
  readonly yearCredit: Dec
  /** The date in progress (day totals), or null. */
  readonly date: string | null
  readonly dayDebit: Dec
  readonly dayCredit: Dec
}

/**
 * The state before the first line of a range: the opening balance and the year-to-date
 * movements of the first period's year before the range.
 *
 * @since 0.1.0
 */
export const initialWalkState = (opening: Dec, yearToDateDebit: Dec, yearToDateCredit: Dec): LedgerWalkState => ({
  balance: opening,
  periodKey: null,
  periodDebit: zero,
  periodCredit: zero,
  yearDebit: yearToDateDebit,
  yearCredit: yearToDateCredit,
  date: null,
  dayDebit: zero,
  dayCredit: zero
})

/**
 * How a walk prints: with day totals (journals) or without (detail ledgers).
 *
 * @since 0.1.0
 */
export interface WalkOptions {
  readonly dayTotals: boolean
  /** True when no line follows the given ones: the totals in progress are printed. */
  readonly endOfLines: boolean
  readonly isClosed: (period: Period) => boolean
}

const periodOfKey = (key: number): Period => ({ fiscalYear: Math.floor(key / 100), number: key % 100 })

/**
 * Walks lines in book order and prints them with the running balance, inserting the
 * day, period and year-to-date totals where a day or period ends. Totals of the day or
 * period in progress at the end are printed only with `endOfLines` (otherwise the next
 * page prints them before its first line). Pure; returns the rows and the new state.
 *
 * @since 0.1.0
 */
export const walkLines = (
  start: LedgerWalkState,
  lines: ReadonlyArray<ReportLine>,
  options: WalkOptions
): { readonly rows: Array<LedgerRow>; readonly state: LedgerWalkState } => {
  const rows: Array<LedgerRow> = []
  let state = { ...start }
  const closeDay = () => {
    if (!options.dayTotals || state.date === null || state.periodKey === null) return
    rows.push({
      kind: "dayTotal",
      period: PeriodOps.format(periodOfKey(state.periodKey)),
      date: state.date,
      summary: "本日合計",
      debit: state.dayDebit,
      credit: state.dayCredit,
      balance: balanceOf(state.balance)
    })
    state = { ...state, date: null, dayDebit: zero, dayCredit: zero }
  }
  const closePeriod = () => {
    if (state.periodKey === null) return
    const period = periodOfKey(state.periodKey)
    const closed = options.isClosed(period)
    const text = PeriodOps.format(period)
    rows.push({ kind: "periodTotal", period: text, closed, summary: "本月合計", debit: state.periodDebit, credit: state.periodCredit, balance: balanceOf(state.balance) })
    rows.push({ kind: "yearTotal", period: text, closed, summary: "本年累計", debit: state.yearDebit, credit: state.yearCredit, balance: balanceOf(state.balance) })
    state = { ...state, periodKey: null, periodDebit: zero, periodCredit: zero }
  }
  for (const line of lines) {
    const key = line.fiscalYear * 100 + line.period
    if (state.periodKey !== null && state.periodKey !== key) {
      closeDay()
      const previousYear = Math.floor(state.periodKey / 100)
      closePeriod()
      if (line.fiscalYear !== previousYear) state = { ...state, yearDebit: zero, yearCredit: zero }
    } else if (state.date !== null && state.date !== line.date) closeDay()
    state = {
      ...state,
      balance: state.balance.plus(line.debit).minus(line.credit),
      periodKey: key,
      periodDebit: state.periodDebit.plus(line.debit),
      periodCredit: state.periodCredit.plus(line.credit),
      yearDebit: state.yearDebit.plus(line.debit),
      yearCredit: state.yearCredit.plus(line.credit),
      date: line.date,
      dayDebit: state.dayDebit.plus(line.debit),
      dayCredit: state.dayCredit.plus(line.credit)
    }
    const period = { fiscalYear: line.fiscalYear, number: line.period }
    rows.push({
      kind: "line",
      period: PeriodOps.format(period),
      closed: options.isClosed(period),
      date: line.date,
      voucherId: line.voucherId,
      voucher: voucherLabel(line.word, line.number),
      status: line.status,
      lineNumber: line.lineNumber,
      accountCode: line.accountCode,
      dimensionKey: line.dimensionKey,
      summary: line.summary,
      debit: line.debit,
      credit: line.credit,
      balance: balanceOf(state.balance)
    })
  }
  if (options.endOfLines) {
    closeDay()
    closePeriod()
  }
  return { rows, state }
}

/**
 * What one page of a detail ledger (明細賬) shows.
 *
 * @since 0.1.0
 */
export interface DetailLedgerSpec extends ReportRangeSpec {
  readonly account: Account
  readonly path: ReadonlyArray<string>
  /** Only lines of this dimension set (canonical key); all lines otherwise. */
  readonly dimensionKey?: string
}

/**
 * What a page is built from: the walk state at the page start (the opening state on
 * the first page), the page's lines in book order, whether more lines follow, and the
 * balances before and after the range from the balance rows.
 *
 * @since 0.1.0
 */
export interface DetailLedgerPageSnapshot {
  readonly firstPage: boolean
  readonly state: LedgerWalkState
  readonly lines: ReadonlyArray<ReportLine>
  readonly more: boolean
  /** Signed balance before the range. */
  readonly opening: Dec
  /** Signed balance after the range. */
  readonly closing: Dec
}

/**
 * One page of a detail ledger.
 *
 * @since 0.1.0
 */
export interface DetailLedgerPage extends ReportHeader {
  readonly report: "detailLedger"
  readonly account: { readonly code: string; readonly name: string; readonly path: ReadonlyArray<string>; readonly direction: Account["direction"]; readonly leaf: boolean }
  readonly dimensionKey: string | null
  readonly opening: ReportBalance
  readonly closing: ReportBalance
  readonly rows: ReadonlyArray<LedgerRow>
  /** The walk state after this page; the service turns it into the next page's cursor. */
  readonly state: LedgerWalkState
  /** Position of the page's last line, when more lines follow. */
  readonly after: LinePosition | null
}

/**
 * Builds one page of the detail ledger (明細賬, 三欄式): the opening row on the first
 * page, then each line with the running balance, and 本月合計 / 本年累計 rows where a
 * period ends. The last page ends with the running balance equal to `closing`. Pure.
 *
 * @since 0.1.0
 */
export const buildDetailLedgerPage = (spec: DetailLedgerSpec, snapshot: DetailLedgerPageSnapshot): DetailLedgerPage => {
  const rows: Array<LedgerRow> = []
  if (snapshot.firstPage) {
    rows.push({ kind: "opening", period: PeriodOps.format(spec.from), summary: "期初余額", balance: balanceOf(snapshot.opening) })
  }
  const walked = walkLines(snapshot.state, snapshot.lines, {
    dayTotals: false,
    endOfLines: !snapshot.more,
    isClosed: (period) => isPeriodClosed(spec.accountSet, period)
  })
  rows.push(...walked.rows)
  const last = snapshot.lines[snapshot.lines.length - 1]
  return {
    report: "detailLedger",
    ...headerOf(spec),
    account: { code: spec.account.code, name: spec.account.name, path: spec.path, direction: spec.account.direction, leaf: spec.account.leaf },
    dimensionKey: spec.dimensionKey ?? null,
    opening: balanceOf(snapshot.opening),
    closing: balanceOf(snapshot.closing),
    rows,
    state: walked.state,
    after: snapshot.more && last !== undefined ? positionOf(last) : null
  }
}
