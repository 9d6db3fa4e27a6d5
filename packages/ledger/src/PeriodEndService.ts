import { createHash } from "node:crypto"
import { Context, Effect, Either, Layer } from "effect"
import type { Actor, Dec, Period } from "@danju/core"
import { decimalToString, FiscalCalendar, Limits, Period as PeriodOps } from "@danju/core"
import { Account as AccountClass } from "./domain/Account"
import { AccountSet } from "./domain/AccountSet"
import {
  AccountSetStatusInvalid,
  NothingToReopen,
  PeriodBalancesMismatch,
  PeriodClosed,
  PeriodNotNextToClose,
  ProfitAndLossNotZero,
  RenumberPostedForbidden,
  UnpostedVouchersRemain,
  VoucherNumberGaps,
  YearClosed,
  YearHasOpenPeriods,
  YearHasPostedVouchers,
  YearNotNextToClose
} from "./domain/errors"
import type { BalanceRowDifference, Renumbering } from "./domain/PeriodEnd"
import {
  balanceRowDifferences,
  expectedCarryRows,
  firstOpenPeriod,
  planProfitAndLossCarryForward,
  planRenumbering,
  planRevaluation,
  profitAndLossAccountsWithBalance,
  sealText,
  withRevaluationRates
} from "./domain/PeriodEnd"
import { LedgerPermission } from "./domain/permissions"
import { openingBaseKey, periodKeyOf } from "./domain/TrialBalance"
import { isPeriodClosed, validateVoucher } from "./domain/Voucher"
import type { Voucher } from "./domain/VoucherLifecycle"
import { balanceDeltas } from "./domain/VoucherLifecycle"
import { makeKit } from "./internal/kit"
import type { VoucherQuery } from "./LedgerRepo"
import { LedgerConfig, LedgerService } from "./LedgerService"

/**
 * Options of the P&L carry-forward (結轉損益).
 *
 * @since 0.1.0
 */
export interface CarryForwardOptions {
  readonly period: Period
  /** Voucher word; 轉 when the account set uses it, else its first word. */
  readonly word?: string
  /** Line summary; "結轉本期損益" by default. */
  readonly summary?: string
  /** The current-year-profit account (本年利潤); found by `findSpecialAccount` when absent. */
  readonly currentYearProfit?: string
  /** The retained-earnings account (未分配利潤) prior-year adjustments go to; found when absent. */
  readonly retainedEarnings?: string
}

/**
 * Options of the FX revaluation (期末調匯).
 *
 * @since 0.1.0
 */
export interface RevaluationOptions {
  readonly period: Period
  /** Period-end rate per currency code: base-currency units per one foreign unit. */
  readonly rates: Readonly<Record<string, Dec>>
  readonly word?: string
  /** Line summary; "期末調匯" by default. */
  readonly summary?: string
  /** The exchange gain/loss account (匯兌損益); found by `findSpecialAccount` when absent. */
  readonly exchangeGainLoss?: string
}

/**
 * What closing a period recorded.
 *
 * @since 0.1.0
 */
export interface PeriodCloseResult {
  readonly period: Period
  /** SHA-256 (hex) of `sealText` over the period's balance rows. */
  readonly sealHash: string
  readonly closedAt: number
  readonly closedBy: string
}

/**
 * A seal that no longer matches the books, or a closed period without one.
 *
 * @since 0.1.0
 */
export interface SealProblem {
  readonly period: string
  readonly problem: "hashMismatch" | "sealMissing" | "sealOfOpenPeriod"
  readonly sealedHash: string
  readonly currentHash: string
}

/**
 * The result of checking every period seal against the current balance rows.
 *
 * @since 0.1.0
 */
export interface SealReport {
  readonly accountSet: string
  readonly sealedPeriods: number
  readonly problems: ReadonlyArray<SealProblem>
}

/**
 * The result of checking the year-opening rows every year close wrote against the
 * closing balances of the year before, recomputed now.
 *
 * @since 0.1.0
 */
