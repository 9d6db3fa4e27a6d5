/**
 * The library group of the ledger's HTTP contract: the summary library (摘要庫) under
 * `/ledger/account-sets/{accountSet}/summaries` and the voucher templates (模式憑證) under
 * `…/voucher-templates`, with instantiation into a draft voucher at
 * `…/voucher-templates/{templateId}/instantiate`. Handlers call `LedgerLibrary`.
 *
 * @since 0.1.0
 */
import { HttpApiEndpoint, HttpApiGroup, OpenApi } from "@effect/platform"
import { Authentication, IdempotencyConflictProblem, OrganisationMismatchProblem, PermissionDeniedProblem } from "@danju/core/http"
import { Limits, LocalDateFromInput } from "@danju/core"
import { problem } from "@danju/core/http"
import { Schema } from "effect"
import {
  LibraryLimitReached,
  SummaryCategory,
  SummaryCode,
  SummaryCodeExists,
  SummaryEntry,
  SummaryEntryChanges,
  SummaryEntryInput,
  SummaryNotFound,
  VoucherTemplateAccountUnsupported,
  VoucherTemplateExists,
  VoucherTemplateHeader,
  VoucherTemplateNotFound,
  VoucherTemplateReadOnly
} from "../domain/Library"
import { VoucherId } from "../domain/ids"
import { VoucherTemplate, VoucherTemplateAmountMissing, VoucherTemplatePlaceholder } from "../domain/templates/voucherTemplates"
import {
  AccountDisabledProblem,
  AccountNotFoundProblem,
  AccountNotLeafProblem,
  AccountSetNotFoundProblem,
  DimensionInvalidProblem,
  SummaryTooShortProblem,
  VoucherNotFoundProblem,
  VoucherRuleProblems,
  VoucherWordUnknownProblem
} from "./problems"
import { AccountSetPath, Amount, IdempotencyHeaders, VoucherView } from "./schemas"

const base = "/ledger/account-sets/:accountSet"

const optional = <S extends Schema.Schema.All>(schema: S) => Schema.optionalWith(schema, { exact: true })

// ── problems ────────────────────────────────────────────────────────────────

/** 404: the summary library has no entry with this code. @since 0.1.0 */
export const SummaryNotFoundProblem = problem(SummaryNotFound, { status: 404, title: "Summary not found" })
/** 404: the account set has no voucher template (built in or stored) with this id. @since 0.1.0 */
export const VoucherTemplateNotFoundProblem = problem(VoucherTemplateNotFound, { status: 404, title: "Voucher template not found" })
/** 409: the summary library has an entry with this code. @since 0.1.0 */
export const SummaryCodeExistsProblem = problem(SummaryCodeExists, { status: 409, title: "Summary code exists" })
/** 409: a voucher template with this id exists (`builtIn` says whether it is a built-in one). @since 0.1.0 */
export const VoucherTemplateExistsProblem = problem(VoucherTemplateExists, { status: 409, title: "Voucher template exists" })
/** 409: built-in voucher templates cannot be renamed or deleted. @since 0.1.0 */
export const VoucherTemplateReadOnlyProblem = problem(VoucherTemplateReadOnly, { status: 409, title: "Voucher template is built in" })
/** 409: the account set's library holds the most entries of this kind it may. @since 0.1.0 */
export const LibraryLimitReachedProblem = problem(LibraryLimitReached, { status: 409, title: "Library full" })
/** 422: a template line names a quantity or foreign-currency account, or another commodity. @since 0.1.0 */
export const VoucherTemplateAccountUnsupportedProblem = problem(VoucherTemplateAccountUnsupported, {
  status: 422,
  title: "Account cannot be templated"
})
/** 422: no amount was given for a placeholder the template uses. @since 0.1.0 */
export const VoucherTemplateAmountMissingProblem = problem(VoucherTemplateAmountMissing, { status: 422, title: "Template amount missing" })

