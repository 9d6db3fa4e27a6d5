// Proves the renderers: JSON carries every amount as a decimal string at the report's
// scale; CSV follows RFC 4180 (quoting, CRLF, UTF-8 byte-order mark) and reads back to
// the same cells; XLSX unzips to a workbook whose sheet holds the same cells, amounts as
// exact numbers; the terminal table aligns columns by display width with CJK text two
// columns wide.
import { assert, describe, it } from "@effect/vitest"
import { strFromU8, unzipSync } from "fflate"
import { Account } from "../../src/domain/Account"
import { buildAccountBalances } from "../../src/domain/reports/AccountBalances"
import { AccountCode } from "../../src/domain/ids"
import type { ReportTable } from "../../src/render/index"
import { columnLetters, displayWidth, parseCsv, renderCsv, renderJson, renderReport, renderText, renderXlsx, reportTable } from "../../src/render/index"
import { dec } from "../support"
import { accountSetOf, movement } from "./fixtures"

const account = (code: string, name: string, direction: "debit" | "credit", extras: Partial<ConstructorParameters<typeof Account>[0]> = {}) =>
  Account.make({
    code: AccountCode.make(code),
    name,
    parentCode: code.length > 4 ? AccountCode.make(code.slice(0, 4)) : null,
    level: code.length > 4 ? 2 : 1,
    category: code.startsWith("1") ? "asset" : "equity",
    direction,
    dimensionTypes: [],
    quantityUnit: null,
    foreignCurrency: null,
    revalue: false,
    isCash: false,
    isBank: false,
    disabled: false,
    leaf: true,
    ...extras
  })

const balances = buildAccountBalances(
  { accountSet: accountSetOf(), from: { fiscalYear: 2026, number: 1 }, to: { fiscalYear: 2026, number: 1 }, commodity: "CNY", includeUnposted: false },
  {
    accounts: [account("1001", "庫存現金", "debit"), account("4001", "伙食費", "credit")],
    dimensionValues: [],
    rows: [movement("1001", 0, "500", "0"), movement("4001", 0, "0", "500"), movement("1001", 1, "1234.5", "0"), movement("4001", 1, "0", "1234.5")]
  }
)

const tricky: ReportTable = {
  title: "測試表",
  subtitle: ["第一行"],
  columns: [{ label: "摘要", type: "text" }, { label: "金額", type: "amount" }, { label: "張數", type: "integer" }],
  rows: [
    ["買菜, 米麵", dec("1234.5"), 3],
    ["說 \"好\"\n第二行", dec("-0.05"), null],
    ["=HYPERLINK(\"x\")", dec("12345678901234567.89"), 0],
    [null, null, null]
  ],
  scale: 2
}

