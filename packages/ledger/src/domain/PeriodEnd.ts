import { Either } from "effect"
import type { Dec, LocalDate, Period } from "@danju/core"
import { Dec as Decimal, decimalToString, Limits, Period as PeriodOps } from "@danju/core"
import type { Account } from "./Account"
import type { AccountSet } from "./AccountSet"
import {
  ExchangeRateInvalid,
  NothingToCarryForward,
  NothingToRevalue,
  RenumberOrderInvalid,
  SpecialAccountUnresolved
} from "./errors"
import { chartTemplates } from "./templates/index"
import type { ChartTemplate, SpecialAccounts } from "./templates/index"
import type { BalanceMovement } from "./TrialBalance"
import { openingBaseKey, periodKeyOf } from "./TrialBalance"
import type { ValidatedVoucher, VoucherInput, VoucherLine, VoucherLineInput } from "./Voucher"
import type { BalanceDelta, VoucherStatus } from "./VoucherLifecycle"

// Pure rules of the period-end procedures (期末處理): which balances the P&L
// carry-forward and the FX revaluation move, what a year close carries into the next
// year, the canonical text a period seal hashes, and how renumbering assigns numbers.
// PeriodEndService reads the balances, calls these and writes the results.

const zero = new Decimal(0)

/**
 * The signed balance (debit − credit) of one account × dimension set × commodity.
 *
 * @since 0.1.0
 */
export interface SignedBalance {
  readonly accountCode: string
  readonly dimensionKey: string
  readonly commodity: string
  readonly balance: Dec
}

const balanceKey = (row: { readonly accountCode: string; readonly dimensionKey: string; readonly commodity: string }) =>
  `${row.accountCode}\u0000${row.dimensionKey}\u0000${row.commodity}`

const compareText = (left: string, right: string) => (left < right ? -1 : left > right ? 1 : 0)

const compareBalanceRows = (
  left: { readonly accountCode: string; readonly dimensionKey: string; readonly commodity: string },
  right: { readonly accountCode: string; readonly dimensionKey: string; readonly commodity: string }
) => compareText(left.accountCode, right.accountCode) || compareText(left.dimensionKey, right.dimensionKey) || compareText(left.commodity, right.commodity)

/**
 * The first open period of an account set: the period after the last closed one, or
 * the start period when none is closed. Periods close in this order.
 *
 * @since 0.1.0
 */
export const firstOpenPeriod = (accountSet: Pick<AccountSet, "lastClosedPeriod" | "startPeriod" | "calendar">): Period =>
  accountSet.lastClosedPeriod === null ? accountSet.startPeriod : PeriodOps.next(accountSet.calendar, accountSet.lastClosedPeriod)

/**
 * Balances summed from the rows whose period key lies in `[fromKey, toKey]`, sorted by
 * account, dimension key and commodity; zero balances are left out.
 *
 * @since 0.1.0
 */
export const balancesBetween = (rows: ReadonlyArray<BalanceMovement>, fromKey: number, toKey: number): Array<SignedBalance> => {
  const sums = new Map<string, { accountCode: string; dimensionKey: string; commodity: string; balance: Dec }>()
  for (const row of rows) {
    const key = row.fiscalYear * 100 + row.period
    if (key < fromKey || key > toKey) continue
    const id = balanceKey(row)
    const existing = sums.get(id)
    const movement = row.debit.minus(row.credit)
    if (existing === undefined) sums.set(id, { accountCode: row.accountCode, dimensionKey: row.dimensionKey, commodity: row.commodity, balance: movement })
    else existing.balance = existing.balance.plus(movement)
  }
  return [...sums.values()].filter((entry) => !entry.balance.isZero()).sort(compareBalanceRows)
}

/**
 * The balances at the end of `period`: from the year-opening rows the trial balance
 * starts from ({@link openingBaseKey}) up to and including the period.
 *
 * @since 0.1.0
 */
export const balancesAtEndOf = (accountSet: AccountSet, period: Period, rows: ReadonlyArray<BalanceMovement>): Array<SignedBalance> =>
  balancesBetween(rows, openingBaseKey(accountSet, period), periodKeyOf(period))

