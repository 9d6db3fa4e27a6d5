/**
 * Every typed error of the ledger as an RFC 9457 problem with its HTTP status:
 *
 * - 404: the account set, voucher or account named does not exist;
 * - 409: the request conflicts with the state of the books (account set exists, not
 *   enabled yet or enabled already, voucher in the wrong state or reversed already,
 *   account in use, idempotency key reused, audit chain broken);
 * - 422: the request is well-formed but breaks a bookkeeping rule (every voucher rule
 *   in the order `validateVoucher` checks them, maker ≠ checker, cashier signature,
 *   unposting switched off, openings that do not balance, account code rules);
 * - 403 (shared, from `@danju/core/http`): permission or organisation.
 *
 * Each problem body carries `code` (the error's tag) and the error's own fields, e.g.
 * `VoucherUnbalanced` has `debit`, `credit` and `difference` as decimal strings.
 *
 * @since 0.1.0
 */
import { AuditChainBroken } from "@danju/core"
import { problem } from "@danju/core/http"
import { Schema } from "effect"
import {
  AccountCodeInvalid,
  AccountDisabled,
  AccountInUse,
  AccountNotFound,
  AccountNotLeaf,
  AccountSetExists,
  AccountSetNotFound,
  AccountSetStatusInvalid,
  CashierSignatureMissing,
  DimensionInvalid,
  ForeignCurrencyInvalid,
  LineAmountInvalid,
  OpeningBalancesUnbalanced,
  PeriodClosed,
  QuantityInvalid,
  ReversalDateInvalid,
  SelfAuditForbidden,
  SummaryTooShort,
  UnauditForbidden,
  UnpostDisabled,
  VoucherAlreadyCorrected,
  VoucherAlreadyReversed,
  VoucherEditForbidden,
  VoucherIsReversal,
  VoucherNumberGaps,
  CorrectionInvalid,
  VoucherDateBeforeStart,
  VoucherLineCount,
  VoucherNotFound,
  VoucherStatusInvalid,
  VoucherTotalZero,
  VoucherUnbalanced,
  VoucherWordRestricted,
  VoucherWordUnknown,
  UnpostedVouchersRemain,
  NothingToCarryForward,
  NothingToRevalue,
  SpecialAccountUnresolved,
  ExchangeRateInvalid,
  PeriodNotNextToClose,
  PeriodBalancesMismatch,
  NothingToReopen,
  YearClosed,
  YearNotNextToClose,
  YearHasOpenPeriods,
  ProfitAndLossNotZero,
  YearHasPostedVouchers,
  RenumberOrderInvalid,
  RenumberPostedForbidden,
  FormulaInvalid,
  ReportRangeInvalid,
  ReportCursorInvalid,
  ReportTooLarge,
  JournalAccountInvalid
} from "../domain/errors"

// ── 404 ─────────────────────────────────────────────────────────────────────

/** 404: no account set has this code. @since 0.1.0 */
export const AccountSetNotFoundProblem = problem(AccountSetNotFound, { status: 404, title: "Account set not found" })
/** 404: the account set has no voucher with this id. @since 0.1.0 */
export const VoucherNotFoundProblem = problem(VoucherNotFound, { status: 404, title: "Voucher not found" })
/** 404: the chart has no account with this code (`line` > 0 points at the voucher or opening line). @since 0.1.0 */
export const AccountNotFoundProblem = problem(AccountNotFound, { status: 404, title: "Account not found" })

// ── 409 ─────────────────────────────────────────────────────────────────────

/** 409: an account set with this code exists. @since 0.1.0 */
export const AccountSetExistsProblem = problem(AccountSetExists, { status: 409, title: "Account set exists" })
/** 409: the account set is initializing (vouchers) or enabled already (openings, enable). @since 0.1.0 */
export const AccountSetStatusInvalidProblem = problem(AccountSetStatusInvalid, {
  status: 409,
  title: "Account set in the wrong state"
})
/** 409: the voucher is not in the state the command needs. @since 0.1.0 */
export const VoucherStatusInvalidProblem = problem(VoucherStatusInvalid, { status: 409, title: "Voucher in the wrong state" })
/** 409: the voucher was reversed already (`reversalId` names the reversal). @since 0.1.0 */
export const VoucherAlreadyReversedProblem = problem(VoucherAlreadyReversed, { status: 409, title: "Voucher already reversed" })

