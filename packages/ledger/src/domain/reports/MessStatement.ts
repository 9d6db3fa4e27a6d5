import type { Dec, Period } from "@danju/core"
import { Period as PeriodOps } from "@danju/core"
import type { Account } from "../Account"
import type { AccountSet } from "../AccountSet"
import { grainSubsidyAccountCode, messFundAccountCode } from "../templates/messHall"
import { isPeriodClosed } from "../Voucher"
import type { Voucher } from "../VoucherLifecycle"
import { voucherLabel, zero } from "./common"

// The mess monthly public statement (伙食公布表). The seed's mess officer fills it from
// the detail ledger of the mess fund (明細賬 — 伙食費 — month: "查本月的收入與支出"),
// and it is posted for the company to see: what the fund held at the start of the
// month, what came in (the allocation from above, officers' and NCOs' meal fees, the
// grain price-difference subsidy moved into the fund, bank interest), what went out
// (food purchases, refunds, bank fees), and what is left — held as cash and bank
// deposits. Every figure comes from the fund account's lines: credits are income,
// debits expenditure (red-ink lines count negative on their own side).

/**
 * A rule putting a mess-fund line into a group of the statement. A line matches when
 * every given condition holds; the first matching rule of its side wins.
 *
 * @since 0.1.0
 */
export interface MessStatementRule {
  readonly id: string
  readonly label: string
  readonly side: "income" | "expenditure"
  /** The summary contains one of these. */
  readonly summaryIncludes?: ReadonlyArray<string>
  /** The voucher's other side touches one of these account codes (or their sub-accounts). */
  readonly counterAccounts?: ReadonlyArray<string>
  /** The voucher's other side touches a cash account (isCash). */
  readonly counterCash?: boolean
  /** The voucher's other side touches a bank account (isBank). */
  readonly counterBank?: boolean
}

/**
 * The default groups, after the seed's nine standard entries. Summaries are matched in
 * traditional and simplified characters; lines no rule matches fall into 其他收入 /
 * 其他支出.
 *
 * @since 0.1.0
 */
export const defaultMessStatementRules: ReadonlyArray<MessStatementRule> = [
  { id: "grainSubsidy", label: "軍糧差價補貼轉入", side: "income", counterAccounts: [grainSubsidyAccountCode] },
  { id: "grainSubsidy", label: "軍糧差價補貼轉入", side: "income", summaryIncludes: ["差價", "差价"] },
  { id: "interest", label: "銀行存款利息", side: "income", summaryIncludes: ["利息"] },
  { id: "officersMealFees", label: "幹部士官伙食費", side: "income", summaryIncludes: ["幹部", "干部", "士官"] },
  { id: "allocation", label: "上級撥伙食費及補助", side: "income", summaryIncludes: ["撥", "拨", "補助", "补助"] },
  { id: "allocation", label: "上級撥伙食費及補助", side: "income", counterBank: true },
  { id: "bankFees", label: "銀行賬戶管理費及手續費", side: "expenditure", summaryIncludes: ["管理費", "管理费", "手續費", "手续费"] },
  { id: "refunds", label: "退還伙食費", side: "expenditure", summaryIncludes: ["退"] },
  { id: "foodPurchases", label: "購買主副食品", side: "expenditure", summaryIncludes: ["買", "买", "購", "购", "菜", "米", "麵", "面", "油", "肉", "蛋", "食品"] },
  { id: "foodPurchases", label: "購買主副食品", side: "expenditure", counterCash: true }
]

/**
 * What the statement covers.
 *
 * @since 0.1.0
 */
export interface MessStatementSpec {
  readonly accountSet: AccountSet
  readonly period: Period
  /** The mess fund account; 4001 伙食費 of the mess-hall chart by default. */
  readonly fundAccountCode?: string
  readonly rules?: ReadonlyArray<MessStatementRule>
  readonly includeUnposted: boolean
}

/**
 * The month's vouchers touching the fund, the chart, and balances from the balance rows.
 *
 * @since 0.1.0
 */
export interface MessStatementSnapshot {
  readonly accounts: ReadonlyArray<Account>
  /** Vouchers of the period with a line on the fund account (or its sub-accounts), in book order. */
  readonly vouchers: ReadonlyArray<Voucher>
  /** Signed (debit − credit) balance of the fund before the period. */
  readonly fundOpening: Dec
  /** Signed closing balances of the leaf accounts after the period, by code. */
  readonly closingByAccount: ReadonlyMap<string, Dec>
}

/**
 * One line of the statement's detail.
 *
 * @since 0.1.0
 */
export interface MessStatementLine {
  readonly date: string
  readonly voucher: string
  readonly summary: string
  readonly amount: Dec
  readonly counterAccounts: ReadonlyArray<string>
}

/**
 * A group of income or expenditure with its total and lines.
 *
 * @since 0.1.0
 */
export interface MessStatementGroup {
  readonly id: string
  readonly label: string
  readonly amount: Dec
  readonly lines: ReadonlyArray<MessStatementLine>
}

/**
 * The mess monthly public statement (伙食公布表).
 *
 * @since 0.1.0
 */
