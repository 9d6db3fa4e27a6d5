import type { AccountCategory, BalanceDirection } from "../Account"
import type { ChartTemplate, TemplateAccount } from "./ChartTemplate"

// 民間非營利組織會計制度 (財會〔2004〕7號, in force 2005-01-01), 會計科目表: every level-1
// account in the regulation's numbering. Classes: 1xxx assets, 2xxx liabilities, 3xxx net
// assets (淨資產, kept as the equity category), 4xxx income and 5xxx expenses (both profit
// and loss: they are closed to net assets at period end). Contra accounts (跌價準備,
// 壞賬準備, 減值準備, 累計折舊) carry a credit balance. Donations and government grants get
// the regulation's restricted / unrestricted split as level-2 accounts.

const categoryOfNonProfitCode = (code: string): AccountCategory => {
  const category = ({ "1": "asset", "2": "liability", "3": "equity", "4": "profitAndLoss", "5": "profitAndLoss" } as const)[code.charAt(0) as "1"]
  if (category === undefined) throw new RangeError(`non-profit code ${code} starts with no class digit 1-5`)
  return category
}

type Extras = Omit<TemplateAccount, "code" | "name" | "category" | "direction">

const account = (direction: BalanceDirection) => (code: string, name: string, extras: Extras = {}): TemplateAccount => ({
  code,
  name,
  category: categoryOfNonProfitCode(code),
  direction,
  ...extras
})
const debit = account("debit")
const credit = account("credit")

/**
 * The chart of 民間非營利組織會計制度 (foundations, social organisations, private
 * non-enterprise units), code scheme 4-2-2-2. The P&L carry-forward closes income and
 * expenses to 非限定性淨資產 (3101); restricted income (the `…01 限定性收入` sub-accounts)
 * is moved to 限定性淨資產 (3102) by a voucher of its own, as the regulation's
 * 業務活動表 keeps the two columns apart. Receivables need the customer dimension,
 * payables the supplier dimension, programme costs the project dimension and
 * administrative expenses the department dimension. The government chart
 * (政府會計制度, with its parallel budget accounting) is not a template.
 *
 * @since 0.1.0
 */
export const nonProfitChart: ChartTemplate = {
  id: "nonProfit",
  name: "民間非營利組織會計制度",
  nameEnglish: "Accounting System for Non-Profit Organisations",
  description: "財政部《民間非營利組織會計制度》會計科目表全部一級科目及限定性／非限定性收入明細。",
  codeScheme: [4, 2, 2, 2],
  baseCurrency: "CNY",
  accounts: [
    // 資產類
    debit("1001", "現金", { isCash: true }),
    debit("1002", "銀行存款", { isBank: true }),
    debit("1009", "其他貨幣資金"),
    debit("1101", "短期投資"),
    credit("1102", "短期投資跌價準備"),
    debit("1111", "應收票據"),
    debit("1121", "應收賬款", { dimensionTypes: ["customer"] }),
    debit("1122", "其他應收款"),
    credit("1131", "壞賬準備"),
    debit("1141", "預付賬款", { dimensionTypes: ["supplier"] }),
    debit("1201", "存貨"),
    credit("1202", "存貨跌價準備"),
    debit("1301", "待攤費用"),
    debit("1401", "長期股權投資"),
    debit("1402", "長期債權投資"),
    credit("1421", "長期投資減值準備"),
    debit("1501", "固定資產"),
    credit("1502", "累計折舊"),
    debit("1505", "在建工程"),
    debit("1506", "文物文化資產"),
    debit("1509", "固定資產清理"),
    debit("1601", "無形資產"),
    debit("1701", "受托代理資產"),
    // 負債類
    credit("2101", "短期借款"),
    credit("2201", "應付票據"),
    credit("2202", "應付賬款", { dimensionTypes: ["supplier"] }),
    credit("2203", "預收賬款", { dimensionTypes: ["customer"] }),
    credit("2204", "應付工資"),
    credit("2206", "應交稅金"),
    credit("2209", "其他應付款"),
    credit("2301", "預提費用"),
    credit("2401", "預計負債"),
    credit("2501", "長期借款"),
    credit("2502", "長期應付款"),
    credit("2601", "受托代理負債"),
    // 淨資產類
    credit("3101", "非限定性淨資產"),
    credit("3102", "限定性淨資產"),
    // 收入費用類
    credit("4101", "捐贈收入"),
    credit("410101", "限定性收入"),
    credit("410102", "非限定性收入"),
    credit("4201", "會費收入"),
    credit("4301", "提供服務收入"),
    credit("4401", "政府補助收入"),
    credit("440101", "限定性收入"),
    credit("440102", "非限定性收入"),
    credit("4501", "商品銷售收入"),
    credit("4601", "投資收益"),
    credit("4901", "其他收入"),
    debit("5101", "業務活動成本", { dimensionTypes: ["project"] }),
    debit("5201", "管理費用", { dimensionTypes: ["department"] }),
    debit("5301", "籌資費用"),
    debit("530101", "利息費用"),
    debit("530102", "匯兌損益"),
    debit("5401", "其他費用")
  ],
  options: {},
  specialAccounts: {
    currentYearProfit: "3101",
    profitDistribution: null,
    retainedEarnings: null,
    priorYearAdjustment: null,
    exchangeGainLoss: "530102"
  }
}