/** 409: the voucher has a difference voucher already (`correctionId`); reverse it instead. @since 0.1.0 */
export const VoucherAlreadyCorrectedProblem = problem(VoucherAlreadyCorrected, { status: 409, title: "Voucher already corrected" })
/** 422: reversals and difference vouchers are not edited; delete and generate them again. @since 0.1.0 */
export const VoucherEditForbiddenProblem = problem(VoucherEditForbidden, { status: 422, title: "Generated voucher not editable" })
/** 422: the corrections name a line the original lacks, a line twice, or change nothing. @since 0.1.0 */
export const CorrectionInvalidProblem = problem(CorrectionInvalid, { status: 422, title: "Correction rejected" })

/** 422: a reversal cannot be reversed itself. @since 0.1.0 */
export const VoucherIsReversalProblem = problem(VoucherIsReversal, { status: 422, title: "Voucher is a reversal" })
/** 409: the account has postings or balances; disable it instead. @since 0.1.0 */
export const AccountInUseProblem = problem(AccountInUse, { status: 409, title: "Account in use" })
/** 409: the account set's audit log does not verify (records were changed outside Danju). @since 0.1.0 */
export const AuditChainBrokenProblem = problem(AuditChainBroken, {
  status: 409,
  title: "Audit chain broken",
  description: "The audit log does not verify: stored audit records were edited, removed or reordered."
})

// ── 422 ─────────────────────────────────────────────────────────────────────

/** 422: the account code breaks the code scheme, lacks its parent or exists. @since 0.1.0 */
export const AccountCodeInvalidProblem = problem(AccountCodeInvalid, { status: 422, title: "Account code rejected" })
/** 422: opening balances (or year-to-date movements) do not balance. @since 0.1.0 */
export const OpeningBalancesUnbalancedProblem = problem(OpeningBalancesUnbalanced, {
  status: 422,
  title: "Opening balances do not balance"
})
/** 422: a dimension is missing, unexpected or unknown. @since 0.1.0 */
export const DimensionInvalidProblem = problem(DimensionInvalid, { status: 422, title: "Dimension rejected" })
/** 422: only leaf accounts take postings and openings. @since 0.1.0 */
export const AccountNotLeafProblem = problem(AccountNotLeaf, { status: 422, title: "Account has sub-accounts" })
/** 422: the voucher word is not in use. @since 0.1.0 */
export const VoucherWordUnknownProblem = problem(VoucherWordUnknown, { status: 422, title: "Unknown voucher word" })
/** 422: fewer than two or too many lines. @since 0.1.0 */
export const VoucherLineCountProblem = problem(VoucherLineCount, { status: 422, title: "Wrong number of lines" })
/** 422: dated before the account set's first period. @since 0.1.0 */
export const VoucherDateBeforeStartProblem = problem(VoucherDateBeforeStart, { status: 422, title: "Date before the books start" })
/** 422: the period is closed. @since 0.1.0 */
export const PeriodClosedProblem = problem(PeriodClosed, { status: 422, title: "Period closed" })
/** 422: a line summary is too short. @since 0.1.0 */
export const SummaryTooShortProblem = problem(SummaryTooShort, { status: 422, title: "Summary too short" })
/** 422: a line names a disabled account. @since 0.1.0 */
export const AccountDisabledProblem = problem(AccountDisabled, { status: 422, title: "Account disabled" })
/** 422: a line has both sides, no amount, or too many decimals. @since 0.1.0 */
export const LineAmountInvalidProblem = problem(LineAmountInvalid, { status: 422, title: "Line amount rejected" })
/** 422: quantity missing on a quantity account, or given on another. @since 0.1.0 */
export const QuantityInvalidProblem = problem(QuantityInvalid, { status: 422, title: "Quantity rejected" })
/** 422: foreign-currency fields missing or inconsistent. @since 0.1.0 */
export const ForeignCurrencyInvalidProblem = problem(ForeignCurrencyInvalid, { status: 422, title: "Foreign currency rejected" })
/** 422: the voucher's total is zero. @since 0.1.0 */
export const VoucherTotalZeroProblem = problem(VoucherTotalZero, { status: 422, title: "Voucher total is zero" })
/** 422: debits ≠ credits; `debit`, `credit` and `difference` are decimal strings. @since 0.1.0 */
export const VoucherUnbalancedProblem = problem(VoucherUnbalanced, { status: 422, title: "Voucher does not balance" })
/** 422: the voucher breaks its word's cash/bank restriction. @since 0.1.0 */
export const VoucherWordRestrictedProblem = problem(VoucherWordRestricted, { status: 422, title: "Voucher word restriction" })
/** 422: the maker may not audit their own voucher. @since 0.1.0 */
export const SelfAuditForbiddenProblem = problem(SelfAuditForbidden, {
  status: 422,
  title: "Maker may not audit",
  description: "The account set forbids the maker of a voucher to audit it (自己錄入的憑證自己不能審核); another operator must."
})
/** 422: only the auditor (or an administrator) may withdraw an audit. @since 0.1.0 */
export const UnauditForbiddenProblem = problem(UnauditForbidden, { status: 422, title: "Only the auditor may unaudit" })
/** 422: the cashier has not signed a cash or bank voucher. @since 0.1.0 */
export const CashierSignatureMissingProblem = problem(CashierSignatureMissing, { status: 422, title: "Cashier signature missing" })
/** 422: the account set does not allow unposting. @since 0.1.0 */
export const UnpostDisabledProblem = problem(UnpostDisabled, { status: 422, title: "Unposting disabled" })
/** 422: the reversal is dated before the original. @since 0.1.0 */
export const ReversalDateInvalidProblem = problem(ReversalDateInvalid, { status: 422, title: "Reversal date rejected" })

