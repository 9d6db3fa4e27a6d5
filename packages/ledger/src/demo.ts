import { Effect, Schema } from "effect"
import type { Actor } from "@danju/core"
import { Dec, decimalToFixed } from "@danju/core"
import { AccountSetCode } from "./domain/ids"
import { VoucherInput } from "./domain/Voucher"
import type { VoucherInputEncoded } from "./domain/Voucher"
import { LedgerService } from "./LedgerService"
import { PeriodEndService } from "./PeriodEndService"

/**
 * Who keeps the demo books: the mess officer or accountant who makes vouchers, the
 * supervisor who audits and posts them, and an administrator who creates the books.
 *
 * @since 0.1.0
 */
export interface DemoActors {
  readonly administrator: Actor
  readonly maker: Actor
  readonly checker: Actor
}

const decode = Schema.decodeUnknownSync(VoucherInput)

const line = (summary: string, accountCode: string, side: "debit" | "credit", amount: string, dimensions?: Record<string, string>) => ({
  summary,
  accountCode,
  [side]: amount,
  ...(dimensions === undefined ? {} : { dimensions })
})

const pair = (date: string, summary: string, debit: string, credit: string, amount: string): VoucherInputEncoded => ({
  date,
  attachments: 1,
  lines: [line(summary, debit, "debit", amount), line(summary, credit, "credit", amount)]
})

/**
 * One month (October 2026) of a company mess hall (連隊伙食賬), kept as the seed's
 * procedure keeps it: the upper level's allocation and the officers' meal fees come in,
 * cash is drawn for the market, food is bought several times a week, the grain
 * price-difference subsidy arrives and is moved to the mess fund, a meal fee is refunded,
 * the bank pays interest and charges its fee.
 *
 * Opening: cash 1,280.50 + bank 23,456.00 = mess fund 24,736.50.
 *
 * @since 0.1.0
 */
export const messHallDemoVouchers: ReadonlyArray<VoucherInputEncoded> = [
  pair("2026-10-01", "收上級撥伙食費", "1002", "4001", "36000.00"),
  pair("2026-10-02", "從銀行提取現金", "1001", "1002", "5000.00"),
  pair("2026-10-03", "購買主副食品", "4001", "1001", "1862.40"),
  pair("2026-10-08", "購買主副食品", "4001", "1001", "1745.90"),
  pair("2026-10-10", "收幹部士官伙食費", "1001", "4001", "2640.00"),
  pair("2026-10-15", "購買主副食品", "4001", "1001", "2108.75"),
  pair("2026-10-18", "收軍糧差價補貼", "1002", "4002", "3150.00"),
  pair("2026-10-18", "軍糧差價轉入伙食費", "4002", "4001", "3150.00"),
  pair("2026-10-21", "從銀行提取現金", "1001", "1002", "4000.00"),
  pair("2026-10-22", "購買主副食品", "4001", "1001", "1987.30"),
  pair("2026-10-25", "退還個人伙食費", "4001", "1001", "180.00"),
  pair("2026-10-29", "購買主副食品", "4001", "1001", "2233.60"),
  pair("2026-10-31", "收銀行存款利息", "1002", "4001", "12.37"),
  pair("2026-10-31", "支付銀行賬戶管理費", "4001", "1002", "5.00")
]

/**
 * A quarter (July–September 2026) of a small trading company on the enterprise chart,
 * with customers, suppliers and departments as dimensions: capital paid in, goods bought
 * on credit with input VAT, sales on credit with output VAT, collections and payments,
 * cost of goods sold, salaries and office costs by department.
 *
 * @since 0.1.0
 */
export const companyDemoVouchers: ReadonlyArray<VoucherInputEncoded> = [1, 2, 3].flatMap((offset) => {
  const month = String(6 + offset).padStart(2, "0")
  // Exact decimals throughout: each month is 10% busier, VAT is 13%, cents round half-up.
  const money = (value: Dec) => decimalToFixed(value, 2)
  const scale = (base: number) => money(new Dec(base).times(new Dec(10 + offset)).dividedBy(10))
  const sale = scale(80000)
  const saleTax = money(new Dec(sale).times("0.13"))
  const purchase = scale(50000)
  const purchaseTax = money(new Dec(purchase).times("0.13"))
  const customer = offset % 2 === 0 ? "C002" : "C001"
  const supplier = offset % 2 === 0 ? "S002" : "S001"
  const plus = (a: string, b: string) => money(new Dec(a).plus(b))
  return [
    ...(offset === 1 ? [pair(`2026-${month}-01`, "收到投資款", "1002", "4001", "500000.00")] : []),
    {
      date: `2026-${month}-05`,
      attachments: 2,
      lines: [
        line("採購商品入庫", "1405", "debit", purchase),
        line("採購商品進項稅", "22210101", "debit", purchaseTax),
        line("採購商品應付款", "2202", "credit", plus(purchase, purchaseTax), { supplier })
      ]
    },
    {
      date: `2026-${month}-12`,
      attachments: 2,
      lines: [
        line("銷售商品應收款", "1122", "debit", plus(sale, saleTax), { customer }),
        line("銷售商品收入", "6001", "credit", sale),
        line("銷售商品銷項稅", "22210105", "credit", saleTax)
      ]
    },
    pair(`2026-${month}-12`, "結轉銷售成本", "6401", "1405", scale(46000)),
    {
      date: `2026-${month}-20`,
      attachments: 1,
      lines: [
        line("收回客戶貨款", "1002", "debit", plus(sale, saleTax)),
        line("收回客戶貨款", "1122", "credit", plus(sale, saleTax), { customer })
      ]
    },
    {
      date: `2026-${month}-25`,
      attachments: 1,
      lines: [
        line("支付供應商貨款", "2202", "debit", plus(purchase, purchaseTax), { supplier }),
        line("支付供應商貨款", "1002", "credit", plus(purchase, purchaseTax))
      ]
    },
    {
      date: `2026-${month}-28`,
      attachments: 3,
      lines: [
        line("計提本月工資", "660201", "debit", "12000.00", { department: "D01" }),
        line("計提本月工資", "660201", "debit", "8000.00", { department: "D02" }),
        line("計提本月工資", "221101", "credit", "20000.00")
      ]
    },
    {
      date: `2026-${month}-30`,
      attachments: 2,
      lines: [
        line("報銷辦公費用", "660202", "debit", scale(1500), { department: "D01" }),
        line("報銷辦公費用", "1002", "credit", scale(1500))
      ]
    }
  ]
})

