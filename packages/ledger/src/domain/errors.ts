import { Schema } from "effect"

// Every rule of the ledger is one of these tagged errors, with the data needed to explain
// it. Each derives its message from its fields. The order of the voucher rules below is
// the order validateVoucher checks them (see docs/reference/ledger/voucher.md).

/** The account set code names no account set. @since 0.1.0 */
export class AccountSetNotFound extends Schema.TaggedError<AccountSetNotFound>()("AccountSetNotFound", {
  accountSet: Schema.String
}) {
  override get message() {
    return `account set ${this.accountSet} does not exist`
  }
}

/** An account set with this code exists already. @since 0.1.0 */
export class AccountSetExists extends Schema.TaggedError<AccountSetExists>()("AccountSetExists", {
  accountSet: Schema.String
}) {
  override get message() {
    return `account set ${this.accountSet} already exists`
  }
}

/** Vouchers need an enabled account set; opening balances need an initializing one. @since 0.1.0 */
export class AccountSetStatusInvalid extends Schema.TaggedError<AccountSetStatusInvalid>()("AccountSetStatusInvalid", {
  accountSet: Schema.String,
  status: Schema.String,
  required: Schema.String
}) {
  override get message() {
    return this.required === "enabled"
      ? `account set ${this.accountSet} is still initializing: enter and balance the opening balances, then enable it`
      : `account set ${this.accountSet} is ${this.status}: opening balances can only change while it is initializing`
  }
}

/** Opening balances do not balance, so the account set cannot be enabled. @since 0.1.0 */
export class OpeningBalancesUnbalanced extends Schema.TaggedError<OpeningBalancesUnbalanced>()(
  "OpeningBalancesUnbalanced",
  { accountSet: Schema.String, debit: Schema.String, credit: Schema.String, column: Schema.String }
) {
  override get message() {
    return `opening ${this.column} of ${this.accountSet} do not balance: debit ${this.debit} ≠ credit ${this.credit}`
  }
}

/** Account code rules (length per the code scheme, parent exists, unique). @since 0.1.0 */
export class AccountCodeInvalid extends Schema.TaggedError<AccountCodeInvalid>()("AccountCodeInvalid", {
  accountCode: Schema.String,
  reason: Schema.Literal("scheme", "parentMissing", "exists", "parentHasPostings", "parentDisabled")
}) {
  override get message() {
    return {
      scheme: `account code ${this.accountCode} does not fit the account set's code scheme`,
      parentMissing: `account code ${this.accountCode} has no parent account; create the parent first`,
      exists: `account ${this.accountCode} already exists`,
      parentHasPostings: `the parent of ${this.accountCode} already has postings or balances; a sub-account cannot be added under it`,
      parentDisabled: `the parent of ${this.accountCode} is disabled`
    }[this.reason]
  }
}

/** An account that has postings or balances can be disabled but not deleted. @since 0.1.0 */
export class AccountInUse extends Schema.TaggedError<AccountInUse>()("AccountInUse", {
  accountCode: Schema.String
}) {
  override get message() {
    return `account ${this.accountCode} has postings or balances: disable it instead of deleting it`
  }
}

/** The voucher word is not one of the account set's words. @since 0.1.0 */
export class VoucherWordUnknown extends Schema.TaggedError<VoucherWordUnknown>()("VoucherWordUnknown", {
  word: Schema.String,
  allowed: Schema.Array(Schema.String)
}) {
  override get message() {
    return `voucher word ${this.word} is not in use; use one of ${this.allowed.join(" ")}`
  }
}

/** A voucher needs at least two lines, and at most `Limits.linesPerVoucherMax`. @since 0.1.0 */
export class VoucherLineCount extends Schema.TaggedError<VoucherLineCount>()("VoucherLineCount", {
  count: Schema.Number,
  minimum: Schema.Number,
  maximum: Schema.Number
}) {
  override get message() {
    return this.count < this.minimum
      ? `a voucher needs at least ${this.minimum} lines; this one has ${this.count}`
      : `a voucher may have at most ${this.maximum} lines; this one has ${this.count}`
  }
}

/** The voucher date lies before the account set's first period. @since 0.1.0 */
export class VoucherDateBeforeStart extends Schema.TaggedError<VoucherDateBeforeStart>()("VoucherDateBeforeStart", {
  date: Schema.String,
  startPeriod: Schema.String
}) {
  override get message() {
    return `voucher date ${this.date} lies before the account set's first period ${this.startPeriod}`
  }
}

