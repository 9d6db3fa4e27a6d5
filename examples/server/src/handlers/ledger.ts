/**
 * Handlers of the ledger's groups (`@danju/ledger/http`): each endpoint calls
 * `LedgerService` with the actor of the current session; the service checks the
 * permission and the organisation. Database failures are defects here (500 with a logged
 * reference): the client can do nothing about them but retry.
 *
 * @since 0.1.0
 */
import { HttpApiBuilder } from "@effect/platform"
import type { Actor } from "@danju/core"
import { CurrentSession } from "@danju/core/http"
import type { SqlError } from "@danju/core/sql"
import { chartTemplates, LedgerReports, LedgerService, PeriodEndService, periodKeyOf, trialBalanceJson } from "@danju/ledger"
import { reportToJson } from "@danju/ledger/render"
import type { TrialBalance, Voucher } from "@danju/ledger"
import { Effect, Layer } from "effect"
import { Api } from "../api"

const pageSizeDefault = 100

/** Storage failures are not the caller's to handle: they become a logged 500. */
const sqlAsDefect = <A, E extends { readonly _tag: string }, R>(
  effect: Effect.Effect<A, E, R>
): Effect.Effect<A, Exclude<E, SqlError>, R> =>
  Effect.catchIf(effect, (error): error is Extract<E, SqlError> => error._tag === "SqlError", (error) => Effect.die(error)) as
    unknown as Effect.Effect<A, Exclude<E, SqlError>, R>

/** Runs a service call as the caller of the current request. @since 0.1.0 */
export const asCaller = <A, E extends { readonly _tag: string }, R>(call: (actor: Actor) => Effect.Effect<A, E, R>) =>
  sqlAsDefect(Effect.flatMap(CurrentSession, (session) => call(session.actor)))

const cursorOf = (voucher: Voucher) => ({
  fiscalYear: voucher.period.fiscalYear,
  period: voucher.period.number,
  word: voucher.word,
  number: voucher.number
})

/**
 * The scale a trial balance is rendered with: the currency scale for the base currency;
 * for another commodity (quantities, foreign amounts) the most decimals any figure has,
 * so nothing is rounded.
 */
const scaleOf = (report: TrialBalance, baseCurrency: string, currencyScale: number): number => {
  if (report.commodity === baseCurrency) return currencyScale
  let scale = 0
  for (const row of [...report.rows, report.totals]) {
    for (const value of [row.openingDebit, row.openingCredit, row.periodDebit, row.periodCredit, row.closingDebit, row.closingCredit]) {
      scale = Math.max(scale, value.decimalPlaces())
    }
  }
  return scale
}

/** The service option of an optional `Idempotency-Key` header. @since 0.1.0 */
export const idempotencyOf = (headers: { readonly "idempotency-key"?: string | undefined }) => {
  const key = headers["idempotency-key"]
  return key === undefined ? {} : { idempotencyKey: key as import("@danju/core").IdempotencyKey }
}

/**
 * Account sets: templates, create, list, read, openings, enable.
 *
 * @since 0.1.0
 */
export const LedgerAccountSetsLive = HttpApiBuilder.group(Api, "ledgerAccountSets", (handlers) =>
  Effect.gen(function*() {
    const ledger = yield* LedgerService
    const templates = Object.values(chartTemplates).map((template) => ({
      id: template.id,
      name: template.name,
      nameEnglish: template.nameEnglish,
      description: template.description,
      codeScheme: template.codeScheme,
      baseCurrency: template.baseCurrency,
      accounts: template.accounts.length
    }))
    return handlers
      .handle("chartTemplates", () => Effect.succeed({ templates }))
      .handle("create", ({ payload }) => asCaller((actor) => ledger.createAccountSet(actor, payload)))
      .handle("list", () =>
        asCaller((actor) => Effect.map(ledger.listAccountSets(actor), (accountSets) => ({ accountSets }))))
      .handle("get", ({ path }) => asCaller((actor) => ledger.getAccountSet(actor, path.accountSet)))
      .handle("setOpenings", ({ path, payload }) =>
        asCaller((actor) =>
          Effect.map(ledger.setOpeningBalances(actor, path.accountSet, payload.openings), (openings) => ({ openings }))
        ))
      .handle("enable", ({ path }) => asCaller((actor) => ledger.enableAccountSet(actor, path.accountSet)))
  }))

