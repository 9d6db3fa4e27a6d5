import { Schema } from "effect"

// Every rule of the ledger is one of these tagged errors, with the data needed to explain
// it. Each derives its message from its fields. The order of the voucher rules below is
// the order validateVoucher checks them (see docs/reference/ledger/vouchers.md).

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
  reason: Schema.Literal("scheme", "parentMissing", "exists", "parentHasPostings", "parentDisabled", "hasChildren")
}) {
  override get message() {
    return {
      scheme: `account code ${this.accountCode} does not fit the account set's code scheme`,
      parentMissing: `account code ${this.accountCode} has no parent account; create the parent first`,
      exists: `account ${this.accountCode} already exists`,
      parentHasPostings: `the parent of ${this.accountCode} already has postings or balances; a sub-account cannot be added under it`,
      parentDisabled: `the parent of ${this.accountCode} is disabled`,
      hasChildren: `account ${this.accountCode} has sub-accounts: delete them first, or delete with its children`
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

/**
 * A summary is shorter than the account set's minimum: a voucher line's (`line` ≥ 1), a
 * voucher template line's, or a summary-library entry's (`line` 0).
 *
 * @since 0.1.0
 */
export class SummaryTooShort extends Schema.TaggedError<SummaryTooShort>()("SummaryTooShort", {
  line: Schema.Number,
  length: Schema.Number,
  minimum: Schema.Number
}) {
  override get message() {
    return `${this.line > 0 ? `line ${this.line}: ` : ""}the summary has ${this.length} characters; at least ${this.minimum} are required`
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
    return `${this.line > 0 ? `line ${this.line}: ` : ""}account ${this.accountCode} is disabled`
  }
}

/** Only leaf accounts take postings. @since 0.1.0 */
export class AccountNotLeaf extends Schema.TaggedError<AccountNotLeaf>()("AccountNotLeaf", {
  line: Schema.Number,
  accountCode: Schema.String
}) {
  override get message() {
    return `${this.line > 0 ? `line ${this.line}: ` : ""}account ${this.accountCode} has sub-accounts; post to one of them`
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

/**
 * A red-ink reversal cannot itself be reversed: correct the books with a new voucher
 * (訂正) instead.
 *
 * @since 0.1.0
 */
export class VoucherIsReversal extends Schema.TaggedError<VoucherIsReversal>()("VoucherIsReversal", {
  voucherId: Schema.String,
  reversalOfId: Schema.String
}) {
  override get message() {
    return `voucher ${this.voucherId} is the reversal of ${this.reversalOfId} and cannot be reversed itself; record a correcting voucher instead`
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

/**
 * The voucher has a difference voucher (更正) already. A voucher is corrected by at most
 * one difference voucher: a further error is corrected by red-ink reversal and a new
 * voucher.
 *
 * @since 0.1.0
 */
export class VoucherAlreadyCorrected extends Schema.TaggedError<VoucherAlreadyCorrected>()("VoucherAlreadyCorrected", {
  voucherId: Schema.String,
  correctionId: Schema.String
}) {
  override get message() {
    return `voucher ${this.voucherId} was already corrected by difference voucher ${this.correctionId}; reverse it to correct it again`
  }
}

/**
 * A generated draft cannot be edited: a red-ink reversal must stay the exact negation of
 * its original, and a difference voucher the exact difference it was made from. Delete
 * it and generate it again instead.
 *
 * @since 0.1.0
 */
export class VoucherEditForbidden extends Schema.TaggedError<VoucherEditForbidden>()("VoucherEditForbidden", {
  voucherId: Schema.String,
  reason: Schema.Literal("reversal", "correction"),
  /** The voucher it reverses or corrects. */
  linkedId: Schema.String
}) {
  override get message() {
    const kind = this.reason === "reversal" ? "the red-ink reversal" : "the difference voucher"
    return `voucher ${this.voucherId} is ${kind} of ${this.linkedId} and cannot be edited; delete it and generate it again`
  }
}

/**
 * A difference voucher (更正) cannot be made from the corrections given: a line number the
 * original does not have, a line given twice, or no amount that differs.
 *
 * @since 0.1.0
 */
export class CorrectionInvalid extends Schema.TaggedError<CorrectionInvalid>()("CorrectionInvalid", {
  voucherId: Schema.String,
  reason: Schema.Literal("lineNotFound", "lineRepeated", "noDifference"),
  /** The offending line number of the original (0 for `noDifference`). */
  lineNumber: Schema.Number
}) {
  override get message() {
    switch (this.reason) {
      case "lineNotFound":
        return `voucher ${this.voucherId} has no line ${this.lineNumber}`
      case "lineRepeated":
        return `line ${this.lineNumber} of voucher ${this.voucherId} is corrected twice in one request`
      case "noDifference":
        return `the corrected amounts equal voucher ${this.voucherId}'s: there is no difference to record`
    }
  }
}

// ── period end ──
// Errors of the period-end procedures (PeriodEndService): P&L carry-forward, FX
// revaluation, period close and reopen, year close and reopen, renumbering. Each
// command's check order is documented on the command (docs/reference/ledger/period-end.md).

/** Vouchers of the period are not posted yet; period-end procedures need them posted. @since 0.1.0 */
export class UnpostedVouchersRemain extends Schema.TaggedError<UnpostedVouchersRemain>()("UnpostedVouchersRemain", {
  period: Schema.String,
  /** The first unposted vouchers (at most 20), in number order. */
  voucherIds: Schema.Array(Schema.String),
  count: Schema.Number
}) {
  override get message() {
    const more = this.count > this.voucherIds.length ? ` and ${this.count - this.voucherIds.length} more` : ""
    return `period ${this.period} has ${this.count} unposted voucher(s): ${this.voucherIds.join(", ")}${more}; post them first`
  }
}

/**
 * The account set keeps voucher numbers without gaps (憑證不斷號) and numbers given back
 * by deleted drafts are still unused in the period: renumber the period (整理憑證號) or
 * enter the vouchers that fill them before closing.
 *
 * @since 0.1.0
 */
export class VoucherNumberGaps extends Schema.TaggedError<VoucherNumberGaps>()("VoucherNumberGaps", {
  period: Schema.String,
  /** The first gaps (at most 20) as `word-number`, in word and number order. */
  gaps: Schema.Array(Schema.String),
  count: Schema.Number
}) {
  override get message() {
    const more = this.count > this.gaps.length ? ` and ${this.count - this.gaps.length} more` : ""
    return `period ${this.period} has ${this.count} unused voucher number(s): ${this.gaps.join(", ")}${more}; renumber the period or fill them first`
  }
}

/** Every profit-and-loss account is zero at the end of the period: no carry-forward voucher is needed. @since 0.1.0 */
export class NothingToCarryForward extends Schema.TaggedError<NothingToCarryForward>()("NothingToCarryForward", {
  period: Schema.String
}) {
  override get message() {
    return `every profit-and-loss account is zero at the end of ${this.period}: there is nothing to carry forward`
  }
}

/** No account flagged for revaluation differs from its foreign balance at the given rates. @since 0.1.0 */
export class NothingToRevalue extends Schema.TaggedError<NothingToRevalue>()("NothingToRevalue", {
  period: Schema.String
}) {
  override get message() {
    return `no revalued foreign-currency account of ${this.period} differs at the given rates: there is nothing to revalue`
  }
}

/**
 * A period-end procedure needs an account by role (本年利潤, 未分配利潤, 匯兌損益) and the
 * chart has none, or the one named is not a leaf of the chart. @since 0.1.0
 */
export class SpecialAccountUnresolved extends Schema.TaggedError<SpecialAccountUnresolved>()("SpecialAccountUnresolved", {
  role: Schema.Literal("currentYearProfit", "retainedEarnings", "exchangeGainLoss"),
  /** The code given, or "" when none was given and none was found. */
  accountCode: Schema.String
}) {
  override get message() {
    const names = { currentYearProfit: "current-year profit (本年利潤)", retainedEarnings: "retained earnings (未分配利潤)", exchangeGainLoss: "exchange gain or loss (匯兌損益)" }
    return this.accountCode === ""
      ? `the chart has no ${names[this.role]} account; name one explicitly`
      : `account ${this.accountCode}, named as the ${names[this.role]} account, is not a leaf account of the chart`
  }
}

/** A revalued currency has no period-end rate, or a rate that is not positive. @since 0.1.0 */
export class ExchangeRateInvalid extends Schema.TaggedError<ExchangeRateInvalid>()("ExchangeRateInvalid", {
  currency: Schema.String,
  reason: Schema.Literal("missing", "notPositive"),
  rate: Schema.String
}) {
  override get message() {
    return this.reason === "missing"
      ? `no period-end exchange rate was given for ${this.currency}`
      : `the period-end exchange rate of ${this.currency} must be positive (got ${this.rate})`
  }
}

/** Periods close in order: only the first open period can be closed. @since 0.1.0 */
export class PeriodNotNextToClose extends Schema.TaggedError<PeriodNotNextToClose>()("PeriodNotNextToClose", {
  period: Schema.String,
  expected: Schema.String
}) {
  override get message() {
    return `period ${this.period} cannot be closed: the next period to close is ${this.expected}`
  }
}

/** Maintained balances of the period differ from a recomputation from its posted vouchers. @since 0.1.0 */
export class PeriodBalancesMismatch extends Schema.TaggedError<PeriodBalancesMismatch>()("PeriodBalancesMismatch", {
  period: Schema.String,
  /** How many balance rows differ. */
  count: Schema.Number,
  /** The first differing row. */
  accountCode: Schema.String,
  dimensionKey: Schema.String,
  commodity: Schema.String,
  maintainedDebit: Schema.String,
  maintainedCredit: Schema.String,
  expectedDebit: Schema.String,
  expectedCredit: Schema.String
}) {
  override get message() {
    return `period ${this.period}: the general ledger disagrees with the posted vouchers in ${this.count} balance row(s), first ` +
      `${this.accountCode}${this.dimensionKey === "" ? "" : ` [${this.dimensionKey}]`} ${this.commodity}: maintained ` +
      `${this.maintainedDebit}/${this.maintainedCredit}, recomputed ${this.expectedDebit}/${this.expectedCredit}; run verify and repair before closing`
  }
}

/** There is no closed period (or closed year) to reopen. @since 0.1.0 */
export class NothingToReopen extends Schema.TaggedError<NothingToReopen>()("NothingToReopen", {
  accountSet: Schema.String,
  what: Schema.Literal("period", "year")
}) {
  override get message() {
    return `account set ${this.accountSet} has no closed ${this.what} to reopen`
  }
}

/** The period belongs to a closed fiscal year: reopen the year first. @since 0.1.0 */
export class YearClosed extends Schema.TaggedError<YearClosed>()("YearClosed", {
  fiscalYear: Schema.Number,
  period: Schema.String
}) {
  override get message() {
    return `period ${this.period} belongs to fiscal year ${this.fiscalYear}, which is closed: reopen the year first`
  }
}

/** Years close in order: only the year after the last closed one (or the first year) can be closed. @since 0.1.0 */
export class YearNotNextToClose extends Schema.TaggedError<YearNotNextToClose>()("YearNotNextToClose", {
  fiscalYear: Schema.Number,
  expected: Schema.Number
}) {
  override get message() {
    return `fiscal year ${this.fiscalYear} cannot be closed: the next year to close is ${this.expected}`
  }
}

/** A year closes only when every one of its periods is closed. @since 0.1.0 */
export class YearHasOpenPeriods extends Schema.TaggedError<YearHasOpenPeriods>()("YearHasOpenPeriods", {
  fiscalYear: Schema.Number,
  firstOpenPeriod: Schema.String
}) {
  override get message() {
    return `fiscal year ${this.fiscalYear} cannot be closed: period ${this.firstOpenPeriod} is still open`
  }
}

/** Profit-and-loss accounts still hold balances at year end: carry them forward first. @since 0.1.0 */
export class ProfitAndLossNotZero extends Schema.TaggedError<ProfitAndLossNotZero>()("ProfitAndLossNotZero", {
  fiscalYear: Schema.Number,
  /** The first accounts with a balance (at most 20), by code. */
  accountCodes: Schema.Array(Schema.String),
  count: Schema.Number
}) {
  override get message() {
    const more = this.count > this.accountCodes.length ? ` and ${this.count - this.accountCodes.length} more` : ""
    return `fiscal year ${this.fiscalYear} cannot be closed: profit-and-loss account(s) ${this.accountCodes.join(", ")}${more} ` +
      `still hold a balance; carry profit and loss forward first`
  }
}

/** A year close can be reversed only while the following years have no posted voucher. @since 0.1.0 */
export class YearHasPostedVouchers extends Schema.TaggedError<YearHasPostedVouchers>()("YearHasPostedVouchers", {
  fiscalYear: Schema.Number,
  count: Schema.Number
}) {
  override get message() {
    return `the close of fiscal year ${this.fiscalYear} cannot be reversed: ${this.count} voucher(s) of later periods are posted`
  }
}

/** The order given for renumbering is not a permutation of the vouchers to renumber. @since 0.1.0 */
export class RenumberOrderInvalid extends Schema.TaggedError<RenumberOrderInvalid>()("RenumberOrderInvalid", {
  voucherId: Schema.String,
  reason: Schema.Literal("unknown", "duplicate", "missing")
}) {
  override get message() {
    return {
      unknown: `voucher ${this.voucherId} is not one of the vouchers being renumbered`,
      duplicate: `voucher ${this.voucherId} appears twice in the order`,
      missing: `the order leaves out voucher ${this.voucherId}; list every voucher being renumbered`
    }[this.reason]
  }
}

/** Posted vouchers may be renumbered only when the account set allows it. @since 0.1.0 */
export class RenumberPostedForbidden extends Schema.TaggedError<RenumberPostedForbidden>()("RenumberPostedForbidden", {
  accountSet: Schema.String,
  /** The first posted vouchers that would get a new number (at most 20). */
  voucherIds: Schema.Array(Schema.String),
  count: Schema.Number
}) {
  override get message() {
    return `account set ${this.accountSet} does not allow renumbering posted vouchers; ${this.count} posted voucher(s) ` +
      `would change number (${this.voucherIds.join(", ")})`
  }
}

// ── reports (domain/reports, ReportService) ─────────────────────────────────

/**
 * A report formula (財務報表公式) cannot be parsed or compiled. `position` is the
 * 0-based character offset where the problem starts; `reason` says what is wrong.
 *
 * @since 0.1.0
 */
export class FormulaInvalid extends Schema.TaggedError<FormulaInvalid>()("FormulaInvalid", {
  formula: Schema.String,
  position: Schema.Number,
  reason: Schema.Literal(
    "tooLong",
    "unexpectedCharacter",
    "unterminatedString",
    "numberInvalid",
    "unexpectedToken",
    "unexpectedEnd",
    "tooDeep",
    "unknownFunction",
    "argumentCount",
    "argumentType",
    "unknownKind",
    "unknownSide",
    "unknownCategory",
    "unknownLine",
    "cycle"
  )
}) {
  override get message() {
    const explanation = {
      tooLong: "is longer than the formula limit",
      unexpectedCharacter: "has a character that is not part of the formula language",
      unterminatedString: "has a string without its closing quote",
      numberInvalid: "has a malformed number",
      unexpectedToken: "has a token that does not fit here",
      unexpectedEnd: "ends too early",
      tooDeep: "nests deeper than the formula limit",
      unknownFunction: "calls a function that does not exist (ACCT, CAT, LINE)",
      argumentCount: "passes the wrong number of arguments",
      argumentType: "passes an argument of the wrong type",
      unknownKind: "names an unknown figure kind (opening, closing, yearOpening, debit, credit, net, ytdDebit, ytdCredit, ytdNet)",
      unknownSide: "names an unknown side (debit, credit)",
      unknownCategory: "names an unknown account category",
      unknownLine: "refers to a line the template does not define",
      cycle: "refers to itself through other lines"
    }[this.reason]
    return `formula ${JSON.stringify(this.formula)} ${explanation} (at position ${this.position})`
  }
}

/** A report's period range starts after it ends. @since 0.1.0 */
export class ReportRangeInvalid extends Schema.TaggedError<ReportRangeInvalid>()("ReportRangeInvalid", {
  from: Schema.String,
  to: Schema.String
}) {
  override get message() {
    return `report range ${this.from} … ${this.to} is empty: the first period comes after the last`
  }
}

/** A paging cursor was not issued by this report (damaged, or from another report or account). @since 0.1.0 */
export class ReportCursorInvalid extends Schema.TaggedError<ReportCursorInvalid>()("ReportCursorInvalid", {
  report: Schema.String,
  cursor: Schema.String
}) {
  override get message() {
    return `cursor ${JSON.stringify(this.cursor.slice(0, 40))} is not a valid ${this.report} cursor; start again without one`
  }
}

/**
 * An unpaged report would read more voucher lines than `Limits.reportLinesMax`, or a
 * print request names more vouchers than `Limits.pageSizeMax`.
 *
 * @since 0.1.0
 */
export class ReportTooLarge extends Schema.TaggedError<ReportTooLarge>()("ReportTooLarge", {
  report: Schema.String,
  unit: Schema.Literal("lines", "vouchers"),
  maximum: Schema.Number
}) {
  override get message() {
    return this.unit === "lines"
      ? `the ${this.report} would read more than ${this.maximum} voucher lines; narrow the period range (or page the detail ledger)`
      : `the ${this.report} takes at most ${this.maximum} vouchers per call; print them in smaller batches`
  }
}

/** A journal was asked for an account that is not a cash (or bank) account. @since 0.1.0 */
export class JournalAccountInvalid extends Schema.TaggedError<JournalAccountInvalid>()("JournalAccountInvalid", {
  accountCode: Schema.String,
  kind: Schema.Literal("cash", "bank")
}) {
  override get message() {
    return `account ${this.accountCode} is not a ${this.kind} account; the ${this.kind} journal lists accounts flagged ${this.kind === "cash" ? "isCash" : "isBank"}`
  }
}
