import type { ChartTemplate } from "./ChartTemplate"
import type { VoucherTemplate } from "./voucherTemplates"

// The mess-hall books of the seed (part 2, 中隊伙食費記賬): the accountant creates the
// account set with the public-institution chart (行業: 事業單位), deletes everything but
// cash and bank, and adds "科目代碼401, 伙食費, 余額方向: 貸方". That software used the
// three-digit codes of the 1997 事業單位會計制度 (101 現金, 102 銀行存款, 401 …). A
// chart has one code length per level (levelOfCode), so 401 cannot stand beside 1001
// and 1002; the codes here follow the four-digit renumbering of the later charts
// (事業單位會計制度 2013, 政府會計制度 2019: 101 → 1001, 102 → 1002, 401 → 4001), which
// keeps cash and bank where SPEC §2 and Kingdee put them. The seed's 401 伙食費 is
// therefore 4001, and the optional grain subsidy the seed adds next is 4002.

/** Code of the mess fund (伙食費), the seed's 401. @since 0.1.0 */
export const messFundAccountCode = "4001"

/** Code of the optional grain price-difference subsidy (軍糧差價補貼). @since 0.1.0 */
export const grainSubsidyAccountCode = "4002"

/**
 * The mess-hall chart (伙食賬): cash, bank, the mess fund and the optional grain
 * subsidy. Cash + bank = mess fund is the opening trial balance the seed checks.
 *
 * Categories: the mess fund carries its balance from year to year (the seed's year-end
 * carries it forward), so it is `equity` (a fund balance), not income. The grain
 * subsidy is income that the seed moves into the fund (entry 9), so it is
 * `profitAndLoss` with the mess fund as its carry-forward target: done by hand as the
 * seed does, the P&L carry-forward finds nothing left to move; forgotten, the
 * carry-forward does the same move, and the year cannot close with it unmoved.
 *
 * @since 0.1.0
 */
export const messHallChart: ChartTemplate = {
  id: "messHall",
  name: "伙食賬（中隊伙食費）",
  nameEnglish: "Mess hall (company mess fund)",
  description: "中隊伙食費記賬：庫存現金、銀行存款、伙食費，可選軍糧差價補貼。",
  codeScheme: [4, 2, 2],
  baseCurrency: "CNY",
  accounts: [
    { code: "1001", name: "庫存現金", category: "asset", direction: "debit", isCash: true },
    { code: "1002", name: "銀行存款", category: "asset", direction: "debit", isBank: true },
    { code: messFundAccountCode, name: "伙食費", category: "equity", direction: "credit" },
    { code: grainSubsidyAccountCode, name: "軍糧差價補貼", category: "profitAndLoss", direction: "credit" }
  ],
  options: {
    // 摘要不少於四個字; the seed renumbers posted vouchers of a month before printing.
    summaryLengthMin: 4,
    allowRenumberPosted: true,
    voucherWords: ["記"]
  },
  specialAccounts: {
    currentYearProfit: messFundAccountCode,
    profitDistribution: null,
    retainedEarnings: null,
    priorYearAdjustment: null,
    exchangeGainLoss: null
  }
}

/**
 * The nine standard entries of the seed (主要分錄), one voucher template each, with the
 * seed's debit and credit accounts. Every summary has at least four characters, as the
 * mess hall requires. The last two need the optional 軍糧差價補貼 account.
 *
 * @since 0.1.0
 */
export const messHallVoucherTemplates: ReadonlyArray<VoucherTemplate> = [
  {
    id: "withdrawCash",
    name: "提取現金",
    description: "1、提取現金：借 庫存現金，貸 銀行存款。",
    word: "記",
    lines: [
      { summary: "從銀行提取現金", accountCode: "1001", side: "debit" },
      { summary: "從銀行提取現金", accountCode: "1002", side: "credit" }
    ]
  },
  {
    id: "buyFood",
    name: "買菜",
    description: "2、買菜（購買伙食）：借 伙食費，貸 庫存現金。",
    word: "記",
    lines: [
      { summary: "購買主副食品", accountCode: messFundAccountCode, side: "debit" },
      { summary: "購買主副食品", accountCode: "1001", side: "credit" }
    ]
  },
  {
    id: "receiveAllocation",
    name: "收上級撥伙食費",
    description: "3、收上級撥伙食費和收上級撥伙食補助：借 銀行存款，貸 伙食費。",
    word: "記",
    lines: [
      { summary: "收上級撥伙食費", accountCode: "1002", side: "debit" },
      { summary: "收上級撥伙食費", accountCode: messFundAccountCode, side: "credit" }
    ]
  },
  {
    id: "receiveOfficersMealFees",
    name: "收幹部、士官伙食費",
    description: "4、收幹部、士官伙食費：借 庫存現金，貸 伙食費。",
    word: "記",
    lines: [
      { summary: "收幹部士官伙食費", accountCode: "1001", side: "debit" },
      { summary: "收幹部士官伙食費", accountCode: messFundAccountCode, side: "credit" }
    ]
  },
  {
    id: "receiveBankInterest",
    name: "收銀行利息",
    description: "5、收銀行利息：借 銀行存款，貸 伙食費。",
    word: "記",
    lines: [
      { summary: "收銀行存款利息", accountCode: "1002", side: "debit" },
      { summary: "收銀行存款利息", accountCode: messFundAccountCode, side: "credit" }
    ]
  },
  {
    id: "refundMealFees",
    name: "退伙食費",
    description: "6、退XX伙食費：借 伙食費，貸 庫存現金。摘要寫明退給誰。",
    word: "記",
    lines: [
      { summary: "退還個人伙食費", accountCode: messFundAccountCode, side: "debit" },
      { summary: "退還個人伙食費", accountCode: "1001", side: "credit" }
    ]
  },
  {
    id: "payBankFees",
    name: "支付銀行賬戶管理費",
    description: "7、支付銀行賬戶管理費：借 伙食費，貸 銀行存款。",
    word: "記",
    lines: [
      { summary: "支付銀行賬戶管理費", accountCode: messFundAccountCode, side: "debit" },
      { summary: "支付銀行賬戶管理費", accountCode: "1002", side: "credit" }
    ]
  },
  {
    id: "receiveGrainSubsidy",
    name: "收軍糧差價補貼",
    description: "8、收軍糧差價補貼（如果設軍糧差價補貼科目）：借 銀行存款，貸 軍糧差價補貼。",
    word: "記",
    lines: [
      { summary: "收軍糧差價補貼", accountCode: "1002", side: "debit" },
      { summary: "收軍糧差價補貼", accountCode: grainSubsidyAccountCode, side: "credit" }
    ]
  },
  {
    id: "transferGrainSubsidy",
    name: "軍糧差價轉入伙食費",
    description: "9、軍糧差價轉入伙食費：借 軍糧差價補貼，貸 伙食費。",
    word: "記",
    lines: [
      { summary: "軍糧差價轉入伙食費", accountCode: grainSubsidyAccountCode, side: "debit" },
      { summary: "軍糧差價轉入伙食費", accountCode: messFundAccountCode, side: "credit" }
    ]
  }
]