/**
 * The chart of accounts and dimension values.
 *
 * @since 0.1.0
 */
export const LedgerAccountsLive = HttpApiBuilder.group(Api, "ledgerAccounts", (handlers) =>
  Effect.gen(function*() {
    const ledger = yield* LedgerService
    return handlers
      .handle("chart", ({ path }) => asCaller((actor) => ledger.chartOf(actor, path.accountSet)))
      .handle("add", ({ path, payload }) =>
        asCaller((actor) => Effect.map(ledger.addAccounts(actor, path.accountSet, payload.accounts), (accounts) => ({ accounts }))))
      .handle("update", ({ path, payload }) =>
        asCaller((actor) => ledger.updateAccount(actor, path.accountSet, path.accountCode, payload)))
      .handle("delete", ({ path, urlParams }) =>
        asCaller((actor) =>
          Effect.map(
            ledger.deleteAccounts(actor, path.accountSet, [path.accountCode], { withChildren: urlParams.withChildren === true }),
            (deleted) => ({ deleted })
          )
        ))
      .handle("addDimensionValues", ({ path, payload }) =>
        asCaller((actor) => ledger.addDimensionValues(actor, path.accountSet, payload.values)))
  }))

/**
 * Vouchers: make, record, list, read, audit, unaudit, sign, post, unpost, reverse, edit,
 * delete, correct.
 *
 * @since 0.1.0
 */
export const LedgerVouchersLive = HttpApiBuilder.group(Api, "ledgerVouchers", (handlers) =>
  Effect.gen(function*() {
    const ledger = yield* LedgerService
    const asList = (vouchers: ReadonlyArray<Voucher>) => ({ vouchers })
    return handlers
      .handle("create", ({ headers, path, payload }) =>
        asCaller((actor) => ledger.createVoucher(actor, path.accountSet, payload, idempotencyOf(headers))))
      .handle("record", ({ headers, path, payload }) =>
        asCaller((actor) =>
          Effect.map(
            ledger.recordVouchers(actor, path.accountSet, payload.vouchers, {
              ...idempotencyOf(headers),
              ...(payload.status === undefined ? {} : { status: payload.status })
            }),
            asList
          )
        ))
      .handle("list", ({ path, urlParams }) =>
        asCaller((actor) => {
          const limit = urlParams.limit ?? pageSizeDefault
          return Effect.map(
            ledger.listVouchers(actor, path.accountSet, {
              limit,
              ...(urlParams.from === undefined ? {} : { from: periodKeyOf(urlParams.from) }),
              ...(urlParams.to === undefined ? {} : { to: periodKeyOf(urlParams.to) }),
              ...(urlParams.status === undefined ? {} : { status: urlParams.status }),
              ...(urlParams.word === undefined ? {} : { word: urlParams.word }),
              ...(urlParams.after === undefined ? {} : { after: urlParams.after })
            }),
            (vouchers) => {
              const last = vouchers[vouchers.length - 1]
              return { vouchers, next: vouchers.length === limit && last !== undefined ? cursorOf(last) : null }
            }
          )
        }))
      .handle("get", ({ path }) =>
        asCaller((actor) => Effect.map(ledger.getVouchers(actor, path.accountSet, [path.voucherId]), (vouchers) => vouchers[0]!)))
      .handle("audit", ({ path, payload }) =>
        asCaller((actor) => Effect.map(ledger.auditVouchers(actor, path.accountSet, payload.voucherIds), asList)))
      .handle("unaudit", ({ path, payload }) =>
        asCaller((actor) => Effect.map(ledger.unauditVouchers(actor, path.accountSet, payload.voucherIds), asList)))
      .handle("sign", ({ path, payload }) =>
        asCaller((actor) => Effect.map(ledger.signVouchers(actor, path.accountSet, payload.voucherIds), asList)))
      .handle("post", ({ path, payload }) =>
        asCaller((actor) => Effect.map(ledger.postVouchers(actor, path.accountSet, payload.voucherIds), asList)))
      .handle("unpost", ({ path, payload }) =>
        asCaller((actor) => Effect.map(ledger.unpostVouchers(actor, path.accountSet, payload.voucherIds), asList)))
      .handle("reverse", ({ path, payload }) =>
        asCaller((actor) => ledger.reverseVoucher(actor, path.accountSet, path.voucherId, payload.date)))
      .handle("edit", ({ path, payload }) =>
        asCaller((actor) => ledger.editVoucher(actor, path.accountSet, path.voucherId, payload)))
      .handle("delete", ({ path, payload }) =>
        asCaller((actor) => ledger.deleteVouchers(actor, path.accountSet, payload.voucherIds)))
      .handle("correct", ({ headers, path, payload }) =>
        asCaller((actor) => ledger.correctVoucher(actor, path.accountSet, path.voucherId, payload, idempotencyOf(headers))))
  }))

