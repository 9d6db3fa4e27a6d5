import type { Decimal } from "decimal.js"
import type { AccountBalances } from "../domain/reports/AccountBalances"
import type { ReportBalance, ReportHeader } from "../domain/reports/common"
import { balanceSideLabel } from "../domain/reports/common"
import type { LedgerRow } from "../domain/reports/DetailLedger"
import type { FinancialStatement } from "../domain/reports/FinancialStatements"
import type { GeneralLedger } from "../domain/reports/GeneralLedger"
import type { Journal } from "../domain/reports/Journal"
import type { MessMonthlyStatement } from "../domain/reports/MessStatement"
import type { VoucherList, VoucherPrintData } from "../domain/reports/VoucherReports"
import type { TrialBalance } from "../domain/TrialBalance"
import type { VoucherStatus } from "../domain/VoucherLifecycle"

/**
 * A cell of a report table: text, an amount, a whole number, or empty.
 *
 * @since 0.1.0
 */
export type ReportCell = string | Decimal | number | null

/**
 * A column of a report table.
 *
 * @since 0.1.0
 */
export interface ReportColumn {
  readonly label: string
  readonly type: "text" | "amount" | "integer"
}

/**
 * A report as one rectangular table: what CSV, XLSX and the terminal renderer print.
 *
 * @since 0.1.0
 */
export interface ReportTable {
  readonly title: string
  /** Lines printed above the table (account set, range, closed marker). */
  readonly subtitle: ReadonlyArray<string>
  readonly columns: ReadonlyArray<ReportColumn>
  readonly rows: ReadonlyArray<ReadonlyArray<ReportCell>>
  /** Digits after the point of amounts. */
  readonly scale: number
}

/**
 * Every report the renderers know, told apart by `report`.
 *
 * @since 0.1.0
 */
export type RenderableReport =
  | AccountBalances
  | GeneralLedger
  | (Omit<import("../domain/reports/DetailLedger").DetailLedgerPage, "state" | "after">)
  | Journal
  | VoucherList
  | VoucherPrintData
  | ReadonlyArray<VoucherPrintData>
  | MessMonthlyStatement
  | FinancialStatement
  | (TrialBalance & { readonly report?: undefined })

const text = (label: string): ReportColumn => ({ label, type: "text" })
const amount = (label: string): ReportColumn => ({ label, type: "amount" })
const integer = (label: string): ReportColumn => ({ label, type: "integer" })

const statusLabel: Readonly<Record<VoucherStatus, string>> = { draft: "未審核", audited: "已審核", posted: "已過賬" }

const rangeLine = (header: Pick<ReportHeader, "accountSet" | "accountSetName" | "from" | "to" | "commodity">) =>
  `${header.accountSetName}（${header.accountSet}）  ${header.from === header.to ? header.from : `${header.from} 至 ${header.to}`}  ${header.commodity}`

const closedLine = (header: Pick<ReportHeader, "periods" | "includeUnposted">): Array<string> => {
  const closed = header.periods.filter((period) => period.closed).map((period) => period.period)
  return [
    ...(closed.length === 0 ? [] : [`已結賬期間：${closed.join("、")}`]),
    ...(header.includeUnposted ? ["含未過賬憑證"] : [])
  ]
}

const balanceCells = (balance: ReportBalance): [string, Decimal] => [balanceSideLabel[balance.side], balance.amount]

const ledgerRowCells = (row: LedgerRow): Array<ReportCell> => {
  switch (row.kind) {
    case "opening":
      return [row.period, null, null, row.summary, null, null, ...balanceCells(row.balance), null]
    case "line":
      return [row.period, row.date, row.voucher, row.summary, row.debit, row.credit, ...balanceCells(row.balance), row.closed ? "已結賬" : row.status === "posted" ? null : statusLabel[row.status]]
    case "dayTotal":
      return [row.period, row.date, null, row.summary, row.debit, row.credit, ...balanceCells(row.balance), null]
    case "periodTotal":
    case "yearTotal":
      return [row.period, null, null, row.summary, row.debit, row.credit, ...balanceCells(row.balance), row.closed ? "已結賬" : null]
  }
}