describe("report rendering", () => {
  it("JSON: amounts are decimal strings at the report's scale", () => {
    const json = JSON.parse(renderJson(balances))
    const cash = json.rows.find((row: { code: string }) => row.code === "1001")
    assert.strictEqual(cash.openingDebit, "500.00")
    assert.strictEqual(cash.periodDebit, "1234.50")
    assert.strictEqual(cash.closingDebit, "1734.50")
    assert.strictEqual(json.totals.closingCredit, "1734.50")
    assert.strictEqual(json.balanced, true)
    assert.strictEqual(renderReport(balances, "json"), renderJson(balances))
  })

  it("CSV: RFC 4180 quoting, CRLF and a byte-order mark, read back to the same cells", () => {
    const csv = renderCsv(tricky)
    assert.isTrue(csv.startsWith("\uFEFF摘要,金額,張數\r\n"))
    assert.include(csv, "\"買菜, 米麵\",1234.50,3\r\n")
    assert.include(csv, "\"說 \"\"好\"\"\n第二行\",-0.05,\r\n")
    assert.deepStrictEqual(parseCsv(csv), [
      ["摘要", "金額", "張數"],
      ["買菜, 米麵", "1234.50", "3"],
      ["說 \"好\"\n第二行", "-0.05", ""],
      ["'=HYPERLINK(\"x\")", "12345678901234567.89", "0"],
      ["", "", ""]
    ])
    assert.deepStrictEqual(parseCsv(renderCsv(tricky, { neutralizeFormulas: false, byteOrderMark: false }))[3]![0], "=HYPERLINK(\"x\")")
    // A whole report: header plus one row per account plus the totals row.
    const report = parseCsv(renderReport(balances, "csv"))
    assert.deepStrictEqual(report[0]!.slice(0, 3), ["科目編碼", "科目名稱", "期初借方"])
    assert.deepStrictEqual(report[1]!.slice(0, 3), ["1001", "庫存現金", "500.00"])
    assert.deepStrictEqual(report[3]!.slice(1, 3), ["合計", "500.00"])
  })

  it("XLSX: a zip of SpreadsheetML whose sheet holds the same cells", () => {
    const bytes = renderXlsx([tricky, reportTable(balances)])
    const files = unzipSync(bytes)
    for (const name of ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"]) {
      assert.isDefined(files[name], name)
    }
    const workbook = strFromU8(files["xl/workbook.xml"]!)
    assert.include(workbook, "<sheet name=\"測試表\" sheetId=\"1\"")
    assert.include(workbook, "<sheet name=\"科目余額表\" sheetId=\"2\"")
    const sheet = strFromU8(files["xl/worksheets/sheet1.xml"]!)
    const cells = new Map<string, string>()
    for (const match of sheet.matchAll(/<c r="([A-Z]+[0-9]+)"[^>]*>(?:<v>([^<]*)<\/v>|<is><t[^>]*>([^<]*)<\/t><\/is>)<\/c>/g)) {
      cells.set(match[1]!, match[2] ?? match[3]!)
    }
    assert.strictEqual(cells.get("A1"), "測試表")
    assert.strictEqual(cells.get("A3"), "摘要")
    assert.strictEqual(cells.get("A4"), "買菜, 米麵")
    assert.strictEqual(cells.get("B4"), "1234.50")
    assert.strictEqual(cells.get("C4"), "3")
    assert.strictEqual(cells.get("A5"), "說 &quot;好&quot;\n第二行")
    assert.strictEqual(cells.get("B5"), "-0.05")
    // More than 15 significant digits: kept exact as text, not rounded by a float.
    assert.match(sheet, /<c r="B6" t="inlineStr"><is><t xml:space="preserve">12345678901234567\.89<\/t><\/is><\/c>/)
    assert.isFalse(cells.has("A7"))
    assert.include(strFromU8(files["xl/styles.xml"]!), "formatCode=\"#,##0.00\"")
    // Deterministic: the same report gives the same bytes.
    assert.deepStrictEqual(renderXlsx([tricky, reportTable(balances)]), bytes)
    assert.strictEqual(columnLetters(0), "A")
    assert.strictEqual(columnLetters(26), "AA")
    assert.instanceOf(renderReport(balances, "xlsx"), Uint8Array)
  })

  it("terminal table: columns align by display width, CJK characters two columns wide", () => {
    assert.strictEqual(displayWidth("庫存現金"), 8)
    assert.strictEqual(displayWidth("1001 ab"), 7)
    assert.strictEqual(displayWidth("（全角）"), 8)
    const text = renderText(reportTable(balances))
    const lines = text.trimEnd().split("\n")
    assert.strictEqual(lines[0], "科目余額表")
    const header = lines.find((line) => line.startsWith("科目編碼"))!
    const rule = lines[lines.indexOf(header) + 1]!
    const cash = lines.find((line) => line.startsWith("1001"))!
    const total = lines.find((line) => line.includes("合計"))!
    // Right-aligned amounts end in the same terminal column on every line.
    const amountEnd = (line: string, value: string) => displayWidth(line.slice(0, line.indexOf(value) + value.length))
    assert.strictEqual(amountEnd(cash, "500.00"), amountEnd(total, "500.00"))
    assert.strictEqual(displayWidth(cash.slice(0, cash.indexOf("500.00") + 6)), displayWidth(rule.split("  ").slice(0, 3).join("  ")))
    assert.strictEqual(renderReport(balances, "table"), text)
  })
})
