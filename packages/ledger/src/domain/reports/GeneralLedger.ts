import type { Dec, Period } from "@danju/core"
import { Period as PeriodOps } from "@danju/core"
import type { Account, BalanceDirection } from "../Account"
import type { BalanceMovement } from "../TrialBalance"
import { openingBaseKey, periodKeyOf } from "../TrialBalance"
import { isPeriodClosed } from "../Voucher"
import type { ReportBalance, ReportHeader, ReportRangeSpec } from "./common"
import { accountPath, balanceOf, byCode, countsFromBase, headerOf, periodsBetween, zero } from "./common"

/**
 * What the general ledger (總分類賬) shows.
 *
 * @since 0.1.0
 */
export interface GeneralLedgerSpec extends ReportRangeSpec {
  /** Deepest account level shown; 1 (the level-1 accounts of a 總賬) by default. */
  readonly maxLevel?: number
  /** Only these accounts (any level); every account up to `maxLevel` otherwise. */
  readonly accountCodes?: ReadonlyArray<string>
  /** Shows accounts without any balance or movement too. */
  readonly includeEmpty?: boolean
}

/**
 * One period of one account: 本期合計 and 本年累計 with the balance after the period.
 *
 * @since 0.1.0
 */
export interface GeneralLedgerPeriod {
  readonly period: string
  readonly closed: boolean
  readonly debit: Dec
  readonly credit: Dec
  readonly yearToDateDebit: Dec
  readonly yearToDateCredit: Dec
  readonly balance: ReportBalance
}

/**
 * One account of the general ledger: its balance before the range (期初余額 / 上年結轉)
 * and one entry per period.
 *
 * @since 0.1.0
 */
export interface GeneralLedgerAccount {
  readonly code: string
  readonly name: string
  readonly path: ReadonlyArray<string>
  readonly level: number
  readonly direction: BalanceDirection
  readonly opening: ReportBalance
  readonly periods: ReadonlyArray<GeneralLedgerPeriod>
  readonly closing: ReportBalance
}

/**
 * The general ledger (總分類賬).
 *
 * @since 0.1.0
 */
export interface GeneralLedger extends ReportHeader {
  readonly report: "generalLedger"
  readonly accounts: ReadonlyArray<GeneralLedgerAccount>
}

/**
 * Builds the general ledger from the chart and balance rows (from
 * `openingBaseKey(accountSet, from)` to `to`): per account and period the debit and
 * credit movements, the year-to-date totals (restarting with each fiscal year) and the
 * balance with its side. Pure.
 *
 * @since 0.1.0
 */
export const buildGeneralLedger = (
  spec: GeneralLedgerSpec,
  snapshot: { readonly accounts: ReadonlyArray<Account>; readonly rows: ReadonlyArray<BalanceMovement> }
): GeneralLedger => {
  const accountsByCode = new Map(snapshot.accounts.map((account) => [account.code as string, account]))
  const baseKey = openingBaseKey(spec.accountSet, spec.from)
  const fromKey = periodKeyOf(spec.from)
  const toKey = periodKeyOf(spec.to)
  // Per account code (every ancestor included): signed opening, year-to-date before the
  // range in the first year, and movements per period key.
  const opening = new Map<string, Dec>()
  const yearToDateBefore = new Map<string, { debit: Dec; credit: Dec }>()
  const movements = new Map<string, Map<number, { debit: Dec; credit: Dec }>>()
  const ancestry = (code: string): Array<string> => {
    const codes = [code]
    let parent = accountsByCode.get(code)?.parentCode ?? null
    while (parent !== null) {
      codes.push(parent)
      parent = accountsByCode.get(parent)?.parentCode ?? null
    }
    return codes
  }
  for (const row of snapshot.rows) {
    if (row.commodity !== spec.commodity) continue
    const key = row.fiscalYear * 100 + row.period
    if (key < baseKey || key > toKey || !countsFromBase(row, baseKey)) continue
    for (const code of ancestry(row.accountCode)) {
      if (key < fromKey) {
        opening.set(code, (opening.get(code) ?? zero).plus(row.debit).minus(row.credit))
        if (row.fiscalYear === spec.from.fiscalYear && row.period !== 0) {
          const before = yearToDateBefore.get(code) ?? { debit: zero, credit: zero }
          yearToDateBefore.set(code, { debit: before.debit.plus(row.debit), credit: before.credit.plus(row.credit) })
        }
      } else if (row.period !== 0) {
        const perPeriod = movements.get(code) ?? new Map<number, { debit: Dec; credit: Dec }>()
        const existing = perPeriod.get(key) ?? { debit: zero, credit: zero }
        perPeriod.set(key, { debit: existing.debit.plus(row.debit), credit: existing.credit.plus(row.credit) })
        movements.set(code, perPeriod)
      }
    }
  }
  const maxLevel = spec.maxLevel ?? 1
  const wanted = spec.accountCodes === undefined ? undefined : new Set(spec.accountCodes)
  const periods: ReadonlyArray<Period> = periodsBetween(spec.accountSet, spec.from, spec.to)
  const accounts: Array<GeneralLedgerAccount> = []
  for (const account of [...snapshot.accounts].sort(byCode)) {
    if (wanted !== undefined ? !wanted.has(account.code) : account.level > maxLevel) continue
    const accountOpening = opening.get(account.code)
    const accountMovements = movements.get(account.code)
    if (accountOpening === undefined && accountMovements === undefined && spec.includeEmpty !== true) continue
    let balance = accountOpening ?? zero
    let year = spec.from.fiscalYear
    let yearToDate = yearToDateBefore.get(account.code) ?? { debit: zero, credit: zero }
    const entries: Array<GeneralLedgerPeriod> = []
    for (const period of periods) {
      if (period.fiscalYear !== year) {
        year = period.fiscalYear
        yearToDate = { debit: zero, credit: zero }
      }
      const moved = accountMovements?.get(periodKeyOf(period)) ?? { debit: zero, credit: zero }
      balance = balance.plus(moved.debit).minus(moved.credit)
      yearToDate = { debit: yearToDate.debit.plus(moved.debit), credit: yearToDate.credit.plus(moved.credit) }
      entries.push({
        period: PeriodOps.format(period),
        closed: isPeriodClosed(spec.accountSet, period),
        debit: moved.debit,
        credit: moved.credit,
        yearToDateDebit: yearToDate.debit,
        yearToDateCredit: yearToDate.credit,
        balance: balanceOf(balance)
      })
    }
    accounts.push({
      code: account.code,
      name: account.name,
      path: accountPath(account, accountsByCode),
      level: account.level,
      direction: account.direction,
      opening: balanceOf(accountOpening ?? zero),
      periods: entries,
      closing: balanceOf(balance)
    })
  }
  return { report: "generalLedger", ...headerOf(spec), accounts }
}
