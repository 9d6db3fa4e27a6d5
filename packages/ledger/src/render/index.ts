/**
 * `@danju/ledger/render`: prints ledger reports as JSON (decimal strings), CSV (RFC
 * 4180, UTF-8 with a byte-order mark for Excel), XLSX, or an aligned plain-text table
 * for terminals (CJK characters counted two columns wide). Rendering is separate from
 * building: reports are plain values, these functions only print them.
 *
 * @example
 * ```ts
 * import { renderReport } from "@danju/ledger/render"
 *
 * const csv = renderReport(accountBalances, "csv")      // string
 * const workbook = renderReport(accountBalances, "xlsx") // Uint8Array
 * ```
 *
 * @since 0.1.0
 */
import { renderCsv } from "./csv"
import { renderJson } from "./json"
import type { RenderableReport } from "./table"
import { reportTable } from "./table"
import { renderText } from "./text"
import { renderXlsx } from "./xlsx"

export * from "./csv"
export * from "./format"
export * from "./json"
export * from "./table"
export * from "./text"
export * from "./xlsx"

/**
 * The output formats of {@link renderReport}.
 *
 * @since 0.1.0
 */
export type ReportFormat = "json" | "csv" | "xlsx" | "table"

/**
 * Renders a report in one of the four formats: text for `json`, `csv` and `table`,
 * bytes for `xlsx`.
 *
 * @since 0.1.0
 */
export function renderReport(report: RenderableReport, format: "xlsx"): Uint8Array
export function renderReport(report: RenderableReport, format: "json" | "csv" | "table"): string
export function renderReport(report: RenderableReport, format: ReportFormat): string | Uint8Array
export function renderReport(report: RenderableReport, format: ReportFormat): string | Uint8Array {
  switch (format) {
    case "json":
      return renderJson(report)
    case "csv":
      return renderCsv(reportTable(report))
    case "xlsx":
      return renderXlsx([reportTable(report)])
    case "table":
      return renderText(reportTable(report))
  }
}