/**
 * Trial balance and verify.
 *
 * @since 0.1.0
 */
export const LedgerReportsLive = HttpApiBuilder.group(Api, "ledgerReports", (handlers) =>
  Effect.gen(function*() {
    const ledger = yield* LedgerService
    return handlers
      .handle("trialBalance", ({ path, urlParams }) =>
        asCaller((actor) =>
          Effect.gen(function*() {
            const accountSet = yield* ledger.getAccountSet(actor, path.accountSet)
            const report = yield* ledger.trialBalance(actor, path.accountSet, {
              ...(urlParams.from === undefined ? {} : { from: urlParams.from }),
              ...(urlParams.to === undefined ? {} : { to: urlParams.to }),
              ...(urlParams.commodity === undefined ? {} : { commodity: urlParams.commodity }),
              ...(urlParams.includeUnposted === undefined ? {} : { includeUnposted: urlParams.includeUnposted })
            })
            return trialBalanceJson(report, scaleOf(report, accountSet.baseCurrency, accountSet.currencyScale))
          })
        ))
      .handle("verify", ({ path }) => asCaller((actor) => ledger.verify(actor, path.accountSet)))
  }))

/**
 * Period end: carry-forward, revaluation, close and reopen, renumbering, checks.
 *
 * @since 0.1.0
 */
export const LedgerPeriodEndLive = HttpApiBuilder.group(Api, "ledgerPeriodEnd", (handlers) =>
  Effect.gen(function*() {
    const periodEnd = yield* PeriodEndService
    return handlers
      .handle("carryForward", ({ path, payload }) =>
        asCaller((actor) => periodEnd.carryForwardProfitAndLoss(actor, path.accountSet, payload)))
      .handle("revalue", ({ path, payload }) => asCaller((actor) => periodEnd.revalueForeignCurrency(actor, path.accountSet, payload)))
      .handle("closePeriod", ({ path, payload }) => asCaller((actor) => periodEnd.closePeriod(actor, path.accountSet, payload)))
      .handle("reopenPeriod", ({ path }) => asCaller((actor) => periodEnd.reopenPeriod(actor, path.accountSet)))
      .handle("closeYear", ({ path, payload }) => asCaller((actor) => periodEnd.closeYear(actor, path.accountSet, payload)))
      .handle("reopenYear", ({ path }) => asCaller((actor) => periodEnd.reopenYear(actor, path.accountSet)))
      .handle("renumber", ({ path, payload }) =>
        asCaller((actor) => Effect.map(periodEnd.renumberVouchers(actor, path.accountSet, payload), (renumbered) => ({ renumbered }))))
      .handle("verify", ({ path }) => asCaller((actor) => periodEnd.verify(actor, path.accountSet)))
  }))

/** Failures every endpoint of the books-and-statements group declares. */
type GroupFailure = "AccountSetNotFound" | "PermissionDenied" | "OrganisationMismatch"

/**
 * Keeps the failures an endpoint declares (plus the group's) and turns any other into a
 * defect: the report service types every report with the union of all report failures,
 * while each endpoint can only end with a few of them.
 */
