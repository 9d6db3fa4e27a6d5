import type { AccountCategory, BalanceDirection } from "../Account"
import type { ChartTemplate, TemplateAccount } from "./ChartTemplate"

// 小企業會計準則 (財會〔2011〕17號, in force 2013-01-01), appendix 會計科目: every
// level-1 account, in the standard's numbering. Unlike the enterprise chart it has no
// common class, and the classes shift: 3xxx owners' equity, 4xxx cost, 5xxx profit
// and loss. 營業稅金及附加 carries its 2016 name 稅金及附加 (財會〔2016〕22號).
// Level-2 and level-3 accounts are the ones nearly every small company adds; their
// codes follow the Kingdee template numbering users know (e.g. 310415 未分配利潤).

const categoryOfSmallEnterpriseCode = (code: string): AccountCategory => {
  const category = ({ "1": "asset", "2": "liability", "3": "equity", "4": "cost", "5": "profitAndLoss" } as const)[code.charAt(0) as "1"]
  if (category === undefined) throw new RangeError(`small-enterprise code ${code} starts with no class digit 1-5`)
  return category
}

type Extras = Omit<TemplateAccount, "code" | "name" | "category" | "direction">

const account = (direction: BalanceDirection) => (code: string, name: string, extras: Extras = {}): TemplateAccount => ({
  code,
  name,
  category: categoryOfSmallEnterpriseCode(code),
  direction,
  ...extras
})
const debit = account("debit")
const credit = account("credit")

/**
 * The small-enterprise chart (小企業會計準則 2013), code scheme 4-2-2-2. Receivables and
 * advances from customers require the customer dimension, payables and prepayments the
 * supplier dimension, staff loans the employee dimension, administrative expenses the
 * department dimension. The standard corrects prior-period errors prospectively
 * (未來適用法), so the chart has no 以前年度損益調整 and `priorYearAdjustment` is null.
 *
 * @since 0.1.0
 */