/** The period is closed: nothing in it may change until it is reopened. @since 0.1.0 */
export class PeriodClosed extends Schema.TaggedError<PeriodClosed>()("PeriodClosed", {
  period: Schema.String,
  lastClosedPeriod: Schema.String
}) {
  override get message() {
    return `period ${this.period} is closed (books are closed up to ${this.lastClosedPeriod})`
  }
}

/** A line summary is shorter than the account set's minimum. @since 0.1.0 */
export class SummaryTooShort extends Schema.TaggedError<SummaryTooShort>()("SummaryTooShort", {
  line: Schema.Number,
  length: Schema.Number,
  minimum: Schema.Number
}) {
  override get message() {
    return `line ${this.line}: the summary has ${this.length} characters; at least ${this.minimum} are required`
  }
}

/** A line names an account the chart does not have. @since 0.1.0 */
export class AccountNotFound extends Schema.TaggedError<AccountNotFound>()("AccountNotFound", {
  line: Schema.Number,
  accountCode: Schema.String
}) {
  override get message() {
    return `${this.line > 0 ? `line ${this.line}: ` : ""}account ${this.accountCode} does not exist`
  }
}

/** A line names a disabled account. @since 0.1.0 */
export class AccountDisabled extends Schema.TaggedError<AccountDisabled>()("AccountDisabled", {
  line: Schema.Number,
  accountCode: Schema.String
}) {
  override get message() {
    return `line ${this.line}: account ${this.accountCode} is disabled`
  }
}

/** Only leaf accounts take postings. @since 0.1.0 */
export class AccountNotLeaf extends Schema.TaggedError<AccountNotLeaf>()("AccountNotLeaf", {
  line: Schema.Number,
  accountCode: Schema.String
}) {
  override get message() {
    return `line ${this.line}: account ${this.accountCode} has sub-accounts; post to one of them`
  }
}

/** A line lacks a dimension its account requires, or names one it does not take. @since 0.1.0 */
export class DimensionInvalid extends Schema.TaggedError<DimensionInvalid>()("DimensionInvalid", {
  line: Schema.Number,
  accountCode: Schema.String,
  dimensionType: Schema.String,
  reason: Schema.Literal("missing", "unexpected", "valueNotFound")
}) {
  override get message() {
    return {
      missing: `line ${this.line}: account ${this.accountCode} requires a ${this.dimensionType}`,
      unexpected: `line ${this.line}: account ${this.accountCode} does not take a ${this.dimensionType}`,
      valueNotFound: `line ${this.line}: the ${this.dimensionType} named does not exist or is disabled`
    }[this.reason]
  }
}

/** Exactly one of debit and credit must be non-zero on a line. @since 0.1.0 */
export class LineAmountInvalid extends Schema.TaggedError<LineAmountInvalid>()("LineAmountInvalid", {
  line: Schema.Number,
  reason: Schema.Literal("bothSides", "zero", "scale"),
  scale: Schema.Number
}) {
  override get message() {
    return {
      bothSides: `line ${this.line}: enter either a debit or a credit, not both`,
      zero: `line ${this.line}: the amount is zero`,
      scale: `line ${this.line}: the amount has more than ${this.scale} digits after the point`
    }[this.reason]
  }
}

/** Foreign-currency lines need the account's currency, a positive rate and a matching amount. @since 0.1.0 */
export class ForeignCurrencyInvalid extends Schema.TaggedError<ForeignCurrencyInvalid>()("ForeignCurrencyInvalid", {
  line: Schema.Number,
  accountCode: Schema.String,
  reason: Schema.Literal("missing", "currencyMismatch", "rate", "amountMismatch", "unexpected"),
  expected: Schema.String,
  actual: Schema.String
}) {
  override get message() {
    return {
      missing: `line ${this.line}: account ${this.accountCode} keeps ${this.expected}; enter the currency, rate and original amount`,
      currencyMismatch: `line ${this.line}: account ${this.accountCode} keeps ${this.expected}, not ${this.actual}`,
      rate: `line ${this.line}: the exchange rate must be positive (got ${this.actual})`,
      amountMismatch: `line ${this.line}: original amount × rate = ${this.expected}, but the line amount is ${this.actual}`,
      unexpected: `line ${this.line}: account ${this.accountCode} keeps no foreign currency`
    }[this.reason]
  }
}

/** Quantity accounting lines need a quantity; others must not have one. @since 0.1.0 */
export class QuantityInvalid extends Schema.TaggedError<QuantityInvalid>()("QuantityInvalid", {
  line: Schema.Number,
  accountCode: Schema.String,
  reason: Schema.Literal("missing", "unexpected")
}) {
  override get message() {
    return this.reason === "missing"
      ? `line ${this.line}: account ${this.accountCode} keeps quantities; enter the quantity`
      : `line ${this.line}: account ${this.accountCode} keeps no quantities`
  }
}