const ledgerColumns = [text("期間"), text("日期"), text("憑證字號"), text("摘要"), amount("借方"), amount("貸方"), text("方向"), amount("余額"), text("狀態")]

/**
 * The table of a report, for CSV, XLSX and terminal output.
 *
 * @since 0.1.0
 */
export const reportTable = (report: RenderableReport): ReportTable => {
  if (Array.isArray(report)) return voucherPrintTable(report as ReadonlyArray<VoucherPrintData>)
  const single = report as Exclude<RenderableReport, ReadonlyArray<VoucherPrintData>>
  switch (single.report) {
    case "accountBalances":
      return {
        title: "科目余額表",
        subtitle: [rangeLine(single), ...closedLine(single)],
        columns: [text("科目編碼"), text("科目名稱"), amount("期初借方"), amount("期初貸方"), amount("本期借方"), amount("本期貸方"), amount("本年累計借方"), amount("本年累計貸方"), amount("期末借方"), amount("期末貸方")],
        rows: [
          ...single.rows.map((row): Array<ReportCell> => [
            row.code,
            row.kind === "dimension" ? `  ${row.dimensions.map((dimension) => dimension.name).join("/")}` : `${"  ".repeat(row.level - 1)}${row.name}`,
            row.openingDebit,
            row.openingCredit,
            row.periodDebit,
            row.periodCredit,
            row.yearToDateDebit,
            row.yearToDateCredit,
            row.closingDebit,
            row.closingCredit
          ]),
          [null, "合計", single.totals.openingDebit, single.totals.openingCredit, single.totals.periodDebit, single.totals.periodCredit, single.totals.yearToDateDebit, single.totals.yearToDateCredit, single.totals.closingDebit, single.totals.closingCredit]
        ],
        scale: single.scale
      }
    case "generalLedger":
      return {
        title: "總分類賬",
        subtitle: [rangeLine(single), ...closedLine(single)],
        columns: [text("科目編碼"), text("科目名稱"), text("期間"), text("摘要"), amount("借方"), amount("貸方"), text("方向"), amount("余額"), text("狀態")],
        rows: single.accounts.flatMap((account) => [
          [account.code, account.name, single.from, "期初余額", null, null, ...balanceCells(account.opening), null],
          ...account.periods.flatMap((period): Array<Array<ReportCell>> => [
            [account.code, account.name, period.period, "本期合計", period.debit, period.credit, ...balanceCells(period.balance), period.closed ? "已結賬" : null],
            [account.code, account.name, period.period, "本年累計", period.yearToDateDebit, period.yearToDateCredit, ...balanceCells(period.balance), period.closed ? "已結賬" : null]
          ])
        ]),
        scale: single.scale
      }
    case "detailLedger":
      return {
        title: "明細分類賬",
        subtitle: [`${single.account.code} ${single.account.path.join("—")}${single.dimensionKey === null ? "" : `  ${single.dimensionKey}`}`, rangeLine(single), ...closedLine(single)],
        columns: ledgerColumns,
        rows: single.rows.map(ledgerRowCells),
        scale: single.scale
      }
    case "cashJournal":
    case "bankJournal":
      return {
        title: single.report === "cashJournal" ? "現金日記賬" : "銀行存款日記賬",
        subtitle: [rangeLine(single), ...closedLine(single)],
        columns: [text("科目編碼"), text("科目名稱"), ...ledgerColumns],
        rows: single.accounts.flatMap((account) => account.rows.map((row): Array<ReportCell> => [account.code, account.name, ...ledgerRowCells(row)])),
        scale: single.scale
      }
    case "voucherList":
      return {
        title: "憑證列表",
        subtitle: [`${single.accountSetName}（${single.accountSet}）  ${single.commodity}`],
        columns: [text("期間"), text("日期"), text("憑證字號"), text("摘要"), amount("借方金額"), amount("貸方金額"), integer("附件數"), text("狀態"), text("制單"), text("審核"), text("過賬"), text("結賬")],
        rows: [
          ...single.rows.map((row): Array<ReportCell> => [
            row.period,
            row.date,
            row.voucher,
            row.summary,
            row.debit,
            row.credit,
            row.attachments,
            statusLabel[row.status],
            row.makerId,
            row.auditorId,
            row.posterId,
            row.closed ? "已結賬" : null
          ]),
          [null, null, null, "合計", single.totals.debit, single.totals.credit, null, null, null, null, null, null]
        ],
        scale: single.scale
      }
    case "voucherPrint":
      return voucherPrintTable([single])
    case "messMonthlyStatement":
      return messStatementTable(single)
    case "balanceSheet":
    case "incomeStatement":
    case "statement":
      return {
        title: single.name,
        subtitle: [rangeLine(single), ...closedLine(single), ...(single.balanced === false ? ["不平衡：資產總計 ≠ 負債和所有者權益總計"] : [])],
        columns: [text("項目"), ...single.columns.map((column) => amount(column.label))],
        rows: single.rows.map((row): Array<ReportCell> => [`${"  ".repeat(row.indent)}${row.label}`, ...single.columns.map((column) => row.values[column.id] ?? null)]),
        scale: single.scale
      }
    case undefined:
      return {
        title: "試算平衡表",
        subtitle: [`${single.accountSet}  ${single.commodity}  ${single.balanced ? "平衡" : "不平衡"}`],
        columns: [text("科目編碼"), text("科目名稱"), amount("期初借方"), amount("期初貸方"), amount("本期借方"), amount("本期貸方"), amount("期末借方"), amount("期末貸方")],
        rows: [
          ...single.rows.map((row): Array<ReportCell> => [row.code, `${"  ".repeat(row.level - 1)}${row.name}`, row.openingDebit, row.openingCredit, row.periodDebit, row.periodCredit, row.closingDebit, row.closingCredit]),
          [null, "合計", single.totals.openingDebit, single.totals.openingCredit, single.totals.periodDebit, single.totals.periodCredit, single.totals.closingDebit, single.totals.closingCredit]
        ],
        scale: 2
      }
  }
}