/**
 * Parses a canonical dimension key (`customer=C01;department=D1`) back into the record
 * a voucher line takes; undefined for the empty key.
 *
 * @since 0.1.0
 */
export const dimensionsOfKey = (dimensionKey: string): Record<string, string> | undefined => {
  if (dimensionKey === "") return undefined
  const dimensions: Record<string, string> = {}
  for (const pair of dimensionKey.split(";")) {
    const separator = pair.indexOf("=")
    dimensions[pair.slice(0, separator)] = pair.slice(separator + 1)
  }
  return dimensions
}

// ── special accounts ────────────────────────────────────────────────────────

/**
 * The roles the period-end procedures find accounts by.
 *
 * @since 0.1.0
 */
export type PeriodEndAccountRole = "currentYearProfit" | "retainedEarnings" | "priorYearAdjustment" | "exchangeGainLoss"

// The names accountants give these accounts, in traditional and simplified characters.
const conventionalNames: Record<PeriodEndAccountRole, ReadonlyArray<string>> = {
  currentYearProfit: ["本年利潤", "本年利润"],
  retainedEarnings: ["未分配利潤", "未分配利润"],
  priorYearAdjustment: ["以前年度損益調整", "以前年度损益调整"],
  exchangeGainLoss: ["匯兌損益", "汇兑损益"]
}

const templateOrder = [chartTemplates.enterprise, chartTemplates.smallEnterprise, chartTemplates.messHall]

/**
 * Finds the account that plays a role in a chart. In order:
 *
 * 1. the special account of the template the account set was created from
 *    (`AccountSet.template`), when the chart still has that account;
 * 2. the special account of a shipped chart template (enterprise, small enterprise,
 *    mess hall) when the chart has an account with that template account's code and
 *    name — e.g. 4103 本年利潤 (enterprise), 3103 本年利潤 (small enterprise), 4001 伙食費
 *    (mess hall), 410415/310415 未分配利潤, 6901 以前年度損益調整, 660302/560302 匯兌損益;
 * 3. else the one account whose name is the role's conventional name (本年利潤,
 *    未分配利潤, 以前年度損益調整, 匯兌損益, traditional or simplified); none when
 *    several accounts share it, so an ambiguous chart is never guessed at.
 *
 * Leaves only, except for `priorYearAdjustment`, whose sub-accounts all count as prior-year
 * adjustments.
 *
 * @since 0.1.0
 */
export const findSpecialAccount = (
  accounts: ReadonlyArray<Account>,
  role: PeriodEndAccountRole,
  templateId: string | null = null
): Account | undefined => {
  const acceptable = (account: Account) => role === "priorYearAdjustment" || account.leaf
  const byCode = new Map(accounts.map((account) => [account.code as string, account]))
  const own = templateId === null ? undefined : (chartTemplates as Readonly<Record<string, ChartTemplate | undefined>>)[templateId]
  const ownCode = own?.specialAccounts[role as keyof SpecialAccounts] ?? null
  const ownAccount = ownCode === null ? undefined : byCode.get(ownCode)
  if (ownAccount !== undefined && acceptable(ownAccount)) return ownAccount
  for (const template of templateOrder) {
    const code = template.specialAccounts[role as keyof SpecialAccounts]
    if (code === null) continue
    const expectedName = template.accounts.find((account) => account.code === code)?.name
    const found = byCode.get(code)
    if (found !== undefined && found.name === expectedName && acceptable(found)) return found
  }
  const named = accounts.filter((account) => conventionalNames[role].includes(account.name) && acceptable(account))
  return named.length === 1 ? named[0] : undefined
}

/**
 * The account for a role: the one the caller names (which must be a leaf of the chart),
 * else {@link findSpecialAccount}.
 *
 * @since 0.1.0
 */
export const resolveSpecialAccount = (
  accounts: ReadonlyArray<Account>,
  role: "currentYearProfit" | "retainedEarnings" | "exchangeGainLoss",
  explicitCode: string | undefined,
  templateId: string | null = null
): Either.Either<Account, SpecialAccountUnresolved> => {
  if (explicitCode !== undefined) {
    const account = accounts.find((candidate) => candidate.code === explicitCode)
    return account !== undefined && account.leaf
      ? Either.right(account)
      : Either.left(new SpecialAccountUnresolved({ role, accountCode: explicitCode }))
  }
  const found = findSpecialAccount(accounts, role, templateId)
  return found === undefined ? Either.left(new SpecialAccountUnresolved({ role, accountCode: "" })) : Either.right(found)
}

