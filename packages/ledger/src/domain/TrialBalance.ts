import { Either } from "effect"
import type { Dec, Period, PeriodInvalid } from "@danju/core"
import { Dec as Decimal, decimalToFixed, FiscalCalendar, Period as PeriodOps } from "@danju/core"
import type { Account, BalanceDirection } from "./Account"
import type { AccountSet } from "./AccountSet"
import { ReportRangeInvalid } from "./errors"

/**
 * A maintained balance row as reports read it (see the repository port).
 *
 * @since 0.1.0
 */
export interface BalanceMovement {
  readonly accountCode: string
  readonly dimensionKey: string
  readonly fiscalYear: number
  readonly period: number
  readonly commodity: string
  readonly debit: Dec
  readonly credit: Dec
}

/**
 * One row of the trial balance: an account at any level, its balance at the start of
 * the range, its movements within it and its balance at the end. Balances stand in the
 * debit column when positive (debit − credit > 0) and in the credit column otherwise.
 *
 * @since 0.1.0
 */
export interface TrialBalanceRow {
  readonly code: string
  readonly name: string
  /** Names from the level-1 ancestor down to this account. */
  readonly path: ReadonlyArray<string>
  readonly level: number
  readonly leaf: boolean
  readonly direction: BalanceDirection
  readonly openingDebit: Dec
  readonly openingCredit: Dec
  readonly periodDebit: Dec
  readonly periodCredit: Dec
  readonly closingDebit: Dec
  readonly closingCredit: Dec
}

/** The six money columns of a row. @since 0.1.0 */
export type TrialBalanceTotals = Pick<
  TrialBalanceRow,
  "openingDebit" | "openingCredit" | "periodDebit" | "periodCredit" | "closingDebit" | "closingCredit"
>

/**
 * The trial balance (試算平衡表 / 科目余額表) of a range of periods.
 *
 * @since 0.1.0
 */
export interface TrialBalance {
  readonly accountSet: string
  readonly commodity: string
  readonly from: Period
  readonly to: Period
  /** Level-1 totals balance in all three column pairs. */
  readonly balanced: boolean
  readonly rows: ReadonlyArray<TrialBalanceRow>
  readonly totals: TrialBalanceTotals
}

/**
 * Encodes a period as the sortable key the balance rows use.
 *
 * @since 0.1.0
 */
export const periodKeyOf = (period: Period): number => period.fiscalYear * 100 + period.number

/**
 * Checks a report's range against the account set's fiscal calendar before anything is
 * read: each bound must be a period the calendar has (`PeriodInvalid`: period 13 of a
 * 12-period calendar, a year before the calendar's first or beyond the supported ones)
 * and `from` must not come after `to` (`ReportRangeInvalid`). A range the structural
 * schema accepts can still name periods that do not exist in these books.
 *
 * @since 0.1.0
 */
export const checkReportRange = (
  accountSet: Pick<AccountSet, "calendar">,
  from: Period,
  to: Period
): Either.Either<{ readonly from: Period; readonly to: Period }, PeriodInvalid | ReportRangeInvalid> =>
  Either.gen(function*() {
    yield* FiscalCalendar.checkPeriod(accountSet.calendar, from)
    yield* FiscalCalendar.checkPeriod(accountSet.calendar, to)
    if (PeriodOps.compare(from, to) > 0) {
      return yield* Either.left(new ReportRangeInvalid({ from: PeriodOps.format(from), to: PeriodOps.format(to) }))
    }
    return { from, to }
  })

/**
 * The first period key whose rows a balance at `from` is built from: the year-opening
 * rows (period 0) of the latest year that has them — the start year (openings) or a
 * year after a year close (carried balances) — so unclosed years accumulate.
 *
 * @since 0.1.0
 */
export const openingBaseKey = (accountSet: AccountSet, from: Period): number => {
  const start = accountSet.startPeriod.fiscalYear
  const carriedUpTo = accountSet.lastClosedYear === null ? start : accountSet.lastClosedYear + 1
  const baseYear = Math.max(start, Math.min(from.fiscalYear, carriedUpTo))
  return baseYear * 100
}

const zero = new Decimal(0)

/**
 * Builds the trial balance from the chart and the balance rows between
 * {@link openingBaseKey} and `to`. Pure: `(spec, snapshot) => report`.
 *
 * @since 0.1.0
 */
