/**
 * The ledger's HTTP contract: one `HttpApiGroup` per command family (account sets,
 * chart, vouchers, reports), all behind bearer {@link Authentication}, all under
 * `/ledger`. {@link LedgerApi} bundles the groups; an application adds it to its own API
 * with `HttpApi.addHttpApi(LedgerApi)` and implements each group's handlers by calling
 * `LedgerService` with the caller's actor.
 *
 * Adding a module (period end, reports, backup) means one new group here and one
 * `.add(...)` line in {@link LedgerApi}.
 *
 * Every failure is an RFC 9457 problem (see `./problems`): 400 invalid request, 401 no
 * session, 403 permission or organisation, 404 unknown account set / voucher / account,
 * 409 state conflicts, 422 bookkeeping rules.
 *
 * @since 0.1.0
 */
import { HttpApi, HttpApiEndpoint, HttpApiGroup, HttpApiSchema, OpenApi } from "@effect/platform"
import {
  Authentication,
  IdempotencyConflictProblem,
  OrganisationMismatchProblem,
  PeriodInvalidProblem,
  PermissionDeniedProblem
} from "@danju/core/http"
import { Schema } from "effect"
import { LedgerLibraryApi } from "./LibraryApi"
import { LedgerPeriodEndApi } from "./PeriodEndApi"
import { LedgerBookReportsApi } from "./ReportsApi"
import {
  AccountCodeInvalidProblem,
  AccountInUseProblem,
  AccountNotFoundProblem,
  AccountDisabledProblem,
  AccountNotLeafProblem,
  AccountSetExistsProblem,
  AccountSetNotFoundProblem,
  AccountSetStatusInvalidProblem,
  AuditChainBrokenProblem,
  CashierSignatureMissingProblem,
  DimensionInvalidProblem,
  OpeningBalancesUnbalancedProblem,
  ReportRangeInvalidProblem,
  ReversalDateInvalidProblem,
  SelfAuditForbiddenProblem,
  UnauditForbiddenProblem,
  UnpostDisabledProblem,
  CorrectionInvalidProblem,
  VoucherAlreadyCorrectedProblem,
  VoucherAlreadyReversedProblem,
  VoucherEditForbiddenProblem,
  VoucherIsReversalProblem,
  VoucherNotFoundProblem,
  VoucherRuleProblems,
  VoucherStatusInvalidProblem,
  VoucherTransitionProblems
} from "./problems"
import {
  AccountList,
  AccountPath,
  AccountSetList,
  AccountSetPath,
  AccountSetView,
  AccountView,
  AddAccountsRequest,
  ChartTemplateView,
  ChartView,
  CreateAccountSetRequest,
  DeleteAccountQuery,
  DeletedAccounts,
  DimensionValuesRequest,
  IdempotencyHeaders,
  OpeningView,
  CorrectVoucherRequest,
  DeletedVouchers,
  RecordVouchersRequest,
  ReverseVoucherRequest,
  SetOpeningsRequest,
  TrialBalanceQuery,
  TrialBalanceView,
  UpdateAccountRequest,
  VerifyReportView,
  VoucherIdsRequest,
  VoucherInputSchema,
  VoucherList,
  VoucherPage,
  VoucherPath,
  VouchersQuery,
  VoucherView
} from "./schemas"

const base = "/ledger/account-sets/:accountSet"

/**
 * Account sets (賬套): chart templates, create, list, read, opening balances, enable.
 *
 * @since 0.1.0
 */