// ── P&L carry-forward (結轉損益) ─────────────────────────────────────────────

/**
 * What the P&L carry-forward of a period needs.
 *
 * @since 0.1.0
 */
export interface CarryForwardSpec {
  readonly accountSet: AccountSet
  readonly period: Period
  readonly accounts: ReadonlyArray<Account>
  /** Posted balance rows from {@link openingBaseKey} of the period up to the period (more is ignored). */
  readonly rows: ReadonlyArray<BalanceMovement>
  readonly word: string
  readonly date: LocalDate
  readonly summary: string
  /** Codes the caller names; found by {@link findSpecialAccount} when absent. */
  readonly currentYearProfit?: string
  readonly retainedEarnings?: string
}

/**
 * The carry-forward voucher of a period (結轉損益): one line per profit-and-loss leaf
 * account × dimension set with a base-currency balance at the end of the period, each
 * reversing that balance (a debit balance is credited and vice versa), and the
 * counterpart on the current-year-profit account as two lines — debited with the
 * expenses, credited with the income — so income equal to expenses still makes a valid
 * voucher. Prior-year adjustments (以前年度損益調整 and its sub-accounts) go to retained
 * earnings (利潤分配—未分配利潤) instead, never to current-year profit.
 *
 * It moves the balance at the end of the period, which is the period's net movement
 * when earlier periods were carried forward, and also sweeps up anything an earlier
 * period left behind. Quantity accounts carry their quantity balance along.
 *
 * Checks, in order: `NothingToCarryForward`, `SpecialAccountUnresolved`
 * (current-year profit, then retained earnings — each only when it receives lines).
 *
 * @since 0.1.0
 */
export const planProfitAndLossCarryForward = (
  spec: CarryForwardSpec
): Either.Either<VoucherInput, NothingToCarryForward | SpecialAccountUnresolved> => {
  const byCode = new Map(spec.accounts.map((account) => [account.code as string, account]))
  const template = spec.accountSet.template
  const priorYear = findSpecialAccount(spec.accounts, "priorYearAdjustment", template)
  const isPriorYear = (code: string) => priorYear !== undefined && code.startsWith(priorYear.code)
  const balances = balancesAtEndOf(spec.accountSet, spec.period, spec.rows)
  const quantities = new Map(balances.filter((entry) => entry.commodity === "qty").map((entry) => [balanceKey({ ...entry, commodity: "" }), entry.balance]))
  // The targets never carry into themselves, whether named or found.
  const targets = new Set([
    spec.currentYearProfit ?? findSpecialAccount(spec.accounts, "currentYearProfit", template)?.code,
    spec.retainedEarnings ?? findSpecialAccount(spec.accounts, "retainedEarnings", template)?.code
  ].filter((code): code is string => code !== undefined))
  const movable = balances.filter((entry) => {
    const account = byCode.get(entry.accountCode)
    return entry.commodity === spec.accountSet.baseCurrency && account !== undefined && account.category === "profitAndLoss" &&
      account.leaf && !targets.has(entry.accountCode)
  })
  if (movable.length === 0) return Either.left(new NothingToCarryForward({ period: PeriodOps.format(spec.period) }))
  const groups = [
    { role: "currentYearProfit" as const, entries: movable.filter((entry) => !isPriorYear(entry.accountCode)), explicit: spec.currentYearProfit },
    { role: "retainedEarnings" as const, entries: movable.filter((entry) => isPriorYear(entry.accountCode)), explicit: spec.retainedEarnings }
  ]
  const lines: Array<VoucherLineInput> = []
  const targetLines: Array<VoucherLineInput> = []
  for (const group of groups) {
    if (group.entries.length === 0) continue
    const target = resolveSpecialAccount(spec.accounts, group.role, group.explicit, template)
    if (Either.isLeft(target)) return Either.left(target.left)
    let expenses = zero
    let income = zero
    for (const entry of group.entries) {
      const account = byCode.get(entry.accountCode)!
      const dimensions = dimensionsOfKey(entry.dimensionKey)
      const onCredit = entry.balance.isPositive()
      const amount = entry.balance.abs()
      const quantity = account.quantityUnit === null ? undefined : quantities.get(balanceKey({ ...entry, commodity: "" })) ?? zero
      if (onCredit) expenses = expenses.plus(amount)
      else income = income.plus(amount)
      lines.push({
        summary: spec.summary,
        accountCode: entry.accountCode,
        ...(dimensions === undefined ? {} : { dimensions }),
        ...(onCredit ? { credit: amount } : { debit: amount }),
        // A credit line lowers the quantity balance by its quantity, a debit line raises it.
        ...(quantity === undefined ? {} : { quantity: onCredit ? quantity : quantity.negated() })
      })
    }
    if (!expenses.isZero()) targetLines.push({ summary: spec.summary, accountCode: target.right.code, debit: expenses })
    if (!income.isZero()) targetLines.push({ summary: spec.summary, accountCode: target.right.code, credit: income })
  }
  return Either.right({ word: spec.word, date: spec.date, attachments: 0, lines: [...lines, ...targetLines] })
}