// ── schemas ─────────────────────────────────────────────────────────────────

/**
 * Path of one summary-library entry.
 *
 * @since 0.1.0
 */
export const SummaryPath = Schema.Struct({ ...AccountSetPath.fields, summaryCode: SummaryCode })

/**
 * Path of one voucher template.
 *
 * @since 0.1.0
 */
export const VoucherTemplatePath = Schema.Struct({ ...AccountSetPath.fields, templateId: VoucherTemplate.fields.id })

/**
 * A summary-library entry (摘要庫).
 *
 * @since 0.1.0
 */
export const SummaryEntryView = Schema.Struct(SummaryEntry.fields).annotations({ identifier: "SummaryEntry" })

/**
 * `GET …/summaries` query.
 *
 * @since 0.1.0
 */
export const SummariesQuery = Schema.Struct({
  prefix: optional(Schema.String.pipe(Schema.minLength(1), Schema.maxLength(Limits.codeLengthMax))).annotations({
    description: "Start of the code, the mnemonic (without case) or the text"
  }),
  category: optional(SummaryCategory)
})

/**
 * `GET …/summaries` answer: every matching entry, by code (at most
 * `Limits.summariesPerSetMax`).
 *
 * @since 0.1.0
 */
export const SummaryList = Schema.Struct({ summaries: Schema.Array(SummaryEntryView) }).annotations({ identifier: "SummaryList" })

/**
 * A voucher template as an account set lists it.
 *
 * @since 0.1.0
 */
export const VoucherTemplateView = Schema.Struct({
  ...VoucherTemplate.fields,
  builtIn: Schema.Boolean.annotations({ description: "Built in with the chart template: read-only" }),
  placeholders: Schema.Array(Schema.String).annotations({ description: "The amounts an instantiation needs, in order of first use" })
}).annotations({ identifier: "VoucherTemplateView" })

/**
 * `GET …/voucher-templates` answer: the built-in templates, then the stored ones by id.
 *
 * @since 0.1.0
 */
export const VoucherTemplateList = Schema.Struct({ templates: Schema.Array(VoucherTemplateView) }).annotations({
  identifier: "VoucherTemplateList"
})

/**
 * `POST …/voucher-templates` body that saves a template from an existing voucher: its
 * word, summaries, accounts, dimension values and sides, the amounts as placeholders.
 *
 * @since 0.1.0
 */
export const VoucherTemplateFromVoucherRequest = Schema.Struct({
  fromVoucher: VoucherId.annotations({ description: "The voucher to copy" }),
  ...VoucherTemplateHeader.fields
}).annotations({ identifier: "VoucherTemplateFromVoucherRequest" })

/**
 * `POST …/voucher-templates` body: a template definition, or `fromVoucher`.
 *
 * @since 0.1.0
 */
export const SaveVoucherTemplateRequest = Schema.Union(
  VoucherTemplateFromVoucherRequest,
  VoucherTemplate.annotations({ identifier: "VoucherTemplate" })
)

/**
 * `PATCH …/voucher-templates/{templateId}` body.
 *
 * @since 0.1.0
 */
export const RenameVoucherTemplateRequest = Schema.Struct({
  name: VoucherTemplate.fields.name,
  description: optional(VoucherTemplate.fields.description)
}).annotations({ identifier: "RenameVoucherTemplateRequest" })

/**
 * `POST …/voucher-templates/{templateId}/instantiate` body.
 *
 * @since 0.1.0
 */
export const InstantiateVoucherTemplateRequest = Schema.Struct({
  date: LocalDateFromInput.annotations({ description: "Voucher date, YYYY-MM-DD" }),
  amounts: Schema.Record({ key: VoucherTemplatePlaceholder, value: Amount }).annotations({
    description: "One amount per placeholder of the template, e.g. { \"amount\": \"1862.40\" }"
  }),
  attachments: optional(Schema.Int.pipe(Schema.between(0, 9999))),
  summary: optional(Schema.String.pipe(Schema.minLength(1), Schema.maxLength(Limits.textLengthMax))).annotations({
    description: "Replaces every line's summary (退張三伙食費)"
  }),
  word: optional(Schema.String.pipe(Schema.minLength(1), Schema.maxLength(8)))
}).annotations({ identifier: "InstantiateVoucherTemplateRequest" })

