/**
 * Chinese capital amounts (大寫金額) as written on vouchers, cheques and receipts, in the
 * traditional characters the project uses throughout: 零壹貳叁肆伍陸柒捌玖, 拾佰仟,
 * 萬億, 元角分, 整, 負.
 *
 * Conventions, following the People's Bank 《支付結算辦法》 annex 《正確填寫票據和結算憑證
 * 的基本規定》 where it allows a choice:
 * - 整 follows 元 only; nothing follows 角 or 分 (¥10.50 → 壹拾元伍角).
 * - A 拾 that opens a number keeps its 壹 (¥10 → 壹拾元整, ¥100000 → 壹拾萬元整), so a
 *   digit cannot be added in front.
 * - A run of zeros between non-zero digits is written as one 零 (¥6007.14 →
 *   陸仟零柒元壹角肆分; ¥100000001 → 壹億零壹元整).
 * - Where the rules allow either, no 零 is written after a 萬/億 boundary whose units
 *   digit is zero when the next digit (仟) is not (¥107000.53 → 壹拾萬柒仟元伍角叁分), and
 *   none between 元 and a non-zero 角 (¥1680.32 → 壹仟陸佰捌拾元叁角貳分).
 * - A zero 角 before a non-zero 分 is always written (¥16409.02 → 壹萬陸仟肆佰零玖元零貳分).
 * - Below one yuan the 元 is left out (¥0.50 → 伍角, ¥0.05 → 伍分); zero is 零元整.
 * - Negative amounts (red-ink) are prefixed 負.
 *
 * Amounts up to 9999萬億 (< 10^16) with at most two decimals are supported.
 *
 * @since 0.1.0
 */
import type { Decimal } from "decimal.js"
import { Either, Schema } from "effect"
import { Amount, Dec, decimalToString } from "./Amount"

/**
 * The amount cannot be written in capitals: it has more than two decimals (round to 分
 * first) or is 10^16 or more in magnitude.
 *
 * @since 0.1.0
 */
export class ChineseCapitalMoneyUnsupported extends Schema.TaggedError<ChineseCapitalMoneyUnsupported>()(
  "ChineseCapitalMoneyUnsupported",
  {
    value: Schema.String,
    reason: Schema.Literal("tooManyDecimals", "tooLarge")
  }
) {
  override get message(): string {
    return this.reason === "tooManyDecimals"
      ? `Cannot write ${this.value} in Chinese capitals: round it to 分 (two decimals) first`
      : `Cannot write ${this.value} in Chinese capitals: it is beyond 9999萬億`
  }
}

const digitCharacters = ["零", "壹", "貳", "叁", "肆", "伍", "陸", "柒", "捌", "玖"] as const
/** Units inside a four-digit group: ones, tens, hundreds, thousands. */
const groupUnitCharacters = ["", "拾", "佰", "仟"] as const
const limit = new Dec("1e16")

/** The integer part (a string of digits without leading zeros, not "0") in capitals. */
const integerInCapitals = (digits: string): string => {
  let text = ""
  let zeroPending = false
  const length = digits.length
  // Whether the four-digit group that `position` belongs to has a non-zero digit.
  const groupHasValue = (group: number): boolean => {
    const end = length - group * 4
    return /[1-9]/.test(digits.slice(Math.max(0, end - 4), Math.max(0, end)))
  }
  for (let index = 0; index < length; index++) {
    const position = length - 1 - index
    const digit = Number(digits[index])
    if (digit === 0) {
      if (text !== "") zeroPending = true
    } else {
      if (zeroPending) text += "零"
      zeroPending = false
      text += (digitCharacters[digit] ?? "") + (groupUnitCharacters[position % 4] ?? "")
    }
    if (position % 4 === 0 && position > 0) {
      const group = position / 4
      if (group === 2) {
        // 億 is written when its own group has a value, and also when only the 萬億 group
        // above does (壹萬億), so that 萬 is never read as the ten-thousands group.
        if (groupHasValue(2) || groupHasValue(3)) {
          text += "億"
          zeroPending = false
        }
      } else if (groupHasValue(group)) {
        text += "萬"
        zeroPending = false
      }
    }
  }
  return text
}

/**
 * Writes an amount of money in Chinese capitals, or says why it cannot.
 *
 * @example
 * ```ts
 * import { Dec, toChineseCapitalMoneyEither } from "@danju/core"
 *
 * toChineseCapitalMoneyEither(new Dec("1000.05")) // Right("壹仟元零伍分")
 * toChineseCapitalMoneyEither(new Dec("0.001")) // Left(ChineseCapitalMoneyUnsupported)
 * ```
 * @since 0.1.0
 */
export const toChineseCapitalMoneyEither = (
  amount: Decimal | Amount
): Either.Either<string, ChineseCapitalMoneyUnsupported> => {
  const value = Amount.isAmount(amount) ? amount.value : new Dec(amount)
  if (value.decimalPlaces() > 2) {
    return Either.left(new ChineseCapitalMoneyUnsupported({ value: decimalToString(value), reason: "tooManyDecimals" }))
  }
  if (value.abs().greaterThanOrEqualTo(limit)) {
    return Either.left(new ChineseCapitalMoneyUnsupported({ value: decimalToString(value), reason: "tooLarge" }))
  }
  const cents = decimalToString(value.abs().times(100))
  const yuanDigits = cents.length > 2 ? cents.slice(0, -2) : ""
  const jiao = Number(cents.length >= 2 ? cents[cents.length - 2] : "0")
  const fen = Number(cents[cents.length - 1])
  const sign = value.isNegative() && !value.isZero() ? "負" : ""

  if (yuanDigits === "" && jiao === 0 && fen === 0) return Either.right("零元整")
  let text = yuanDigits === "" ? "" : integerInCapitals(yuanDigits) + "元"
  if (jiao === 0 && fen === 0) return Either.right(sign + text + "整")
  if (jiao !== 0) text += digitCharacters[jiao] + "角"
  else if (text !== "") text += "零"
  if (fen !== 0) text += digitCharacters[fen] + "分"
  return Either.right(sign + text)
}

/**
 * Writes an amount of money in Chinese capitals (大寫金額) for a voucher, cheque or
 * receipt. The amount must already be rounded to 分 and be below 10^16 in magnitude;
 * otherwise this throws {@link ChineseCapitalMoneyUnsupported} as a defect (use
 * {@link toChineseCapitalMoneyEither} to handle it).
 *
 * @example
 * ```ts
 * import { Dec, toChineseCapitalMoney } from "@danju/core"
 *
 * toChineseCapitalMoney(new Dec("12345.67")) // "壹萬貳仟叁佰肆拾伍元陸角柒分"
 * toChineseCapitalMoney(new Dec("10.50")) // "壹拾元伍角"
 * toChineseCapitalMoney(new Dec("-100")) // "負壹佰元整"
 * ```
 * @since 0.1.0
 */
export const toChineseCapitalMoney = (amount: Decimal | Amount): string =>
  Either.getOrThrowWith(toChineseCapitalMoneyEither(amount), (error) => error)