/** Every line nets to zero in total. @since 0.1.0 */
export class VoucherTotalZero extends Schema.TaggedError<VoucherTotalZero>()("VoucherTotalZero", {}) {
  override get message() {
    return "the voucher's total is zero"
  }
}

/** Total debit differs from total credit. @since 0.1.0 */
export class VoucherUnbalanced extends Schema.TaggedError<VoucherUnbalanced>()("VoucherUnbalanced", {
  commodity: Schema.String,
  debit: Schema.String,
  credit: Schema.String,
  difference: Schema.String
}) {
  override get message() {
    return `debits ${this.debit} and credits ${this.credit} (${this.commodity}) differ by ${this.difference}`
  }
}

/** The voucher breaks its word's restriction (收/付/轉). @since 0.1.0 */
export class VoucherWordRestricted extends Schema.TaggedError<VoucherWordRestricted>()("VoucherWordRestricted", {
  word: Schema.String,
  rule: Schema.Literal("debitCashOrBank", "creditCashOrBank", "noCashOrBank")
}) {
  override get message() {
    return {
      debitCashOrBank: `a ${this.word} voucher must debit cash or bank`,
      creditCashOrBank: `a ${this.word} voucher must credit cash or bank`,
      noCashOrBank: `a ${this.word} voucher must not touch cash or bank`
    }[this.rule]
  }
}

/** The voucher does not exist in the account set. @since 0.1.0 */
export class VoucherNotFound extends Schema.TaggedError<VoucherNotFound>()("VoucherNotFound", {
  voucherId: Schema.String
}) {
  override get message() {
    return `voucher ${this.voucherId} does not exist`
  }
}

/** The command needs the voucher in another state. @since 0.1.0 */
export class VoucherStatusInvalid extends Schema.TaggedError<VoucherStatusInvalid>()("VoucherStatusInvalid", {
  voucherId: Schema.String,
  status: Schema.String,
  required: Schema.String,
  action: Schema.String
}) {
  override get message() {
    return `voucher ${this.voucherId} is ${this.status}; ${this.action} needs it ${this.required}`
  }
}

/** The maker may not audit their own voucher (自己錄入的憑證自己不能審核). @since 0.1.0 */
export class SelfAuditForbidden extends Schema.TaggedError<SelfAuditForbidden>()("SelfAuditForbidden", {
  voucherId: Schema.String,
  operatorId: Schema.String
}) {
  override get message() {
    return `operator ${this.operatorId} made voucher ${this.voucherId} and may not audit it`
  }
}

/** Only the auditor (or an administrator) may withdraw an audit. @since 0.1.0 */
export class UnauditForbidden extends Schema.TaggedError<UnauditForbidden>()("UnauditForbidden", {
  voucherId: Schema.String,
  operatorId: Schema.String,
  auditorId: Schema.String
}) {
  override get message() {
    return `voucher ${this.voucherId} was audited by ${this.auditorId}; only that operator may withdraw the audit`
  }
}

/** The voucher touches cash or bank and the cashier has not signed it. @since 0.1.0 */
export class CashierSignatureMissing extends Schema.TaggedError<CashierSignatureMissing>()("CashierSignatureMissing", {
  voucherId: Schema.String
}) {
  override get message() {
    return `voucher ${this.voucherId} touches cash or bank and needs the cashier's signature before posting`
  }
}

/** Unposting is switched off for this account set. @since 0.1.0 */
export class UnpostDisabled extends Schema.TaggedError<UnpostDisabled>()("UnpostDisabled", {
  accountSet: Schema.String
}) {
  override get message() {
    return `account set ${this.accountSet} does not allow unposting; correct posted vouchers with a red-ink reversal`
  }
}

/** A reversal's date lies before the original voucher's. @since 0.1.0 */
export class ReversalDateInvalid extends Schema.TaggedError<ReversalDateInvalid>()("ReversalDateInvalid", {
  voucherId: Schema.String,
  date: Schema.String,
  originalDate: Schema.String
}) {
  override get message() {
    return `a reversal of voucher ${this.voucherId} cannot be dated ${this.date}, before the original's ${this.originalDate}`
  }
}

/** The voucher was reversed already. @since 0.1.0 */
export class VoucherAlreadyReversed extends Schema.TaggedError<VoucherAlreadyReversed>()("VoucherAlreadyReversed", {
  voucherId: Schema.String,
  reversalId: Schema.String
}) {
  override get message() {
    return `voucher ${this.voucherId} was already reversed by voucher ${this.reversalId}`
  }
}
