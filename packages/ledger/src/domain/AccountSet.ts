import { Schema } from "effect"
import { FiscalCalendarSchema, Limits, PeriodSchema } from "@danju/core"
import { AccountSetCode, VoucherWord } from "./ids"

/**
 * How many digits each level of an account code has, e.g. `[4, 2, 2, 2]`: `1002` is
 * level 1, `100201` level 2. Fixed when the account set is created (changing it would
 * re-code every account).
 *
 * @since 0.1.0
 */
export const CodeScheme = Schema.Array(Schema.Int.pipe(Schema.between(1, 9))).pipe(
  Schema.minItems(1),
  Schema.maxItems(Limits.accountLevelsMax)
)
/** @since 0.1.0 */
export type CodeScheme = typeof CodeScheme.Type

/**
 * The options an accountant sets per account set (賬套選項). Defaults follow Kingdee's
 * and the regulation's stricter choices.
 *
 * @since 0.1.0
 */
export class AccountSetOptions extends Schema.Class<AccountSetOptions>("AccountSetOptions")({
  /** Voucher numbers 1..n per word and period without gaps (憑證不斷號). */
  gaplessVoucherNumbers: Schema.optionalWith(Schema.Boolean, { default: () => true }),
  /** The maker of a voucher may not audit it (自己錄入的憑證自己不能審核). */
  makerMayNotAudit: Schema.optionalWith(Schema.Boolean, { default: () => true }),
  /** Vouchers touching cash or bank need the cashier's signature before posting (出納簽字). */
  cashierSignatureRequired: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  /** Fewest characters in a line summary (the mess hall asks for 4). */
  summaryLengthMin: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 100)), { default: () => 1 }),
  /** Unaudited vouchers may be posted (off: post only audited vouchers). */
  allowPostingUnaudited: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  /** The voucher words in use; the first is the default. */
  voucherWords: Schema.optionalWith(Schema.Array(VoucherWord).pipe(Schema.minItems(1), Schema.maxItems(10)), {
    default: () => [VoucherWord.make("記")]
  }),
  /** 收 must debit cash or bank, 付 must credit cash or bank, 轉 touches neither. */
  wordRestrictions: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  /** Unposting (反過賬) is available to operators with the permission; off makes posting irreversible. */
  allowUnpost: Schema.optionalWith(Schema.Boolean, { default: () => true }),
  /** Posted vouchers may be renumbered in an open period (the mess-hall procedure does). */
  allowRenumberPosted: Schema.optionalWith(Schema.Boolean, { default: () => false })
}) {}

/**
 * The lifecycle of an account set: opening balances are entered while
 * `initializing`; `enable` checks they balance and locks them.
 *
 * @since 0.1.0
 */
export const AccountSetStatus = Schema.Literal("initializing", "enabled")
/** @since 0.1.0 */
export type AccountSetStatus = typeof AccountSetStatus.Type

/**
 * One independent set of books (賬套).
 *
 * @since 0.1.0
 */
export class AccountSet extends Schema.Class<AccountSet>("AccountSet")({
  id: Schema.String,
  code: AccountSetCode,
  /** The organisation whose operators keep these books. */
  organisationId: Schema.String,
  name: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(Limits.textLengthMax)),
  /** The currency every voucher amount is kept in (CNY by default). */
  baseCurrency: Schema.String.pipe(Schema.pattern(/^[A-Z]{3}$|^[^\s;:]{1,16}$/)),
  /** Digits after the point of base-currency amounts (2 for CNY). */
  currencyScale: Schema.Int.pipe(Schema.between(0, 6)),
  codeScheme: CodeScheme,
  calendar: FiscalCalendarSchema,
  /** The first period the books are kept in Danju (啟用期間). */
  startPeriod: PeriodSchema,
  status: AccountSetStatus,
  options: AccountSetOptions,
  /**
   * The chart template the account set was created from (`messHall`, `enterprise` …),
   * which names its special accounts (current-year profit, retained earnings …); null
   * for charts built by hand or from an imported journal.
   */
  template: Schema.NullOr(Schema.String),
  /** The latest closed fiscal year (年終結轉 done), if any. */
  lastClosedYear: Schema.NullOr(Schema.Int),
  /** The latest closed period, if any; every period up to it is closed. */
  lastClosedPeriod: Schema.NullOr(PeriodSchema),
  createdAt: Schema.Number
}) {}