// ── unions by command family (each endpoint declares exactly what it can fail with) ──

/**
 * Every rule a new voucher is checked against, in the documented order of
 * `validateVoucher` (account set enabled, word, line count, date, period, then per
 * line, then totals).
 *
 * @since 0.1.0
 */
export const VoucherRuleProblems = Schema.Union(
  AccountSetStatusInvalidProblem,
  VoucherWordUnknownProblem,
  VoucherLineCountProblem,
  VoucherDateBeforeStartProblem,
  PeriodClosedProblem,
  SummaryTooShortProblem,
  AccountNotFoundProblem,
  AccountDisabledProblem,
  AccountNotLeafProblem,
  DimensionInvalidProblem,
  LineAmountInvalidProblem,
  QuantityInvalidProblem,
  ForeignCurrencyInvalidProblem,
  VoucherTotalZeroProblem,
  VoucherUnbalancedProblem,
  VoucherWordRestrictedProblem
)

/**
 * What a state transition of existing vouchers (audit, unaudit, sign, post, unpost)
 * can fail with besides permission: a voucher not found, in a closed period or in the
 * wrong state, plus the transition's own rule.
 *
 * @since 0.1.0
 */
export const VoucherTransitionProblems = Schema.Union(
  VoucherNotFoundProblem,
  PeriodClosedProblem,
  VoucherStatusInvalidProblem
)

// ── period end ──────────────────────────────────────────────────────────────

