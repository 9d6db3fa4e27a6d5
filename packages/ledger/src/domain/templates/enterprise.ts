import type { BalanceDirection } from "../Account"
import { categoryOfCode } from "../Account"
import type { ChartTemplate, TemplateAccount } from "./ChartTemplate"

// 企業會計準則—應用指南 (財會〔2006〕18號), appendix 會計科目和主要賬務處理: the level-1
// accounts a non-financial enterprise uses. Left out are the accounts the appendix marks
// for banks, insurers, securities firms and leasing companies only (存放中央銀行款項,
// 貸款, 保費收入 …). Kept with their 2006 codes and names although CAS 22 (2017) renamed
// the financial-asset accounts, since the ministry assigned no new codes. Added after
// 2006 with the codes Kingdee and Yonyou templates give them: 6115 資產處置損益,
// 6117 其他收益 (財會〔2017〕30號) and 6702 信用減值損失 (財會〔2019〕6號);
// 營業稅金及附加 carries its 2016 name 稅金及附加 (財會〔2016〕22號).
// Contra accounts (壞賬準備, 累計折舊, the 減值準備 …) stand on the credit side.

type Extras = Omit<TemplateAccount, "code" | "name" | "category" | "direction">

const account = (direction: BalanceDirection) => (code: string, name: string, extras: Extras = {}): TemplateAccount => {
  const category = categoryOfCode(code)
  if (category === undefined) throw new RangeError(`enterprise code ${code} starts with no class digit 1-6`)
  return { code, name, category, direction, ...extras }
}
const debit = account("debit")
const credit = account("credit")

/**
 * The enterprise chart (企業會計準則 2006, general enterprises), code scheme 4-2-2-2:
 * 1 assets, 2 liabilities, 3 common, 4 owners' equity, 5 cost, 6 profit and loss.
 * Dimensions as in the small-enterprise chart (customer on receivables, supplier on
 * payables, employee on staff loans, department on administrative expenses).
 *
 * @since 0.1.0
 */