export class LedgerAccountSetsApi extends HttpApiGroup.make("ledgerAccountSets")
  .add(
    HttpApiEndpoint.get("chartTemplates", "/ledger/chart-templates")
      .addSuccess(Schema.Struct({ templates: Schema.Array(ChartTemplateView) }))
      .annotate(OpenApi.Summary, "Chart templates an account set can start from")
      .annotate(
        OpenApi.Description,
        "The shipped charts of accounts: small-enterprise standard (小企業會計準則), enterprise standard " +
          "(企業會計準則), the mess-hall chart (伙食賬) and an empty chart."
      )
  )
  .add(
    HttpApiEndpoint.post("create", "/ledger/account-sets")
      .setPayload(CreateAccountSetRequest)
      .addSuccess(AccountSetView, { status: 201 })
      .addError(AccountSetExistsProblem)
      .addError(AccountCodeInvalidProblem)
      .annotate(OpenApi.Summary, "Create an account set from a chart template (ledger.accountSet.create)")
      .annotate(
        OpenApi.Description,
        "Creates the books of the caller's organisation with the template's accounts, code scheme and options " +
          "(the caller's options win). The account set starts `initializing`: enter opening balances, then enable it."
      )
  )
  .add(
    HttpApiEndpoint.get("list", "/ledger/account-sets")
      .addSuccess(AccountSetList)
      .annotate(OpenApi.Summary, "Account sets of my organisation (ledger.report.read)")
  )
  .add(
    HttpApiEndpoint.get("get", base)
      .setPath(AccountSetPath)
      .addSuccess(AccountSetView)
      .addError(AccountSetNotFoundProblem)
      .annotate(OpenApi.Summary, "One account set with its options and closing state (ledger.report.read)")
  )
  .add(
    HttpApiEndpoint.put("setOpenings", `${base}/openings`)
      .setPath(AccountSetPath)
      .setPayload(SetOpeningsRequest)
      .addSuccess(Schema.Struct({ openings: Schema.Array(OpeningView) }))
      .addError(AccountSetNotFoundProblem)
      .addError(AccountSetStatusInvalidProblem)
      .addError(AccountNotFoundProblem)
      .addError(AccountNotLeafProblem)
      .addError(AccountDisabledProblem)
      .addError(DimensionInvalidProblem)
      .annotate(OpenApi.Summary, "Replace the opening balances (ledger.opening.manage)")
      .annotate(
        OpenApi.Description,
        "Per leaf account and dimension set; a balance is signed on the account's direction. When the books " +
          "start mid-year, also the year-to-date debit and credit before the start period. Only while initializing."
      )
  )
  .add(
    HttpApiEndpoint.post("enable", `${base}/enable`)
      .setPath(AccountSetPath)
      .addSuccess(AccountSetView)
      .addError(AccountSetNotFoundProblem)
      .addError(AccountSetStatusInvalidProblem)
      .addError(OpeningBalancesUnbalancedProblem)
      .annotate(OpenApi.Summary, "Enable the account set (ledger.accountSet.manage)")
      .annotate(
        OpenApi.Description,
        "Checks that the opening balances balance (for the mess hall: cash + bank = mess fund), locks them and " +
          "opens the books for vouchers."
      )
  )
  .addError(PermissionDeniedProblem)
  .addError(OrganisationMismatchProblem)
  .middleware(Authentication)
  .annotate(OpenApi.Title, "Ledger: account sets")
  .annotate(OpenApi.Description, "General ledger account sets (賬套), their opening balances and enabling")
{}

/**
 * The chart of accounts (會計科目) and dimension values (核算項目) of an account set.
 *
 * @since 0.1.0
 */
export class LedgerAccountsApi extends HttpApiGroup.make("ledgerAccounts")
  .add(
    HttpApiEndpoint.get("chart", `${base}/accounts`)
      .setPath(AccountSetPath)
      .addSuccess(ChartView)
      .addError(AccountSetNotFoundProblem)
      .annotate(OpenApi.Summary, "The chart of accounts and dimension values (ledger.report.read)")
  )
  .add(
    HttpApiEndpoint.post("add", `${base}/accounts`)
      .setPath(AccountSetPath)
      .setPayload(AddAccountsRequest)
      .addSuccess(AccountList, { status: 201 })
      .addError(AccountSetNotFoundProblem)
      .addError(AccountCodeInvalidProblem)
      .annotate(OpenApi.Summary, "Add accounts (ledger.account.manage)")
      .annotate(
        OpenApi.Description,
        "Parents first in one call is fine. Level, parent and leaf follow from the code and the code scheme; " +
          "a leaf that already has postings cannot get sub-accounts. Answers the new accounts and the parents " +
          "that stopped being leaves."
      )
  )
  .add(
    HttpApiEndpoint.patch("update", `${base}/accounts/:accountCode`)
      .setPath(AccountPath)
      .setPayload(UpdateAccountRequest)
      .addSuccess(AccountView)
      .addError(AccountSetNotFoundProblem)
      .addError(AccountNotFoundProblem)
      .annotate(OpenApi.Summary, "Rename, disable or flag an account (ledger.account.manage)")
  )
  .add(
    HttpApiEndpoint.del("delete", `${base}/accounts/:accountCode`)
      .setPath(AccountPath)
      .setUrlParams(DeleteAccountQuery)
      .addSuccess(DeletedAccounts)
      .addError(AccountSetNotFoundProblem)
      .addError(AccountNotFoundProblem)
      .addError(AccountCodeInvalidProblem)
      .addError(AccountInUseProblem)
      .annotate(OpenApi.Summary, "Delete an account, optionally with its sub-accounts (ledger.account.manage)")
      .annotate(
        OpenApi.Description,
        "An account with postings, balances or openings cannot be deleted (409 AccountInUse): disable it. " +
          "Without withChildren=true an account with sub-accounts is refused."
      )
  )
  .add(
    HttpApiEndpoint.post("addDimensionValues", `${base}/dimension-values`)
      .setPath(AccountSetPath)
      .setPayload(DimensionValuesRequest)
      .addSuccess(HttpApiSchema.NoContent)
      .addError(AccountSetNotFoundProblem)
      .annotate(OpenApi.Summary, "Create or update dimension values (ledger.account.manage)")
      .annotate(OpenApi.Description, "Customers, suppliers, departments, employees, projects or custom types, by type and code.")
  )
  .addError(PermissionDeniedProblem)
  .addError(OrganisationMismatchProblem)
  .middleware(Authentication)
  .annotate(OpenApi.Title, "Ledger: chart of accounts")
  .annotate(OpenApi.Description, "Accounts (會計科目) with levels, directions and dimensions; dimension values (核算項目)")
{}

