/**
 * The books-and-statements group of the ledger's HTTP contract: every report of
 * `LedgerReports` (科目余額表, 總分類賬, 明細賬, 現金/銀行日記賬, 憑證列表 and print
 * data, 伙食公布表, 資產負債表, 利潤表) as a GET under
 * `/ledger/account-sets/{accountSet}/reports/…`. Responses are the report's JSON form
 * (`reportToJson` of `@danju/ledger/render`): every amount a decimal string with the
 * report's scale, never a JSON number.
 *
 * @since 0.1.0
 */
import { HttpApiEndpoint, HttpApiGroup, OpenApi } from "@effect/platform"
import { Authentication, OrganisationMismatchProblem, PeriodInvalidProblem, PermissionDeniedProblem } from "@danju/core/http"
import { Limits } from "@danju/core"
import { Schema } from "effect"
import {
  AccountNotFoundProblem,
  AccountSetNotFoundProblem,
  FormulaInvalidProblem,
  JournalAccountInvalidProblem,
  ReportCursorInvalidProblem,
  ReportRangeInvalidProblem,
  ReportTooLargeProblem,
  VoucherNotFoundProblem
} from "./problems"
import { AccountSetPath, PeriodText, VoucherStatusSchema } from "./schemas"

const base = "/ledger/account-sets/:accountSet/reports"

const optional = <S extends Schema.Schema.All>(schema: S) => Schema.optionalWith(schema, { exact: true })

const AccountCodeParam = Schema.String.pipe(Schema.minLength(1), Schema.maxLength(Limits.codeLengthMax))

/** A comma-separated list of at most `Limits.pageSizeMax` codes or ids. */
const CommaList = Schema.String.pipe(Schema.maxLength(Limits.pageSizeMax * (Limits.codeLengthMax + 1)))

const rangeParams = {
  from: optional(PeriodText).annotations({ description: "First period (default: depends on the report, see its description)" }),
  to: optional(PeriodText).annotations({ description: "Last period (default: the latest period with data)" }),
  commodity: optional(Schema.String.pipe(Schema.minLength(1), Schema.maxLength(32))).annotations({
    description: "Commodity of the figures (default: the base currency)"
  }),
  includeUnposted: optional(Schema.BooleanFromString).annotations({ description: "Add draft and audited vouchers' lines" })
}

const maxLevelParam = optional(Schema.NumberFromString.pipe(Schema.int(), Schema.between(1, Limits.accountLevelsMax))).annotations({
  description: "Deepest account level shown (default: every level)"
})

const pageLimitParam = optional(Schema.NumberFromString.pipe(Schema.int(), Schema.between(1, Limits.pageSizeMax))).annotations({
  description: `Rows per page (default and maximum ${Limits.pageSizeMax})`
})

const cursorParam = optional(Schema.String.pipe(Schema.minLength(1))).annotations({
  description: "The `nextCursor` of the previous page; it fixes the range and options"
})

/**
 * `GET …/reports/account-balances` query.
 *
 * @since 0.1.0
 */
export const AccountBalancesQuery = Schema.Struct({
  ...rangeParams,
  maxLevel: maxLevelParam,
  dimensions: optional(Schema.BooleanFromString).annotations({ description: "One row per dimension set under each account" }),
  includeEmpty: optional(Schema.BooleanFromString).annotations({ description: "Keep accounts without any figure" })
})

/**
 * `GET …/reports/general-ledger` query.
 *
 * @since 0.1.0
 */
export const GeneralLedgerQuery = Schema.Struct({
  ...rangeParams,
  maxLevel: maxLevelParam,
  accountCodes: optional(CommaList).annotations({ description: "Comma-separated account codes (default: every account)" }),
  includeEmpty: optional(Schema.BooleanFromString)
})

/**
 * `GET …/reports/detail-ledger` query.
 *
 * @since 0.1.0
 */
export const DetailLedgerQuery = Schema.Struct({
  ...rangeParams,
  accountCode: AccountCodeParam.annotations({ description: "The account (a parent covers its sub-accounts)" }),
  dimensionKey: optional(Schema.String.pipe(Schema.maxLength(Limits.textLengthMax))),
  cursor: cursorParam,
  limit: pageLimitParam
})

/**
 * `GET …/reports/cash-journal` and `…/bank-journal` query.
 *
 * @since 0.1.0
 */
export const JournalQuery = Schema.Struct({
  ...rangeParams,
  accountCode: optional(AccountCodeParam).annotations({ description: "One cash (or bank) account (default: all of them)" })
})

/**
 * `GET …/reports/voucher-list` query.
 *
 * @since 0.1.0
 */
export const VoucherListQuery = Schema.Struct({
  from: optional(PeriodText),
  to: optional(PeriodText),
  status: optional(VoucherStatusSchema),
  word: optional(Schema.String.pipe(Schema.minLength(1), Schema.maxLength(8))),
  cursor: cursorParam,
  limit: pageLimitParam
})

