import type { ReportCell, ReportTable } from "./table"
import { formatAmount, isDecimal } from "./format"

/**
 * Options of {@link renderCsv}.
 *
 * @since 0.1.0
 */
export interface CsvOptions {
  /** Starts with a UTF-8 byte-order mark so Excel reads the Chinese text right (default true). */
  readonly byteOrderMark?: boolean
  /** Prints the title and subtitle lines above the header (default false: one rectangular table). */
  readonly titleLines?: boolean
  /**
   * Prefixes text cells that start with `=`, `+`, `-`, `@`, tab or carriage return with
   * an apostrophe, so a spreadsheet does not run a summary as a formula (default true).
   * Amounts are never touched.
   */
  readonly neutralizeFormulas?: boolean
}

const needsQuotes = /[",\r\n]/

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, with
 * quotes doubled.
 *
 * @since 0.1.0
 */
export const csvField = (value: string): string => (needsQuotes.test(value) ? `"${value.replaceAll("\"", "\"\"")}"` : value)

const cellText = (cell: ReportCell, scale: number, neutralize: boolean): string => {
  if (cell === null) return ""
  if (isDecimal(cell)) return formatAmount(cell, scale)
  if (typeof cell === "number") return String(cell)
  return neutralize && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell
}

/**
 * A report table as CSV text (RFC 4180: CRLF line ends, quoted fields where needed),
 * amounts as plain decimal strings at the table's scale, UTF-8 with a byte-order mark
 * for Excel.
 *
 * @example
 * ```ts
 * import { renderCsv, reportTable } from "@danju/ledger/render"
 *
 * const csv = renderCsv(reportTable(accountBalances)) // "\uFEFF科目編碼,科目名稱,期初借方,…\r\n1001,庫存現金,500.00,…"
 * ```
 *
 * @since 0.1.0
 */
export const renderCsv = (table: ReportTable, options: CsvOptions = {}): string => {
  const neutralize = options.neutralizeFormulas !== false
  const width = table.columns.length
  const lines: Array<string> = []
  if (options.titleLines === true) {
    for (const line of [table.title, ...table.subtitle]) lines.push([csvField(line), ...Array<string>(width - 1).fill("")].join(","))
  }
  lines.push(table.columns.map((column) => csvField(column.label)).join(","))
  for (const row of table.rows) lines.push(row.map((cell) => csvField(cellText(cell, table.scale, neutralize))).join(","))
  return `${options.byteOrderMark === false ? "" : "\uFEFF"}${lines.join("\r\n")}\r\n`
}

/**
 * Parses CSV text written by {@link renderCsv} (or any RFC 4180 text) into rows of
 * fields; a leading byte-order mark is skipped. For tests and round trips.
 *
 * @since 0.1.0
 */
export const parseCsv = (input: string): Array<Array<string>> => {
  const text = input.startsWith("\uFEFF") ? input.slice(1) : input
  const rows: Array<Array<string>> = []
  let row: Array<string> = []
  let field = ""
  let index = 0
  let quoted = false
  while (index < text.length) {
    const character = text[index]!
    if (quoted) {
      if (character === "\"" && text[index + 1] === "\"") {
        field += "\""
        index += 2
        continue
      }
      if (character === "\"") quoted = false
      else field += character
      index++
      continue
    }
    if (character === "\"") quoted = true
    else if (character === ",") {
      row.push(field)
      field = ""
    } else if (character === "\r" && text[index + 1] === "\n") {
      row.push(field)
      rows.push(row)
      row = []
      field = ""
      index++
    } else field += character
    index++
  }
  if (field !== "" || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows
}