export interface MessMonthlyStatement {
  readonly report: "messMonthlyStatement"
  readonly accountSet: string
  readonly accountSetName: string
  readonly commodity: string
  readonly scale: number
  readonly period: string
  readonly closed: boolean
  readonly includeUnposted: boolean
  readonly fundAccount: { readonly code: string; readonly name: string }
  /** 上月結余: the fund's balance at the start of the month (credit balance positive). */
  readonly opening: Dec
  /** 本月收入. */
  readonly income: { readonly total: Dec; readonly groups: ReadonlyArray<MessStatementGroup> }
  /** 本月支出. */
  readonly expenditure: { readonly total: Dec; readonly groups: ReadonlyArray<MessStatementGroup> }
  /** 本月結余 = opening + income − expenditure. */
  readonly closing: Dec
  /** Where the balance is held: cash on hand (庫存現金) and bank deposits (銀行存款). */
  readonly cashOnHand: Dec
  readonly bankDeposits: Dec
  /** True when cash + bank equals the fund's balance (the seed's 現金+銀行存款=伙食費 check). */
  readonly reconciled: boolean
}

const underAny = (code: string, prefixes: ReadonlyArray<string>) => prefixes.some((prefix) => code.startsWith(prefix))

/**
 * Builds the mess monthly statement. Pure.
 *
 * @example
 * ```ts
 * import { buildMessMonthlyStatement } from "@danju/ledger"
 *
 * const statement = buildMessMonthlyStatement({ accountSet, period, includeUnposted: false }, snapshot)
 * statement.closing.equals(statement.opening.plus(statement.income.total).minus(statement.expenditure.total)) // true
 * ```
 *
 * @since 0.1.0
 */
export const buildMessMonthlyStatement = (spec: MessStatementSpec, snapshot: MessStatementSnapshot): MessMonthlyStatement => {
  const fundCode = spec.fundAccountCode ?? messFundAccountCode
  const rules = spec.rules ?? defaultMessStatementRules
  const accountsByCode = new Map(snapshot.accounts.map((account) => [account.code as string, account]))
  const fund = accountsByCode.get(fundCode)
  const groups = { income: new Map<string, { label: string; amount: Dec; lines: Array<MessStatementLine> }>(), expenditure: new Map<string, { label: string; amount: Dec; lines: Array<MessStatementLine> }>() }
  const otherLabel = { income: "其他收入", expenditure: "其他支出" }
  const isFund = (code: string) => code === fundCode || code.startsWith(fundCode)
  for (const voucher of snapshot.vouchers) {
    for (const line of voucher.lines) {
      if (!isFund(line.accountCode) || line.commodity !== spec.accountSet.baseCurrency) continue
      const side = line.credit.isZero() ? "expenditure" : "income"
      const amount = side === "income" ? line.credit : line.debit
      // The other side of the voucher: lines on the opposite side that are not the fund.
      const counters = voucher.lines.filter((other) =>
        other !== line && !isFund(other.accountCode) && (side === "income" ? !other.debit.isZero() : !other.credit.isZero()))
      const counterCodes = [...new Set(counters.map((other) => other.accountCode))]
      const rule = rules.find((candidate) =>
        candidate.side === side &&
        (candidate.summaryIncludes === undefined || candidate.summaryIncludes.some((text) => line.summary.includes(text))) &&
        (candidate.counterAccounts === undefined || counterCodes.some((code) => underAny(code, candidate.counterAccounts!))) &&
        (candidate.counterCash !== true || counterCodes.some((code) => accountsByCode.get(code)?.isCash === true)) &&
        (candidate.counterBank !== true || counterCodes.some((code) => accountsByCode.get(code)?.isBank === true)))
      const id = rule?.id ?? (side === "income" ? "otherIncome" : "otherExpenditure")
      const bucket = groups[side].get(id) ?? { label: rule?.label ?? otherLabel[side], amount: zero, lines: [] }
      bucket.amount = bucket.amount.plus(amount)
      bucket.lines.push({ date: voucher.date, voucher: voucherLabel(voucher.word, voucher.number), summary: line.summary, amount, counterAccounts: counterCodes })
      groups[side].set(id, bucket)
    }
  }
  // Groups print in the order of the rules, the catch-all last.
  const ordered = (side: "income" | "expenditure") => {
    const order = [...new Set(rules.filter((rule) => rule.side === side).map((rule) => rule.id)), side === "income" ? "otherIncome" : "otherExpenditure"]
    const list = [...groups[side].entries()].sort(([left], [right]) => order.indexOf(left) - order.indexOf(right))
    const total = list.reduce((sum, [, group]) => sum.plus(group.amount), zero)
    return { total, groups: list.map(([id, group]) => ({ id, label: group.label, amount: group.amount, lines: group.lines })) }
  }
  const income = ordered("income")
  const expenditure = ordered("expenditure")
  const opening = snapshot.fundOpening.negated()
  const closing = opening.plus(income.total).minus(expenditure.total)
  let cashOnHand = zero
  let bankDeposits = zero
  for (const [code, balance] of snapshot.closingByAccount) {
    const account = accountsByCode.get(code)
    if (account === undefined || !account.leaf) continue
    if (account.isCash) cashOnHand = cashOnHand.plus(balance)
    else if (account.isBank) bankDeposits = bankDeposits.plus(balance)
  }
  return {
    report: "messMonthlyStatement",
    accountSet: spec.accountSet.code,
    accountSetName: spec.accountSet.name,
    commodity: spec.accountSet.baseCurrency,
    scale: spec.accountSet.currencyScale,
    period: PeriodOps.format(spec.period),
    closed: isPeriodClosed(spec.accountSet, spec.period),
    includeUnposted: spec.includeUnposted,
    fundAccount: { code: fundCode, name: fund?.name ?? fundCode },
    opening,
    income,
    expenditure,
    closing,
    cashOnHand,
    bankDeposits,
    reconciled: cashOnHand.plus(bankDeposits).equals(closing)
  }
}