export interface CarryReport {
  readonly accountSet: string
  readonly closedYears: ReadonlyArray<number>
  readonly differences: ReadonlyArray<BalanceRowDifference>
}

/**
 * Options of renumbering (整理憑證號).
 *
 * @since 0.1.0
 */
export interface RenumberOptions {
  readonly period: Period
  /** Renumber one word only; every word of the period (each 1..n) when absent. */
  readonly word?: string
  /** By date (ties keep their current order), or every voucher's id in the wanted order. */
  readonly order: "date" | ReadonlyArray<string>
}

const listedMax = Limits.periodEndListedItemsMax

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex")

const makeService = Effect.gen(function*() {
  const config = yield* LedgerConfig
  const ledger = yield* LedgerService
  const { repo, database, now, guarded, guardedForWrite, audit, draft } = yield* makeKit(config.permissions)

  const requireEnabled = (accountSet: AccountSet) =>
    accountSet.status === "enabled"
      ? Effect.void
      : Effect.fail(new AccountSetStatusInvalid({ accountSet: accountSet.code, status: accountSet.status, required: "enabled" }))

  const requireOpen = (accountSet: AccountSet, period: Period) =>
    isPeriodClosed(accountSet, period)
      ? Effect.fail(new PeriodClosed({ period: PeriodOps.format(period), lastClosedPeriod: PeriodOps.format(accountSet.lastClosedPeriod!) }))
      : Effect.void

  const requireAllPosted = (accountSet: AccountSet, period: Period) =>
    Effect.flatMap(
      repo.voucherIdsByStatus({
        accountSetId: accountSet.id,
        from: periodKeyOf(period),
        to: periodKeyOf(period),
        statuses: ["draft", "audited"],
        idLimit: listedMax
      }),
      ({ count, ids }) =>
        count === 0 ? Effect.void : Effect.fail(new UnpostedVouchersRemain({ period: PeriodOps.format(period), voucherIds: ids, count }))
    )

  // 憑證不斷號: numbers deleted drafts gave back and no voucher took again.
  const requireNoNumberGaps = (accountSet: AccountSet, period: Period) =>
    accountSet.options.gaplessVoucherNumbers
      ? Effect.flatMap(repo.voucherNumberGaps(accountSet.id, period), (gaps) =>
        gaps.length === 0 ? Effect.void : Effect.fail(new VoucherNumberGaps({
          period: PeriodOps.format(period),
          gaps: gaps.slice(0, listedMax).map((gap) => `${gap.word}-${gap.number}`),
          count: gaps.length
        })))
      : Effect.void

  const lastDayOf = (accountSet: AccountSet, period: Period) =>
    Either.match(FiscalCalendar.dateRange(accountSet.calendar, period), {
      onLeft: Effect.fail,
      onRight: (range) => Effect.succeed(range.last)
    })

  // Generated vouchers are transfers: 轉 when the account set uses words, else its default word.
  const defaultWord = (accountSet: AccountSet): string =>
    accountSet.options.voucherWords.includes("轉" as never) ? "轉" : accountSet.options.voucherWords[0]!

  const rowsUpTo = (accountSet: AccountSet, period: Period) =>
    repo.balanceRows({ accountSetId: accountSet.id, from: openingBaseKey(accountSet, period), to: periodKeyOf(period) })

  const periodAggregate = (accountSet: AccountSet, period: Period) => `${accountSet.id}:${PeriodOps.format(period)}`

  /**
   * What a generated period-end voucher needs, checked in the documented order: the
   * account set and permission, enabled books, a valid open period whose vouchers are
   * all posted; then its last day, the chart and the balance rows up to it.
   */
  const periodEndVoucherContext = (actor: Actor, code: string, period: Period) =>
    Effect.gen(function*() {
      const accountSet = yield* guarded(actor, code, LedgerPermission.voucherCreate)
      yield* requireEnabled(accountSet)
      const date = yield* lastDayOf(accountSet, period)
      yield* requireOpen(accountSet, period)
      yield* requireAllPosted(accountSet, period)
      const chart = yield* repo.chart(accountSet.id)
      const rows = yield* rowsUpTo(accountSet, period)
      return { accountSet, chart, date, rows }
    })

  /**
   * 結轉損益: one draft voucher moving every P&L balance at the end of the period to
   * current-year profit (prior-year adjustments to retained earnings); it is then
   * audited and posted like any other voucher. Checks, in order: `AccountSetNotFound`,
   * `PermissionDenied`/`OrganisationMismatch` (ledger.voucher.create),
   * `AccountSetStatusInvalid`, `PeriodInvalid`, `PeriodClosed`,
   * `UnpostedVouchersRemain`, `NothingToCarryForward`, `SpecialAccountUnresolved`, then
   * the voucher rules of `validateVoucher`.
   */
  const carryForwardProfitAndLoss = (actor: Actor, code: string, options: CarryForwardOptions) =>
    Effect.gen(function*() {
      const at = yield* now
      return yield* database.withTransaction(Effect.gen(function*() {
        const { accountSet, chart, date, rows } = yield* periodEndVoucherContext(actor, code, options.period)
        const input = yield* Either.match(planProfitAndLossCarryForward({
          accountSet,
          period: options.period,
          accounts: chart.accounts,
          rows,
          word: options.word ?? defaultWord(accountSet),
          date,
          summary: options.summary ?? "結轉本期損益",
          ...(options.currentYearProfit === undefined ? {} : { currentYearProfit: options.currentYearProfit }),
          ...(options.retainedEarnings === undefined ? {} : { retainedEarnings: options.retainedEarnings })
        }), { onLeft: Effect.fail, onRight: Effect.succeed })
        const voucher = yield* ledger.createVoucher(actor, code, input)
        yield* audit(accountSet, [
          draft(actor, at, "ledger.period", periodAggregate(accountSet, options.period), "carryForwardProfitAndLoss", null, null, {
            period: PeriodOps.format(options.period),
            voucherId: voucher.id,
            lines: voucher.lines.length
          })
        ])
        return voucher
      }))
    })

  /**
   * 期末調匯: one draft voucher booking the exchange differences of every revalued
   * foreign-currency account at the period-end rates. Permanent (no reversal next
   * period). Checks, in order: `AccountSetNotFound`, `PermissionDenied`
   * (ledger.voucher.create), `AccountSetStatusInvalid`, `PeriodInvalid`,
   * `PeriodClosed`, `UnpostedVouchersRemain`, `ExchangeRateInvalid`,
   * `NothingToRevalue`, `SpecialAccountUnresolved`, then the voucher rules.
   */
  const revalueForeignCurrency = (actor: Actor, code: string, options: RevaluationOptions) =>
    Effect.gen(function*() {
      const at = yield* now
      return yield* database.withTransaction(Effect.gen(function*() {
        const { accountSet, chart, date, rows } = yield* periodEndVoucherContext(actor, code, options.period)
        const plan = yield* Either.match(planRevaluation({
          accountSet,
          period: options.period,
          accounts: chart.accounts,
          rows,
          rates: options.rates,
          word: options.word ?? defaultWord(accountSet),
          date,
          summary: options.summary ?? "期末調匯",
          ...(options.exchangeGainLoss === undefined ? {} : { exchangeGainLoss: options.exchangeGainLoss })
        }), { onLeft: Effect.fail, onRight: Effect.succeed })
        // An exchange difference moves the base currency only, so the revalued lines are
        // validated as base-currency lines and get their currency and rate afterwards.
        const revalued = new Set(plan.adjustments.map((adjustment) => adjustment.accountCode))
        const accounts = new Map(chart.accounts.map((account) => [
          account.code as string,
          revalued.has(account.code) ? AccountClass.make({ ...account, foreignCurrency: null }) : account
        ]))
        const values = new Set(chart.dimensionValues.filter((value) => !value.disabled).map((value) => `${value.type}\u0000${value.code}`))
        const validated = yield* Either.match(validateVoucher({
          accountSet,
          account: (accountCode) => accounts.get(accountCode),
          dimensionValueExists: (type, valueCode) => values.has(`${type}\u0000${valueCode}`)
        }, plan.input), { onLeft: Effect.fail, onRight: Effect.succeed })
        const [voucher] = yield* repo.insertVouchers(accountSet, [{
          voucher: withRevaluationRates(validated, plan.adjustments),
          status: "draft",
          makerId: actor.operatorId,
          auditorId: null,
          posterId: null,
          reversalOfId: null,
          at
        }])
        yield* audit(accountSet, [
          draft(actor, at, "ledger.voucher", voucher!.id, "create", null, "draft", {
            word: voucher!.word,
            number: voucher!.number,
            period: PeriodOps.format(voucher!.period),
            total: decimalToString(voucher!.total)
          }),
          draft(actor, at, "ledger.period", periodAggregate(accountSet, options.period), "revalueForeignCurrency", null, null, {
            period: PeriodOps.format(options.period),
            voucherId: voucher!.id,
            rates: Object.fromEntries(Object.entries(options.rates).map(([currency, rate]) => [currency, decimalToString(rate)])),
            adjustments: plan.adjustments.map((adjustment) => ({
              accountCode: adjustment.accountCode,
              dimensionKey: adjustment.dimensionKey,
              difference: decimalToString(adjustment.difference)
            }))
          })
        ])
        return { voucher: voucher!, adjustments: plan.adjustments }
      }))
    })

  /** Every posted voucher of a period, page by page. */
  const postedVouchersOf = (accountSet: AccountSet, period: Period) =>
    Effect.gen(function*() {
      const vouchers: Array<Voucher> = []
      let after: VoucherQuery["after"] = undefined
      while (true) {
        const page: ReadonlyArray<Voucher> = yield* repo.listVouchers({
          accountSetId: accountSet.id,
          from: periodKeyOf(period),
          to: periodKeyOf(period),
          status: "posted",
          limit: Limits.pageSizeMax,
          ...(after === undefined ? {} : { after })
        })
        vouchers.push(...page)
        if (page.length < Limits.pageSizeMax) return vouchers
        const last = page[page.length - 1]!
        after = { fiscalYear: last.period.fiscalYear, period: last.period.number, word: last.word, number: last.number }
      }
    })

  /**
   * 結賬: closes the first open period and seals its balance rows. Checks, in order:
   * `AccountSetNotFound`, `PermissionDenied` (ledger.period.close),
   * `AccountSetStatusInvalid`, `PeriodNotNextToClose`, `UnpostedVouchersRemain`,
   * `VoucherNumberGaps` (with `gaplessVoucherNumbers`: numbers deleted drafts gave back
   * are still unused), `PeriodBalancesMismatch` (maintained rows of the period ≠ a recomputation from its
   * posted vouchers). Then writes the seal (SHA-256 of `sealText`), moves
   * `lastClosedPeriod` and records the close in the audit log.
   */
  const closePeriod = (actor: Actor, code: string, options: { readonly period?: Period } = {}) =>
    Effect.gen(function*() {
      const at = yield* now
      return yield* database.withTransaction(Effect.gen(function*() {
        const accountSet = yield* guardedForWrite(actor, code, LedgerPermission.periodClose, "exclusive")
        yield* requireEnabled(accountSet)
        const expected = firstOpenPeriod(accountSet)
        const period = options.period ?? expected
        if (!PeriodOps.equals(period, expected)) {
          return yield* new PeriodNotNextToClose({ period: PeriodOps.format(period), expected: PeriodOps.format(expected) })
        }
        yield* requireAllPosted(accountSet, period)
        yield* requireNoNumberGaps(accountSet, period)
        const key = periodKeyOf(period)
        const maintained = yield* repo.balanceRows({ accountSetId: accountSet.id, from: key, to: key })
        const posted = yield* postedVouchersOf(accountSet, period)
        const differences = balanceRowDifferences(maintained, balanceDeltas(posted, 1))
        if (differences.length > 0) {
          const { fiscalYear: _year, period: _period, ...first } = differences[0]!
          return yield* new PeriodBalancesMismatch({ period: PeriodOps.format(period), count: differences.length, ...first })
        }
        const sealHash = sha256(sealText(period, maintained))
        yield* repo.insertPeriodSeal({ accountSetId: accountSet.id, period, closedAt: at, closedBy: actor.operatorId, sealHash })
        yield* repo.updateAccountSet(AccountSet.make({ ...accountSet, lastClosedPeriod: period }))
        yield* audit(accountSet, [
          draft(actor, at, "ledger.period", periodAggregate(accountSet, period), "close", "open", "closed", {
            period: PeriodOps.format(period),
            sealHash,
            balanceRows: maintained.length,
            postedVouchers: posted.length
          })
        ])
        return { period, sealHash, closedAt: at, closedBy: actor.operatorId } satisfies PeriodCloseResult
      }))
    })

  /**
   * 反結賬: reopens the latest closed period, removing its seal (the audit log keeps the
   * hash it had). Checks, in order: `AccountSetNotFound`, `PermissionDenied`
   * (ledger.period.reopen), `NothingToReopen`, `YearClosed`.
   */
  const reopenPeriod = (actor: Actor, code: string) =>
    Effect.gen(function*() {
      const at = yield* now
      return yield* database.withTransaction(Effect.gen(function*() {
        const accountSet = yield* guardedForWrite(actor, code, LedgerPermission.periodReopen, "exclusive")
        const period = accountSet.lastClosedPeriod
        if (period === null) return yield* new NothingToReopen({ accountSet: accountSet.code, what: "period" })
        if (accountSet.lastClosedYear !== null && period.fiscalYear <= accountSet.lastClosedYear) {
          return yield* new YearClosed({ fiscalYear: period.fiscalYear, period: PeriodOps.format(period) })
        }
        const seals = yield* repo.listPeriodSeals(accountSet.id)
        const seal = seals.find((candidate) => PeriodOps.equals(candidate.period, period))
        yield* repo.deletePeriodSeal(accountSet.id, period)
        const previous = PeriodOps.compare(period, accountSet.startPeriod) <= 0 ? null : PeriodOps.previous(accountSet.calendar, period)
        yield* repo.updateAccountSet(AccountSet.make({ ...accountSet, lastClosedPeriod: previous }))
        yield* audit(accountSet, [
          draft(actor, at, "ledger.period", periodAggregate(accountSet, period), "reopen", "closed", "open", {
            period: PeriodOps.format(period),
            sealHash: seal?.sealHash ?? null,
            closedAt: seal?.closedAt ?? null,
            closedBy: seal?.closedBy ?? null
          })
        ])
        return { period, lastClosedPeriod: previous }
      }))
    })

  const sealProblems = (accountSet: AccountSet) =>
    Effect.gen(function*() {
      const seals = yield* repo.listPeriodSeals(accountSet.id)
      const problems: Array<SealProblem> = []
      const sealed = new Set<number>()
      if (seals.length > 0) {
        const keys = seals.map((seal) => periodKeyOf(seal.period))
        const rows = yield* repo.balanceRows({ accountSetId: accountSet.id, from: Math.min(...keys), to: Math.max(...keys) })
        for (const seal of seals) {
          sealed.add(periodKeyOf(seal.period))
          const currentHash = sha256(sealText(seal.period, rows))
          if (!isPeriodClosed(accountSet, seal.period)) {
            problems.push({ period: PeriodOps.format(seal.period), problem: "sealOfOpenPeriod", sealedHash: seal.sealHash, currentHash })
          } else if (currentHash !== seal.sealHash) {
            problems.push({ period: PeriodOps.format(seal.period), problem: "hashMismatch", sealedHash: seal.sealHash, currentHash })
          }
        }
      }
      if (accountSet.lastClosedPeriod !== null) {
        let period = accountSet.startPeriod
        while (PeriodOps.compare(period, accountSet.lastClosedPeriod) <= 0) {
          if (!sealed.has(periodKeyOf(period))) problems.push({ period: PeriodOps.format(period), problem: "sealMissing", sealedHash: "", currentHash: "" })
          period = PeriodOps.next(accountSet.calendar, period)
        }
      }
      return { accountSet: accountSet.code, sealedPeriods: seals.length, problems } satisfies SealReport
    })

  /**
   * Recomputes the hash of every sealed period from the current balance rows and
   * reports periods whose seal no longer matches (tampering or a repair after the
   * close), closed periods without a seal, and seals of open periods.
   */
  const verifySeals = (actor: Actor, code: string) =>
    Effect.flatMap(guarded(actor, code, LedgerPermission.reportRead), sealProblems)

  const carryDifferences = (accountSet: AccountSet) =>
    Effect.gen(function*() {
      const chart = yield* repo.chart(accountSet.id)
      const closedYears: Array<number> = []
      const differences: Array<BalanceRowDifference> = []
      if (accountSet.lastClosedYear !== null) {
        for (let year = accountSet.startPeriod.fiscalYear; year <= accountSet.lastClosedYear; year++) {
          closedYears.push(year)
          const rows = yield* repo.balanceRows({ accountSetId: accountSet.id, from: year * 100, to: (year + 1) * 100 })
          const rowsOfYear = rows.filter((row) => row.fiscalYear === year)
          const carried = rows.filter((row) => row.fiscalYear === year + 1 && row.period === 0)
          differences.push(...balanceRowDifferences(carried, expectedCarryRows(chart, year, rowsOfYear)))
        }
      }
      return { accountSet: accountSet.code, closedYears, differences } satisfies CarryReport
    })

  /**
   * Checks the year-opening rows every year close wrote against the closing balances
   * of the year before (`expectedCarryRows`), which `LedgerService.verify` skips.
   */
  const verifyCarries = (actor: Actor, code: string) =>
    Effect.flatMap(guarded(actor, code, LedgerPermission.reportRead), carryDifferences)

  /** Both period-end checks in one report: seals and year carries. */
  const verify = (actor: Actor, code: string) =>
    Effect.gen(function*() {
      const accountSet = yield* guarded(actor, code, LedgerPermission.reportRead)
      const seals = yield* sealProblems(accountSet)
      const carries = yield* carryDifferences(accountSet)
      return { accountSet: accountSet.code, seals, carries }
    })

  /**
   * 年終結轉: carries the closing balance of every account that is not profit and loss
   * into period 0 of the next fiscal year. Checks, in order: `AccountSetNotFound`,
   * `PermissionDenied` (ledger.period.close), `AccountSetStatusInvalid`,
   * `YearNotNextToClose`, `YearHasOpenPeriods`, `ProfitAndLossNotZero`.
   */
  const closeYear = (actor: Actor, code: string, options: { readonly fiscalYear: number }) =>
    Effect.gen(function*() {
      const at = yield* now
      return yield* database.withTransaction(Effect.gen(function*() {
        const accountSet = yield* guardedForWrite(actor, code, LedgerPermission.periodClose, "exclusive")
        yield* requireEnabled(accountSet)
        const year = options.fiscalYear
        const expected = accountSet.lastClosedYear === null ? accountSet.startPeriod.fiscalYear : accountSet.lastClosedYear + 1
        if (year !== expected) return yield* new YearNotNextToClose({ fiscalYear: year, expected })
        const lastPeriod = { fiscalYear: year, number: accountSet.calendar.periodsPerYear }
        if (!isPeriodClosed(accountSet, lastPeriod)) {
          return yield* new YearHasOpenPeriods({ fiscalYear: year, firstOpenPeriod: PeriodOps.format(firstOpenPeriod(accountSet)) })
        }
        const chart = yield* repo.chart(accountSet.id)
        const rows = yield* repo.balanceRows({ accountSetId: accountSet.id, from: year * 100, to: year * 100 + 99 })
        const unclosed = profitAndLossAccountsWithBalance(accountSet, chart, year, rows)
        if (unclosed.length > 0) {
          return yield* new ProfitAndLossNotZero({ fiscalYear: year, accountCodes: unclosed.slice(0, listedMax), count: unclosed.length })
        }
        const carries = expectedCarryRows(chart, year, rows)
        yield* repo.applyBalanceDeltas(accountSet.id, carries)
        yield* repo.updateAccountSet(AccountSet.make({ ...accountSet, lastClosedYear: year }))
        const carryHash = sha256(sealText({ fiscalYear: year + 1, number: 0 }, carries))
        yield* audit(accountSet, [
          draft(actor, at, "ledger.year", `${accountSet.id}:${year}`, "closeYear", "open", "closed", { fiscalYear: year, carriedRows: carries.length, carryHash })
        ])
        return { fiscalYear: year, carriedRows: carries.length, carryHash }
      }))
    })

  /**
   * Reverses the latest year close while no later voucher is posted: deletes the
   * carried year-opening rows. Checks, in order: `AccountSetNotFound`,
   * `PermissionDenied` (ledger.period.reopen), `NothingToReopen`, `YearHasPostedVouchers`.
   */
  const reopenYear = (actor: Actor, code: string) =>
    Effect.gen(function*() {
      const at = yield* now
      return yield* database.withTransaction(Effect.gen(function*() {
        const accountSet = yield* guardedForWrite(actor, code, LedgerPermission.periodReopen, "exclusive")
        const year = accountSet.lastClosedYear
        if (year === null) return yield* new NothingToReopen({ accountSet: accountSet.code, what: "year" })
        const posted = yield* repo.voucherIdsByStatus({
          accountSetId: accountSet.id,
          from: (year + 1) * 100,
          to: (Limits.calendarYearMax + 1) * 100,
          statuses: ["posted"],
          idLimit: 0
        })
        if (posted.count > 0) return yield* new YearHasPostedVouchers({ fiscalYear: year, count: posted.count })
        yield* repo.deleteBalanceRows(accountSet.id, (year + 1) * 100, (year + 1) * 100)
        const previous = year - 1 >= accountSet.startPeriod.fiscalYear ? year - 1 : null
        yield* repo.updateAccountSet(AccountSet.make({ ...accountSet, lastClosedYear: previous }))
        yield* audit(accountSet, [draft(actor, at, "ledger.year", `${accountSet.id}:${year}`, "reopenYear", "closed", "open", { fiscalYear: year })])
        return { fiscalYear: year, lastClosedYear: previous }
      }))
    })

  /**
   * 整理憑證號: renumbers the vouchers of an open period 1..n per word, by date or in a
   * given order; resets each word's counter to n; records every old → new number in
   * the audit log. Checks, in order: `AccountSetNotFound`, `PermissionDenied`
   * (ledger.voucher.renumber), `PeriodClosed`, `RenumberOrderInvalid`,
   * `RenumberPostedForbidden` (a posted voucher would change number and the account
   * set does not allow it).
   */
  const renumberVouchers = (actor: Actor, code: string, options: RenumberOptions) =>
    Effect.gen(function*() {
      const at = yield* now
      return yield* database.withTransaction(Effect.gen(function*() {
        const accountSet = yield* guardedForWrite(actor, code, LedgerPermission.voucherRenumber, "exclusive")
        yield* requireOpen(accountSet, options.period)
        const vouchers = yield* repo.numberedVouchers(accountSet.id, options.period, options.word, Limits.vouchersPerRenumberMax + 1)
        if (vouchers.length > Limits.vouchersPerRenumberMax) {
          return yield* Effect.dieMessage(`renumberVouchers: at most ${Limits.vouchersPerRenumberMax} vouchers per period`)
        }
        const plan = yield* Either.match(planRenumbering(vouchers, options.order), { onLeft: Effect.fail, onRight: Effect.succeed })
        const changed = plan.filter((entry) => entry.from !== entry.to)
        const postedChanged = changed.filter((entry) => entry.status === "posted")
        if (postedChanged.length > 0 && !accountSet.options.allowRenumberPosted) {
          return yield* new RenumberPostedForbidden({
            accountSet: accountSet.code,
            voucherIds: postedChanged.slice(0, listedMax).map((entry) => entry.id),
            count: postedChanged.length
          })
        }
        // Two phases keep (period, word, number) unique after every single update:
        // first every moving voucher takes a distinct negative number, then its final one.
        yield* repo.setVoucherNumbers(accountSet.id, changed.map((entry, index) => ({ id: entry.id, number: -(index + 1) })))
        yield* repo.setVoucherNumbers(accountSet.id, changed.map((entry) => ({ id: entry.id, number: entry.to })))
        const perWord = new Map<string, number>()
        for (const entry of plan) perWord.set(entry.word, Math.max(perWord.get(entry.word) ?? 0, entry.to))
        for (const [word, count] of [...perWord].sort(([left], [right]) => (left < right ? -1 : 1))) {
          yield* repo.resetVoucherCounter(accountSet.id, options.period, word, count)
        }
        // Numbers are 1..n again: gaps deleted drafts left are closed.
        yield* repo.clearVoucherNumberGaps(accountSet.id, options.period, options.word)
        yield* audit(accountSet, changed.map((entry) =>
          draft(actor, at, "ledger.voucher", entry.id, "renumber", entry.status, entry.status, {
            period: PeriodOps.format(options.period),
            word: entry.word,
            from: entry.from,
            to: entry.to
          })))
        return plan satisfies ReadonlyArray<Renumbering>
      }))
    })

  return {
    carryForwardProfitAndLoss,
    revalueForeignCurrency,
    closePeriod,
    reopenPeriod,
    verifySeals,
    verifyCarries,
    verify,
    closeYear,
    reopenYear,
    renumberVouchers
  }
})