export const buildTrialBalance = (
  spec: { readonly accountSet: AccountSet; readonly from: Period; readonly to: Period; readonly commodity: string },
  snapshot: { readonly accounts: ReadonlyArray<Account>; readonly rows: ReadonlyArray<BalanceMovement> }
): TrialBalance => {
  const fromKey = periodKeyOf(spec.from)
  const toKey = periodKeyOf(spec.to)
  const baseKey = openingBaseKey(spec.accountSet, spec.from)
  // Signed opening (debit − credit) and movements per account code, leaves first.
  const opening = new Map<string, Dec>()
  const debit = new Map<string, Dec>()
  const credit = new Map<string, Dec>()
  const add = (map: Map<string, Dec>, code: string, value: Dec) => {
    if (!value.isZero()) map.set(code, (map.get(code) ?? zero).plus(value))
  }
  for (const row of snapshot.rows) {
    if (row.commodity !== spec.commodity) continue
    const key = row.fiscalYear * 100 + row.period
    if (key < baseKey || key > toKey) continue
    if (key < fromKey) add(opening, row.accountCode, row.debit.minus(row.credit))
    else if (row.period !== 0) {
      add(debit, row.accountCode, row.debit)
      add(credit, row.accountCode, row.credit)
    }
  }
  const byCode = new Map<string, Account>(snapshot.accounts.map((account) => [account.code, account]))
  // Roll leaves up to every ancestor.
  const rollUp = (map: Map<string, Dec>) => {
    for (const [code, value] of [...map]) {
      let parent = byCode.get(code)?.parentCode ?? null
      while (parent !== null) {
        map.set(parent, (map.get(parent) ?? zero).plus(value))
        parent = byCode.get(parent)?.parentCode ?? null
      }
    }
  }
  rollUp(opening)
  rollUp(debit)
  rollUp(credit)
  const pathOf = (account: Account): Array<string> => {
    const names: Array<string> = []
    let current: Account | undefined = account
    while (current !== undefined) {
      names.unshift(current.name)
      current = current.parentCode === null ? undefined : byCode.get(current.parentCode)
    }
    return names
  }
  const split = (signed: Dec) => (signed.isNegative() ? [zero, signed.negated()] as const : [signed, zero] as const)
  const rows: Array<TrialBalanceRow> = []
  const totals = { openingDebit: zero, openingCredit: zero, periodDebit: zero, periodCredit: zero, closingDebit: zero, closingCredit: zero }
  const accounts = [...snapshot.accounts].sort((left, right) => (left.code < right.code ? -1 : left.code > right.code ? 1 : 0))
  for (const account of accounts) {
    const openingSigned = opening.get(account.code) ?? zero
    const periodDebit = debit.get(account.code) ?? zero
    const periodCredit = credit.get(account.code) ?? zero
    const has = opening.has(account.code) || debit.has(account.code) || credit.has(account.code)
    if (!has) continue
    const closingSigned = openingSigned.plus(periodDebit).minus(periodCredit)
    const [openingDebit, openingCredit] = split(openingSigned)
    const [closingDebit, closingCredit] = split(closingSigned)
    const row: TrialBalanceRow = {
      code: account.code,
      name: account.name,
      path: pathOf(account),
      level: account.level,
      leaf: account.leaf,
      direction: account.direction,
      openingDebit,
      openingCredit,
      periodDebit,
      periodCredit,
      closingDebit,
      closingCredit
    }
    rows.push(row)
    if (account.parentCode === null) {
      totals.openingDebit = totals.openingDebit.plus(openingDebit)
      totals.openingCredit = totals.openingCredit.plus(openingCredit)
      totals.periodDebit = totals.periodDebit.plus(periodDebit)
      totals.periodCredit = totals.periodCredit.plus(periodCredit)
      totals.closingDebit = totals.closingDebit.plus(closingDebit)
      totals.closingCredit = totals.closingCredit.plus(closingCredit)
    }
  }
  return {
    accountSet: spec.accountSet.code,
    commodity: spec.commodity,
    from: spec.from,
    to: spec.to,
    balanced: totals.openingDebit.equals(totals.openingCredit) && totals.periodDebit.equals(totals.periodCredit) &&
      totals.closingDebit.equals(totals.closingCredit),
    rows,
    totals
  }
}

/** Formats a period for reports (`2026-03`). @since 0.1.0 */
export const formatPeriod = (period: Period): string => PeriodOps.format(period)

/**
 * The JSON document of a trial balance, as the CLI (`--format json`) and the HTTP API
 * return it: amounts as decimal strings with the currency scale, periods `YYYY-MM`.
 *
 * @since 0.1.0
 */
export const trialBalanceJson = (report: TrialBalance, scale: number) => {
  const money = (value: Dec) => decimalToFixed(value, scale)
  const columns = (row: TrialBalanceTotals) => ({
    openingDebit: money(row.openingDebit),
    openingCredit: money(row.openingCredit),
    periodDebit: money(row.periodDebit),
    periodCredit: money(row.periodCredit),
    closingDebit: money(row.closingDebit),
    closingCredit: money(row.closingCredit)
  })
  return {
    accountSet: report.accountSet,
    commodity: report.commodity,
    from: PeriodOps.format(report.from),
    to: PeriodOps.format(report.to),
    balanced: report.balanced,
    rows: report.rows.map((row) => ({
      code: row.code,
      path: row.path,
      name: row.name,
      level: row.level,
      leaf: row.leaf,
      direction: row.direction,
      ...columns(row)
    })),
    totals: columns(report.totals)
  }
}