// ── FX revaluation (期末調匯) ────────────────────────────────────────────────

/**
 * One revalued balance: the foreign balance at the period-end rate against the book
 * balance in the base currency.
 *
 * @since 0.1.0
 */
export interface RevaluationAdjustment {
  readonly accountCode: string
  readonly dimensionKey: string
  readonly currency: string
  readonly rate: Dec
  readonly foreignBalance: Dec
  readonly bookBalance: Dec
  /** round(foreign × rate, currency scale, half-up). */
  readonly revaluedBalance: Dec
  /** revalued − book: positive debits the revalued account. */
  readonly difference: Dec
}

/**
 * The revaluation of a period: the adjustments and the voucher input that books them.
 * The revalued accounts' lines come first, in the order of `adjustments`; the
 * exchange gain/loss line (if the differences do not cancel out) comes last. The input
 * carries no currency fields: {@link withRevaluationRates} adds them after validation.
 *
 * @since 0.1.0
 */
export interface RevaluationPlan {
  readonly adjustments: ReadonlyArray<RevaluationAdjustment>
  readonly input: VoucherInput
}

/**
 * What the FX revaluation of a period needs.
 *
 * @since 0.1.0
 */
export interface RevaluationSpec {
  readonly accountSet: AccountSet
  readonly period: Period
  readonly accounts: ReadonlyArray<Account>
  readonly rows: ReadonlyArray<BalanceMovement>
  /** Period-end rate per currency: base-currency units per one foreign unit. */
  readonly rates: Readonly<Record<string, Dec>>
  readonly word: string
  readonly date: LocalDate
  readonly summary: string
  readonly exchangeGainLoss?: string
}

/**
 * Plans the FX revaluation (期末調匯): for every leaf account flagged `revalue` that keeps
 * a foreign currency, per dimension set, the difference between the foreign balance at
 * the period-end rate (rounded half-up to the base currency's scale) and the book
 * balance. A positive difference debits the revalued account and credits exchange
 * gain/loss; a negative one the reverse. Chinese practice adjusts the carrying amount
 * for good: nothing is reversed at the start of the next period.
 *
 * Checks, in order: `ExchangeRateInvalid` (a revalued account with a balance whose
 * currency has no rate, or a rate that is not positive; first currency in code order),
 * `NothingToRevalue`, `SpecialAccountUnresolved` (exchange gain/loss, only when the
 * differences do not cancel out).
 *
 * @since 0.1.0
 */
