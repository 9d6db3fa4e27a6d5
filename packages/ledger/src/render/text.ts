import type { ReportCell, ReportTable } from "./table"
import { formatAmount, isDecimal } from "./format"

// Terminals print CJK ideographs, kana, hangul and full-width forms two columns wide.
// The ranges are the Wide and Fullwidth classes of Unicode's East Asian Width that
// Chinese reports meet; combining marks and zero-width characters take none.
const wideRanges: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x20000, 0x3fffd]
]

const widthOfCodePoint = (codePoint: number): number => {
  if (codePoint === 0 || (codePoint >= 0x300 && codePoint <= 0x36f) || codePoint === 0x200b || codePoint === 0xfeff) return 0
  for (const [low, high] of wideRanges) if (codePoint >= low && codePoint <= high) return 2
  return 1
}

/**
 * How many terminal columns a string takes: 2 per CJK ideograph or full-width form.
 *
 * @example
 * ```ts
 * import { displayWidth } from "@danju/ledger/render"
 *
 * displayWidth("庫存現金") // 8
 * displayWidth("1001") // 4
 * ```
 *
 * @since 0.1.0
 */
export const displayWidth = (text: string): number => {
  let width = 0
  for (const character of text) width += widthOfCodePoint(character.codePointAt(0)!)
  return width
}

const pad = (text: string, width: number, align: "left" | "right") => {
  const fill = " ".repeat(Math.max(0, width - displayWidth(text)))
  return align === "right" ? fill + text : text + fill
}

const cellText = (cell: ReportCell, scale: number): string =>
  cell === null ? "" : isDecimal(cell) ? formatAmount(cell, scale) : String(cell)

/**
 * A report table as aligned plain text for a terminal: title, subtitle, header, rule
 * and rows, amounts right-aligned, widths counted in terminal columns.
 *
 * @since 0.1.0
 */
export const renderText = (table: ReportTable): string => {
  const cells = table.rows.map((row) => row.map((cell) => cellText(cell, table.scale)))
  const widths = table.columns.map((column, index) =>
    Math.max(displayWidth(column.label), ...cells.map((row) => displayWidth(row[index] ?? ""))))
  const alignOf = (index: number) => (table.columns[index]!.type === "text" ? "left" : "right")
  const line = (values: ReadonlyArray<string>) =>
    values.map((value, index) => pad(value, widths[index]!, alignOf(index))).join("  ").trimEnd()
  return [
    table.title,
    ...table.subtitle,
    line(table.columns.map((column) => column.label)),
    widths.map((width) => "-".repeat(width)).join("  "),
    ...cells.map(line)
  ].join("\n") + "\n"
}