const declaring = <const Tag extends string>(...tags: ReadonlyArray<Tag>) =>
<A, E extends { readonly _tag: string }, R>(
  effect: Effect.Effect<A, E, R>
): Effect.Effect<A, Extract<E, { readonly _tag: Tag | GroupFailure }>, R> => {
  const kept = new Set<string>([...tags, "AccountSetNotFound", "PermissionDenied", "OrganisationMismatch"])
  return Effect.catchIf(effect, (error) => !kept.has(error._tag), (error) => Effect.die(error)) as unknown as Effect.Effect<
    A,
    Extract<E, { readonly _tag: Tag | GroupFailure }>,
    R
  >
}

/** The JSON form of a report: decimals become strings with the report's scale. */
const asDocument = <A>(report: A) => reportToJson(report) as { readonly report: string; readonly [key: string]: unknown }

/** A comma-separated list without blanks. */
const listOf = (text: string) => text.split(",").map((item) => item.trim()).filter((item) => item.length > 0)

/** The optional range and data options of a report query, without undefined keys. */
const rangeOf = (params: {
  readonly from?: import("@danju/core").Period
  readonly to?: import("@danju/core").Period
  readonly commodity?: string
  readonly includeUnposted?: boolean
}) => ({
  ...(params.from === undefined ? {} : { from: params.from }),
  ...(params.to === undefined ? {} : { to: params.to }),
  ...(params.commodity === undefined ? {} : { commodity: params.commodity }),
  ...(params.includeUnposted === undefined ? {} : { includeUnposted: params.includeUnposted })
})

/**
 * Books and statements: balances, ledgers, journals, voucher list and print data,
 * the mess statement, balance sheet and income statement, as JSON documents.
 *
 * @since 0.1.0
 */
