import { Decimal } from "decimal.js"
import { decimalToString } from "@danju/core"

/**
 * True for a decimal.js value of any clone (Danju's `Dec` included).
 *
 * @since 0.1.0
 */
export const isDecimal = (value: unknown): value is Decimal => Decimal.isDecimal(value)

/**
 * A decimal as plain text with at least `scale` digits after the point: `"1234.5"` at
 * scale 2 is `"1234.50"`. Never rounds — digits beyond the scale are kept — so the text
 * is always the exact value.
 *
 * @since 0.1.0
 */
export const formatAmount = (value: Decimal, scale: number): string => {
  const text = decimalToString(value)
  if (scale <= 0) return text
  const point = text.indexOf(".")
  if (point === -1) return `${text}.${"0".repeat(scale)}`
  const digits = text.length - point - 1
  return digits >= scale ? text : text + "0".repeat(scale - digits)
}
