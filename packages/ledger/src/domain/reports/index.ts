/**
 * The ledger's reports as pure builders, `(spec, snapshot) => report`: account balance
 * table, general ledger, detail ledger, cash and bank journals, voucher list and print
 * data, the mess monthly statement, and financial statements from report formulas.
 * `LedgerReports` (ReportService) reads the snapshots; `@danju/ledger/render` prints
 * the reports as JSON, CSV, XLSX or a terminal table.
 *
 * @since 0.1.0
 */
export * from "./AccountBalances"
export type { BalanceSide, Figures, ReportBalance, ReportDimension, ReportHeader, ReportPeriod, ReportRangeSpec } from "./common"
export { balanceOf, balanceSideLabel, computeFigures, onDirection, periodsBetween, reportPeriods, rollUpFigures, splitSigned } from "./common"
export * from "./DetailLedger"
export * from "./FinancialStatements"
export * from "./Formula"
export * from "./GeneralLedger"
export * from "./Journal"
export * from "./MessStatement"
export * from "./StatementTemplates"
export * from "./VoucherReports"