const voucherPrintTable = (vouchers: ReadonlyArray<VoucherPrintData>): ReportTable => ({
  title: vouchers.length === 1 ? vouchers[0]!.title : "記賬憑證",
  subtitle: vouchers.length === 0 ? [] : [`${vouchers[0]!.accountSetName}（${vouchers[0]!.accountSet}）`],
  columns: [text("憑證字號"), text("日期"), text("摘要"), text("會計科目"), amount("借方金額"), amount("貸方金額")],
  rows: vouchers.flatMap((voucher) => [
    ...voucher.lines.map((line): Array<ReportCell> => [
      voucher.voucher,
      voucher.date,
      line.summary,
      `${line.accountCode} ${line.accountName}${line.dimensions.length === 0 ? "" : ` [${line.dimensions.map((dimension) => dimension.name).join("/")}]`}`,
      line.debit.isZero() ? null : line.debit,
      line.credit.isZero() ? null : line.credit
    ]),
    [voucher.voucher, voucher.date, `合計：${voucher.amountInWords ?? ""}`, `附件 ${voucher.attachments} 張`, voucher.totalDebit, voucher.totalCredit]
  ]),
  scale: vouchers[0]?.scale ?? 2
})

const messStatementTable = (statement: MessMonthlyStatement): ReportTable => {
  const [year, month] = statement.period.split("-")
  return {
    title: "伙食公布表",
    subtitle: [`${statement.accountSetName}  ${year}年${Number(month)}月${statement.closed ? "（已結賬）" : ""}`],
    columns: [text("項目"), amount("金額"), text("說明")],
    rows: [
      ["上月結余", statement.opening, null],
      ["本月收入", statement.income.total, null],
      ...statement.income.groups.map((group): Array<ReportCell> => [`  ${group.label}`, group.amount, `${group.lines.length} 筆`]),
      ["本月支出", statement.expenditure.total, null],
      ...statement.expenditure.groups.map((group): Array<ReportCell> => [`  ${group.label}`, group.amount, `${group.lines.length} 筆`]),
      ["本月結余", statement.closing, statement.reconciled ? "現金 + 銀行存款 = 結余" : "現金 + 銀行存款 ≠ 結余"],
      ["  其中：庫存現金", statement.cashOnHand, null],
      ["  銀行存款", statement.bankDeposits, null]
    ],
    scale: statement.scale
  }
}
