import type { StatementColumn, StatementLine, StatementTemplate } from "./FinancialStatements"

// Default statement templates for the two company charts. They carry the main lines of
// the published formats (小企業會計準則 會小企01表/02表; 企業會計準則 一般企業 資產負債表/
// 利潤表), not every sub-line, and are written so that every level-1 account of the
// chart lands in exactly one line with its sign: the balance sheet therefore balances
// whenever the books do (proved per account by the statement tests).
//
// Balance-sheet lines read closing balances on the account's own direction, contra
// accounts (累計折舊, 壞賬準備 …) subtracted. 未分配利潤 also takes the balances still
// standing on profit-and-loss accounts (CAT(..., "credit")), so the sheet balances
// before the P&L carry-forward as well as after it.
//
// Income-statement lines read one side of the P&L accounts — revenue their credits,
// expenses their debits — because the carry-forward voucher (結轉損益) posts the
// opposite side and would cancel a net figure. Corrections must therefore be red ink on
// the original side (會計基礎工作規範 第五十一條), which is how Danju reverses vouchers.

const acct = (code: string, kind = "closing") => `ACCT("${code}", "${kind}")`
const plus = (...codes: ReadonlyArray<string>) => codes.map((code) => acct(code)).join(" + ")
const side = (codes: ReadonlyArray<string>, kind: "debit" | "credit") => codes.map((code) => acct(code, kind)).join(" + ")
const lines = (...ids: ReadonlyArray<string>) => ids.map((id) => `LINE("${id}")`).join(" + ")
const heading = (id: string, label: string): StatementLine => ({ id, label, formula: null })
const line = (id: string, label: string, formula: string, indent = 1): StatementLine => ({ id, label, formula, indent })

const balanceSheetColumns: ReadonlyArray<StatementColumn> = [
  { id: "closing", label: "期末余額", basis: "asIs" },
  { id: "yearOpening", label: "年初余額", basis: "yearOpening" }
]

const incomeStatementColumns: ReadonlyArray<StatementColumn> = [
  { id: "period", label: "本期金額", basis: "asIs" },
  { id: "yearToDate", label: "本年累計金額", basis: "yearToDate" }
]

const undistributedProfit = (currentYearProfit: string, profitDistribution: string) =>
  `${acct(currentYearProfit)} + ${acct(profitDistribution)} + CAT("profitAndLoss", "closing", "credit")`

/**
 * 資產負債表 of the small-enterprise chart (小企業會計準則, 會小企01表), main lines.
 *
 * @since 0.1.0
 */
