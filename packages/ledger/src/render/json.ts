import { formatAmount, isDecimal } from "./format"

/**
 * The JSON form of a report: every decimal becomes a decimal string with the report's
 * scale (`"0.00"`), never a JSON number, so no reader loses a cent to binary floats.
 * Everything else is copied as is.
 *
 * @example
 * ```ts
 * import { reportToJson } from "@danju/ledger/render"
 *
 * JSON.stringify(reportToJson(trialBalance)) // {"rows":[{"closingDebit":"2500.00", …}]}
 * ```
 *
 * @since 0.1.0
 */
export const reportToJson = (report: unknown, scale?: number): unknown => {
  const reportScale = scale ?? (typeof report === "object" && report !== null && typeof (report as { scale?: unknown }).scale === "number"
    ? (report as { scale: number }).scale
    : 0)
  const convert = (value: unknown): unknown => {
    if (isDecimal(value)) return formatAmount(value, reportScale)
    if (Array.isArray(value)) return value.map(convert)
    if (typeof value === "object" && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, convert(entry)]))
    }
    return value
  }
  return convert(report)
}

/**
 * The JSON text of a report (see {@link reportToJson}), indented by two spaces.
 *
 * @since 0.1.0
 */
export const renderJson = (report: unknown): string => JSON.stringify(reportToJson(report), null, 2)