export const planRevaluation = (
  spec: RevaluationSpec
): Either.Either<RevaluationPlan, ExchangeRateInvalid | NothingToRevalue | SpecialAccountUnresolved> => {
  const revalued = new Map(
    spec.accounts.filter((account) => account.revalue && account.foreignCurrency !== null && account.leaf).map((account) => [account.code as string, account])
  )
  const balances = balancesAtEndOf(spec.accountSet, spec.period, spec.rows)
  const pairs = new Map<string, { accountCode: string; dimensionKey: string; currency: string; foreign: Dec; book: Dec }>()
  for (const entry of balances) {
    const account = revalued.get(entry.accountCode)
    if (account === undefined) continue
    const isBook = entry.commodity === spec.accountSet.baseCurrency
    if (!isBook && entry.commodity !== account.foreignCurrency) continue
    const id = `${entry.accountCode}\u0000${entry.dimensionKey}`
    const pair = pairs.get(id) ?? { accountCode: entry.accountCode, dimensionKey: entry.dimensionKey, currency: account.foreignCurrency!, foreign: zero, book: zero }
    pairs.set(id, isBook ? { ...pair, book: entry.balance } : { ...pair, foreign: entry.balance })
  }
  const ordered = [...pairs.values()].sort((left, right) => compareBalanceRows({ ...left, commodity: "" }, { ...right, commodity: "" }))
  for (const pair of ordered) {
    const rate = spec.rates[pair.currency]
    if (rate === undefined) return Either.left(new ExchangeRateInvalid({ currency: pair.currency, reason: "missing", rate: "" }))
    // decimal.js counts zero as positive, so compare with zero explicitly.
    if (!rate.greaterThan(0)) return Either.left(new ExchangeRateInvalid({ currency: pair.currency, reason: "notPositive", rate: decimalToString(rate) }))
  }
  const adjustments: Array<RevaluationAdjustment> = []
  for (const pair of ordered) {
    const rate = spec.rates[pair.currency]!
    const revaluedBalance = pair.foreign.times(rate).toDecimalPlaces(spec.accountSet.currencyScale, Decimal.ROUND_HALF_UP)
    const difference = revaluedBalance.minus(pair.book)
    if (difference.isZero()) continue
    adjustments.push({
      accountCode: pair.accountCode,
      dimensionKey: pair.dimensionKey,
      currency: pair.currency,
      rate,
      foreignBalance: pair.foreign,
      bookBalance: pair.book,
      revaluedBalance,
      difference
    })
  }
  if (adjustments.length === 0) return Either.left(new NothingToRevalue({ period: PeriodOps.format(spec.period) }))
  const lines: Array<VoucherLineInput> = adjustments.map((adjustment) => {
    const dimensions = dimensionsOfKey(adjustment.dimensionKey)
    return {
      summary: spec.summary,
      accountCode: adjustment.accountCode,
      ...(dimensions === undefined ? {} : { dimensions }),
      ...(adjustment.difference.isPositive() ? { debit: adjustment.difference } : { credit: adjustment.difference.negated() })
    }
  })
  const total = adjustments.reduce((sum, adjustment) => sum.plus(adjustment.difference), zero)
  if (!total.isZero()) {
    const target = resolveSpecialAccount(spec.accounts, "exchangeGainLoss", spec.exchangeGainLoss, spec.accountSet.template)
    if (Either.isLeft(target)) return Either.left(target.left)
    lines.push({ summary: spec.summary, accountCode: target.right.code, ...(total.isPositive() ? { credit: total } : { debit: total.negated() }) })
  }
  return Either.right({ adjustments, input: { word: spec.word, date: spec.date, attachments: 0, lines } })
}

/**
 * Marks the revalued lines of a validated revaluation voucher as the exchange
 * differences they are: currency and period-end rate, original amount zero (Kingdee
 * prints 原幣 0). Voucher validation requires original × rate = amount on
 * foreign-currency lines, which an exchange difference cannot meet, so the service
 * validates the plan without the currency fields and adds them here.
 *
 * @since 0.1.0
 */
export const withRevaluationRates = (voucher: ValidatedVoucher, adjustments: ReadonlyArray<RevaluationAdjustment>): ValidatedVoucher => ({
  ...voucher,
  lines: voucher.lines.map((line, index): VoucherLine => {
    const adjustment = adjustments[index]
    return adjustment === undefined
      ? line
      : { ...line, currency: adjustment.currency, exchangeRate: adjustment.rate, originalAmount: zero }
  })
})

// ── year close (年終結轉) ────────────────────────────────────────────────────

/**
 * The profit-and-loss leaf accounts with a base-currency balance over the rows of a
 * year, by code (one entry per account, whatever its dimension sets).
 *
 * @since 0.1.0
 */