/** 409: vouchers of the period are not posted yet (`voucherIds` lists the first of them). @since 0.1.0 */
export const UnpostedVouchersRemainProblem = problem(UnpostedVouchersRemain, { status: 409, title: "Unposted vouchers remain" })
/** 409: numbers deleted drafts gave back are unused in the period (`gaps`); renumber or fill them. @since 0.1.0 */
export const VoucherNumberGapsProblem = problem(VoucherNumberGaps, { status: 409, title: "Voucher numbers have gaps" })
/** 422: no profit-and-loss balance to carry forward. @since 0.1.0 */
export const NothingToCarryForwardProblem = problem(NothingToCarryForward, { status: 422, title: "Nothing to carry forward" })
/** 422: no foreign-currency balance to revalue. @since 0.1.0 */
export const NothingToRevalueProblem = problem(NothingToRevalue, { status: 422, title: "Nothing to revalue" })
/** 422: the special account (本年利潤, 未分配利潤, 匯兌損益) is unknown or unusable. @since 0.1.0 */
export const SpecialAccountUnresolvedProblem = problem(SpecialAccountUnresolved, { status: 422, title: "Special account unresolved" })
/** 422: a period-end exchange rate is missing or not positive. @since 0.1.0 */
export const ExchangeRateInvalidProblem = problem(ExchangeRateInvalid, { status: 422, title: "Exchange rate rejected" })
/** 409: periods close in order; `expected` is the next one. @since 0.1.0 */
export const PeriodNotNextToCloseProblem = problem(PeriodNotNextToClose, { status: 409, title: "Not the next period to close" })
/** 409: maintained balances disagree with the posted vouchers; run verify. @since 0.1.0 */
export const PeriodBalancesMismatchProblem = problem(PeriodBalancesMismatch, { status: 409, title: "Balances do not match postings" })
/** 409: no closed period (or year) to reopen. @since 0.1.0 */
export const NothingToReopenProblem = problem(NothingToReopen, { status: 409, title: "Nothing to reopen" })
/** 409: the period belongs to a closed year. @since 0.1.0 */
export const YearClosedProblem = problem(YearClosed, { status: 409, title: "Year closed" })
/** 409: years close in order; `expected` is the next one. @since 0.1.0 */
export const YearNotNextToCloseProblem = problem(YearNotNextToClose, { status: 409, title: "Not the next year to close" })
/** 409: the year still has open periods. @since 0.1.0 */
export const YearHasOpenPeriodsProblem = problem(YearHasOpenPeriods, { status: 409, title: "Year has open periods" })
/** 409: profit-and-loss accounts still have balances; carry them forward first. @since 0.1.0 */
export const ProfitAndLossNotZeroProblem = problem(ProfitAndLossNotZero, { status: 409, title: "Profit and loss not zero" })
/** 409: the new year has posted vouchers, so its opening cannot be undone. @since 0.1.0 */
export const YearHasPostedVouchersProblem = problem(YearHasPostedVouchers, { status: 409, title: "Year has posted vouchers" })
/** 422: the renumbering order names an unknown voucher, one twice, or misses one. @since 0.1.0 */
export const RenumberOrderInvalidProblem = problem(RenumberOrderInvalid, { status: 422, title: "Renumbering order rejected" })
/** 422: posted vouchers may not be renumbered in this account set. @since 0.1.0 */
export const RenumberPostedForbiddenProblem = problem(RenumberPostedForbidden, { status: 422, title: "Posted vouchers may not be renumbered" })

// ── reports ─────────────────────────────────────────────────────────────────

/** 422: a statement formula does not compile (`formula`, `position` and `reason` say where and why). @since 0.1.0 */
export const FormulaInvalidProblem = problem(FormulaInvalid, { status: 422, title: "Statement formula rejected" })
/** 422: the report range is empty: `from` comes after `to`. @since 0.1.0 */
export const ReportRangeInvalidProblem = problem(ReportRangeInvalid, { status: 422, title: "Report range empty" })
/** 422: the paging cursor was not issued by this report; start again without one. @since 0.1.0 */
export const ReportCursorInvalidProblem = problem(ReportCursorInvalid, { status: 422, title: "Report cursor rejected" })
/** 422: an unpaged report would read more than its bound; narrow the range or batch. @since 0.1.0 */
export const ReportTooLargeProblem = problem(ReportTooLarge, { status: 422, title: "Report too large" })
/** 422: the journal was asked for an account that is not a cash (or bank) account. @since 0.1.0 */
export const JournalAccountInvalidProblem = problem(JournalAccountInvalid, { status: 422, title: "Not a cash or bank account" })
