/**
 * The period-end group (期末處理) of the ledger's HTTP contract: P&L carry-forward, FX
 * revaluation, period close and reopen, year close and reopen, voucher renumbering and
 * the check of period seals and year carries. Handlers call `PeriodEndService`.
 *
 * @since 0.1.0
 */
import { HttpApiEndpoint, HttpApiGroup, OpenApi } from "@effect/platform"
import {
  Authentication,
  IdempotencyConflictProblem,
  OrganisationMismatchProblem,
  PeriodInvalidProblem,
  PermissionDeniedProblem
} from "@danju/core/http"
import { Limits } from "@danju/core"
import { Schema } from "effect"
import { VoucherId } from "../domain/ids"
import {
  AccountSetNotFoundProblem,
  AccountSetStatusInvalidProblem,
  ExchangeRateInvalidProblem,
  NothingToCarryForwardProblem,
  NothingToReopenProblem,
  NothingToRevalueProblem,
  PeriodBalancesMismatchProblem,
  PeriodClosedProblem,
  PeriodNotNextToCloseProblem,
  ProfitAndLossNotZeroProblem,
  RenumberOrderInvalidProblem,
  RenumberPostedForbiddenProblem,
  SpecialAccountUnresolvedProblem,
  UnpostedVouchersRemainProblem,
  VoucherNumberGapsProblem,
  VoucherRuleProblems,
  YearClosedProblem,
  YearHasOpenPeriodsProblem,
  YearHasPostedVouchersProblem,
  YearNotNextToCloseProblem
} from "./problems"
import { AccountSetPath, Amount, Instant, PeriodText, VoucherStatusSchema, VoucherView } from "./schemas"

const base = "/ledger/account-sets/:accountSet"

const optional = <S extends Schema.Schema.All>(schema: S) => Schema.optionalWith(schema, { exact: true })

/**
 * `POST …/period-end/carry-forward` body.
 *
 * @since 0.1.0
 */
export const CarryForwardRequest = Schema.Struct({
  period: PeriodText,
  word: optional(Schema.String.pipe(Schema.minLength(1), Schema.maxLength(8))),
  summary: optional(Schema.String.pipe(Schema.minLength(1), Schema.maxLength(Limits.textLengthMax))),
  currentYearProfit: optional(Schema.String.pipe(Schema.maxLength(Limits.codeLengthMax))).annotations({
    description: "The current-year-profit account (本年利潤); the template's when omitted"
  }),
  retainedEarnings: optional(Schema.String.pipe(Schema.maxLength(Limits.codeLengthMax)))
}).annotations({ identifier: "CarryForwardRequest" })

/**
 * `POST …/period-end/revalue` body.
 *
 * @since 0.1.0
 */
export const RevaluationRequest = Schema.Struct({
  period: PeriodText,
  rates: Schema.Record({ key: Schema.String.pipe(Schema.pattern(/^[A-Z]{3}$/)), value: Amount }).annotations({
    description: "Period-end rate per currency: base-currency units per one foreign unit, e.g. { \"USD\": \"7.1234\" }"
  }),
  word: optional(Schema.String.pipe(Schema.minLength(1), Schema.maxLength(8))),
  summary: optional(Schema.String.pipe(Schema.minLength(1), Schema.maxLength(Limits.textLengthMax))),
  exchangeGainLoss: optional(Schema.String.pipe(Schema.maxLength(Limits.codeLengthMax)))
}).annotations({ identifier: "RevaluationRequest" })

/**
 * `POST …/periods/close` body: the period to close (the next open one when omitted).
 *
 * @since 0.1.0
 */
export const ClosePeriodRequest = Schema.Struct({ period: optional(PeriodText) }).annotations({ identifier: "ClosePeriodRequest" })

/**
 * What closing a period recorded: the seal over its balances.
 *
 * @since 0.1.0
 */
export const PeriodCloseView = Schema.Struct({
  period: PeriodText,
  sealHash: Schema.String.annotations({ description: "SHA-256 (hex) of the period's closing balance rows" }),
  closedAt: Instant,
  closedBy: Schema.String
}).annotations({ identifier: "PeriodClose" })

/**
 * What reopening a period did.
 *
 * @since 0.1.0
 */
export const PeriodReopenView = Schema.Struct({
  period: PeriodText,
  lastClosedPeriod: Schema.NullOr(PeriodText)
}).annotations({ identifier: "PeriodReopen" })

/**
 * `POST …/years/close` body.
 *
 * @since 0.1.0
 */
export const CloseYearRequest = Schema.Struct({
  fiscalYear: Schema.Int.pipe(Schema.between(Limits.calendarYearMin, Limits.calendarYearMax))
}).annotations({ identifier: "CloseYearRequest" })

