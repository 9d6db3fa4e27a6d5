import type { Dec } from "@danju/core"
import type { Account, AccountCategory, BalanceDirection } from "../Account"
import type { BalanceMovement } from "../TrialBalance"
import type { Figures, ReportDimension, ReportHeader, ReportRangeSpec } from "./common"
import {
  accountPath,
  addFigures,
  byCode,
  computeFigures,
  dimensionsOf,
  figuresEmpty,
  headerOf,
  rollUpFigures,
  splitSigned,
  zero
} from "./common"

/**
 * What the account balance table (科目余額表) shows.
 *
 * @since 0.1.0
 */
export interface AccountBalancesSpec extends ReportRangeSpec {
  /** Deepest account level shown (1 = level-1 accounts only); all levels by default. */
  readonly maxLevel?: number
  /** Adds a row per dimension set (核算項目) under each account that has them. */
  readonly dimensions?: boolean
  /** Shows accounts without any balance or movement too. */
  readonly includeEmpty?: boolean
}

/**
 * The chart and balance rows the table is built from.
 *
 * @since 0.1.0
 */
export interface AccountBalancesSnapshot {
  readonly accounts: ReadonlyArray<Account>
  readonly dimensionValues: ReadonlyArray<{ readonly type: string; readonly code: string; readonly name: string }>
  /** Balance rows from `openingBaseKey(accountSet, from)` to `to` (posted, plus unposted when asked). */
  readonly rows: ReadonlyArray<BalanceMovement>
}

/**
 * The eight money columns of the table.
 *
 * @since 0.1.0
 */
export interface BalanceColumns {
  readonly openingDebit: Dec
  readonly openingCredit: Dec
  readonly periodDebit: Dec
  readonly periodCredit: Dec
  /** 本年累計: movements of the last period's fiscal year up to and including it. */
  readonly yearToDateDebit: Dec
  readonly yearToDateCredit: Dec
  readonly closingDebit: Dec
  readonly closingCredit: Dec
}

/**
 * One row: an account, or (kind `dimension`) one dimension set under an account.
 *
 * @since 0.1.0
 */
export interface AccountBalanceRow extends BalanceColumns {
  readonly kind: "account" | "dimension"
  readonly code: string
  readonly name: string
  readonly path: ReadonlyArray<string>
  readonly level: number
  readonly leaf: boolean
  readonly category: AccountCategory
  readonly direction: BalanceDirection
  /** `""` on account rows. */
  readonly dimensionKey: string
  readonly dimensions: ReadonlyArray<ReportDimension>
}

/**
 * The account balance table (科目余額表).
 *
 * @since 0.1.0
 */
export interface AccountBalances extends ReportHeader {
  readonly report: "accountBalances"
  readonly maxLevel: number
  readonly rows: ReadonlyArray<AccountBalanceRow>
  /** Sums of the level-1 rows. */
  readonly totals: BalanceColumns
  /** Level-1 totals balance in all four column pairs. */
  readonly balanced: boolean
}

const columnsOf = (figures: Figures): BalanceColumns => {
  const [openingDebit, openingCredit] = splitSigned(figures.opening)
  const [closingDebit, closingCredit] = splitSigned(figures.closing)
  return {
    openingDebit,
    openingCredit,
    periodDebit: figures.debit,
    periodCredit: figures.credit,
    yearToDateDebit: figures.yearToDateDebit,
    yearToDateCredit: figures.yearToDateCredit,
    closingDebit,
    closingCredit
  }
}

const addColumns = (left: BalanceColumns, right: BalanceColumns): BalanceColumns => ({
  openingDebit: left.openingDebit.plus(right.openingDebit),
  openingCredit: left.openingCredit.plus(right.openingCredit),
  periodDebit: left.periodDebit.plus(right.periodDebit),
  periodCredit: left.periodCredit.plus(right.periodCredit),
  yearToDateDebit: left.yearToDateDebit.plus(right.yearToDateDebit),
  yearToDateCredit: left.yearToDateCredit.plus(right.yearToDateCredit),
  closingDebit: left.closingDebit.plus(right.closingDebit),
  closingCredit: left.closingCredit.plus(right.closingCredit)
})