/**
 * The library (摘要庫, 模式憑證) of an account set.
 *
 * @since 0.1.0
 */
export class LedgerLibraryApi extends HttpApiGroup.make("ledgerLibrary")
  .add(
    HttpApiEndpoint.get("listSummaries", `${base}/summaries`)
      .setPath(AccountSetPath)
      .setUrlParams(SummariesQuery)
      .addSuccess(SummaryList)
      .addError(AccountSetNotFoundProblem)
      .annotate(OpenApi.Summary, "The summary library (摘要庫), by prefix or category (ledger.report.read)")
      .annotate(
        OpenApi.Description,
        "`prefix` matches the start of the code, the mnemonic (助記碼, without case) or the text. A mess-hall " +
          "account set starts with the summaries of its nine standard entries."
      )
  )
  .add(
    HttpApiEndpoint.post("addSummary", `${base}/summaries`)
      .setPath(AccountSetPath)
      .setHeaders(IdempotencyHeaders)
      .setPayload(SummaryEntryInput)
      .addSuccess(SummaryEntryView, { status: 201 })
      .addError(AccountSetNotFoundProblem)
      .addError(SummaryCodeExistsProblem)
      .addError(LibraryLimitReachedProblem)
      .addError(SummaryTooShortProblem)
      .addError(AccountNotFoundProblem)
      .addError(AccountDisabledProblem)
      .addError(AccountNotLeafProblem)
      .addError(IdempotencyConflictProblem)
      .annotate(OpenApi.Summary, "Add a summary-library entry (ledger.library.manage)")
      .annotate(
        OpenApi.Description,
        "Checks, in order: the code is free, the library is not full, the text is as long as the account set's " +
          "minimum summary length, and the default account (if any) exists, is enabled and is a leaf."
      )
  )
  .add(
    HttpApiEndpoint.patch("updateSummary", `${base}/summaries/:summaryCode`)
      .setPath(SummaryPath)
      .setPayload(SummaryEntryChanges)
      .addSuccess(SummaryEntryView)
      .addError(AccountSetNotFoundProblem)
      .addError(SummaryNotFoundProblem)
      .addError(SummaryTooShortProblem)
      .addError(AccountNotFoundProblem)
      .addError(AccountDisabledProblem)
      .addError(AccountNotLeafProblem)
      .annotate(OpenApi.Summary, "Edit a summary-library entry; null clears an optional field (ledger.library.manage)")
  )
  .add(
    HttpApiEndpoint.del("deleteSummary", `${base}/summaries/:summaryCode`)
      .setPath(SummaryPath)
      .addSuccess(SummaryEntryView)
      .addError(AccountSetNotFoundProblem)
      .addError(SummaryNotFoundProblem)
      .annotate(OpenApi.Summary, "Delete a summary-library entry; answers it (ledger.library.manage)")
  )
  .add(
    HttpApiEndpoint.get("listVoucherTemplates", `${base}/voucher-templates`)
      .setPath(AccountSetPath)
      .addSuccess(VoucherTemplateList)
      .addError(AccountSetNotFoundProblem)
      .annotate(OpenApi.Summary, "Voucher templates (模式憑證): built in, then stored (ledger.report.read)")
      .annotate(
        OpenApi.Description,
        "The chart template's read-only templates (the mess hall's nine standard entries) and the account set's own."
      )
  )
  .add(
    HttpApiEndpoint.get("getVoucherTemplate", `${base}/voucher-templates/:templateId`)
      .setPath(VoucherTemplatePath)
      .addSuccess(VoucherTemplateView)
      .addError(AccountSetNotFoundProblem)
      .addError(VoucherTemplateNotFoundProblem)
      .annotate(OpenApi.Summary, "One voucher template (ledger.report.read)")
  )
  .add(
    HttpApiEndpoint.post("saveVoucherTemplate", `${base}/voucher-templates`)
      .setPath(AccountSetPath)
      .setHeaders(IdempotencyHeaders)
      .setPayload(SaveVoucherTemplateRequest)
      .addSuccess(VoucherTemplateView, { status: 201 })
      .addError(AccountSetNotFoundProblem)
      .addError(VoucherNotFoundProblem)
      .addError(VoucherTemplateExistsProblem)
      .addError(LibraryLimitReachedProblem)
      .addError(VoucherWordUnknownProblem)
      .addError(SummaryTooShortProblem)
      .addError(AccountNotFoundProblem)
      .addError(AccountDisabledProblem)
      .addError(AccountNotLeafProblem)
      .addError(DimensionInvalidProblem)
      .addError(VoucherTemplateAccountUnsupportedProblem)
      .addError(IdempotencyConflictProblem)
      .annotate(OpenApi.Summary, "Save a voucher template from a definition or from a voucher (ledger.library.manage)")
      .annotate(
        OpenApi.Description,
        "With `fromVoucher` the voucher's word, summaries, accounts, dimension values and sides are copied and the " +
          "amounts become placeholders (`amount` for two lines, `amount1`… otherwise). The template is checked " +
          "against the chart: word, then per line summary length, account exists, enabled, leaf, dimensions, and " +
          "no quantity or foreign-currency account."
      )
  )
  .add(
    HttpApiEndpoint.patch("renameVoucherTemplate", `${base}/voucher-templates/:templateId`)
      .setPath(VoucherTemplatePath)
      .setPayload(RenameVoucherTemplateRequest)
      .addSuccess(VoucherTemplateView)
      .addError(AccountSetNotFoundProblem)
      .addError(VoucherTemplateReadOnlyProblem)
      .addError(VoucherTemplateNotFoundProblem)
      .annotate(OpenApi.Summary, "Rename a stored voucher template (ledger.library.manage)")
  )
  .add(
    HttpApiEndpoint.del("deleteVoucherTemplate", `${base}/voucher-templates/:templateId`)
      .setPath(VoucherTemplatePath)
      .addSuccess(VoucherTemplateView)
      .addError(AccountSetNotFoundProblem)
      .addError(VoucherTemplateReadOnlyProblem)
      .addError(VoucherTemplateNotFoundProblem)
      .annotate(OpenApi.Summary, "Delete a stored voucher template; answers it (ledger.library.manage)")
  )
  .add(
    HttpApiEndpoint.post("instantiateVoucherTemplate", `${base}/voucher-templates/:templateId/instantiate`)
      .setPath(VoucherTemplatePath)
      .setHeaders(IdempotencyHeaders)
      .setPayload(InstantiateVoucherTemplateRequest)
      .addSuccess(VoucherView, { status: 201 })
      .addError(AccountSetNotFoundProblem)
      .addError(VoucherTemplateNotFoundProblem)
      .addError(VoucherTemplateAmountMissingProblem)
      .addError(VoucherRuleProblems)
      .addError(IdempotencyConflictProblem)
      .annotate(OpenApi.Summary, "Make a draft voucher from a template (ledger.voucher.create)")
      .annotate(
        OpenApi.Description,
        "Fills each placeholder with its amount and makes the voucher through the normal voucher path, so every " +
          "voucher rule applies. With an Idempotency-Key a retry returns the first voucher."
      )
  )
  .addError(PermissionDeniedProblem)
  .addError(OrganisationMismatchProblem)
  .middleware(Authentication)
  .annotate(OpenApi.Title, "Ledger: summary library and voucher templates")
  .annotate(OpenApi.Description, "The summary library (摘要庫) and voucher templates (模式憑證) of an account set")
{}