/**
 * `GET …/reports/voucher-print` query.
 *
 * @since 0.1.0
 */
export const VoucherPrintQuery = Schema.Struct({
  ids: CommaList.pipe(Schema.minLength(1)).annotations({
    description: `Comma-separated voucher ids, printed in this order (at most ${Limits.pageSizeMax})`
  }),
  linesPerPage: optional(Schema.NumberFromString.pipe(Schema.int(), Schema.between(1, Limits.printLinesPerPageMax))).annotations({
    description: "Lines per printed page (default 5)"
  })
})

/**
 * `GET …/reports/mess-monthly-statement` query.
 *
 * @since 0.1.0
 */
export const MessStatementQuery = Schema.Struct({
  period: optional(PeriodText).annotations({ description: "The month (default: the latest period with data)" }),
  fundAccountCode: optional(AccountCodeParam).annotations({ description: "The mess fund account (default 4001 伙食費)" }),
  includeUnposted: optional(Schema.BooleanFromString)
})

/**
 * The id of a shipped statement template.
 *
 * @since 0.1.0
 */
export const StatementTemplateIdSchema = Schema.Literal(
  "smallEnterprise.balanceSheet",
  "smallEnterprise.incomeStatement",
  "enterprise.balanceSheet",
  "enterprise.incomeStatement"
)

/**
 * `GET …/reports/balance-sheet` and `…/income-statement` query.
 *
 * @since 0.1.0
 */
export const StatementQuery = Schema.Struct({
  ...rangeParams,
  template: optional(StatementTemplateIdSchema).annotations({ description: "Shipped template (default: the one of the books' chart)" })
})

/**
 * `GET …/reports/statement` query: a statement from a shipped template.
 *
 * @since 0.1.0
 */
export const FinancialStatementQuery = Schema.Struct({ ...rangeParams, template: StatementTemplateIdSchema })

/**
 * A report as JSON: `report` names it, the header fields (account set, range,
 * commodity, scale, periods) and the report's own rows follow. Amounts are decimal
 * strings with `scale` digits after the point.
 *
 * @since 0.1.0
 */
export const ReportDocument = Schema.Struct(
  {
    report: Schema.String.annotations({ description: "accountBalances, generalLedger, detailLedger, cashJournal, …" })
  },
  Schema.Record({ key: Schema.String, value: Schema.Unknown })
).annotations({ identifier: "ReportDocument" })

/**
 * A paged report (detail ledger, voucher list): the page and the cursor of the next.
 *
 * @since 0.1.0
 */
export const PagedReportDocument = Schema.Struct(
  {
    report: Schema.String,
    nextCursor: Schema.NullOr(Schema.String).annotations({ description: "Pass as `cursor` for the next page; null on the last" })
  },
  Schema.Record({ key: Schema.String, value: Schema.Unknown })
).annotations({ identifier: "PagedReportDocument" })

/**
 * Print data of vouchers (記賬憑證), in the order asked.
 *
 * @since 0.1.0
 */
export const VoucherPrintDocument = Schema.Struct({
  vouchers: Schema.Array(ReportDocument)
}).annotations({ identifier: "VoucherPrintDocument" })

const rangeNote = "From posted vouchers unless includeUnposted=true; without `to` the latest period with data."

/**
 * The ledger's books and statements (ledger.report.read on every endpoint).
 *
 * @since 0.1.0
 */