/**
 * Vouchers (憑證): make, record in batches, audit, sign, post, unpost, reverse, read.
 *
 * @since 0.1.0
 */
export class LedgerVouchersApi extends HttpApiGroup.make("ledgerVouchers")
  .add(
    HttpApiEndpoint.post("create", `${base}/vouchers`)
      .setPath(AccountSetPath)
      .setHeaders(IdempotencyHeaders)
      .setPayload(VoucherInputSchema)
      .addSuccess(VoucherView, { status: 201 })
      .addError(AccountSetNotFoundProblem)
      .addError(VoucherRuleProblems)
      .addError(IdempotencyConflictProblem)
      .annotate(OpenApi.Summary, "Make a voucher (ledger.voucher.create)")
      .annotate(
        OpenApi.Description,
        "Validates every rule in order (account set enabled, word, 2..n lines, date and open period, then per " +
          "line summary, account, leaf, dimensions, amount, quantity, foreign currency, then total ≠ 0, debit = " +
          "credit, word restrictions) and stores a numbered draft. With an Idempotency-Key a retry returns the " +
          "first voucher."
      )
  )
  .add(
    HttpApiEndpoint.post("record", `${base}/vouchers/batch`)
      .setPath(AccountSetPath)
      .setHeaders(IdempotencyHeaders)
      .setPayload(RecordVouchersRequest)
      .addSuccess(VoucherList, { status: 201 })
      .addError(AccountSetNotFoundProblem)
      .addError(VoucherRuleProblems)
      .addError(IdempotencyConflictProblem)
      .annotate(OpenApi.Summary, "Record many vouchers at once, all or nothing (ledger.voucher.create)")
      .annotate(
        OpenApi.Description,
        "One database transaction: if any voucher breaks a rule, none is stored. With status `posted` the " +
          "vouchers are audited and posted at once (import, permission ledger.voucher.import)."
      )
  )
  .add(
    HttpApiEndpoint.get("list", `${base}/vouchers`)
      .setPath(AccountSetPath)
      .setUrlParams(VouchersQuery)
      .addSuccess(VoucherPage)
      .addError(AccountSetNotFoundProblem)
      .annotate(OpenApi.Summary, "A page of vouchers in period, word and number order (ledger.report.read)")
      .annotate(OpenApi.Description, "Filter by period range, status and word; pass `next` back as `after` for the next page.")
  )
  .add(
    HttpApiEndpoint.get("get", `${base}/vouchers/:voucherId`)
      .setPath(VoucherPath)
      .addSuccess(VoucherView)
      .addError(AccountSetNotFoundProblem)
      .addError(VoucherNotFoundProblem)
      .annotate(OpenApi.Summary, "One voucher with its lines (ledger.report.read)")
  )
  .add(
    HttpApiEndpoint.post("audit", `${base}/vouchers/audit`)
      .setPath(AccountSetPath)
      .setPayload(VoucherIdsRequest)
      .addSuccess(VoucherList)
      .addError(AccountSetNotFoundProblem)
      .addError(VoucherTransitionProblems)
      .addError(SelfAuditForbiddenProblem)
      .annotate(OpenApi.Summary, "Audit vouchers, all or nothing (ledger.voucher.audit)")
      .annotate(
        OpenApi.Description,
        "Draft → audited. The maker may not audit their own voucher when the account set says so " +
          "(422 SelfAuditForbidden)."
      )
  )
  .add(
    HttpApiEndpoint.post("unaudit", `${base}/vouchers/unaudit`)
      .setPath(AccountSetPath)
      .setPayload(VoucherIdsRequest)
      .addSuccess(VoucherList)
      .addError(AccountSetNotFoundProblem)
      .addError(VoucherTransitionProblems)
      .addError(UnauditForbiddenProblem)
      .annotate(OpenApi.Summary, "Withdraw audits (ledger.voucher.audit)")
      .annotate(OpenApi.Description, "Audited → draft, by the auditor or an administrator.")
  )
  .add(
    HttpApiEndpoint.post("sign", `${base}/vouchers/sign`)
      .setPath(AccountSetPath)
      .setPayload(VoucherIdsRequest)
      .addSuccess(VoucherList)
      .addError(AccountSetNotFoundProblem)
      .addError(VoucherTransitionProblems)
      .annotate(OpenApi.Summary, "Cashier's signature (出納簽字) on vouchers (ledger.voucher.sign)")
  )
  .add(
    HttpApiEndpoint.post("post", `${base}/vouchers/post`)
      .setPath(AccountSetPath)
      .setPayload(VoucherIdsRequest)
      .addSuccess(VoucherList)
      .addError(AccountSetNotFoundProblem)
      .addError(VoucherTransitionProblems)
      .addError(CashierSignatureMissingProblem)
      .annotate(OpenApi.Summary, "Post vouchers (過賬), all or nothing (ledger.voucher.post)")
      .annotate(
        OpenApi.Description,
        "Audited → posted: the lines enter the maintained balances in the same database transaction."
      )
  )
  .add(
    HttpApiEndpoint.post("unpost", `${base}/vouchers/unpost`)
      .setPath(AccountSetPath)
      .setPayload(VoucherIdsRequest)
      .addSuccess(VoucherList)
      .addError(AccountSetNotFoundProblem)
      .addError(VoucherTransitionProblems)
      .addError(UnpostDisabledProblem)
      .annotate(OpenApi.Summary, "Unpost vouchers (反過賬), an administrator's logged repair (ledger.voucher.unpost)")
      .annotate(
        OpenApi.Description,
        "Posted → audited in an open period; refused when the account set switched unposting off. Prefer a " +
          "red-ink reversal."
      )
  )
  .add(
    HttpApiEndpoint.post("reverse", `${base}/vouchers/:voucherId/reverse`)
      .setPath(VoucherPath)
      .setPayload(ReverseVoucherRequest)
      .addSuccess(VoucherView, { status: 201 })
      .addError(AccountSetNotFoundProblem)
      .addError(VoucherNotFoundProblem)
      .addError(VoucherStatusInvalidProblem)
      .addError(ReversalDateInvalidProblem)
      .addError(VoucherAlreadyReversedProblem)
      .addError(VoucherIsReversalProblem)
      .addError(VoucherRuleProblems)
      .addError(IdempotencyConflictProblem)
      .annotate(OpenApi.Summary, "Red-ink reversal (紅字沖銷) of a posted voucher (ledger.voucher.reverse)")
      .annotate(
        OpenApi.Description,
        "Makes a new draft with the original's lines negated, summary \"注銷 M月D日 字-N號憑證\", linked to the " +
          "original (會計基礎工作規範 art. 51). The date is explicit, not before the original, in an open period."
      )
  )
  .add(
    HttpApiEndpoint.put("edit", `${base}/vouchers/:voucherId`)
      .setPath(VoucherPath)
      .setPayload(VoucherInputSchema)
      .addSuccess(VoucherView)
      .addError(AccountSetNotFoundProblem)
      .addError(VoucherTransitionProblems)
      .addError(VoucherEditForbiddenProblem)
      .addError(VoucherRuleProblems)
      .annotate(OpenApi.Summary, "Edit a draft voucher (修改憑證) (ledger.voucher.create)")
      .annotate(
        OpenApi.Description,
        "Replaces a draft's header and lines, checked by every voucher rule. It keeps its id, and its number unless " +
          "its period or word changes. The editor becomes the maker; a cashier's signature is withdrawn. Audited " +
          "vouchers are unaudited first; posted ones are corrected by reversal or a difference voucher."
      )
  )
  .add(
    HttpApiEndpoint.post("delete", `${base}/vouchers/delete`)
      .setPath(AccountSetPath)
      .setPayload(VoucherIdsRequest)
      .addSuccess(DeletedVouchers)
      .addError(AccountSetNotFoundProblem)
      .addError(VoucherTransitionProblems)
      .annotate(OpenApi.Summary, "Delete draft vouchers (刪除憑證), all or nothing (ledger.voucher.create)")
      .annotate(
        OpenApi.Description,
        "Only drafts. With the option gaplessVoucherNumbers (憑證不斷號) their numbers are given back: the next " +
          "vouchers of the period and word take them, and the period closes only once they are filled or renumbered."
      )
  )
  .add(
    HttpApiEndpoint.post("correct", `${base}/vouchers/:voucherId/correct`)
      .setPath(VoucherPath)
      .setHeaders(IdempotencyHeaders)
      .setPayload(CorrectVoucherRequest)
      .addSuccess(VoucherView, { status: 201 })
      .addError(AccountSetNotFoundProblem)
      .addError(VoucherNotFoundProblem)
      .addError(VoucherStatusInvalidProblem)
      .addError(ReversalDateInvalidProblem)
      .addError(VoucherAlreadyReversedProblem)
      .addError(VoucherAlreadyCorrectedProblem)
      .addError(VoucherIsReversalProblem)
      .addError(CorrectionInvalidProblem)
      .addError(VoucherRuleProblems)
      .addError(IdempotencyConflictProblem)
      .annotate(OpenApi.Summary, "Difference voucher (更正) for an amount-only error in a posted voucher (ledger.voucher.reverse)")
      .annotate(
        OpenApi.Description,
        "Makes a new draft holding, per corrected line, the right amount minus the posted one on the same account " +
          "and side (red ink where it was too large), summary \"更正 M月D日 字-N號憑證\", linked by correctionOfId " +
          "(會計基礎工作規範 art. 51). A voucher is corrected once."
      )
  )
  .addError(PermissionDeniedProblem)
  .addError(OrganisationMismatchProblem)
  .middleware(Authentication)
  .annotate(OpenApi.Title, "Ledger: vouchers")
  .annotate(OpenApi.Description, "Vouchers (憑證): draft → audited → posted, reversal, batch commands")
{}