export const profitAndLossAccountsWithBalance = (
  accountSet: Pick<AccountSet, "baseCurrency">,
  chart: { readonly accounts: ReadonlyArray<Account> },
  fiscalYear: number,
  rowsOfYear: ReadonlyArray<BalanceMovement>
): Array<string> => {
  const profitAndLoss = new Set(chart.accounts.filter((account) => account.category === "profitAndLoss").map((account) => account.code as string))
  const codes = new Set<string>()
  for (const entry of balancesBetween(rowsOfYear, fiscalYear * 100, fiscalYear * 100 + 99)) {
    if (entry.commodity === accountSet.baseCurrency && profitAndLoss.has(entry.accountCode)) codes.add(entry.accountCode)
  }
  return [...codes].sort()
}

/**
 * The year-opening rows (period 0 of `fiscalYear + 1`) a year close writes: the closing
 * balance of every account that is not profit and loss, per dimension set and commodity
 * (base currency, foreign currencies, quantities), on its debit side when positive and
 * its credit side when negative. Accounts the chart does not know are carried too, so
 * nothing is lost. Pure; `verify` compares these with the stored carry rows.
 *
 * @since 0.1.0
 */
export const expectedCarryRows = (
  chart: { readonly accounts: ReadonlyArray<Account> },
  fiscalYear: number,
  rowsOfYear: ReadonlyArray<BalanceMovement>
): Array<BalanceDelta> => {
  const profitAndLoss = new Set(chart.accounts.filter((account) => account.category === "profitAndLoss").map((account) => account.code as string))
  return balancesBetween(rowsOfYear, fiscalYear * 100, fiscalYear * 100 + 99)
    .filter((entry) => !profitAndLoss.has(entry.accountCode))
    .map((entry) => ({
      accountCode: entry.accountCode,
      dimensionKey: entry.dimensionKey,
      fiscalYear: fiscalYear + 1,
      period: 0,
      commodity: entry.commodity,
      debit: entry.balance.isPositive() ? entry.balance : zero,
      credit: entry.balance.isNegative() ? entry.balance.negated() : zero
    }))
}

/**
 * A balance row whose stored figures differ from the expected ones (decimal strings).
 *
 * @since 0.1.0
 */
export interface BalanceRowDifference {
  readonly accountCode: string
  readonly dimensionKey: string
  readonly fiscalYear: number
  readonly period: number
  readonly commodity: string
  readonly maintainedDebit: string
  readonly maintainedCredit: string
  readonly expectedDebit: string
  readonly expectedCredit: string
}

/**
 * Compares maintained balance rows with expected ones, debit and credit separately;
 * rows that are zero on both sides count as absent. Sorted by period, account,
 * dimension key and commodity.
 *
 * @since 0.1.0
 */
export const balanceRowDifferences = (
  maintained: ReadonlyArray<BalanceMovement>,
  expected: ReadonlyArray<BalanceMovement>
): Array<BalanceRowDifference> => {
  const keyOf = (row: BalanceMovement) => `${row.fiscalYear * 100 + row.period}\u0000${balanceKey(row)}`
  const nonZero = (row: BalanceMovement) => !(row.debit.isZero() && row.credit.isZero())
  const sum = (rows: ReadonlyArray<BalanceMovement>) => {
    const sums = new Map<string, BalanceMovement>()
    for (const row of rows) {
      const existing = sums.get(keyOf(row))
      sums.set(keyOf(row), existing === undefined ? row : { ...existing, debit: existing.debit.plus(row.debit), credit: existing.credit.plus(row.credit) })
    }
    return new Map([...sums].filter(([, row]) => nonZero(row)))
  }
  const actual = sum(maintained)
  const wanted = sum(expected)
  const differences: Array<BalanceRowDifference> = []
  for (const key of new Set([...actual.keys(), ...wanted.keys()])) {
    const found = actual.get(key)
    const target = wanted.get(key)
    const row = (found ?? target)!
    const maintainedDebit = found?.debit ?? zero
    const maintainedCredit = found?.credit ?? zero
    const expectedDebit = target?.debit ?? zero
    const expectedCredit = target?.credit ?? zero
    if (maintainedDebit.equals(expectedDebit) && maintainedCredit.equals(expectedCredit)) continue
    differences.push({
      accountCode: row.accountCode,
      dimensionKey: row.dimensionKey,
      fiscalYear: row.fiscalYear,
      period: row.period,
      commodity: row.commodity,
      maintainedDebit: decimalToString(maintainedDebit),
      maintainedCredit: decimalToString(maintainedCredit),
      expectedDebit: decimalToString(expectedDebit),
      expectedCredit: decimalToString(expectedCredit)
    })
  }
  return differences.sort((left, right) =>
    (left.fiscalYear * 100 + left.period) - (right.fiscalYear * 100 + right.period) || compareBalanceRows(left, right))
}

