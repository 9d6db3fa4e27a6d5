/**
 * Request and response schemas of the ledger's HTTP API. Amounts travel as plain
 * decimal strings (`"1234.50"`, never JSON numbers), periods as `YYYY-PP` (fiscal year
 * and period number; for calendar-year books that is `YYYY-MM`), dates as `YYYY-MM-DD`,
 * instants as ISO 8601 UTC.
 *
 * The type side of each response schema is the domain value the service returns (a
 * `Voucher`, an `AccountSet`, a `TrialBalance`), so a handler returns what the service
 * gives and the schema does the encoding.
 *
 * @since 0.1.0
 */
import {
  DecimalFromString,
  FiscalCalendarSchema,
  IdempotencyKey,
  Limits,
  LocalDateFromInput,
  LocalDateSchema,
  PeriodFromString
} from "@danju/core"
import { DateTime, ParseResult, Schema } from "effect"
import { Account, AccountCategory, BalanceDirection, DimensionType } from "../domain/Account"
import { AccountSetOptions, AccountSetStatus, CodeScheme } from "../domain/AccountSet"
import { AccountCode, AccountSetCode, VoucherId, VoucherWord } from "../domain/ids"
import { ChartTemplateId } from "../domain/templates/ChartTemplate"
import { VoucherInput } from "../domain/Voucher"

// ── shared pieces ───────────────────────────────────────────────────────────

// Optional request fields are absent, never `undefined`, so they pass straight to the
// service's inputs under exactOptionalPropertyTypes.
const optional = <S extends Schema.Schema.All>(schema: S) => Schema.optionalWith(schema, { exact: true })

/**
 * An instant as ISO 8601 UTC text on the wire, epoch milliseconds in memory (the
 * domain's timestamps).
 *
 * @since 0.1.0
 */
export const Instant = Schema.transform(Schema.DateTimeUtc, Schema.Number, {
  strict: true,
  decode: (dateTime) => DateTime.toEpochMillis(dateTime),
  encode: (millis) => DateTime.unsafeMake(millis)
}).annotations({ identifier: "Instant", description: "ISO 8601 instant in UTC" })

/**
 * A money or quantity amount: plain decimal text such as `"-1234.50"`.
 *
 * @since 0.1.0
 */
export const Amount = DecimalFromString.annotations({
  description: "Exact decimal as a string, e.g. \"1234.50\" (no exponent; never a JSON number)"
})

/**
 * A period as `YYYY-PP`.
 *
 * @since 0.1.0
 */
export const PeriodText = PeriodFromString.annotations({
  description: "Fiscal year and period as YYYY-PP (YYYY-MM for calendar-year books), e.g. \"2026-03\""
})

/**
 * Path of every endpoint under an account set: `/ledger/account-sets/{accountSet}/…`.
 *
 * @since 0.1.0
 */
export const AccountSetPath = Schema.Struct({
  accountSet: AccountSetCode.annotations({ description: "Account set code (賬套代碼)" })
})

/**
 * Path of one voucher.
 *
 * @since 0.1.0
 */
export const VoucherPath = Schema.Struct({ ...AccountSetPath.fields, voucherId: VoucherId })

/**
 * Path of one account of the chart.
 *
 * @since 0.1.0
 */
export const AccountPath = Schema.Struct({ ...AccountSetPath.fields, accountCode: AccountCode })

/**
 * The optional `Idempotency-Key` header of commands that create vouchers: a retry with
 * the same key and body returns the first result; another body under the same key is a
 * 409 `IdempotencyConflict`.
 *
 * @since 0.1.0
 */
export const IdempotencyHeaders = Schema.Struct({
  "idempotency-key": optional(IdempotencyKey.annotations({
    description: "Caller-chosen key (printable ASCII, at most 128 characters) that makes a retry safe"
  }))
})

// ── account sets ────────────────────────────────────────────────────────────

/**
 * Account-set options as a caller sets them: every field optional, the template's and
 * then the defaults' values fill the rest.
 *
 * @since 0.1.0
 */