const emptyColumns: BalanceColumns = {
  openingDebit: zero,
  openingCredit: zero,
  periodDebit: zero,
  periodCredit: zero,
  yearToDateDebit: zero,
  yearToDateCredit: zero,
  closingDebit: zero,
  closingCredit: zero
}

/**
 * Builds the account balance table: every account up to `maxLevel` with its opening,
 * period, year-to-date and closing debit and credit, parents summing their sub-trees,
 * and — with `dimensions` — a row per dimension set under each account that has them
 * (a parent's dimension rows sum its leaves' rows of the same set). Pure.
 *
 * @example
 * ```ts
 * import { buildAccountBalances } from "@danju/ledger"
 *
 * const table = buildAccountBalances({ accountSet, from, to, commodity: "CNY", includeUnposted: false, dimensions: true },
 *   { accounts, dimensionValues, rows })
 * table.balanced // true
 * ```
 *
 * @since 0.1.0
 */
export const buildAccountBalances = (spec: AccountBalancesSpec, snapshot: AccountBalancesSnapshot): AccountBalances => {
  const accountsByCode = new Map(snapshot.accounts.map((account) => [account.code as string, account]))
  const maxLevel = spec.maxLevel ?? Math.max(1, ...snapshot.accounts.map((account) => account.level))
  const figures = rollUpFigures(computeFigures(spec, snapshot.rows, (row) => row.accountCode), accountsByCode)

  // Dimension figures per leaf, then rolled up so every ancestor shows the same sets.
  const dimensionFigures = new Map<string, Map<string, Figures>>()
  if (spec.dimensions === true) {
    const perLeaf = computeFigures(spec, snapshot.rows, (row) => (row.dimensionKey === "" ? undefined : `${row.accountCode}\u0000${row.dimensionKey}`))
    for (const [key, value] of perLeaf) {
      const [code, dimensionKey] = key.split("\u0000") as [string, string]
      let current: string | null = code
      while (current !== null) {
        const sets = dimensionFigures.get(current) ?? new Map<string, Figures>()
        const existing = sets.get(dimensionKey)
        sets.set(dimensionKey, existing === undefined ? value : addFigures(existing, value))
        dimensionFigures.set(current, sets)
        current = accountsByCode.get(current)?.parentCode ?? null
      }
    }
  }
  const dimensionNames = new Map(snapshot.dimensionValues.map((value) => [`${value.type}\u0000${value.code}`, value.name]))
  const nameOf = (type: string, code: string) => dimensionNames.get(`${type}\u0000${code}`)

  const rows: Array<AccountBalanceRow> = []
  let totals = emptyColumns
  for (const account of [...snapshot.accounts].sort(byCode)) {
    if (account.level > maxLevel) continue
    const accountFigures = figures.get(account.code)
    if (accountFigures === undefined && spec.includeEmpty !== true) continue
    if (accountFigures !== undefined && figuresEmpty(accountFigures) && spec.includeEmpty !== true) continue
    const columns = accountFigures === undefined ? emptyColumns : columnsOf(accountFigures)
    const base = {
      code: account.code,
      name: account.name,
      path: accountPath(account, accountsByCode),
      level: account.level,
      leaf: account.leaf,
      category: account.category,
      direction: account.direction
    }
    rows.push({ kind: "account", ...base, dimensionKey: "", dimensions: [], ...columns })
    if (account.parentCode === null) totals = addColumns(totals, columns)
    const sets = dimensionFigures.get(account.code)
    if (sets !== undefined) {
      for (const dimensionKey of [...sets.keys()].sort()) {
        const setFigures = sets.get(dimensionKey)!
        if (figuresEmpty(setFigures) && spec.includeEmpty !== true) continue
        rows.push({ kind: "dimension", ...base, dimensionKey, dimensions: dimensionsOf(dimensionKey, nameOf), ...columnsOf(setFigures) })
      }
    }
  }
  return {
    report: "accountBalances",
    ...headerOf(spec),
    maxLevel,
    rows,
    totals,
    balanced: totals.openingDebit.equals(totals.openingCredit) && totals.periodDebit.equals(totals.periodCredit) &&
      totals.yearToDateDebit.equals(totals.yearToDateCredit) && totals.closingDebit.equals(totals.closingCredit)
  }
}