// ── period seal (結賬封存) ────────────────────────────────────────────────────

/**
 * The canonical text a period's seal hashes: a version line with the period key, then
 * one line per non-zero balance row of the period (account, dimension key, commodity,
 * debit, credit as normalised decimal strings, separated by U+001F), sorted by account,
 * dimension key and commodity. Equal balances give equal text on every database.
 *
 * @since 0.1.0
 */
export const sealText = (period: Period, rowsOfPeriod: ReadonlyArray<BalanceMovement>): string => {
  const key = periodKeyOf(period)
  const lines = rowsOfPeriod
    .filter((row) => row.fiscalYear * 100 + row.period === key && !(row.debit.isZero() && row.credit.isZero()))
    .sort(compareBalanceRows)
    .map((row) => [row.accountCode, row.dimensionKey, row.commodity, decimalToString(row.debit), decimalToString(row.credit)].join("\u001f"))
  return [`danju-ledger-period-seal-v1 ${key}`, ...lines].join("\n")
}

// ── renumbering (整理憑證號) ─────────────────────────────────────────────────

/**
 * A voucher as renumbering sees it.
 *
 * @since 0.1.0
 */
export interface NumberedVoucher {
  readonly id: string
  readonly word: string
  readonly number: number
  readonly date: LocalDate
  readonly status: VoucherStatus
}

/**
 * A voucher's number before and after renumbering.
 *
 * @since 0.1.0
 */
export interface Renumbering {
  readonly id: string
  readonly word: string
  readonly status: VoucherStatus
  readonly from: number
  readonly to: number
}

/**
 * Assigns numbers 1..n per voucher word: by date (ties keep their current order), or
 * in the order the caller gives, which must list every voucher exactly once.
 *
 * Checks, in order (first offending voucher): `RenumberOrderInvalid` `unknown`,
 * `duplicate`, then `missing` (in current number order).
 *
 * @since 0.1.0
 */
export const planRenumbering = (
  vouchers: ReadonlyArray<NumberedVoucher>,
  order: "date" | ReadonlyArray<string>
): Either.Either<Array<Renumbering>, RenumberOrderInvalid> => {
  let sequence: Array<NumberedVoucher>
  if (order === "date") {
    sequence = [...vouchers].sort((left, right) => compareText(left.date, right.date) || left.number - right.number)
  } else {
    const byId = new Map(vouchers.map((voucher) => [voucher.id, voucher]))
    const seen = new Set<string>()
    sequence = []
    for (const id of order) {
      const voucher = byId.get(id)
      if (voucher === undefined) return Either.left(new RenumberOrderInvalid({ voucherId: id.slice(0, Limits.codeLengthMax), reason: "unknown" }))
      if (seen.has(id)) return Either.left(new RenumberOrderInvalid({ voucherId: id, reason: "duplicate" }))
      seen.add(id)
      sequence.push(voucher)
    }
    const left = [...vouchers].sort((a, b) => compareText(a.word, b.word) || a.number - b.number).find((voucher) => !seen.has(voucher.id))
    if (left !== undefined) return Either.left(new RenumberOrderInvalid({ voucherId: left.id, reason: "missing" }))
  }
  const next = new Map<string, number>()
  return Either.right(sequence.map((voucher) => {
    const number = (next.get(voucher.word) ?? 0) + 1
    next.set(voucher.word, number)
    return { id: voucher.id, word: voucher.word, status: voucher.status, from: voucher.number, to: number }
  }))
}
