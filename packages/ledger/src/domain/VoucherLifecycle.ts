import { Either } from "effect"
import type { Dec, LocalDate, Period } from "@danju/core"
import { Period as PeriodOps } from "@danju/core"
import type { AccountSet } from "./AccountSet"
import {
  CashierSignatureMissing,
  PeriodClosed,
  SelfAuditForbidden,
  UnauditForbidden,
  UnpostDisabled,
  VoucherStatusInvalid
} from "./errors"
import type { VoucherLine } from "./Voucher"
import { isPeriodClosed } from "./Voucher"

/**
 * `draft` → `audited` → `posted`. Unaudit goes back to draft; unpost (an
 * administrator's mode) back to audited.
 *
 * @since 0.1.0
 */
export type VoucherStatus = "draft" | "audited" | "posted"

/**
 * A stored voucher.
 *
 * @since 0.1.0
 */
export interface Voucher {
  readonly id: string
  readonly accountSetId: string
  readonly word: string
  readonly number: number
  readonly period: Period
  readonly date: LocalDate
  readonly attachments: number
  readonly status: VoucherStatus
  readonly makerId: string
  readonly auditorId: string | null
  readonly cashierId: string | null
  readonly posterId: string | null
  /** The voucher this one reverses (紅字沖銷), if any. */
  readonly reversalOfId: string | null
  /** The posted voucher whose amounts this difference voucher (更正) corrects, if any. */
  readonly correctionOfId: string | null
  readonly createdAt: number
  readonly auditedAt: number | null
  readonly postedAt: number | null
  readonly total: Dec
  readonly touchesCashOrBank: boolean
  readonly lines: ReadonlyArray<VoucherLine>
}

const closedError = (accountSet: AccountSet, period: Period) =>
  new PeriodClosed({ period: PeriodOps.format(period), lastClosedPeriod: PeriodOps.format(accountSet.lastClosedPeriod!) })

/**
 * Audit (審核): draft → audited. Checks, in order: `PeriodClosed`,
 * `VoucherStatusInvalid` (not a draft), `SelfAuditForbidden` (maker ≠ auditor when the
 * account set says so).
 *
 * @since 0.1.0
 */
export const auditVoucher = (
  accountSet: AccountSet,
  voucher: Voucher,
  operatorId: string,
  now: number
): Either.Either<Voucher, PeriodClosed | VoucherStatusInvalid | SelfAuditForbidden> => {
  if (isPeriodClosed(accountSet, voucher.period)) return Either.left(closedError(accountSet, voucher.period))
  if (voucher.status !== "draft") {
    return Either.left(new VoucherStatusInvalid({ voucherId: voucher.id, status: voucher.status, required: "draft", action: "audit" }))
  }
  if (accountSet.options.makerMayNotAudit && voucher.makerId === operatorId) {
    return Either.left(new SelfAuditForbidden({ voucherId: voucher.id, operatorId }))
  }
  return Either.right({ ...voucher, status: "audited", auditorId: operatorId, auditedAt: now })
}

/**
 * Withdraw an audit (反審核): audited → draft, by the auditor or an administrator.
 *
 * @since 0.1.0
 */
export const unauditVoucher = (
  accountSet: AccountSet,
  voucher: Voucher,
  operatorId: string,
  administrator: boolean
): Either.Either<Voucher, PeriodClosed | VoucherStatusInvalid | UnauditForbidden> => {
  if (isPeriodClosed(accountSet, voucher.period)) return Either.left(closedError(accountSet, voucher.period))
  if (voucher.status !== "audited") {
    return Either.left(new VoucherStatusInvalid({ voucherId: voucher.id, status: voucher.status, required: "audited", action: "unaudit" }))
  }
  if (!administrator && voucher.auditorId !== operatorId) {
    return Either.left(new UnauditForbidden({ voucherId: voucher.id, operatorId, auditorId: voucher.auditorId ?? "" }))
  }
  return Either.right({ ...voucher, status: "draft", auditorId: null, auditedAt: null })
}

/**
 * Cashier's signature (出納簽字) on a voucher that is not yet posted.
 *
 * @since 0.1.0
 */
export const signVoucher = (
  accountSet: AccountSet,
  voucher: Voucher,
  operatorId: string
): Either.Either<Voucher, PeriodClosed | VoucherStatusInvalid> => {
  if (isPeriodClosed(accountSet, voucher.period)) return Either.left(closedError(accountSet, voucher.period))
  if (voucher.status === "posted") {
    return Either.left(new VoucherStatusInvalid({ voucherId: voucher.id, status: voucher.status, required: "draft or audited", action: "cashier signature" }))
  }
  return Either.right({ ...voucher, cashierId: operatorId })
}

/**
 * Post (過賬): audited → posted; the voucher's lines enter the balances. Checks, in
 * order: `PeriodClosed`, `VoucherStatusInvalid` (posted already, or a draft when
 * unaudited posting is off), `CashierSignatureMissing`.
 *
 * @since 0.1.0
 */
