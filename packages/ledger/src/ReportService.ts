import { Context, Effect, Either, Layer, Schema } from "effect"
import type { Actor, Dec, Period } from "@danju/core"
import { DecimalFromString, Limits, Period as PeriodOps } from "@danju/core"
import type { Account } from "./domain/Account"
import type { AccountSet } from "./domain/AccountSet"
import {
  AccountNotFound,
  JournalAccountInvalid,
  ReportCursorInvalid,
  ReportRangeInvalid,
  ReportTooLarge,
  VoucherNotFound
} from "./domain/errors"
import { LedgerPermission } from "./domain/permissions"
import type { AccountBalances } from "./domain/reports/AccountBalances"
import { buildAccountBalances } from "./domain/reports/AccountBalances"
import { accountPath, computeFigures, countsFromBase, emptyFigures, rollUpFigures, zero } from "./domain/reports/common"
import type { DetailLedgerPage, LedgerWalkState, LinePosition, ReportLine } from "./domain/reports/DetailLedger"
import { buildDetailLedgerPage, initialWalkState } from "./domain/reports/DetailLedger"
import type { FinancialStatement, StatementTemplate } from "./domain/reports/FinancialStatements"
import { buildFinancialStatement, compileStatement } from "./domain/reports/FinancialStatements"
import type { GeneralLedger } from "./domain/reports/GeneralLedger"
import { buildGeneralLedger } from "./domain/reports/GeneralLedger"
import type { Journal, JournalKind } from "./domain/reports/Journal"
import { buildJournal } from "./domain/reports/Journal"
import type { MessMonthlyStatement, MessStatementRule } from "./domain/reports/MessStatement"
import { buildMessMonthlyStatement } from "./domain/reports/MessStatement"
import type { StatementTemplateId } from "./domain/reports/StatementTemplates"
import { statementTemplates } from "./domain/reports/StatementTemplates"
import { messFundAccountCode } from "./domain/templates/messHall"
import type { VoucherList, VoucherPrintData } from "./domain/reports/VoucherReports"
import { buildVoucherList, buildVoucherPrintData } from "./domain/reports/VoucherReports"
import { checkReportRange, openingBaseKey, periodKeyOf } from "./domain/TrialBalance"
import type { BalanceMovement } from "./domain/TrialBalance"
import type { Voucher, VoucherStatus } from "./domain/VoucherLifecycle"
import { makeKit } from "./internal/kit"
import { LedgerConfig } from "./LedgerService"
import type { AccountSelector } from "./ReportRepo"
import { LedgerReportRepo } from "./ReportRepo"

/**
 * The range and data options every report takes. Without `to` a report ends at the
 * latest period with data; without `from` it starts at `to` (the general ledger: at the
 * first period of `to`'s fiscal year).
 *
 * @since 0.1.0
 */
export interface ReportOptions {
  readonly from?: Period
  readonly to?: Period
  /** The commodity of the figures; the base currency by default. */
  readonly commodity?: string
  /** Adds the lines of draft and audited vouchers to the posted ones. */
  readonly includeUnposted?: boolean
}

/**
 * A detail ledger page as the service returns it: the page and the cursor of the next.
 *
 * @since 0.1.0
 */
