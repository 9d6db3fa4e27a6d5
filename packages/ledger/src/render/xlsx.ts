import { strToU8, zipSync } from "fflate"
import type { Zippable } from "fflate"
import type { ReportCell, ReportTable } from "./table"
import { formatAmount, isDecimal } from "./format"
import { displayWidth } from "./text"

// A minimal SpreadsheetML (Office Open XML) workbook written by hand and zipped with
// fflate: one worksheet per table, inline strings (no shared-string table), numbers
// with a "#,##0.00"-style format per scale. Amounts are written as the exact decimal
// text; Excel reads them as numbers. An amount with more than 15 significant digits —
// beyond what Excel's binary numbers hold exactly — is written as text instead, so the
// file never shows a figure that differs from the books.

const mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
const relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
const packageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"
const xmlHeader = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

// Zip entries carry a fixed time (1980-01-01, the earliest a zip can say) so the same
// report always gives the same bytes.
const fixedTime = 315532800000

/** Characters XML 1.0 cannot hold at all (most C0 controls) are dropped. */
const escapeXml = (text: string): string =>
  text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll("\"", "&quot;")

/**
 * The column letters of a 0-based column index (0 → A, 26 → AA).
 *
 * @since 0.1.0
 */
export const columnLetters = (index: number): string => {
  let letters = ""
  let rest = index + 1
  while (rest > 0) {
    const remainder = (rest - 1) % 26
    letters = String.fromCharCode(65 + remainder) + letters
    rest = Math.floor((rest - 1) / 26)
  }
  return letters
}

const significantDigits = (text: string) => text.replace(/^-/, "").replace(".", "").replace(/^0+/, "").length

/** A worksheet name Excel accepts: at most 31 characters, none of []:*?/\, unique. */
const sheetNames = (tables: ReadonlyArray<ReportTable>): Array<string> => {
  const used = new Set<string>()
  return tables.map((table, index) => {
    const base = table.title.replace(/[[\]:*?/\\]/g, " ").trim().slice(0, 28) || `Sheet${index + 1}`
    let name = base
    for (let suffix = 2; used.has(name); suffix++) name = `${base} ${suffix}`
    used.add(name)
    return name
  })
}

const numberFormat = (scale: number) => (scale <= 0 ? "#,##0" : `#,##0.${"0".repeat(scale)}`)

/**
 * Report tables as an XLSX workbook (one sheet per table): title and subtitle rows, a
 * bold header row, amounts as numbers formatted with the table's scale.
 *
 * @example
 * ```ts
 * import { renderXlsx, reportTable } from "@danju/ledger/render"
 * import { writeFileSync } from "node:fs"
 *
 * writeFileSync("balances.xlsx", renderXlsx([reportTable(accountBalances)]))
 * ```
 *
 * @since 0.1.0
 */
export const renderXlsx = (tables: ReadonlyArray<ReportTable>): Uint8Array => {
  const scales = [...new Set(tables.map((table) => Math.max(0, table.scale)))]
  // Styles: 0 default, 1 bold, 2 integer, 3 + i amount of scales[i].
  const amountStyle = (scale: number) => 3 + scales.indexOf(Math.max(0, scale))
  const styles = `${xmlHeader}<styleSheet xmlns="${mainNamespace}">` +
    `<numFmts count="${scales.length}">${scales.map((scale, index) => `<numFmt numFmtId="${164 + index}" formatCode="${numberFormat(scale)}"/>`).join("")}</numFmts>` +
    `<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>` +
    `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
    `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
    `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
    `<cellXfs count="${3 + scales.length}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
    `<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
    `<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
    scales.map((_, index) => `<xf numFmtId="${164 + index}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`).join("") +
    `</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`

  const inline = (reference: string, text: string, style: number) =>
    `<c r="${reference}" t="inlineStr"${style === 0 ? "" : ` s="${style}"`}><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>`

  const cellXml = (reference: string, cell: ReportCell, scale: number): string => {
    if (cell === null) return ""
    if (isDecimal(cell)) {
      const text = formatAmount(cell, scale)
      return significantDigits(text) > 15 ? inline(reference, text, 0) : `<c r="${reference}" s="${amountStyle(scale)}"><v>${text}</v></c>`
    }
    if (typeof cell === "number") return `<c r="${reference}" s="2"><v>${cell}</v></c>`
    return inline(reference, cell, 0)
  }

  const sheetXml = (table: ReportTable): string => {
    const rows: Array<string> = []
    let rowNumber = 0
    for (const line of [table.title, ...table.subtitle]) {
      rowNumber++
      rows.push(`<row r="${rowNumber}">${inline(`A${rowNumber}`, line, rowNumber === 1 ? 1 : 0)}</row>`)
    }
    rowNumber++
    rows.push(`<row r="${rowNumber}">${table.columns.map((column, index) => inline(`${columnLetters(index)}${rowNumber}`, column.label, 1)).join("")}</row>`)
    for (const row of table.rows) {
      rowNumber++
      rows.push(`<row r="${rowNumber}">${row.map((cell, index) => cellXml(`${columnLetters(index)}${rowNumber}`, cell, table.scale)).join("")}</row>`)
    }
    const widths = table.columns.map((column, index) =>
      Math.min(60, Math.max(displayWidth(column.label), ...table.rows.map((row) => {
        const cell = row[index]
        return cell === null || cell === undefined ? 0 : displayWidth(isDecimal(cell) ? formatAmount(cell, table.scale) : String(cell))
      })) + 2))
    const columns = widths.map((width, index) => `<col min="${index + 1}" max="${index + 1}" width="${width}" customWidth="1"/>`).join("")
    return `${xmlHeader}<worksheet xmlns="${mainNamespace}"><cols>${columns}</cols><sheetData>${rows.join("")}</sheetData></worksheet>`
  }

  const names = sheetNames(tables)
  const files: Zippable = {
    "[Content_Types].xml": strToU8(
      `${xmlHeader}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
        `<Default Extension="xml" ContentType="application/xml"/>` +
        `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
        `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
        tables.map((_, index) => `<Override PartName="/xl/worksheets/sheet${index + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join("") +
        `</Types>`
    ),
    "_rels/.rels": strToU8(
      `${xmlHeader}<Relationships xmlns="${packageRelationships}"><Relationship Id="rId1" Type="${relationshipNamespace}/officeDocument" Target="xl/workbook.xml"/></Relationships>`
    ),
    "xl/workbook.xml": strToU8(
      `${xmlHeader}<workbook xmlns="${mainNamespace}" xmlns:r="${relationshipNamespace}"><sheets>` +
        names.map((name, index) => `<sheet name="${escapeXml(name)}" sheetId="${index + 1}" r:id="rId${index + 1}"/>`).join("") +
        `</sheets></workbook>`
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      `${xmlHeader}<Relationships xmlns="${packageRelationships}">` +
        tables.map((_, index) => `<Relationship Id="rId${index + 1}" Type="${relationshipNamespace}/worksheet" Target="worksheets/sheet${index + 1}.xml"/>`).join("") +
        `<Relationship Id="rId${tables.length + 1}" Type="${relationshipNamespace}/styles" Target="styles.xml"/></Relationships>`
    ),
    "xl/styles.xml": strToU8(styles)
  }
  tables.forEach((table, index) => {
    files[`xl/worksheets/sheet${index + 1}.xml`] = strToU8(sheetXml(table))
  })
  return zipSync(files, { level: 6, mtime: fixedTime })
}