export const smallEnterpriseBalanceSheet: StatementTemplate = {
  id: "smallEnterprise.balanceSheet",
  name: "資產負債表",
  kind: "balanceSheet",
  columns: balanceSheetColumns,
  lines: [
    heading("currentAssetsHeading", "流動資產："),
    line("cash", "貨幣資金", plus("1001", "1002", "1012")),
    line("shortTermInvestments", "短期投資", plus("1101")),
    line("notesReceivable", "應收票據", plus("1121")),
    line("accountsReceivable", "應收賬款", plus("1122")),
    line("prepayments", "預付賬款", plus("1123")),
    line("dividendsReceivable", "應收股利", plus("1131")),
    line("interestReceivable", "應收利息", plus("1132")),
    line("otherReceivables", "其他應收款", plus("1221")),
    line("inventories", "存貨", `${plus("1401", "1402", "1403", "1404", "1405", "1408", "1411", "1421", "4001", "4101", "4401", "4403")} - ${acct("1407")}`),
    line("otherCurrentAssets", "其他流動資產", plus("1901")),
    line("currentAssets", "流動資產合計", lines("cash", "shortTermInvestments", "notesReceivable", "accountsReceivable", "prepayments", "dividendsReceivable", "interestReceivable", "otherReceivables", "inventories", "otherCurrentAssets"), 0),
    heading("nonCurrentAssetsHeading", "非流動資產："),
    line("longTermBondInvestments", "長期債券投資", plus("1501")),
    line("longTermEquityInvestments", "長期股權投資", plus("1511")),
    line("fixedAssetsCost", "固定資產原價", plus("1601")),
    line("accumulatedDepreciation", "減：累計折舊", plus("1602")),
    line("fixedAssetsNet", "固定資產賬面價值", `LINE("fixedAssetsCost") - LINE("accumulatedDepreciation")`),
    line("constructionInProgress", "在建工程", plus("1604")),
    line("constructionMaterials", "工程物資", plus("1605")),
    line("fixedAssetsDisposal", "固定資產清理", plus("1606")),
    line("biologicalAssets", "生產性生物資產", `${acct("1621")} - ${acct("1622")}`),
    line("intangibleAssets", "無形資產", `${acct("1701")} - ${acct("1702")}`),
    line("developmentExpenditure", "開發支出", plus("4301")),
    line("longTermPrepaidExpenses", "長期待攤費用", plus("1801")),
    line("nonCurrentAssets", "非流動資產合計", lines("longTermBondInvestments", "longTermEquityInvestments", "fixedAssetsNet", "constructionInProgress", "constructionMaterials", "fixedAssetsDisposal", "biologicalAssets", "intangibleAssets", "developmentExpenditure", "longTermPrepaidExpenses"), 0),
    line("totalAssets", "資產總計", lines("currentAssets", "nonCurrentAssets"), 0),
    heading("currentLiabilitiesHeading", "流動負債："),
    line("shortTermBorrowings", "短期借款", plus("2001")),
    line("notesPayable", "應付票據", plus("2201")),
    line("accountsPayable", "應付賬款", plus("2202")),
    line("advancesFromCustomers", "預收賬款", plus("2203")),
    line("employeeBenefitsPayable", "應付職工薪酬", plus("2211")),
    line("taxesPayable", "應交稅費", plus("2221")),
    line("interestPayable", "應付利息", plus("2231")),
    line("profitPayable", "應付利潤", plus("2232")),
    line("otherPayables", "其他應付款", plus("2241")),
    line("currentLiabilities", "流動負債合計", lines("shortTermBorrowings", "notesPayable", "accountsPayable", "advancesFromCustomers", "employeeBenefitsPayable", "taxesPayable", "interestPayable", "profitPayable", "otherPayables"), 0),
    heading("nonCurrentLiabilitiesHeading", "非流動負債："),
    line("longTermBorrowings", "長期借款", plus("2501")),
    line("longTermPayables", "長期應付款", plus("2701")),
    line("deferredIncome", "遞延收益", plus("2401")),
    line("nonCurrentLiabilities", "非流動負債合計", lines("longTermBorrowings", "longTermPayables", "deferredIncome"), 0),
    line("totalLiabilities", "負債合計", lines("currentLiabilities", "nonCurrentLiabilities"), 0),
    heading("equityHeading", "所有者權益（或股東權益）："),
    line("paidInCapital", "實收資本（或股本）", plus("3001")),
    line("capitalReserve", "資本公積", plus("3002")),
    line("surplusReserve", "盈餘公積", plus("3101")),
    line("undistributedProfit", "未分配利潤", undistributedProfit("3103", "3104")),
    line("totalEquity", "所有者權益（或股東權益）合計", lines("paidInCapital", "capitalReserve", "surplusReserve", "undistributedProfit"), 0),
    line("totalLiabilitiesAndEquity", "負債和所有者權益（或股東權益）總計", lines("totalLiabilities", "totalEquity"), 0)
  ],
  check: { left: "totalAssets", right: "totalLiabilitiesAndEquity" }
}

/**
 * 利潤表 of the small-enterprise chart (會小企02表), main lines.
 *
 * @since 0.1.0
 */
export const smallEnterpriseIncomeStatement: StatementTemplate = {
  id: "smallEnterprise.incomeStatement",
  name: "利潤表",
  kind: "incomeStatement",
  columns: incomeStatementColumns,
  lines: [
    line("revenue", "一、營業收入", side(["5001", "5051"], "credit"), 0),
    line("costOfSales", "減：營業成本", side(["5401", "5402"], "debit")),
    line("taxesAndSurcharges", "稅金及附加", side(["5403"], "debit")),
    line("sellingExpenses", "銷售費用", side(["5601"], "debit")),
    line("administrativeExpenses", "管理費用", side(["5602"], "debit")),
    line("financialExpenses", "財務費用", side(["5603"], "debit")),
    line("investmentIncome", "加：投資收益", side(["5111"], "credit")),
    line(
      "operatingProfit",
      "二、營業利潤",
      `LINE("revenue") - LINE("costOfSales") - LINE("taxesAndSurcharges") - LINE("sellingExpenses") - LINE("administrativeExpenses") - LINE("financialExpenses") + LINE("investmentIncome")`,
      0
    ),
    line("nonOperatingIncome", "加：營業外收入", side(["5301"], "credit")),
    line("nonOperatingExpenses", "減：營業外支出", side(["5711"], "debit")),
    line("totalProfit", "三、利潤總額", `LINE("operatingProfit") + LINE("nonOperatingIncome") - LINE("nonOperatingExpenses")`, 0),
    line("incomeTaxExpense", "減：所得稅費用", side(["5801"], "debit")),
    line("netProfit", "四、淨利潤", `LINE("totalProfit") - LINE("incomeTaxExpense")`, 0)
  ]
}