/**
 * What closing a year carried into the next.
 *
 * @since 0.1.0
 */
export const YearCloseView = Schema.Struct({
  fiscalYear: Schema.Int,
  carriedRows: Schema.Int,
  carryHash: Schema.String
}).annotations({ identifier: "YearClose" })

/**
 * What reopening a year did.
 *
 * @since 0.1.0
 */
export const YearReopenView = Schema.Struct({
  fiscalYear: Schema.Int,
  lastClosedYear: Schema.NullOr(Schema.Int)
}).annotations({ identifier: "YearReopen" })

/**
 * `POST …/vouchers/renumber` body.
 *
 * @since 0.1.0
 */
export const RenumberRequest = Schema.Struct({
  period: PeriodText,
  word: optional(Schema.String.pipe(Schema.minLength(1), Schema.maxLength(8))),
  order: Schema.Union(
    Schema.Literal("date"),
    Schema.Array(VoucherId).pipe(Schema.maxItems(Limits.vouchersPerRenumberMax))
  ).annotations({ description: "`date`, or every voucher id of the period (and word) in the wanted order" })
}).annotations({ identifier: "RenumberRequest" })

/**
 * The numbers renumbering gave (one entry per voucher of the period and word).
 *
 * @since 0.1.0
 */
export const RenumberView = Schema.Struct({
  renumbered: Schema.Array(Schema.Struct({
    id: Schema.String,
    word: Schema.String,
    status: VoucherStatusSchema,
    from: Schema.Int,
    to: Schema.Int
  }))
}).annotations({ identifier: "Renumbering" })

/**
 * One revalued balance of the FX revaluation.
 *
 * @since 0.1.0
 */
export const RevaluationAdjustmentView = Schema.Struct({
  accountCode: Schema.String,
  dimensionKey: Schema.String,
  currency: Schema.String,
  rate: Amount,
  foreignBalance: Amount,
  bookBalance: Amount,
  revaluedBalance: Amount.annotations({ description: "round(foreign × rate, currency scale, half-up)" }),
  difference: Amount.annotations({ description: "revalued − book: positive debits the revalued account" })
}).annotations({ identifier: "RevaluationAdjustment" })

/**
 * The revaluation voucher (a draft) and the adjustments it books.
 *
 * @since 0.1.0
 */
export const RevaluationView = Schema.Struct({
  voucher: VoucherView,
  adjustments: Schema.Array(RevaluationAdjustmentView)
}).annotations({ identifier: "Revaluation" })

const BalanceRowDifferenceView = Schema.Struct({
  accountCode: Schema.String,
  dimensionKey: Schema.String,
  fiscalYear: Schema.Int,
  period: Schema.Int,
  commodity: Schema.String,
  maintainedDebit: Schema.String,
  maintainedCredit: Schema.String,
  expectedDebit: Schema.String,
  expectedCredit: Schema.String
})

/**
 * The period-end checks: every seal against the balances now, every year carry against
 * a recomputation.
 *
 * @since 0.1.0
 */
export const PeriodEndVerifyView = Schema.Struct({
  accountSet: Schema.String,
  seals: Schema.Struct({
    accountSet: Schema.String,
    sealedPeriods: Schema.Int,
    problems: Schema.Array(Schema.Struct({
      period: Schema.String,
      problem: Schema.Literal("hashMismatch", "sealMissing", "sealOfOpenPeriod"),
      sealedHash: Schema.String,
      currentHash: Schema.String
    }))
  }),
  carries: Schema.Struct({
    accountSet: Schema.String,
    closedYears: Schema.Array(Schema.Int),
    differences: Schema.Array(BalanceRowDifferenceView)
  })
}).annotations({ identifier: "PeriodEndVerify" })

/**
 * Period end (期末處理): carry-forward, revaluation, close and reopen, renumbering.
 *
 * @since 0.1.0
 */