export const AccountSetOptionsInput = Schema.Struct({
  gaplessVoucherNumbers: optional(Schema.Boolean),
  makerMayNotAudit: optional(Schema.Boolean),
  cashierSignatureRequired: optional(Schema.Boolean),
  summaryLengthMin: optional(Schema.Int.pipe(Schema.between(1, 100))),
  allowPostingUnaudited: optional(Schema.Boolean),
  voucherWords: optional(Schema.Array(VoucherWord).pipe(Schema.minItems(1), Schema.maxItems(10))),
  wordRestrictions: optional(Schema.Boolean),
  allowUnpost: optional(Schema.Boolean),
  allowRenumberPosted: optional(Schema.Boolean)
  // A new option in the domain must show up here too: `satisfies` fails to compile otherwise.
} satisfies Record<keyof typeof AccountSetOptions.fields, Schema.Struct.Field>).annotations({
  identifier: "AccountSetOptionsInput"
})
/**
 * `POST /ledger/account-sets` body: a new account set from a chart template.
 *
 * @since 0.1.0
 */
export const CreateAccountSetRequest = Schema.Struct({
  code: AccountSetCode.annotations({ description: "Code of the new account set (letters, digits, - and _)" }),
  name: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(Limits.textLengthMax)),
  template: optional(ChartTemplateId).annotations({
    description: "Chart template (see GET /ledger/chart-templates) giving accounts, code scheme and options; an empty chart when omitted"
  }),
  startPeriod: PeriodText.annotations({ description: "First period kept in Danju (啟用期間), e.g. \"2026-01\"" }),
  baseCurrency: optional(Schema.String.pipe(Schema.pattern(/^[A-Z]{3}$/))),
  currencyScale: optional(Schema.Int.pipe(Schema.between(0, 6))),
  codeScheme: optional(CodeScheme).annotations({ description: "Digits per level (default: the template's, else 4-2-2-2)" }),
  fiscalStartMonth: optional(Schema.Int.pipe(Schema.between(1, 12))),
  periodsPerYear: optional(Schema.Literal(12, 13)),
  options: optional(AccountSetOptionsInput)
}).annotations({ identifier: "CreateAccountSetRequest" })

/**
 * Account-set options as the API shows them.
 *
 * @since 0.1.0
 */
export const AccountSetOptionsView = Schema.Struct({
  gaplessVoucherNumbers: Schema.Boolean,
  makerMayNotAudit: Schema.Boolean,
  cashierSignatureRequired: Schema.Boolean,
  summaryLengthMin: Schema.Int,
  allowPostingUnaudited: Schema.Boolean,
  voucherWords: Schema.Array(Schema.String),
  wordRestrictions: Schema.Boolean,
  allowUnpost: Schema.Boolean,
  allowRenumberPosted: Schema.Boolean
} satisfies Record<keyof typeof AccountSetOptions.fields, Schema.Struct.Field>).annotations({ identifier: "AccountSetOptions" })

/**
 * An account set (賬套) as the API shows it.
 *
 * @since 0.1.0
 */
export const AccountSetView = Schema.Struct({
  code: AccountSetCode,
  organisationId: Schema.String,
  name: Schema.String,
  template: Schema.NullOr(Schema.String).annotations({ description: "Chart template the books were created from" }),
  baseCurrency: Schema.String,
  currencyScale: Schema.Int,
  codeScheme: Schema.Array(Schema.Int),
  calendar: FiscalCalendarSchema,
  startPeriod: PeriodText,
  status: AccountSetStatus,
  options: AccountSetOptionsView,
  lastClosedYear: Schema.NullOr(Schema.Int),
  lastClosedPeriod: Schema.NullOr(PeriodText),
  createdAt: Instant
}).annotations({ identifier: "AccountSet" })

/**
 * `GET /ledger/account-sets` answer.
 *
 * @since 0.1.0
 */
export const AccountSetList = Schema.Struct({ accountSets: Schema.Array(AccountSetView) })

/**
 * A shipped chart template as `GET /ledger/chart-templates` lists it.
 *
 * @since 0.1.0
 */