export const enterpriseChart: ChartTemplate = {
  id: "enterprise",
  name: "企業會計準則（2006）",
  nameEnglish: "Accounting Standards for Business Enterprises (2006)",
  description: "財政部《企業會計準則—應用指南》會計科目中一般企業適用的一級科目及常用明細科目。",
  codeScheme: [4, 2, 2, 2],
  baseCurrency: "CNY",
  accounts: [
    // 資產類
    debit("1001", "庫存現金", { isCash: true }),
    debit("1002", "銀行存款", { isBank: true }),
    debit("1012", "其他貨幣資金"),
    debit("1101", "交易性金融資產"),
    debit("1121", "應收票據"),
    debit("1122", "應收賬款", { dimensionTypes: ["customer"] }),
    debit("1123", "預付賬款", { dimensionTypes: ["supplier"] }),
    debit("1131", "應收股利"),
    debit("1132", "應收利息"),
    debit("1221", "其他應收款"),
    debit("122101", "員工借款", { dimensionTypes: ["employee"] }),
    debit("122102", "押金及保證金"),
    debit("122199", "其他"),
    credit("1231", "壞賬準備"),
    debit("1321", "代理業務資產"),
    debit("1401", "材料採購"),
    debit("1402", "在途物資"),
    debit("1403", "原材料"),
    debit("1404", "材料成本差異"),
    debit("1405", "庫存商品"),
    debit("1406", "發出商品"),
    credit("1407", "商品進銷差價"),
    debit("1408", "委託加工物資"),
    debit("1411", "週轉材料"),
    debit("1421", "消耗性生物資產"),
    credit("1471", "存貨跌價準備"),
    debit("1501", "持有至到期投資"),
    credit("1502", "持有至到期投資減值準備"),
    debit("1503", "可供出售金融資產"),
    debit("1511", "長期股權投資"),
    credit("1512", "長期股權投資減值準備"),
    debit("1521", "投資性房地產"),
    debit("1531", "長期應收款"),
    credit("1532", "未實現融資收益"),
    debit("1601", "固定資產"),
    credit("1602", "累計折舊"),
    credit("1603", "固定資產減值準備"),
    debit("1604", "在建工程"),
    debit("1605", "工程物資"),
    debit("1606", "固定資產清理"),
    debit("1621", "生產性生物資產"),
    credit("1622", "生產性生物資產累計折舊"),
    debit("1623", "公益性生物資產"),
    debit("1631", "油氣資產"),
    credit("1632", "累計折耗"),
    debit("1701", "無形資產"),
    credit("1702", "累計攤銷"),
    credit("1703", "無形資產減值準備"),
    debit("1711", "商譽"),
    debit("1801", "長期待攤費用"),
    debit("1811", "遞延所得稅資產"),
    debit("1901", "待處理財產損溢"),
    // 負債類
    credit("2001", "短期借款"),
    credit("2101", "交易性金融負債"),
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
    credit("2232", "應付股利"),
    credit("2241", "其他應付款"),
    credit("2314", "代理業務負債"),
    credit("2401", "遞延收益"),
    credit("2501", "長期借款"),
    credit("2502", "應付債券"),
    credit("2701", "長期應付款"),
    debit("2702", "未確認融資費用"),
    credit("2711", "專項應付款"),
    credit("2801", "預計負債"),
    credit("2901", "遞延所得稅負債"),
    // 共同類: the balance may fall on either side; Chinese templates show them as debit.
    debit("3001", "清算資金往來"),
    debit("3002", "貨幣兌換"),
    debit("3101", "衍生工具"),
    debit("3201", "套期工具"),
    debit("3202", "被套期項目"),
    // 所有者權益類
    credit("4001", "實收資本"),
    credit("4002", "資本公積"),
    credit("400201", "資本溢價"),
    credit("400202", "其他資本公積"),
    credit("4101", "盈餘公積"),
    credit("410101", "法定盈餘公積"),
    credit("410102", "任意盈餘公積"),
    credit("4103", "本年利潤"),
    credit("4104", "利潤分配"),
    credit("410401", "提取法定盈餘公積"),
    credit("410402", "提取任意盈餘公積"),
    credit("410403", "應付現金股利或利潤"),
    credit("410404", "轉作股本的股利"),
    credit("410405", "盈餘公積補虧"),
    credit("410415", "未分配利潤"),
    debit("4201", "庫存股"),
    // 成本類
    debit("5001", "生產成本"),
    debit("500101", "基本生產成本"),
    debit("500102", "輔助生產成本"),
    debit("5101", "製造費用"),
    debit("5201", "勞務成本"),
    debit("5301", "研發支出"),
    debit("5401", "工程施工"),
    credit("5402", "工程結算"),
    debit("5403", "機械作業"),
    // 損益類
    credit("6001", "主營業務收入"),
    credit("6051", "其他業務收入"),
    credit("6101", "公允價值變動損益"),
    credit("6111", "投資收益"),
    credit("6115", "資產處置損益"),
    credit("6117", "其他收益"),
    credit("6301", "營業外收入"),
    debit("6401", "主營業務成本"),
    debit("6402", "其他業務成本"),
    debit("6403", "稅金及附加"),
    debit("6601", "銷售費用"),
    debit("6602", "管理費用"),
    debit("660201", "職工薪酬", { dimensionTypes: ["department"] }),
    debit("660202", "辦公費", { dimensionTypes: ["department"] }),
    debit("660203", "差旅費", { dimensionTypes: ["department"] }),
    debit("660204", "業務招待費", { dimensionTypes: ["department"] }),
    debit("660205", "折舊費", { dimensionTypes: ["department"] }),
    debit("660206", "租賃費", { dimensionTypes: ["department"] }),
    debit("660207", "水電費", { dimensionTypes: ["department"] }),
    debit("660299", "其他", { dimensionTypes: ["department"] }),
    debit("6603", "財務費用"),
    debit("660301", "利息費用"),
    debit("660302", "匯兌損益"),
    debit("660303", "手續費"),
    debit("660304", "利息收入"),
    debit("6604", "勘探費用"),
    debit("6701", "資產減值損失"),
    debit("6702", "信用減值損失"),
    debit("6711", "營業外支出"),
    debit("6801", "所得稅費用"),
    // Either side in practice; closed to 利潤分配—未分配利潤, never to 本年利潤.
    debit("6901", "以前年度損益調整")
  ],
  options: {},
  specialAccounts: {
    currentYearProfit: "4103",
    profitDistribution: "4104",
    retainedEarnings: "410415",
    priorYearAdjustment: "6901",
    exchangeGainLoss: "660302"
  }
}