export class LedgerPeriodEndApi extends HttpApiGroup.make("ledgerPeriodEnd")
  .add(
    HttpApiEndpoint.post("carryForward", `${base}/period-end/carry-forward`)
      .setPath(AccountSetPath)
      .setPayload(CarryForwardRequest)
      .addSuccess(VoucherView, { status: 201 })
      .addError(AccountSetNotFoundProblem)
      .addError(NothingToCarryForwardProblem)
      .addError(SpecialAccountUnresolvedProblem)
      .addError(PeriodInvalidProblem)
      .addError(UnpostedVouchersRemainProblem)
      .addError(IdempotencyConflictProblem)
      .addError(VoucherRuleProblems)
      .annotate(OpenApi.Summary, "P&L carry-forward (結轉損益) of a period (ledger.voucher.create)")
      .annotate(
        OpenApi.Description,
        "Makes one draft voucher moving every profit-and-loss balance at the end of the period to the " +
          "current-year-profit account (prior-year adjustments to retained earnings); audit and post it like any other."
      )
  )
  .add(
    HttpApiEndpoint.post("revalue", `${base}/period-end/revalue`)
      .setPath(AccountSetPath)
      .setPayload(RevaluationRequest)
      .addSuccess(RevaluationView, { status: 201 })
      .addError(AccountSetNotFoundProblem)
      .addError(NothingToRevalueProblem)
      .addError(ExchangeRateInvalidProblem)
      .addError(SpecialAccountUnresolvedProblem)
      .addError(PeriodInvalidProblem)
      .addError(UnpostedVouchersRemainProblem)
      .addError(IdempotencyConflictProblem)
      .addError(VoucherRuleProblems)
      .annotate(OpenApi.Summary, "FX revaluation (期末調匯) at period-end rates (ledger.voucher.create)")
  )
  .add(
    HttpApiEndpoint.post("closePeriod", `${base}/periods/close`)
      .setPath(AccountSetPath)
      .setPayload(ClosePeriodRequest)
      .addSuccess(PeriodCloseView)
      .addError(AccountSetNotFoundProblem)
      .addError(AccountSetStatusInvalidProblem)
      .addError(PeriodNotNextToCloseProblem)
      .addError(UnpostedVouchersRemainProblem)
      .addError(VoucherNumberGapsProblem)
      .addError(PeriodBalancesMismatchProblem)
      .annotate(OpenApi.Summary, "Close the next open period (結賬) and seal its balances (ledger.period.close)")
      .annotate(
        OpenApi.Description,
        "Every voucher of the period must be posted and the balances must agree with the postings; the period " +
          "becomes read-only and a hash of its closing balances is sealed."
      )
  )
  .add(
    HttpApiEndpoint.post("reopenPeriod", `${base}/periods/reopen`)
      .setPath(AccountSetPath)
      .addSuccess(PeriodReopenView)
      .addError(AccountSetNotFoundProblem)
      .addError(NothingToReopenProblem)
      .addError(YearClosedProblem)
      .annotate(OpenApi.Summary, "Reopen the latest closed period (反結賬), logged (ledger.period.reopen)")
  )
  .add(
    HttpApiEndpoint.post("closeYear", `${base}/years/close`)
      .setPath(AccountSetPath)
      .setPayload(CloseYearRequest)
      .addSuccess(YearCloseView)
      .addError(AccountSetNotFoundProblem)
      .addError(AccountSetStatusInvalidProblem)
      .addError(YearNotNextToCloseProblem)
      .addError(YearHasOpenPeriodsProblem)
      .addError(ProfitAndLossNotZeroProblem)
      .annotate(OpenApi.Summary, "Close a fiscal year (年終結轉) (ledger.period.close)")
      .annotate(
        OpenApi.Description,
        "Profit-and-loss accounts must be zero; balance-sheet balances carry into period 1 of the next year. " +
          "Reversible while the new year has no posted voucher."
      )
  )
  .add(
    HttpApiEndpoint.post("reopenYear", `${base}/years/reopen`)
      .setPath(AccountSetPath)
      .addSuccess(YearReopenView)
      .addError(AccountSetNotFoundProblem)
      .addError(NothingToReopenProblem)
      .addError(YearHasPostedVouchersProblem)
      .annotate(OpenApi.Summary, "Undo the latest year close (ledger.period.reopen)")
  )
  .add(
    HttpApiEndpoint.post("renumber", `${base}/vouchers/renumber`)
      .setPath(AccountSetPath)
      .setPayload(RenumberRequest)
      .addSuccess(RenumberView)
      .addError(AccountSetNotFoundProblem)
      .addError(PeriodClosedProblem)
      .addError(RenumberOrderInvalidProblem)
      .addError(RenumberPostedForbiddenProblem)
      .annotate(OpenApi.Summary, "Renumber the vouchers of an open period (整理憑證號) (ledger.voucher.renumber)")
      .annotate(OpenApi.Description, "By date or in a given order, 1..n per word; the audit log keeps the old numbers.")
  )
  .add(
    HttpApiEndpoint.get("verify", `${base}/period-end/verify`)
      .setPath(AccountSetPath)
      .addSuccess(PeriodEndVerifyView)
      .addError(AccountSetNotFoundProblem)
      .annotate(OpenApi.Summary, "Check period seals and year carries against the books (ledger.report.read)")
  )
  .addError(PermissionDeniedProblem)
  .addError(OrganisationMismatchProblem)
  .middleware(Authentication)
  .annotate(OpenApi.Title, "Ledger: period end")
  .annotate(OpenApi.Description, "期末處理: carry-forward, revaluation, closing and reopening periods and years, renumbering")
{}