/**
 * 資產負債表 of the enterprise chart (企業會計準則, 一般企業), main lines.
 *
 * @since 0.1.0
 */
export const enterpriseBalanceSheet: StatementTemplate = {
  id: "enterprise.balanceSheet",
  name: "資產負債表",
  kind: "balanceSheet",
  columns: balanceSheetColumns,
  lines: [
    heading("currentAssetsHeading", "流動資產："),
    line("cash", "貨幣資金", plus("1001", "1002", "1012")),
    line("tradingFinancialAssets", "交易性金融資產", plus("1101")),
    line("notesReceivable", "應收票據", plus("1121")),
    line("accountsReceivable", "應收賬款", `${acct("1122")} - ${acct("1231")}`),
    line("prepayments", "預付款項", plus("1123")),
    line("otherReceivables", "其他應收款", plus("1131", "1132", "1221")),
    line(
      "inventories",
      "存貨",
      `${plus("1401", "1402", "1403", "1404", "1405", "1406", "1408", "1411", "1421", "5001", "5101", "5201", "5401", "5403")} - ${acct("1407")} - ${acct("1471")} - ${acct("5402")}`
    ),
    line(
      "otherCurrentAssets",
      "其他流動資產",
      `${plus("1321", "1901")} + ${["3001", "3002", "3101", "3201", "3202"].map((code) => `ACCT("${code}", "closing", "debit")`).join(" + ")}`
    ),
    line("currentAssets", "流動資產合計", lines("cash", "tradingFinancialAssets", "notesReceivable", "accountsReceivable", "prepayments", "otherReceivables", "inventories", "otherCurrentAssets"), 0),
    heading("nonCurrentAssetsHeading", "非流動資產："),
    line("heldToMaturityInvestments", "持有至到期投資", `${acct("1501")} - ${acct("1502")}`),
    line("availableForSaleAssets", "可供出售金融資產", plus("1503")),
    line("longTermReceivables", "長期應收款", `${acct("1531")} - ${acct("1532")}`),
    line("longTermEquityInvestments", "長期股權投資", `${acct("1511")} - ${acct("1512")}`),
    line("investmentProperty", "投資性房地產", plus("1521")),
    line("fixedAssets", "固定資產", `${plus("1601", "1606")} - ${acct("1602")} - ${acct("1603")}`),
    line("constructionInProgress", "在建工程", plus("1604", "1605")),
    line("biologicalAssets", "生產性生物資產", `${acct("1621")} - ${acct("1622")}`),
    line("oilAndGasAssets", "油氣資產", `${acct("1631")} - ${acct("1632")}`),
    line("intangibleAssets", "無形資產", `${acct("1701")} - ${acct("1702")} - ${acct("1703")}`),
    line("developmentExpenditure", "開發支出", plus("5301")),
    line("goodwill", "商譽", plus("1711")),
    line("longTermPrepaidExpenses", "長期待攤費用", plus("1801")),
    line("deferredTaxAssets", "遞延所得稅資產", plus("1811")),
    line("otherNonCurrentAssets", "其他非流動資產", plus("1623")),
    line(
      "nonCurrentAssets",
      "非流動資產合計",
      lines("heldToMaturityInvestments", "availableForSaleAssets", "longTermReceivables", "longTermEquityInvestments", "investmentProperty", "fixedAssets", "constructionInProgress", "biologicalAssets", "oilAndGasAssets", "intangibleAssets", "developmentExpenditure", "goodwill", "longTermPrepaidExpenses", "deferredTaxAssets", "otherNonCurrentAssets"),
      0
    ),
    line("totalAssets", "資產總計", lines("currentAssets", "nonCurrentAssets"), 0),
    heading("currentLiabilitiesHeading", "流動負債："),
    line("shortTermBorrowings", "短期借款", plus("2001")),
    line("tradingFinancialLiabilities", "交易性金融負債", plus("2101")),
    line("notesPayable", "應付票據", plus("2201")),
    line("accountsPayable", "應付賬款", plus("2202")),
    line("advancesFromCustomers", "預收款項", plus("2203")),
    line("employeeBenefitsPayable", "應付職工薪酬", plus("2211")),
    line("taxesPayable", "應交稅費", plus("2221")),
    line("otherPayables", "其他應付款", plus("2231", "2232", "2241")),
    line("otherCurrentLiabilities", "其他流動負債", plus("2314")),
    line("currentLiabilities", "流動負債合計", lines("shortTermBorrowings", "tradingFinancialLiabilities", "notesPayable", "accountsPayable", "advancesFromCustomers", "employeeBenefitsPayable", "taxesPayable", "otherPayables", "otherCurrentLiabilities"), 0),
    heading("nonCurrentLiabilitiesHeading", "非流動負債："),
    line("longTermBorrowings", "長期借款", plus("2501")),
    line("bondsPayable", "應付債券", plus("2502")),
    line("longTermPayables", "長期應付款", `${plus("2701", "2711")} - ${acct("2702")}`),
    line("provisions", "預計負債", plus("2801")),
    line("deferredIncome", "遞延收益", plus("2401")),
    line("deferredTaxLiabilities", "遞延所得稅負債", plus("2901")),
    line("nonCurrentLiabilities", "非流動負債合計", lines("longTermBorrowings", "bondsPayable", "longTermPayables", "provisions", "deferredIncome", "deferredTaxLiabilities"), 0),
    line("totalLiabilities", "負債合計", lines("currentLiabilities", "nonCurrentLiabilities"), 0),
    heading("equityHeading", "所有者權益（或股東權益）："),
    line("paidInCapital", "實收資本（或股本）", plus("4001")),
    line("capitalReserve", "資本公積", plus("4002")),
    line("treasuryShares", "減：庫存股", plus("4201")),
    line("surplusReserve", "盈餘公積", plus("4101")),
    line("undistributedProfit", "未分配利潤", undistributedProfit("4103", "4104")),
    line("totalEquity", "所有者權益（或股東權益）合計", `${lines("paidInCapital", "capitalReserve", "surplusReserve", "undistributedProfit")} - LINE("treasuryShares")`, 0),
    line("totalLiabilitiesAndEquity", "負債和所有者權益（或股東權益）總計", lines("totalLiabilities", "totalEquity"), 0)
  ],
  check: { left: "totalAssets", right: "totalLiabilitiesAndEquity" }
}

