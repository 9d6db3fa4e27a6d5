// Scenarios of the report tests: a month and a day of mess-hall books (the seed's
// entries, hand-checked below) and a small company on the small-enterprise chart with
// customer and department dimensions.
import { Effect } from "effect"
import { LedgerService } from "../../src/LedgerService"
import type { AccountInput } from "../../src/LedgerService"
import { AccountSetCode } from "../../src/domain/ids"
import { smallEnterpriseChart } from "../../src/domain/templates/smallEnterprise"
import { administrator, checker, dec, maker, messAccounts, voucher } from "../support"

const line = (summary: string, accountCode: string, side: "debit" | "credit", amount: string, dimensions?: Record<string, string>) => ({
  summary,
  accountCode,
  [side]: amount,
  ...(dimensions === undefined ? {} : { dimensions })
})

const pair = (date: string, summary: string, debitAccount: string, creditAccount: string, amount: string) =>
  voucher({ date, lines: [line(summary, debitAccount, "debit", amount), line(summary, creditAccount, "credit", amount)] })

/**
 * March 2026 of the mess hall, in the order recorded (so 記-1 … 記-10), then 記-1 of
 * April. Opening: cash 500.00, bank 12,000.00, mess fund 12,500.00.
 *
 * Hand-checked March figures: cash 500 + 2,860.00 − 2,854.96 = 505.04; bank 12,000 +
 * 30,812.34 − 2,010.00 = 40,802.34; fund 12,500 + 31,672.34 − 2,864.96 = 41,307.38
 * (= cash + bank). April: fund −300 → 41,007.38, cash −300 → 205.04.
 */
export const messMarch = [
  pair("2026-03-02", "提取現金備用", "1001", "1002", "2000.00"),
  pair("2026-03-02", "購買主副食品", "4001", "1001", "1234.56"),
  pair("2026-03-05", "收上級撥伙食費", "1002", "4001", "30000.00"),
  pair("2026-03-05", "收幹部士官伙食費", "1001", "4001", "860.00"),
  pair("2026-03-10", "購買蔬菜肉蛋", "4001", "1001", "1500.40"),
  pair("2026-03-20", "退還張三伙食費", "4001", "1001", "120.00"),
  pair("2026-03-21", "收銀行存款利息", "1002", "4001", "12.34"),
  pair("2026-03-31", "支付銀行賬戶管理費", "4001", "1002", "10.00"),
  pair("2026-03-25", "收軍糧差價補貼", "1002", "6001", "800.00"),
  pair("2026-03-25", "軍糧差價轉入伙食費", "6001", "4001", "800.00")
]

export const messApril = [pair("2026-04-01", "購買主副食品", "4001", "1001", "300.00")]

/** A draft left unposted in April (includeUnposted tests). */
export const messAprilDraft = [pair("2026-04-02", "購買米麵油料", "4001", "1001", "50.00")]

/** Creates, opens and enables the mess books, then records, audits and posts the vouchers. */
export const setUpMess = (code: string) =>
  Effect.gen(function*() {
    const ledger = yield* LedgerService
    yield* ledger.createAccountSet(administrator, {
      code: AccountSetCode.make(code),
      name: "三連伙食賬",
      codeScheme: [4, 2, 2],
      startPeriod: { fiscalYear: 2026, number: 3 },
      options: { summaryLengthMin: 4 },
      accounts: messAccounts
    })
    yield* ledger.setOpeningBalances(administrator, code, [
      { accountCode: "1001", balance: dec("500.00") },
      { accountCode: "1002", balance: dec("12000.00") },
      { accountCode: "4001", balance: dec("12500.00") }
    ])
    yield* ledger.enableAccountSet(administrator, code)
    const posted = []
    for (const batch of [messMarch, messApril]) {
      const made = yield* ledger.recordVouchers(maker, code, batch)
      yield* ledger.auditVouchers(checker, code, made.map((v) => v.id))
      posted.push(...(yield* ledger.postVouchers(checker, code, made.map((v) => v.id))))
    }
    const drafts = yield* ledger.recordVouchers(maker, code, messAprilDraft)
    return { posted, drafts }
  })