export const ChartTemplateView = Schema.Struct({
  id: ChartTemplateId,
  name: Schema.String,
  nameEnglish: Schema.String,
  description: Schema.String,
  codeScheme: Schema.Array(Schema.Int),
  baseCurrency: Schema.String,
  accounts: Schema.Int.annotations({ description: "Number of accounts the template creates" })
}).annotations({ identifier: "ChartTemplate" })

/**
 * One opening balance as entered: signed on the account's direction (a positive amount
 * on a credit account is a credit balance).
 *
 * @since 0.1.0
 */
export const OpeningInputSchema = Schema.Struct({
  accountCode: Schema.String.pipe(Schema.maxLength(Limits.codeLengthMax)),
  dimensions: optional(Schema.Record({
    key: Schema.String.pipe(Schema.maxLength(40)),
    value: Schema.String.pipe(Schema.maxLength(Limits.codeLengthMax))
  })),
  balance: Amount,
  yearToDateDebit: optional(Amount),
  yearToDateCredit: optional(Amount)
}).annotations({ identifier: "OpeningInput" })

/**
 * `PUT …/openings` body: the complete list of opening balances (replaces the previous one).
 *
 * @since 0.1.0
 */
export const SetOpeningsRequest = Schema.Struct({
  openings: Schema.Array(OpeningInputSchema).pipe(Schema.maxItems(Limits.batchSizeMax))
}).annotations({ identifier: "SetOpeningsRequest" })

/**
 * A stored opening balance (signed: positive = debit).
 *
 * @since 0.1.0
 */
export const OpeningView = Schema.Struct({
  accountCode: Schema.String,
  dimensionKey: Schema.String,
  commodity: Schema.String,
  balance: Amount,
  yearToDateDebit: Amount,
  yearToDateCredit: Amount
}).annotations({ identifier: "Opening" })

// ── chart ───────────────────────────────────────────────────────────────────

/**
 * An account of the chart as the API shows it.
 *
 * @since 0.1.0
 */
export const AccountView = Schema.Struct(Account.fields).annotations({ identifier: "Account" })

/**
 * An account as a caller defines it; parent, level and leaf follow from the code.
 *
 * @since 0.1.0
 */
export const AccountInputSchema = Schema.Struct({
  code: AccountCode,
  name: Account.fields.name,
  category: optional(AccountCategory),
  direction: optional(BalanceDirection),
  dimensionTypes: optional(Account.fields.dimensionTypes),
  quantityUnit: optional(Account.fields.quantityUnit),
  foreignCurrency: optional(Account.fields.foreignCurrency),
  revalue: optional(Schema.Boolean),
  isCash: optional(Schema.Boolean),
  isBank: optional(Schema.Boolean),
  disabled: optional(Schema.Boolean)
}).annotations({ identifier: "AccountInput" })

/**
 * `POST …/accounts` body.
 *
 * @since 0.1.0
 */
export const AddAccountsRequest = Schema.Struct({
  accounts: Schema.Array(AccountInputSchema).pipe(Schema.minItems(1), Schema.maxItems(Limits.batchSizeMax))
}).annotations({ identifier: "AddAccountsRequest" })

/**
 * `POST …/accounts` answer: the accounts created and the parents that stopped being leaves.
 *
 * @since 0.1.0
 */
export const AccountList = Schema.Struct({ accounts: Schema.Array(AccountView) })

/**
 * `PATCH …/accounts/{accountCode}` body: the fields to change.
 *
 * @since 0.1.0
 */
export const UpdateAccountRequest = Schema.Struct({
  name: optional(Account.fields.name),
  disabled: optional(Schema.Boolean),
  isCash: optional(Schema.Boolean),
  isBank: optional(Schema.Boolean),
  revalue: optional(Schema.Boolean)
}).annotations({ identifier: "UpdateAccountRequest" })

/**
 * `DELETE …/accounts/{accountCode}` query.
 *
 * @since 0.1.0
 */
export const DeleteAccountQuery = Schema.Struct({
  withChildren: optional(Schema.BooleanFromString).annotations({
    description: "Also delete every sub-account (the mess-hall setup deletes whole template branches)"
  })
})