/**
 * 利潤表 of the enterprise chart (一般企業), main lines.
 *
 * @since 0.1.0
 */
export const enterpriseIncomeStatement: StatementTemplate = {
  id: "enterprise.incomeStatement",
  name: "利潤表",
  kind: "incomeStatement",
  columns: incomeStatementColumns,
  lines: [
    line("revenue", "一、營業收入", side(["6001", "6051"], "credit"), 0),
    line("costOfSales", "減：營業成本", side(["6401", "6402"], "debit")),
    line("taxesAndSurcharges", "稅金及附加", side(["6403"], "debit")),
    line("sellingExpenses", "銷售費用", side(["6601"], "debit")),
    line("administrativeExpenses", "管理費用", side(["6602", "6604"], "debit")),
    line("financialExpenses", "財務費用", side(["6603"], "debit")),
    line("otherIncome", "加：其他收益", side(["6117"], "credit")),
    line("investmentIncome", "投資收益", side(["6111"], "credit")),
    line("fairValueGains", "公允價值變動收益", side(["6101"], "credit")),
    line("creditImpairmentLosses", "減：信用減值損失", side(["6702"], "debit")),
    line("assetImpairmentLosses", "資產減值損失", side(["6701"], "debit")),
    line("assetDisposalGains", "加：資產處置收益", side(["6115"], "credit")),
    line(
      "operatingProfit",
      "二、營業利潤",
      `LINE("revenue") - LINE("costOfSales") - LINE("taxesAndSurcharges") - LINE("sellingExpenses") - LINE("administrativeExpenses") - LINE("financialExpenses") + LINE("otherIncome") + LINE("investmentIncome") + LINE("fairValueGains") - LINE("creditImpairmentLosses") - LINE("assetImpairmentLosses") + LINE("assetDisposalGains")`,
      0
    ),
    line("nonOperatingIncome", "加：營業外收入", side(["6301"], "credit")),
    line("nonOperatingExpenses", "減：營業外支出", side(["6711"], "debit")),
    line("totalProfit", "三、利潤總額", `LINE("operatingProfit") + LINE("nonOperatingIncome") - LINE("nonOperatingExpenses")`, 0),
    line("incomeTaxExpense", "減：所得稅費用", side(["6801"], "debit")),
    line("netProfit", "四、淨利潤", `LINE("totalProfit") - LINE("incomeTaxExpense")`, 0)
  ]
}

/**
 * The shipped statement templates by id.
 *
 * @since 0.1.0
 */
export const statementTemplates = {
  "smallEnterprise.balanceSheet": smallEnterpriseBalanceSheet,
  "smallEnterprise.incomeStatement": smallEnterpriseIncomeStatement,
  "enterprise.balanceSheet": enterpriseBalanceSheet,
  "enterprise.incomeStatement": enterpriseIncomeStatement
} as const satisfies Record<string, StatementTemplate>

/** The id of a shipped statement template. @since 0.1.0 */
export type StatementTemplateId = keyof typeof statementTemplates