export const LedgerBookReportsLive = HttpApiBuilder.group(Api, "ledgerBookReports", (handlers) =>
  Effect.gen(function*() {
    const reports = yield* LedgerReports
    return handlers
      .handle("accountBalances", ({ path, urlParams }) =>
        asCaller((actor) =>
          reports.accountBalances(actor, path.accountSet, {
            ...rangeOf(urlParams),
            ...(urlParams.maxLevel === undefined ? {} : { maxLevel: urlParams.maxLevel }),
            ...(urlParams.dimensions === undefined ? {} : { dimensions: urlParams.dimensions }),
            ...(urlParams.includeEmpty === undefined ? {} : { includeEmpty: urlParams.includeEmpty })
          }).pipe(declaring("ReportRangeInvalid", "PeriodInvalid"), Effect.map(asDocument))
        ))
      .handle("generalLedger", ({ path, urlParams }) =>
        asCaller((actor) =>
          reports.generalLedger(actor, path.accountSet, {
            ...rangeOf(urlParams),
            ...(urlParams.maxLevel === undefined ? {} : { maxLevel: urlParams.maxLevel }),
            ...(urlParams.accountCodes === undefined ? {} : { accountCodes: listOf(urlParams.accountCodes) }),
            ...(urlParams.includeEmpty === undefined ? {} : { includeEmpty: urlParams.includeEmpty })
          }).pipe(declaring("AccountNotFound", "ReportRangeInvalid", "PeriodInvalid"), Effect.map(asDocument))
        ))
      .handle("detailLedger", ({ path, urlParams }) =>
        asCaller((actor) =>
          reports.detailLedger(actor, path.accountSet, {
            ...rangeOf(urlParams),
            accountCode: urlParams.accountCode,
            ...(urlParams.dimensionKey === undefined ? {} : { dimensionKey: urlParams.dimensionKey }),
            ...(urlParams.cursor === undefined ? {} : { cursor: urlParams.cursor }),
            ...(urlParams.limit === undefined ? {} : { limit: urlParams.limit })
          }).pipe(
            declaring("AccountNotFound", "ReportRangeInvalid", "PeriodInvalid", "ReportCursorInvalid"),
            Effect.map((page) => ({ ...asDocument(page), nextCursor: page.nextCursor }))
          )
        ))
      .handle("cashJournal", ({ path, urlParams }) =>
        asCaller((actor) =>
          reports.cashJournal(actor, path.accountSet, {
            ...rangeOf(urlParams),
            ...(urlParams.accountCode === undefined ? {} : { accountCode: urlParams.accountCode })
          }).pipe(declaring("AccountNotFound", "ReportRangeInvalid", "PeriodInvalid", "JournalAccountInvalid", "ReportTooLarge"), Effect.map(asDocument))
        ))
      .handle("bankJournal", ({ path, urlParams }) =>
        asCaller((actor) =>
          reports.bankJournal(actor, path.accountSet, {
            ...rangeOf(urlParams),
            ...(urlParams.accountCode === undefined ? {} : { accountCode: urlParams.accountCode })
          }).pipe(declaring("AccountNotFound", "ReportRangeInvalid", "PeriodInvalid", "JournalAccountInvalid", "ReportTooLarge"), Effect.map(asDocument))
        ))
      .handle("voucherList", ({ path, urlParams }) =>
        asCaller((actor) =>
          reports.voucherList(actor, path.accountSet, {
            ...(urlParams.from === undefined ? {} : { from: urlParams.from }),
            ...(urlParams.to === undefined ? {} : { to: urlParams.to }),
            ...(urlParams.status === undefined ? {} : { status: urlParams.status }),
            ...(urlParams.word === undefined ? {} : { word: urlParams.word }),
            ...(urlParams.cursor === undefined ? {} : { cursor: urlParams.cursor }),
            ...(urlParams.limit === undefined ? {} : { limit: urlParams.limit })
          }).pipe(
            declaring("ReportRangeInvalid", "PeriodInvalid", "ReportCursorInvalid"),
            Effect.map((page) => ({ ...asDocument(page), nextCursor: page.nextCursor }))
          )
        ))
      .handle("voucherPrint", ({ path, urlParams }) =>
        asCaller((actor) =>
          reports.voucherPrintData(
            actor,
            path.accountSet,
            listOf(urlParams.ids),
            urlParams.linesPerPage === undefined ? {} : { linesPerPage: urlParams.linesPerPage }
          ).pipe(declaring("VoucherNotFound", "ReportTooLarge"), Effect.map((printed) => ({ vouchers: printed.map(asDocument) })))
        ))
      .handle("messMonthlyStatement", ({ path, urlParams }) =>
        asCaller((actor) =>
          reports.messMonthlyStatement(actor, path.accountSet, {
            ...(urlParams.period === undefined ? {} : { period: urlParams.period }),
            ...(urlParams.fundAccountCode === undefined ? {} : { fundAccountCode: urlParams.fundAccountCode }),
            ...(urlParams.includeUnposted === undefined ? {} : { includeUnposted: urlParams.includeUnposted })
          }).pipe(declaring("AccountNotFound", "ReportTooLarge"), Effect.map(asDocument))
        ))
      .handle("balanceSheet", ({ path, urlParams }) =>
        asCaller((actor) =>
          reports.balanceSheet(actor, path.accountSet, {
            ...rangeOf(urlParams),
            ...(urlParams.template === undefined ? {} : { template: urlParams.template })
          }).pipe(declaring("FormulaInvalid", "ReportRangeInvalid", "PeriodInvalid"), Effect.map(asDocument))
        ))
      .handle("incomeStatement", ({ path, urlParams }) =>
        asCaller((actor) =>
          reports.incomeStatement(actor, path.accountSet, {
            ...rangeOf(urlParams),
            ...(urlParams.template === undefined ? {} : { template: urlParams.template })
          }).pipe(declaring("FormulaInvalid", "ReportRangeInvalid", "PeriodInvalid"), Effect.map(asDocument))
        ))
      .handle("financialStatement", ({ path, urlParams }) =>
        asCaller((actor) =>
          reports.financialStatement(actor, path.accountSet, { ...rangeOf(urlParams), template: urlParams.template }).pipe(
            declaring("FormulaInvalid", "ReportRangeInvalid", "PeriodInvalid"),
            Effect.map(asDocument)
          )
        ))
  }))

/**
 * Every ledger group's handlers; needs `LedgerService`, `PeriodEndService` and
 * `LedgerReports` (from `ledgerSqlLayer`).
 *
 * @since 0.1.0
 */
export const LedgerLive = Layer.mergeAll(
  LedgerAccountSetsLive,
  LedgerAccountsLive,
  LedgerVouchersLive,
  LedgerReportsLive,
  LedgerPeriodEndLive,
  LedgerBookReportsLive
)