export const postVoucher = (
  accountSet: AccountSet,
  voucher: Voucher,
  operatorId: string,
  now: number
): Either.Either<Voucher, PeriodClosed | VoucherStatusInvalid | CashierSignatureMissing> => {
  if (isPeriodClosed(accountSet, voucher.period)) return Either.left(closedError(accountSet, voucher.period))
  const postable = voucher.status === "audited" || (voucher.status === "draft" && accountSet.options.allowPostingUnaudited)
  if (!postable) {
    return Either.left(new VoucherStatusInvalid({ voucherId: voucher.id, status: voucher.status, required: "audited", action: "post" }))
  }
  if (accountSet.options.cashierSignatureRequired && voucher.touchesCashOrBank && voucher.cashierId === null) {
    return Either.left(new CashierSignatureMissing({ voucherId: voucher.id }))
  }
  return Either.right({ ...voucher, status: "posted", posterId: operatorId, postedAt: now })
}

/**
 * Unpost (反過賬): posted → audited, an administrator's repair mode. Checks, in order:
 * `UnpostDisabled`, `PeriodClosed`, `VoucherStatusInvalid`.
 *
 * @since 0.1.0
 */
export const unpostVoucher = (
  accountSet: AccountSet,
  voucher: Voucher
): Either.Either<Voucher, UnpostDisabled | PeriodClosed | VoucherStatusInvalid> => {
  if (!accountSet.options.allowUnpost) return Either.left(new UnpostDisabled({ accountSet: accountSet.code }))
  if (isPeriodClosed(accountSet, voucher.period)) return Either.left(closedError(accountSet, voucher.period))
  if (voucher.status !== "posted") {
    return Either.left(new VoucherStatusInvalid({ voucherId: voucher.id, status: voucher.status, required: "posted", action: "unpost" }))
  }
  return Either.right({ ...voucher, status: "audited", posterId: null, postedAt: null })
}

/**
 * A change to one balance row: account × dimension set × period × commodity.
 *
 * @since 0.1.0
 */
export interface BalanceDelta {
  readonly accountCode: string
  readonly dimensionKey: string
  readonly fiscalYear: number
  readonly period: number
  readonly commodity: string
  readonly debit: Dec
  readonly credit: Dec
}

/**
 * Sums the balance changes of vouchers per balance row as they are added, so a long
 * import keeps one running row per account × dimension set × period × commodity instead
 * of re-summing batch results. Zero sides are not added (every line has one), and a new
 * row keeps the line's own decimals until a second line adds to it.
 *
 * @since 0.1.0
 */
export interface BalanceDeltaSum {
  /** Adds the vouchers' lines, posted (sign 1) or unposted (sign −1). */
  readonly add: (vouchers: ReadonlyArray<Voucher>, sign: 1 | -1) => void
  /** The summed rows, in the order their keys were first seen. */
  readonly rows: () => Array<BalanceDelta>
}

/**
 * A new, empty {@link BalanceDeltaSum}.
 *
 * @since 0.1.0
 */
export const makeBalanceDeltaSum = (): BalanceDeltaSum => {
  const deltas = new Map<string, { -readonly [K in keyof BalanceDelta]: BalanceDelta[K] }>()
  const addRow = (
    accountCode: string,
    dimensionKey: string,
    fiscalYear: number,
    period: number,
    commodity: string,
    debit: Dec,
    credit: Dec,
    sign: 1 | -1
  ) => {
    const key = `${accountCode}\u0000${dimensionKey}\u0000${fiscalYear}\u0000${period}\u0000${commodity}`
    const signedDebit = sign === 1 || debit.isZero() ? debit : debit.negated()
    const signedCredit = sign === 1 || credit.isZero() ? credit : credit.negated()
    const existing = deltas.get(key)
    if (existing === undefined) {
      deltas.set(key, { accountCode, dimensionKey, fiscalYear, period, commodity, debit: signedDebit, credit: signedCredit })
      return
    }
    if (!signedDebit.isZero()) existing.debit = existing.debit.plus(signedDebit)
    if (!signedCredit.isZero()) existing.credit = existing.credit.plus(signedCredit)
  }
  return {
    add: (vouchers, sign) => {
      for (const voucher of vouchers) {
        const fiscalYear = voucher.period.fiscalYear
        const period = voucher.period.number
        for (const line of voucher.lines) {
          addRow(line.accountCode, line.dimensionKey, fiscalYear, period, line.commodity, line.debit, line.credit, sign)
          const onDebit = !line.debit.isZero()
          if (line.originalAmount !== null && line.currency !== null) {
            const zero = line.originalAmount.minus(line.originalAmount)
            addRow(line.accountCode, line.dimensionKey, fiscalYear, period, line.currency, onDebit ? line.originalAmount : zero, onDebit ? zero : line.originalAmount, sign)
          }
          if (line.quantity !== null) {
            const zero = line.quantity.minus(line.quantity)
            addRow(line.accountCode, line.dimensionKey, fiscalYear, period, "qty", onDebit ? line.quantity : zero, onDebit ? zero : line.quantity, sign)
          }
        }
      }
    },
    rows: () => [...deltas.values()]
  }
}

/**
 * The balance changes of posting (sign 1) or unposting (sign −1) vouchers, summed per
 * balance row, so each row is written once per database transaction. Foreign amounts
 * and quantities move their own commodity's rows (`USD`, and `qty` for the account's unit).
 *
 * @since 0.1.0
 */
export const balanceDeltas = (vouchers: ReadonlyArray<Voucher>, sign: 1 | -1): Array<BalanceDelta> => {
  const sum = makeBalanceDeltaSum()
  sum.add(vouchers, sign)
  return sum.rows()
}