/**
 * The period-end procedures of SPEC §2 (期末處理): P&L carry-forward, FX revaluation,
 * period close with sealed balances and reopen, year close and its reversal, voucher
 * renumbering, and the checks of seals and year carries. Every command checks the
 * actor's permission, runs in one database transaction with its audit records and
 * fails with typed errors in the documented order (docs/reference/ledger/period-end.md).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { LedgerService, PeriodEndService } from "@danju/ledger"
 *
 * const monthEnd = (actor, code, period) =>
 *   Effect.gen(function*() {
 *     const ledger = yield* LedgerService
 *     const periodEnd = yield* PeriodEndService
 *     const voucher = yield* periodEnd.carryForwardProfitAndLoss(actor, code, { period })
 *     yield* ledger.auditVouchers(checker, code, [voucher.id])
 *     yield* ledger.postVouchers(checker, code, [voucher.id])
 *     return yield* periodEnd.closePeriod(checker, code)
 *   })
 * ```
 *
 * @since 0.1.0
 */
export class PeriodEndService extends Context.Tag("@danju/ledger/PeriodEndService")<
  PeriodEndService,
  Effect.Effect.Success<typeof makeService>
>() {
  /** The live service; needs the ledger service, its repository, database, audit log and config. */
  static readonly Live = Layer.effect(PeriodEndService, makeService)
}