const smallEnterpriseAccounts: ReadonlyArray<AccountInput> = smallEnterpriseChart.accounts.map((account) => ({
  code: account.code,
  name: account.name,
  category: account.category,
  direction: account.direction,
  ...(account.dimensionTypes === undefined ? {} : { dimensionTypes: account.dimensionTypes }),
  ...(account.isCash === undefined ? {} : { isCash: account.isCash }),
  ...(account.isBank === undefined ? {} : { isBank: account.isBank })
}))

/**
 * January 2026 of a small company (small-enterprise chart), opening bank 100,000 =
 * paid-in capital 100,000.
 *
 * Hand-checked: 貨幣資金 100,000 + 11,300 − 9,040 − 500 = 101,760; 應收賬款 11,300 +
 * 5,650 − 11,300 = 5,650 (甲公司 0, 乙公司 5,650); 存貨 8,000 − 6,000 = 2,000; total
 * assets 109,410. 應交稅費 1,950 output − 1,040 input = 910; equity 100,000 +
 * undistributed 8,500 (15,000 − 6,000 − 500); total 109,410. Net profit 8,500.
 */
export const setUpCompany = (code: string) =>
  Effect.gen(function*() {
    const ledger = yield* LedgerService
    yield* ledger.createAccountSet(administrator, {
      code: AccountSetCode.make(code),
      name: "示例商貿有限公司",
      codeScheme: [4, 2, 2, 2],
      startPeriod: { fiscalYear: 2026, number: 1 },
      accounts: smallEnterpriseAccounts
    })
    yield* ledger.addDimensionValues(administrator, code, [
      { type: "customer", code: "C01", name: "甲公司", disabled: false },
      { type: "customer", code: "C02", name: "乙公司", disabled: false },
      { type: "department", code: "D01", name: "行政部", disabled: false }
    ])
    yield* ledger.setOpeningBalances(administrator, code, [
      { accountCode: "1002", balance: dec("100000") },
      { accountCode: "3001", balance: dec("100000") }
    ])
    yield* ledger.enableAccountSet(administrator, code)
    const vouchers = [
      voucher({
        date: "2026-01-05",
        lines: [
          line("銷售商品給甲公司", "1122", "debit", "11300", { customer: "C01" }),
          line("銷售商品給甲公司", "5001", "credit", "10000"),
          line("銷售商品給甲公司", "22210105", "credit", "1300")
        ]
      }),
      voucher({
        date: "2026-01-06",
        lines: [
          line("銷售商品給乙公司", "1122", "debit", "5650", { customer: "C02" }),
          line("銷售商品給乙公司", "5001", "credit", "5000"),
          line("銷售商品給乙公司", "22210105", "credit", "650")
        ]
      }),
      voucher({
        date: "2026-01-10",
        lines: [line("收到甲公司貨款", "1002", "debit", "11300"), line("收到甲公司貨款", "1122", "credit", "11300", { customer: "C01" })]
      }),
      voucher({
        date: "2026-01-15",
        lines: [
          line("購入庫存商品", "1405", "debit", "8000"),
          line("購入庫存商品", "22210101", "debit", "1040"),
          line("購入庫存商品", "1002", "credit", "9040")
        ]
      }),
      voucher({ date: "2026-01-20", lines: [line("結轉銷售成本", "5401", "debit", "6000"), line("結轉銷售成本", "1405", "credit", "6000")] }),
      voucher({
        date: "2026-01-25",
        lines: [line("支付辦公用品費", "560202", "debit", "500", { department: "D01" }), line("支付辦公用品費", "1002", "credit", "500")]
      })
    ]
    const made = yield* ledger.recordVouchers(maker, code, vouchers)
    yield* ledger.auditVouchers(checker, code, made.map((v) => v.id))
    yield* ledger.postVouchers(checker, code, made.map((v) => v.id))
  })
