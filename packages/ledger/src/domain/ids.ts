import { Schema } from "effect"
import { Limits } from "@danju/core"

/**
 * The code that names an account set (賬套) — its "file name" in Kingdee terms, chosen
 * by the user: letters, digits, `-` and `_`.
 *
 * @since 0.1.0
 */
export const AccountSetCode = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9][A-Za-z0-9_-]*$/),
  Schema.maxLength(Limits.codeLengthMax),
  Schema.brand("AccountSetCode")
)
/** @since 0.1.0 */
export type AccountSetCode = typeof AccountSetCode.Type

/**
 * An account code such as `1002` or `100201` (digits, with the lengths of the account
 * set's code scheme). Imported journals may also use generated codes (see the journal
 * import docs); those are digits too.
 *
 * @since 0.1.0
 */
export const AccountCode = Schema.String.pipe(
  Schema.pattern(/^[0-9]+$/),
  Schema.maxLength(Limits.codeLengthMax),
  Schema.brand("AccountCode")
)
/** @since 0.1.0 */
export type AccountCode = typeof AccountCode.Type

/**
 * A voucher's identity, independent of its number (numbers change when vouchers are
 * renumbered; ids never do).
 *
 * @since 0.1.0
 */
export const VoucherId = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9_-]+$/),
  Schema.maxLength(Limits.codeLengthMax),
  Schema.brand("VoucherId")
)
/** @since 0.1.0 */
export type VoucherId = typeof VoucherId.Type

/**
 * A voucher word (憑證字): 記, 收, 付, 轉 or another the account set defines.
 *
 * @since 0.1.0
 */
export const VoucherWord = Schema.String.pipe(Schema.minLength(1), Schema.maxLength(8), Schema.brand("VoucherWord"))
/** @since 0.1.0 */
export type VoucherWord = typeof VoucherWord.Type