/**
 * `DELETE …/accounts/{accountCode}` answer: every code deleted.
 *
 * @since 0.1.0
 */
export const DeletedAccounts = Schema.Struct({ deleted: Schema.Array(Schema.String) })

/**
 * A dimension value (核算項目): a customer, supplier, department … of the account set.
 *
 * @since 0.1.0
 */
export const DimensionValueSchema = Schema.Struct({
  type: DimensionType,
  code: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(Limits.codeLengthMax)),
  name: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(Limits.textLengthMax)),
  disabled: Schema.optionalWith(Schema.Boolean, { default: () => false })
}).annotations({ identifier: "DimensionValue" })

/**
 * `POST …/dimension-values` body: values to create or update (by type and code).
 *
 * @since 0.1.0
 */
export const DimensionValuesRequest = Schema.Struct({
  values: Schema.Array(DimensionValueSchema).pipe(Schema.minItems(1), Schema.maxItems(Limits.batchSizeMax))
}).annotations({ identifier: "DimensionValuesRequest" })

/**
 * `GET …/accounts` answer: the chart with its dimension values.
 *
 * @since 0.1.0
 */
export const ChartView = Schema.Struct({
  accounts: Schema.Array(AccountView),
  dimensionValues: Schema.Array(Schema.Struct({
    type: Schema.String,
    code: Schema.String,
    name: Schema.String,
    disabled: Schema.Boolean
  }))
}).annotations({ identifier: "Chart" })

// ── vouchers ────────────────────────────────────────────────────────────────

/**
 * `draft` → `audited` → `posted`.
 *
 * @since 0.1.0
 */
export const VoucherStatusSchema = Schema.Literal("draft", "audited", "posted")

/**
 * A stored voucher line.
 *
 * @since 0.1.0
 */
export const VoucherLineView = Schema.Struct({
  lineNumber: Schema.Int,
  summary: Schema.String,
  accountCode: Schema.String,
  dimensionKey: Schema.String.annotations({
    description: "Dimensions as canonical `type=code` pairs sorted by type and joined by `;` (empty without dimensions)"
  }),
  commodity: Schema.String,
  debit: Amount,
  credit: Amount,
  quantity: Schema.NullOr(Amount),
  currency: Schema.NullOr(Schema.String),
  exchangeRate: Schema.NullOr(Amount),
  originalAmount: Schema.NullOr(Amount)
}).annotations({ identifier: "VoucherLine" })

/**
 * A stored voucher (憑證).
 *
 * @since 0.1.0
 */
export const VoucherView = Schema.Struct({
  id: Schema.String,
  word: Schema.String,
  number: Schema.Int,
  period: PeriodText,
  date: LocalDateSchema,
  attachments: Schema.Int,
  status: VoucherStatusSchema,
  makerId: Schema.String,
  auditorId: Schema.NullOr(Schema.String),
  cashierId: Schema.NullOr(Schema.String),
  posterId: Schema.NullOr(Schema.String),
  reversalOfId: Schema.NullOr(Schema.String).annotations({ description: "The voucher this one reverses (紅字沖銷)" }),
  correctionOfId: Schema.NullOr(Schema.String).annotations({ description: "The voucher whose amounts this difference voucher corrects (更正)" }),
  createdAt: Instant,
  auditedAt: Schema.NullOr(Instant),
  postedAt: Schema.NullOr(Instant),
  total: Amount.annotations({ description: "Total debit in the base currency (equal to the total credit)" }),
  touchesCashOrBank: Schema.Boolean,
  lines: Schema.Array(VoucherLineView)
}).annotations({ identifier: "Voucher" })

/**
 * A voucher as a caller enters it (`POST …/vouchers` body).
 *
 * @since 0.1.0
 */
export const VoucherInputSchema = VoucherInput.annotations({ identifier: "VoucherInput" })

/**
 * `POST …/vouchers/batch` body: many vouchers recorded in one database transaction,
 * all or nothing.
 *
 * @since 0.1.0
 */