export class LedgerBookReportsApi extends HttpApiGroup.make("ledgerBookReports")
  .add(
    HttpApiEndpoint.get("accountBalances", `${base}/account-balances`)
      .setPath(AccountSetPath)
      .setUrlParams(AccountBalancesQuery)
      .addSuccess(ReportDocument)
      .addError(ReportRangeInvalidProblem)
      .addError(PeriodInvalidProblem)
      .annotate(OpenApi.Summary, "Account balances (科目余額表)")
      .annotate(OpenApi.Description, `Opening, period, year-to-date and closing figures per account. Without \`from\`, the range is \`to\` alone. ${rangeNote}`)
  )
  .add(
    HttpApiEndpoint.get("generalLedger", `${base}/general-ledger`)
      .setPath(AccountSetPath)
      .setUrlParams(GeneralLedgerQuery)
      .addSuccess(ReportDocument)
      .addError(AccountNotFoundProblem)
      .addError(ReportRangeInvalidProblem)
      .addError(PeriodInvalidProblem)
      .annotate(OpenApi.Summary, "General ledger (總分類賬)")
      .annotate(OpenApi.Description, `Per account and period: movements, year-to-date totals and balance. Without \`from\`, from the first period of \`to\`'s year. ${rangeNote}`)
  )
  .add(
    HttpApiEndpoint.get("detailLedger", `${base}/detail-ledger`)
      .setPath(AccountSetPath)
      .setUrlParams(DetailLedgerQuery)
      .addSuccess(PagedReportDocument)
      .addError(AccountNotFoundProblem)
      .addError(ReportRangeInvalidProblem)
      .addError(PeriodInvalidProblem)
      .addError(ReportCursorInvalidProblem)
      .annotate(OpenApi.Summary, "Detail ledger (明細賬) of one account, paged")
      .annotate(OpenApi.Description, `One account's lines with the running balance and period/year totals. ${rangeNote}`)
  )
  .add(
    HttpApiEndpoint.get("cashJournal", `${base}/cash-journal`)
      .setPath(AccountSetPath)
      .setUrlParams(JournalQuery)
      .addSuccess(ReportDocument)
      .addError(AccountNotFoundProblem)
      .addError(ReportRangeInvalidProblem)
      .addError(PeriodInvalidProblem)
      .addError(JournalAccountInvalidProblem)
      .addError(ReportTooLargeProblem)
      .annotate(OpenApi.Summary, "Cash journal (現金日記賬)")
      .annotate(OpenApi.Description, `Lines by date with 本日合計, 本月合計 and 本年累計; at most ${Limits.reportLinesMax} lines. ${rangeNote}`)
  )
  .add(
    HttpApiEndpoint.get("bankJournal", `${base}/bank-journal`)
      .setPath(AccountSetPath)
      .setUrlParams(JournalQuery)
      .addSuccess(ReportDocument)
      .addError(AccountNotFoundProblem)
      .addError(ReportRangeInvalidProblem)
      .addError(PeriodInvalidProblem)
      .addError(JournalAccountInvalidProblem)
      .addError(ReportTooLargeProblem)
      .annotate(OpenApi.Summary, "Bank journal (銀行存款日記賬)")
  )
  .add(
    HttpApiEndpoint.get("voucherList", `${base}/voucher-list`)
      .setPath(AccountSetPath)
      .setUrlParams(VoucherListQuery)
      .addSuccess(PagedReportDocument)
      .addError(ReportRangeInvalidProblem)
      .addError(PeriodInvalidProblem)
      .addError(ReportCursorInvalidProblem)
      .annotate(OpenApi.Summary, "Voucher list (序時簿), paged in book order")
  )
  .add(
    HttpApiEndpoint.get("voucherPrint", `${base}/voucher-print`)
      .setPath(AccountSetPath)
      .setUrlParams(VoucherPrintQuery)
      .addSuccess(VoucherPrintDocument)
      .addError(VoucherNotFoundProblem)
      .addError(ReportTooLargeProblem)
      .annotate(OpenApi.Summary, "Print data of vouchers (記賬憑證), total in Chinese capitals")
  )
  .add(
    HttpApiEndpoint.get("messMonthlyStatement", `${base}/mess-monthly-statement`)
      .setPath(AccountSetPath)
      .setUrlParams(MessStatementQuery)
      .addSuccess(ReportDocument)
      .addError(AccountNotFoundProblem)
      .addError(ReportTooLargeProblem)
      .annotate(OpenApi.Summary, "Mess monthly statement (伙食公布表)")
  )
  .add(
    HttpApiEndpoint.get("balanceSheet", `${base}/balance-sheet`)
      .setPath(AccountSetPath)
      .setUrlParams(StatementQuery)
      .addSuccess(ReportDocument)
      .addError(FormulaInvalidProblem)
      .addError(ReportRangeInvalidProblem)
      .addError(PeriodInvalidProblem)
      .annotate(OpenApi.Summary, "Balance sheet (資產負債表)")
  )
  .add(
    HttpApiEndpoint.get("incomeStatement", `${base}/income-statement`)
      .setPath(AccountSetPath)
      .setUrlParams(StatementQuery)
      .addSuccess(ReportDocument)
      .addError(FormulaInvalidProblem)
      .addError(ReportRangeInvalidProblem)
      .addError(PeriodInvalidProblem)
      .annotate(OpenApi.Summary, "Income statement (利潤表)")
  )
  .add(
    HttpApiEndpoint.get("financialStatement", `${base}/statement`)
      .setPath(AccountSetPath)
      .setUrlParams(FinancialStatementQuery)
      .addSuccess(ReportDocument)
      .addError(FormulaInvalidProblem)
      .addError(ReportRangeInvalidProblem)
      .addError(PeriodInvalidProblem)
      .annotate(OpenApi.Summary, "A statement from a shipped template")
  )
  .addError(AccountSetNotFoundProblem)
  .addError(PermissionDeniedProblem)
  .addError(OrganisationMismatchProblem)
  .middleware(Authentication)
  .annotate(OpenApi.Title, "Ledger: books and statements")
  .annotate(OpenApi.Description, "賬簿與報表: balances, ledgers, journals, voucher list and print data, statements (ledger.report.read)")
{}