export type DetailLedgerResult = Omit<DetailLedgerPage, "state" | "after"> & {
  /** Pass back as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null
}

/**
 * A voucher-list page with the cursor of the next.
 *
 * @since 0.1.0
 */
export type VoucherListResult = VoucherList & { readonly nextCursor: string | null }

const allStatuses: ReadonlyArray<VoucherStatus> = ["draft", "audited", "posted"]
const postedOnly: ReadonlyArray<VoucherStatus> = ["posted"]

// ── cursors ──────────────────────────────────────────────────────────────────
// A detail-ledger cursor carries the spec it was issued for (so it cannot be replayed
// against another account or range), the position of the last line, and the walk state
// (running balance, period and year totals), so the next page continues without
// re-reading earlier lines. base64url JSON: opaque to callers, easy to debug.

const PositionSchema = Schema.Struct({
  fiscalYear: Schema.Int,
  period: Schema.Int,
  date: Schema.String,
  word: Schema.String,
  number: Schema.Int,
  lineNumber: Schema.Int
})

const DetailCursor = Schema.Struct({
  report: Schema.Literal("detailLedger"),
  accountCode: Schema.String,
  dimensionKey: Schema.NullOr(Schema.String),
  commodity: Schema.String,
  includeUnposted: Schema.Boolean,
  from: Schema.Int,
  to: Schema.Int,
  opening: DecimalFromString,
  closing: DecimalFromString,
  position: PositionSchema,
  walk: Schema.Struct({
    balance: DecimalFromString,
    periodKey: Schema.NullOr(Schema.Int),
    periodDebit: DecimalFromString,
    periodCredit: DecimalFromString,
    yearDebit: DecimalFromString,
    yearCredit: DecimalFromString,
    date: Schema.NullOr(Schema.String),
    dayDebit: DecimalFromString,
    dayCredit: DecimalFromString
  })
})

const VoucherCursor = Schema.Struct({
  report: Schema.Literal("voucherList"),
  fiscalYear: Schema.Int,
  period: Schema.Int,
  word: Schema.String,
  number: Schema.Int
})

const encodeCursor = <A, I>(schema: Schema.Schema<A, I>, value: A): string =>
  Buffer.from(JSON.stringify(Schema.encodeSync(schema)(value)), "utf8").toString("base64url")

const decodeCursor = <A, I>(schema: Schema.Schema<A, I>, report: string, cursor: string): Effect.Effect<A, ReportCursorInvalid> =>
  Either.match(
    Schema.decodeUnknownEither(Schema.parseJson(schema))(
      cursor.length > 4_096 || !/^[A-Za-z0-9_-]*$/.test(cursor) ? "" : Buffer.from(cursor, "base64url").toString("utf8")
    ),
    {
      onLeft: () => Effect.fail(new ReportCursorInvalid({ report, cursor })),
      onRight: Effect.succeed
    }
  )

const periodOfKey = (key: number): Period => ({ fiscalYear: Math.floor(key / 100), number: key % 100 })

const makeReports = Effect.gen(function*() {
  const config = yield* LedgerConfig
  const kit = yield* makeKit(config.permissions)
  const reports = yield* LedgerReportRepo
  const { repo, guarded } = kit

  const open = (actor: Actor, code: string) => guarded(actor, code, LedgerPermission.reportRead)

  /**
   * What every balance-based report starts from: the account set (with the read
   * permission checked), the resolved period range, the commodity, whether unposted
   * vouchers count, and the chart.
   */
  const reportBasis = (actor: Actor, code: string, options: ReportOptions, defaultFrom: "to" | "yearStart") =>
    Effect.gen(function*() {
      const accountSet = yield* open(actor, code)
      const range = yield* resolveRange(accountSet, options, defaultFrom)
      const commodity = options.commodity ?? accountSet.baseCurrency
      const includeUnposted = options.includeUnposted === true
      const chart = yield* repo.chart(accountSet.id)
      return { accountSet, range, commodity, includeUnposted, chart }
    })

  /** The latest period with data, or the start period of an empty account set. */
  const latestPeriod = (accountSet: AccountSet) =>
    Effect.map(reports.latestPeriodKey(accountSet.id), (key): Period => {
      if (key === undefined || key < periodKeyOf(accountSet.startPeriod)) return accountSet.startPeriod
      return { fiscalYear: Math.floor(key / 100), number: Math.max(1, key % 100) }
    })

  const resolveRange = (accountSet: AccountSet, options: ReportOptions, defaultFrom: "to" | "yearStart") =>
    Effect.gen(function*() {
      const to = options.to ?? (yield* latestPeriod(accountSet))
      let from = options.from
      if (from === undefined) {
        from = defaultFrom === "to" ? to : { fiscalYear: to.fiscalYear, number: 1 }
        if (PeriodOps.compare(from, accountSet.startPeriod) < 0 && PeriodOps.compare(accountSet.startPeriod, to) <= 0) from = accountSet.startPeriod
      }
      return yield* checkReportRange(accountSet, from, to)
    })

  /** Balance rows a range's figures are built from, with unposted movements when asked. */
  const balanceRows = (
    accountSet: AccountSet,
    range: { readonly from: Period; readonly to: Period },
    commodity: string,
    includeUnposted: boolean,
    filter: { readonly account?: AccountSelector; readonly dimensionKey?: string } = {}
  ) =>
    Effect.gen(function*() {
      const query = { accountSetId: accountSet.id, toKey: periodKeyOf(range.to), commodity, ...filter }
      const posted = yield* reports.balanceRows({ ...query, fromKey: openingBaseKey(accountSet, range.from) })
      if (!includeUnposted) return posted
      const unposted = yield* reports.unpostedTotals(query)
      return [...posted, ...unposted]
    })

  const findAccount = (accounts: ReadonlyArray<Account>, accountCode: string) => {
    const account = accounts.find((candidate) => candidate.code === accountCode)
    return account === undefined ? Effect.fail(new AccountNotFound({ line: 0, accountCode })) : Effect.succeed(account)
  }

  /** Every line of an account in a range, in book order, bounded by `Limits.reportLinesMax`. */
  const allLines = (
    report: string,
    accountSet: AccountSet,
    account: AccountSelector,
    range: { readonly from: Period; readonly to: Period },
    commodity: string,
    includeUnposted: boolean,
    budget: { used: number }
  ) =>
    Effect.gen(function*() {
      const lines: Array<ReportLine> = []
      let after: LinePosition | undefined = undefined
      while (true) {
        const page: ReadonlyArray<ReportLine> = yield* reports.lines({
          accountSetId: accountSet.id,
          account,
          fromKey: periodKeyOf(range.from),
          toKey: periodKeyOf(range.to),
          statuses: includeUnposted ? allStatuses : postedOnly,
          commodity,
          limit: Limits.pageSizeMax,
          ...(after === undefined ? {} : { after })
        })
        budget.used += page.length
        if (budget.used > Limits.reportLinesMax) return yield* Effect.fail(new ReportTooLarge({ report, unit: "lines", maximum: Limits.reportLinesMax }))
        lines.push(...page)
        if (page.length < Limits.pageSizeMax) return lines
        const last = page[page.length - 1]!
        after = { fiscalYear: last.fiscalYear, period: last.period, date: last.date, word: last.word, number: last.number, lineNumber: last.lineNumber }
      }
    })

  /** Opening, closing and the year-to-date movements before `from` of one selection. */
  const selectionFigures = (accountSet: AccountSet, range: { readonly from: Period; readonly to: Period }, commodity: string, rows: ReadonlyArray<BalanceMovement>) => {
    const figures = computeFigures({ accountSet, ...range, commodity }, rows, () => "all").get("all") ?? emptyFigures
    const baseKey = openingBaseKey(accountSet, range.from)
    let yearToDateDebit = zero
    let yearToDateCredit = zero
    for (const row of rows) {
      if (row.commodity !== commodity || row.fiscalYear !== range.from.fiscalYear) continue
      if (row.period === 0 || row.period >= range.from.number || !countsFromBase(row, baseKey)) continue
      if (row.fiscalYear * 100 + row.period < baseKey) continue
      yearToDateDebit = yearToDateDebit.plus(row.debit)
      yearToDateCredit = yearToDateCredit.plus(row.credit)
    }
    return { opening: figures.opening, closing: figures.closing, yearToDateDebit, yearToDateCredit }
  }

  // ── the reports ─────────────────────────────────────────────────────────────

  /**
   * 科目余額表: balances of every account up to `maxLevel`, optionally per dimension set.
   */
  const accountBalances = (
    actor: Actor,
    code: string,
    options: ReportOptions & { readonly maxLevel?: number; readonly dimensions?: boolean; readonly includeEmpty?: boolean } = {}
  ): Effect.Effect<AccountBalances, ReportServiceError> =>
    Effect.gen(function*() {
      const { accountSet, chart, commodity, includeUnposted, range } = yield* reportBasis(actor, code, options, "to")
      const rows = yield* balanceRows(accountSet, range, commodity, includeUnposted)
      return buildAccountBalances(
        {
          accountSet,
          ...range,
          commodity,
          includeUnposted,
          ...(options.maxLevel === undefined ? {} : { maxLevel: options.maxLevel }),
          ...(options.dimensions === undefined ? {} : { dimensions: options.dimensions }),
          ...(options.includeEmpty === undefined ? {} : { includeEmpty: options.includeEmpty })
        },
        { accounts: chart.accounts, dimensionValues: chart.dimensionValues, rows }
      )
    })

  /** 總分類賬: per account and period the movements, year-to-date totals and balance. */
  const generalLedger = (
    actor: Actor,
    code: string,
    options: ReportOptions & { readonly maxLevel?: number; readonly accountCodes?: ReadonlyArray<string>; readonly includeEmpty?: boolean } = {}
  ): Effect.Effect<GeneralLedger, ReportServiceError> =>
    Effect.gen(function*() {
      const { accountSet, chart, commodity, includeUnposted, range } = yield* reportBasis(actor, code, options, "yearStart")
      for (const accountCode of options.accountCodes ?? []) yield* findAccount(chart.accounts, accountCode)
      const rows = yield* balanceRows(accountSet, range, commodity, includeUnposted)
      return buildGeneralLedger(
        {
          accountSet,
          ...range,
          commodity,
          includeUnposted,
          ...(options.maxLevel === undefined ? {} : { maxLevel: options.maxLevel }),
          ...(options.accountCodes === undefined ? {} : { accountCodes: options.accountCodes }),
          ...(options.includeEmpty === undefined ? {} : { includeEmpty: options.includeEmpty })
        },
        { accounts: chart.accounts, rows }
      )
    })

  /**
   * 明細賬: one account's lines with the running balance, one page at a time. Pass the
   * previous page's `nextCursor` as `cursor`; the cursor fixes the range.
   */
  const detailLedger = (
    actor: Actor,
    code: string,
    options: ReportOptions & {
      readonly accountCode: string
      readonly dimensionKey?: string
      readonly cursor?: string
      /** Lines per page, at most `Limits.pageSizeMax` (the default). */
      readonly limit?: number
    }
  ): Effect.Effect<DetailLedgerResult, ReportServiceError> =>
    Effect.gen(function*() {
      const accountSet = yield* open(actor, code)
      const chart = yield* repo.chart(accountSet.id)
      const account = yield* findAccount(chart.accounts, options.accountCode)
      const accountsByCode = new Map(chart.accounts.map((candidate) => [candidate.code as string, candidate]))
      const selector: AccountSelector = { code: account.code, descendants: !account.leaf }
      const commodity = options.commodity ?? accountSet.baseCurrency
      const includeUnposted = options.includeUnposted === true
      const dimensionKey = options.dimensionKey
      const limit = Math.min(Math.max(options.limit ?? Limits.pageSizeMax, 1), Limits.pageSizeMax)

      let range: { readonly from: Period; readonly to: Period }
      let state: LedgerWalkState
      let after: LinePosition | undefined
      let opening: Dec
      let closing: Dec
      if (options.cursor !== undefined) {
        const cursor = yield* decodeCursor(DetailCursor, "detailLedger", options.cursor)
        const matches = cursor.accountCode === account.code && cursor.dimensionKey === (dimensionKey ?? null) &&
          cursor.commodity === commodity && cursor.includeUnposted === includeUnposted
        if (!matches) return yield* Effect.fail(new ReportCursorInvalid({ report: "detailLedger", cursor: options.cursor }))
        range = { from: periodOfKey(cursor.from), to: periodOfKey(cursor.to) }
        state = cursor.walk
        after = cursor.position
        opening = cursor.opening
        closing = cursor.closing
      } else {
        range = yield* resolveRange(accountSet, options, "yearStart")
        const rows = yield* balanceRows(accountSet, range, commodity, includeUnposted, {
          account: selector,
          ...(dimensionKey === undefined ? {} : { dimensionKey })
        })
        const figures = selectionFigures(accountSet, range, commodity, rows)
        opening = figures.opening
        closing = figures.closing
        state = initialWalkState(figures.opening, figures.yearToDateDebit, figures.yearToDateCredit)
        after = undefined
      }
      const lines = yield* reports.lines({
        accountSetId: accountSet.id,
        account: selector,
        fromKey: periodKeyOf(range.from),
        toKey: periodKeyOf(range.to),
        statuses: includeUnposted ? allStatuses : postedOnly,
        commodity,
        limit: limit + 1,
        ...(dimensionKey === undefined ? {} : { dimensionKey }),
        ...(after === undefined ? {} : { after })
      })
      const more = lines.length > limit
      const page = buildDetailLedgerPage(
        {
          accountSet,
          ...range,
          commodity,
          includeUnposted,
          account,
          path: accountPath(account, accountsByCode),
          ...(dimensionKey === undefined ? {} : { dimensionKey })
        },
        { firstPage: options.cursor === undefined, state, lines: more ? lines.slice(0, limit) : lines, more, opening, closing }
      )
      const { state: nextState, after: nextAfter, ...visible } = page
      const nextCursor = nextAfter === null ? null : encodeCursor(DetailCursor, {
        report: "detailLedger" as const,
        accountCode: account.code,
        dimensionKey: dimensionKey ?? null,
        commodity,
        includeUnposted,
        from: periodKeyOf(range.from),
        to: periodKeyOf(range.to),
        opening,
        closing,
        position: nextAfter,
        walk: nextState
      })
      return { ...visible, nextCursor }
    })

  /**
   * 現金日記賬 / 銀行存款日記賬: every cash (or bank) account — or the one given — with
   * its lines by date, 本日合計, 本月合計 and 本年累計. Unpaged, bounded by
   * `Limits.reportLinesMax` lines.
   */
  const journal = (
    actor: Actor,
    code: string,
    options: ReportOptions & { readonly kind: JournalKind; readonly accountCode?: string }
  ): Effect.Effect<Journal, ReportServiceError> =>
    Effect.gen(function*() {
      const { accountSet, chart, commodity, includeUnposted, range } = yield* reportBasis(actor, code, options, "to")
      const accountsByCode = new Map(chart.accounts.map((account) => [account.code as string, account]))
      const flagged = (account: Account) => (options.kind === "cash" ? account.isCash : account.isBank)
      let selected: Array<Account>
      if (options.accountCode !== undefined) {
        const account = yield* findAccount(chart.accounts, options.accountCode)
        if (!flagged(account)) return yield* Effect.fail(new JournalAccountInvalid({ accountCode: account.code, kind: options.kind }))
        selected = [account]
      } else {
        // The topmost flagged accounts: a flagged parent's journal covers its sub-accounts.
        selected = chart.accounts.filter((account) => {
          const parent = account.parentCode === null ? undefined : accountsByCode.get(account.parentCode)
          return flagged(account) && (parent === undefined || !flagged(parent))
        })
      }
      const budget = { used: 0 }
      const entries = []
      for (const account of selected) {
        const selector: AccountSelector = { code: account.code, descendants: !account.leaf }
        const rows = yield* balanceRows(accountSet, range, commodity, includeUnposted, { account: selector })
        const figures = selectionFigures(accountSet, range, commodity, rows)
        const lines = yield* allLines(`${options.kind} journal`, accountSet, selector, range, commodity, includeUnposted, budget)
        entries.push({ account, ...figures, lines })
      }
      return buildJournal({ accountSet, ...range, commodity, includeUnposted, kind: options.kind }, { accounts: entries })
    })

  /** 現金日記賬. */
  const cashJournal = (actor: Actor, code: string, options: ReportOptions & { readonly accountCode?: string } = {}) =>
    journal(actor, code, { ...options, kind: "cash" })

  /** 銀行存款日記賬. */
  const bankJournal = (actor: Actor, code: string, options: ReportOptions & { readonly accountCode?: string } = {}) =>
    journal(actor, code, { ...options, kind: "bank" })

  /** The voucher list (序時簿), a page at a time in book order (period, word, number). */
  const voucherList = (
    actor: Actor,
    code: string,
    options: {
      readonly from?: Period
      readonly to?: Period
      readonly status?: VoucherStatus
      readonly word?: string
      readonly cursor?: string
      readonly limit?: number
    } = {}
  ): Effect.Effect<VoucherListResult, ReportServiceError> =>
    Effect.gen(function*() {
      const accountSet = yield* open(actor, code)
      if (options.from !== undefined && options.to !== undefined && PeriodOps.compare(options.from, options.to) > 0) {
        return yield* Effect.fail(new ReportRangeInvalid({ from: PeriodOps.format(options.from), to: PeriodOps.format(options.to) }))
      }
      const after = options.cursor === undefined ? undefined : yield* decodeCursor(VoucherCursor, "voucherList", options.cursor)
      const limit = Math.min(Math.max(options.limit ?? Limits.pageSizeMax, 1), Limits.pageSizeMax)
      const vouchers = yield* repo.listVouchers({
        accountSetId: accountSet.id,
        limit: limit + 1,
        ...(options.from === undefined ? {} : { from: periodKeyOf(options.from) }),
        ...(options.to === undefined ? {} : { to: periodKeyOf(options.to) }),
        ...(options.status === undefined ? {} : { status: options.status }),
        ...(options.word === undefined ? {} : { word: options.word }),
        ...(after === undefined ? {} : { after: { fiscalYear: after.fiscalYear, period: after.period, word: after.word, number: after.number } })
      })
      const more = vouchers.length > limit
      const page = more ? vouchers.slice(0, limit) : vouchers
      const last = page[page.length - 1]
      const nextCursor = !more || last === undefined ? null : encodeCursor(VoucherCursor, {
        report: "voucherList" as const,
        fiscalYear: last.period.fiscalYear,
        period: last.period.number,
        word: last.word,
        number: last.number
      })
      return { ...buildVoucherList(accountSet, page), nextCursor }
    })

  /** Print data of vouchers (記賬憑證), in the order asked. */
  const voucherPrintData = (
    actor: Actor,
    code: string,
    voucherIds: ReadonlyArray<string>,
    options: { readonly linesPerPage?: number } = {}
  ): Effect.Effect<ReadonlyArray<VoucherPrintData>, ReportServiceError> =>
    Effect.gen(function*() {
      const accountSet = yield* open(actor, code)
      if (voucherIds.length > Limits.pageSizeMax) return yield* Effect.fail(new ReportTooLarge({ report: "voucher print", unit: "vouchers", maximum: Limits.pageSizeMax }))
      const chart = yield* repo.chart(accountSet.id)
      const vouchers = yield* repo.findVouchers(accountSet.id, voucherIds)
      const byId = new Map(vouchers.map((voucher) => [voucher.id, voucher]))
      const linesPerPage = Math.min(Math.max(options.linesPerPage ?? 5, 1), Limits.printLinesPerPageMax)
      const printed: Array<VoucherPrintData> = []
      for (const id of voucherIds) {
        const voucher = byId.get(id)
        if (voucher === undefined) return yield* Effect.fail(new VoucherNotFound({ voucherId: id }))
        printed.push(buildVoucherPrintData(accountSet, chart, voucher, linesPerPage))
      }
      return printed
    })

  /** 伙食公布表: the month's income and expenditure of the mess fund. */
  const messMonthlyStatement = (
    actor: Actor,
    code: string,
    options: {
      readonly period?: Period
      /** The mess fund account; 4001 伙食費 of the mess-hall chart by default. */
      readonly fundAccountCode?: string
      readonly rules?: ReadonlyArray<MessStatementRule>
      readonly includeUnposted?: boolean
    } = {}
  ): Effect.Effect<MessMonthlyStatement, ReportServiceError> =>
    Effect.gen(function*() {
      const accountSet = yield* open(actor, code)
      const period = options.period ?? (yield* latestPeriod(accountSet))
      const range = { from: period, to: period }
      const includeUnposted = options.includeUnposted === true
      const commodity = accountSet.baseCurrency
      const chart = yield* repo.chart(accountSet.id)
      const fund = yield* findAccount(chart.accounts, options.fundAccountCode ?? messFundAccountCode)
      const selector: AccountSelector = { code: fund.code, descendants: !fund.leaf }
      const lines = yield* allLines("mess monthly statement", accountSet, selector, range, commodity, includeUnposted, { used: 0 })
      const voucherIds = [...new Set(lines.map((line) => line.voucherId))]
      const vouchers: ReadonlyArray<Voucher> = voucherIds.length === 0 ? [] : yield* repo.findVouchers(accountSet.id, voucherIds)
      const rows = yield* balanceRows(accountSet, range, commodity, includeUnposted)
      const accountsByCode = new Map(chart.accounts.map((account) => [account.code as string, account]))
      const figures = rollUpFigures(computeFigures({ accountSet, ...range, commodity }, rows, (row) => row.accountCode), accountsByCode)
      const closingByAccount = new Map([...figures].map(([accountCode, value]) => [accountCode, value.closing]))
      return buildMessMonthlyStatement(
        {
          accountSet,
          period,
          fundAccountCode: fund.code,
          includeUnposted,
          ...(options.rules === undefined ? {} : { rules: options.rules })
        },
        { accounts: chart.accounts, vouchers, fundOpening: (figures.get(fund.code) ?? emptyFigures).opening, closingByAccount }
      )
    })

  /**
   * A statement from a template (a shipped template's id, or your own). Formulas are
   * compiled first: a bad one fails with `FormulaInvalid` before anything is read.
   */
  const financialStatement = (
    actor: Actor,
    code: string,
    options: ReportOptions & { readonly template: StatementTemplateId | StatementTemplate }
  ): Effect.Effect<FinancialStatement, ReportServiceError> =>
    Effect.gen(function*() {
      const template = typeof options.template === "string" ? statementTemplates[options.template] : options.template
      const compiled = yield* Either.match(compileStatement(template), { onLeft: Effect.fail, onRight: Effect.succeed })
      const { accountSet, chart, commodity, includeUnposted, range } = yield* reportBasis(actor, code, options, "to")
      const rows = yield* balanceRows(accountSet, range, commodity, includeUnposted)
      return buildFinancialStatement({ accountSet, ...range, commodity, includeUnposted }, compiled, { accounts: chart.accounts, rows })
    })

  /**
   * The chart family of an account set: the template it was created from, else its
   * current-year-profit account (本年利潤 is 3103 in the small-enterprise chart, 4103 in
   * the enterprise chart); the enterprise templates otherwise.
   */
  const chartFamily = (accountSet: AccountSet) =>
    Effect.map(repo.chart(accountSet.id), (chart): "smallEnterprise" | "enterprise" => {
      if (accountSet.template === "smallEnterprise" || accountSet.template === "enterprise") return accountSet.template
      const profit = chart.accounts.find((account) => account.name.includes("本年利潤") || account.name.includes("本年利润"))
      return profit?.code === "3103" ? "smallEnterprise" : "enterprise"
    })

  /** 資產負債表; the template follows the chart (small-enterprise or enterprise) unless given. */
  const balanceSheet = (actor: Actor, code: string, options: ReportOptions & { readonly template?: StatementTemplateId | StatementTemplate } = {}) =>
    Effect.gen(function*() {
      const template = options.template ?? `${yield* chartFamily(yield* open(actor, code))}.balanceSheet` as const
      return yield* financialStatement(actor, code, { ...options, template })
    })

  /** 利潤表; the template follows the chart unless given. */
  const incomeStatement = (actor: Actor, code: string, options: ReportOptions & { readonly template?: StatementTemplateId | StatementTemplate } = {}) =>
    Effect.gen(function*() {
      const template = options.template ?? `${yield* chartFamily(yield* open(actor, code))}.incomeStatement` as const
      return yield* financialStatement(actor, code, { ...options, template })
    })

  return {
    accountBalances,
    generalLedger,
    detailLedger,
    journal,
    cashJournal,
    bankJournal,
    voucherList,
    voucherPrintData,
    messMonthlyStatement,
    financialStatement,
    balanceSheet,
    incomeStatement
  }
})

/**
 * Every failure a report can end with.
 *
 * @since 0.1.0
 */
export type ReportServiceError =
  | import("./domain/errors").AccountSetNotFound
  | AccountNotFound
  | VoucherNotFound
  | JournalAccountInvalid
  | ReportRangeInvalid
  | import("@danju/core").PeriodInvalid
  | ReportCursorInvalid
  | ReportTooLarge
  | import("./domain/errors").FormulaInvalid
  | import("@danju/core").PermissionDenied
  | import("@danju/core").OrganisationMismatch
  | import("@danju/core/sql").SqlError

/**
 * The ledger's reports (科目余額表, 總分類賬, 明細賬, 日記賬, 憑證列表 and print data,
 * 伙食公布表, 資產負債表, 利潤表). Every report checks `ledger.report.read`, reads
 * through `LedgerReportRepo` and `LedgerRepo`, and returns a plain value built by a
 * pure builder; render it with `@danju/ledger/render`.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { LedgerReports } from "@danju/ledger"
 *
 * const program = Effect.gen(function*() {
 *   const reports = yield* LedgerReports
 *   const statement = yield* reports.messMonthlyStatement(actor, "mess", { period: { fiscalYear: 2026, number: 3 } })
 *   return statement.closing
 * })
 * ```
 *
 * @since 0.1.0
 */
export class LedgerReports extends Context.Tag("@danju/ledger/LedgerReports")<
  LedgerReports,
  Effect.Effect.Success<typeof makeReports>
>() {
  /** The live service; needs the ledger's ports, database, audit log, idempotency and config. */
  static readonly Live = Layer.effect(LedgerReports, makeReports)
}