/**
 * Loads the demo books through the services (so every rule and audit record applies):
 * the mess hall `mess-demo` (one month, made by the mess officer, audited by the
 * supervisor, posted, closed) and the company `company-demo` (a quarter with dimensions,
 * profit and loss carried forward and each month closed).
 * Idempotent: an account set that exists already is left alone.
 *
 * @since 0.1.0
 */
export const loadLedgerDemo = (actors: DemoActors) =>
  Effect.gen(function*() {
    const ledger = yield* LedgerService
    const periodEnd = yield* PeriodEndService
    const existing = new Set((yield* ledger.listAccountSets(actors.administrator)).map((set) => set.code as string))
    const loaded: Array<string> = []
    const book = (code: string, vouchers: ReadonlyArray<VoucherInputEncoded>) =>
      Effect.gen(function*() {
        const made = yield* ledger.recordVouchers(actors.maker, code, vouchers.map((voucher) => decode(voucher)))
        yield* ledger.auditVouchers(actors.checker, code, made.map((voucher) => voucher.id))
        yield* ledger.postVouchers(actors.checker, code, made.map((voucher) => voucher.id))
        return made
      })
    if (!existing.has("mess-demo")) {
      yield* ledger.createAccountSet(actors.administrator, {
        code: AccountSetCode.make("mess-demo"),
        name: "三連伙食賬 (demo)",
        template: "messHall",
        startPeriod: { fiscalYear: 2026, number: 10 }
      })
      yield* ledger.setOpeningBalances(actors.administrator, "mess-demo", [
        { accountCode: "1001", balance: new Dec("1280.50") },
        { accountCode: "1002", balance: new Dec("23456.00") },
        { accountCode: "4001", balance: new Dec("24736.50") }
      ])
      yield* ledger.enableAccountSet(actors.administrator, "mess-demo")
      yield* book("mess-demo", messHallDemoVouchers)
      // The supervisor closes October: the month is sealed and read-only.
      yield* periodEnd.closePeriod(actors.checker, "mess-demo", { period: { fiscalYear: 2026, number: 10 } })
      loaded.push("mess-demo")
    }
    if (!existing.has("company-demo")) {
      yield* ledger.createAccountSet(actors.administrator, {
        code: AccountSetCode.make("company-demo"),
        name: "華夏商貿有限公司 (demo)",
        template: "enterprise",
        startPeriod: { fiscalYear: 2026, number: 7 }
      })
      yield* ledger.addDimensionValues(actors.administrator, "company-demo", [
        { type: "customer", code: "C001", name: "北京東方食品有限公司", disabled: false },
        { type: "customer", code: "C002", name: "天津海河貿易公司", disabled: false },
        { type: "supplier", code: "S001", name: "河北糧油集團", disabled: false },
        { type: "supplier", code: "S002", name: "山東蔬菜批發市場", disabled: false },
        { type: "department", code: "D01", name: "銷售部", disabled: false },
        { type: "department", code: "D02", name: "行政部", disabled: false }
      ])
      yield* ledger.enableAccountSet(actors.administrator, "company-demo")
      yield* book("company-demo", companyDemoVouchers)
      // Month end for July to September: carry profit and loss to 本年利潤, post it,
      // close the month.
      for (const month of [7, 8, 9]) {
        const period = { fiscalYear: 2026, number: month }
        const carried = yield* periodEnd.carryForwardProfitAndLoss(actors.maker, "company-demo", { period })
        yield* ledger.auditVouchers(actors.checker, "company-demo", [carried.id])
        yield* ledger.postVouchers(actors.checker, "company-demo", [carried.id])
        yield* periodEnd.closePeriod(actors.checker, "company-demo", { period })
      }
      loaded.push("company-demo")
    }
    return { loaded, skipped: [...existing].filter((code) => code === "mess-demo" || code === "company-demo") }
  })