export const RecordVouchersRequest = Schema.Struct({
  vouchers: Schema.Array(VoucherInputSchema).pipe(Schema.minItems(1), Schema.maxItems(Limits.vouchersPerBatchMax)),
  status: optional(Schema.Literal("draft", "posted")).annotations({
    description: "`draft` (default), or `posted`: audited and posted at once by the importer (permission ledger.voucher.import)"
  })
}).annotations({ identifier: "RecordVouchersRequest" })

/**
 * Body of the batch transitions (audit, unaudit, sign, post, unpost): all or nothing.
 *
 * @since 0.1.0
 */
export const VoucherIdsRequest = Schema.Struct({
  voucherIds: Schema.Array(VoucherId).pipe(Schema.minItems(1), Schema.maxItems(Limits.vouchersPerBatchMax))
}).annotations({ identifier: "VoucherIdsRequest" })

/**
 * Answer of the batch commands: the vouchers as they are now.
 *
 * @since 0.1.0
 */
export const VoucherList = Schema.Struct({ vouchers: Schema.Array(VoucherView) })

/**
 * `POST …/vouchers/{voucherId}/reverse` body.
 *
 * @since 0.1.0
 */
export const ReverseVoucherRequest = Schema.Struct({
  date: LocalDateFromInput.annotations({
    description: "Date of the red-ink reversal: not before the original, in an open period"
  })
}).annotations({ identifier: "ReverseVoucherRequest" })

/**
 * `POST …/vouchers/{voucherId}/correct` body: the right amounts of the lines that were
 * wrong (amount-only errors); the answer is a difference voucher (更正).
 *
 * @since 0.1.0
 */
export const CorrectVoucherRequest = Schema.Struct({
  date: LocalDateFromInput.annotations({ description: "Date of the difference voucher: not before the original, in an open period" }),
  lines: Schema.Array(Schema.Struct({
    lineNumber: Schema.Int.pipe(Schema.between(1, Limits.linesPerVoucherMax)).annotations({ description: "The original's line, 1-based" }),
    amount: DecimalFromString.annotations({ description: "The right amount of the line, on its own side (debit or credit)" }),
    quantity: optional(DecimalFromString).annotations({ description: "The right quantity, for quantity accounts, when it was wrong too" }),
    originalAmount: optional(DecimalFromString).annotations({ description: "The right foreign amount, for foreign-currency accounts" })
  })).pipe(Schema.minItems(1), Schema.maxItems(Limits.linesPerVoucherMax))
}).annotations({ identifier: "CorrectVoucherRequest" })

/**
 * Answer of `POST …/vouchers/delete`: the ids of the deleted drafts.
 *
 * @since 0.1.0
 */
export const DeletedVouchers = Schema.Struct({ deleted: Schema.Array(Schema.String) }).annotations({ identifier: "DeletedVouchers" })

/**
 * Where a voucher listing continues: after the voucher at (fiscal year, period, word,
 * number).
 *
 * @since 0.1.0
 */
export interface VoucherCursorValue {
  readonly fiscalYear: number
  readonly period: number
  readonly word: string
  readonly number: number
}

const cursorPattern = /^([0-9]{1,4})-([0-9]{1,2})-([0-9]{1,9})-(.{1,8})$/u

/**
 * The paging cursor of `GET …/vouchers`: treat it as opaque and pass back `next`.
 *
 * @since 0.1.0
 */
export const VoucherCursor: Schema.Schema<VoucherCursorValue, string> = Schema.transformOrFail(
  Schema.String.pipe(Schema.maxLength(Limits.codeLengthMax)),
  Schema.Struct({ fiscalYear: Schema.Int, period: Schema.Int, word: Schema.String, number: Schema.Int }),
  {
    strict: true,
    decode: (text, _options, ast) => {
      const match = cursorPattern.exec(text)
      return match === null
        ? ParseResult.fail(new ParseResult.Type(ast, text, "Expected the `next` cursor of a previous page"))
        : ParseResult.succeed({ fiscalYear: Number(match[1]), period: Number(match[2]), number: Number(match[3]), word: match[4]! })
    },
    encode: (cursor) => ParseResult.succeed(`${cursor.fiscalYear}-${cursor.period}-${cursor.number}-${cursor.word}`)
  }
).annotations({ identifier: "VoucherCursor", description: "Opaque paging cursor (the `next` of the previous page)" })

