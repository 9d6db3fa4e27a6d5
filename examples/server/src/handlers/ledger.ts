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
import { chartTemplates, LedgerService, PeriodEndService, periodKeyOf, trialBalanceJson } from "@danju/ledger"
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

/** Runs a service call as the caller of the current request. */
const asCaller = <A, E extends { readonly _tag: string }, R>(call: (actor: Actor) => Effect.Effect<A, E, R>) =>
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

const idempotencyOf = (headers: { readonly "idempotency-key"?: string | undefined }) => {
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
 * Vouchers: make, record, list, read, audit, unaudit, sign, post, unpost, reverse.
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

/**
 * Every ledger group's handlers; needs `LedgerService` and `PeriodEndService` (from
 * `ledgerSqlLayer`).
 *
 * @since 0.1.0
 */
export const LedgerLive = Layer.mergeAll(
  LedgerAccountSetsLive,
  LedgerAccountsLive,
  LedgerVouchersLive,
  LedgerReportsLive,
  LedgerPeriodEndLive
)