export const smallEnterpriseChart: ChartTemplate = {
  id: "smallEnterprise",
  name: "小企業會計準則（2013）",
  nameEnglish: "Accounting Standards for Small Enterprises (2013)",
  description: "財政部《小企業會計準則》附錄會計科目全部一級科目及常用明細科目。",
  codeScheme: [4, 2, 2, 2],
  baseCurrency: "CNY",
  accounts: [
    // 資產類
    debit("1001", "庫存現金", { isCash: true }),
    debit("1002", "銀行存款", { isBank: true }),
    debit("1012", "其他貨幣資金"),
    debit("1101", "短期投資"),
    debit("1121", "應收票據"),
    debit("1122", "應收賬款", { dimensionTypes: ["customer"] }),
    debit("1123", "預付賬款", { dimensionTypes: ["supplier"] }),
    debit("1131", "應收股利"),
    debit("1132", "應收利息"),
    debit("1221", "其他應收款"),
    debit("122101", "員工借款", { dimensionTypes: ["employee"] }),
    debit("122102", "押金及保證金"),
    debit("122199", "其他"),
    debit("1401", "材料採購"),
    debit("1402", "在途物資"),
    debit("1403", "原材料"),
    debit("1404", "材料成本差異"),
    debit("1405", "庫存商品"),
    credit("1407", "商品進銷差價"),
    debit("1408", "委託加工物資"),
    debit("1411", "週轉材料"),
    debit("1421", "消耗性生物資產"),
    debit("1501", "長期債券投資"),
    debit("1511", "長期股權投資"),
    debit("1601", "固定資產"),
    credit("1602", "累計折舊"),
    debit("1604", "在建工程"),
    debit("1605", "工程物資"),
    debit("1606", "固定資產清理"),
    debit("1621", "生產性生物資產"),
    credit("1622", "生產性生物資產累計折舊"),
    debit("1701", "無形資產"),
    credit("1702", "累計攤銷"),
    debit("1801", "長期待攤費用"),
    debit("1901", "待處理財產損溢"),
    // 負債類
    credit("2001", "短期借款"),
    credit("2201", "應付票據"),
    credit("2202", "應付賬款", { dimensionTypes: ["supplier"] }),
    credit("2203", "預收賬款", { dimensionTypes: ["customer"] }),
    credit("2211", "應付職工薪酬"),
    credit("221101", "職工工資"),
    credit("221102", "職工福利費"),
    credit("221103", "社會保險費"),
    credit("221104", "住房公積金"),
    credit("221105", "工會經費"),
    credit("221106", "職工教育經費"),
    credit("2221", "應交稅費"),
    credit("222101", "應交增值稅"),
    // The VAT columns: input-side columns stand on the debit side, output-side on the credit side.
    debit("22210101", "進項稅額"),
    debit("22210102", "已交稅金"),
    debit("22210103", "轉出未交增值稅"),
    debit("22210104", "減免稅款"),
    credit("22210105", "銷項稅額"),
    credit("22210106", "進項稅額轉出"),
    credit("22210107", "轉出多交增值稅"),
    credit("222102", "未交增值稅"),
    credit("222103", "應交消費稅"),
    credit("222104", "應交企業所得稅"),
    credit("222105", "應交城市維護建設稅"),
    credit("222106", "應交教育費附加"),
    credit("222107", "應交地方教育附加"),
    credit("222108", "應交個人所得稅"),
    credit("222109", "應交房產稅"),
    credit("222110", "應交城鎮土地使用稅"),
    credit("2231", "應付利息"),
    credit("2232", "應付利潤"),
    credit("2241", "其他應付款"),
    credit("2401", "遞延收益"),
    credit("2501", "長期借款"),
    credit("2701", "長期應付款"),
    // 所有者權益類
    credit("3001", "實收資本"),
    credit("3002", "資本公積"),
    credit("3101", "盈餘公積"),
    credit("310101", "法定盈餘公積"),
    credit("310102", "任意盈餘公積"),
    credit("3103", "本年利潤"),
    credit("3104", "利潤分配"),
    credit("310401", "提取法定盈餘公積"),
    credit("310402", "提取任意盈餘公積"),
    credit("310403", "應付利潤"),
    credit("310404", "盈餘公積補虧"),
    credit("310415", "未分配利潤"),
    // 成本類
    debit("4001", "生產成本"),
    debit("400101", "基本生產成本"),
    debit("400102", "輔助生產成本"),
    debit("4101", "製造費用"),
    debit("4301", "研發支出"),
    debit("4401", "工程施工"),
    debit("4403", "機械作業"),
    // 損益類
    credit("5001", "主營業務收入"),
    credit("5051", "其他業務收入"),
    credit("5111", "投資收益"),
    credit("5301", "營業外收入"),
    debit("5401", "主營業務成本"),
    debit("5402", "其他業務成本"),
    debit("5403", "稅金及附加"),
    debit("5601", "銷售費用"),
    debit("5602", "管理費用"),
    debit("560201", "職工薪酬", { dimensionTypes: ["department"] }),
    debit("560202", "辦公費", { dimensionTypes: ["department"] }),
    debit("560203", "差旅費", { dimensionTypes: ["department"] }),
    debit("560204", "業務招待費", { dimensionTypes: ["department"] }),
    debit("560205", "折舊費", { dimensionTypes: ["department"] }),
    debit("560206", "租賃費", { dimensionTypes: ["department"] }),
    debit("560207", "水電費", { dimensionTypes: ["department"] }),
    debit("560299", "其他", { dimensionTypes: ["department"] }),
    debit("5603", "財務費用"),
    debit("560301", "利息費用"),
    debit("560302", "匯兌損益"),
    debit("560303", "手續費"),
    debit("5711", "營業外支出"),
    debit("5801", "所得稅費用")
  ],
  options: {},
  specialAccounts: {
    currentYearProfit: "3103",
    profitDistribution: "3104",
    retainedEarnings: "310415",
    priorYearAdjustment: null,
    exchangeGainLoss: "560302"
  }
}