/**
 * `GET …/vouchers` query: a page of vouchers in (period, word, number) order.
 *
 * @since 0.1.0
 */
export const VouchersQuery = Schema.Struct({
  from: optional(PeriodText),
  to: optional(PeriodText),
  status: optional(VoucherStatusSchema),
  word: optional(Schema.String.pipe(Schema.minLength(1), Schema.maxLength(8))),
  limit: optional(Schema.NumberFromString.pipe(Schema.int(), Schema.between(1, Limits.pageSizeMax))).annotations({
    description: `Page size, at most ${Limits.pageSizeMax} (default 100)`
  }),
  after: optional(VoucherCursor)
})

/**
 * One page of vouchers; `next` is null on the last page.
 *
 * @since 0.1.0
 */
export const VoucherPage = Schema.Struct({
  vouchers: Schema.Array(VoucherView),
  next: Schema.NullOr(VoucherCursor)
}).annotations({ identifier: "VoucherPage" })

// ── reports ─────────────────────────────────────────────────────────────────

/**
 * `GET …/trial-balance` query.
 *
 * @since 0.1.0
 */
export const TrialBalanceQuery = Schema.Struct({
  from: optional(PeriodText).annotations({ description: "First period (default: the books' start period)" }),
  to: optional(PeriodText).annotations({ description: "Last period (default: the latest period with data)" }),
  commodity: optional(Schema.String.pipe(Schema.minLength(1), Schema.maxLength(32))),
  includeUnposted: optional(Schema.BooleanFromString)
})

// The trial balance travels in the document shape the CLI prints (`trialBalanceJson`):
// amounts already rendered with the currency scale ("0.00"), so HTTP and `--format json`
// agree byte for byte.
const ScaledAmount = Schema.String.annotations({
  description: "Decimal string with the account set's currency scale, e.g. \"1234.50\""
})

const trialBalanceColumns = {
  openingDebit: ScaledAmount,
  openingCredit: ScaledAmount,
  periodDebit: ScaledAmount,
  periodCredit: ScaledAmount,
  closingDebit: ScaledAmount,
  closingCredit: ScaledAmount
}

/**
 * One row of the trial balance.
 *
 * @since 0.1.0
 */
export const TrialBalanceRowView = Schema.Struct({
  code: Schema.String,
  name: Schema.String,
  path: Schema.Array(Schema.String).annotations({ description: "Account names from the level-1 ancestor down" }),
  level: Schema.Int,
  leaf: Schema.Boolean,
  direction: BalanceDirection,
  ...trialBalanceColumns
}).annotations({ identifier: "TrialBalanceRow" })

/**
 * The trial balance (試算平衡表) of a range of periods, as `trialBalanceJson` renders it.
 *
 * @since 0.1.0
 */
export const TrialBalanceView = Schema.Struct({
  accountSet: Schema.String,
  commodity: Schema.String,
  from: Schema.String.annotations({ description: "First period, YYYY-PP" }),
  to: Schema.String.annotations({ description: "Last period, YYYY-PP" }),
  balanced: Schema.Boolean,
  rows: Schema.Array(TrialBalanceRowView),
  totals: Schema.Struct(trialBalanceColumns)
}).annotations({ identifier: "TrialBalance" })

/**
 * What `verify` found: balance rows that differ from a recomputation from postings,
 * and how many audit records verified.
 *
 * @since 0.1.0
 */
export const VerifyReportView = Schema.Struct({
  accountSet: Schema.String,
  balanceRows: Schema.Int,
  differences: Schema.Array(Schema.Struct({
    accountCode: Schema.String,
    dimensionKey: Schema.String,
    fiscalYear: Schema.Int,
    period: Schema.Int,
    commodity: Schema.String,
    maintainedDebit: Schema.String,
    maintainedCredit: Schema.String,
    expectedDebit: Schema.String,
    expectedCredit: Schema.String
  })),
  auditRecords: Schema.Int
}).annotations({ identifier: "VerifyReport" })