/**
 * Reports and checks: trial balance, verify.
 *
 * @since 0.1.0
 */
export class LedgerReportsApi extends HttpApiGroup.make("ledgerReports")
  .add(
    HttpApiEndpoint.get("trialBalance", `${base}/trial-balance`)
      .setPath(AccountSetPath)
      .setUrlParams(TrialBalanceQuery)
      .addSuccess(TrialBalanceView)
      .addError(AccountSetNotFoundProblem)
      .addError(ReportRangeInvalidProblem)
      .addError(PeriodInvalidProblem)
      .annotate(OpenApi.Summary, "Trial balance (試算平衡表) of a range of periods (ledger.report.read)")
      .annotate(
        OpenApi.Description,
        "Per account at every level: opening, period and closing debit and credit, the totals of the level-1 " +
          "accounts and whether they balance. From posted vouchers unless includeUnposted=true. Periods the account " +
          "set's calendar does not have (e.g. 13 on a 12-period calendar) are PeriodInvalid; from after to is ReportRangeInvalid."
      )
  )
  .add(
    HttpApiEndpoint.get("verify", `${base}/verify`)
      .setPath(AccountSetPath)
      .addSuccess(VerifyReportView)
      .addError(AccountSetNotFoundProblem)
      .addError(AuditChainBrokenProblem)
      .annotate(OpenApi.Summary, "Recompute balances from postings and verify the audit log (ledger.report.read)")
      .annotate(
        OpenApi.Description,
        "Lists every maintained balance row that differs from a recomputation (empty when the books are sound) " +
          "and fails with 409 AuditChainBroken when stored audit records were changed."
      )
  )
  .addError(PermissionDeniedProblem)
  .addError(OrganisationMismatchProblem)
  .middleware(Authentication)
  .annotate(OpenApi.Title, "Ledger: reports")
  .annotate(OpenApi.Description, "Trial balance and integrity checks")
{}

/**
 * Every group of the ledger's HTTP API. Add it to an application's API with
 * `addHttpApi`, then provide one handler layer per group.
 *
 * @example
 * ```ts
 * import { HttpApi } from "@effect/platform"
 * import { LedgerApi } from "@danju/ledger/http"
 *
 * class Api extends HttpApi.make("app").addHttpApi(LedgerApi) {}
 * ```
 *
 * @since 0.1.0
 */
export class LedgerApi extends HttpApi.make("ledger")
  .add(LedgerAccountSetsApi)
  .add(LedgerAccountsApi)
  .add(LedgerVouchersApi)
  .add(LedgerReportsApi)
  .add(LedgerPeriodEndApi)
  .add(LedgerBookReportsApi)
  .add(LedgerLibraryApi)
{}
