import { Either } from "effect"
import type { Dec } from "@danju/core"
import { Period as PeriodOps, toChineseCapitalMoneyEither } from "@danju/core"
import type { Account } from "../Account"
import type { AccountSet } from "../AccountSet"
import { isPeriodClosed } from "../Voucher"
import type { Voucher, VoucherStatus } from "../VoucherLifecycle"
import type { ReportDimension } from "./common"
import { accountPath, dimensionsOf, voucherLabel, zero } from "./common"

/**
 * One voucher of the voucher list (憑證列表 / 序時簿).
 *
 * @since 0.1.0
 */
export interface VoucherListRow {
  readonly id: string
  readonly voucher: string
  readonly word: string
  readonly number: number
  readonly date: string
  readonly period: string
  readonly closed: boolean
  readonly status: VoucherStatus
  /** The first line's summary. */
  readonly summary: string
  readonly lineCount: number
  /** Totals of the base-currency lines. */
  readonly debit: Dec
  readonly credit: Dec
  readonly attachments: number
  readonly makerId: string
  readonly auditorId: string | null
  readonly cashierId: string | null
  readonly posterId: string | null
  readonly reversalOfId: string | null
}

/**
 * A page of the voucher list.
 *
 * @since 0.1.0
 */
export interface VoucherList {
  readonly report: "voucherList"
  readonly accountSet: string
  readonly accountSetName: string
  readonly commodity: string
  readonly scale: number
  readonly rows: ReadonlyArray<VoucherListRow>
  /** Totals of this page. */
  readonly totals: { readonly debit: Dec; readonly credit: Dec }
}

const baseTotals = (accountSet: AccountSet, voucher: Voucher) => {
  let debit = zero
  let credit = zero
  for (const line of voucher.lines) {
    if (line.commodity !== accountSet.baseCurrency) continue
    debit = debit.plus(line.debit)
    credit = credit.plus(line.credit)
  }
  return { debit, credit }
}

/**
 * Builds a page of the voucher list from vouchers in book order. Pure.
 *
 * @since 0.1.0
 */
export const buildVoucherList = (accountSet: AccountSet, vouchers: ReadonlyArray<Voucher>): VoucherList => {
  let debit = zero
  let credit = zero
  const rows = vouchers.map((voucher): VoucherListRow => {
    const totals = baseTotals(accountSet, voucher)
    debit = debit.plus(totals.debit)
    credit = credit.plus(totals.credit)
    return {
      id: voucher.id,
      voucher: voucherLabel(voucher.word, voucher.number),
      word: voucher.word,
      number: voucher.number,
      date: voucher.date,
      period: PeriodOps.format(voucher.period),
      closed: isPeriodClosed(accountSet, voucher.period),
      status: voucher.status,
      summary: voucher.lines[0]?.summary ?? "",
      lineCount: voucher.lines.length,
      debit: totals.debit,
      credit: totals.credit,
      attachments: voucher.attachments,
      makerId: voucher.makerId,
      auditorId: voucher.auditorId,
      cashierId: voucher.cashierId,
      posterId: voucher.posterId,
      reversalOfId: voucher.reversalOfId
    }
  })
  return {
    report: "voucherList",
    accountSet: accountSet.code,
    accountSetName: accountSet.name,
    commodity: accountSet.baseCurrency,
    scale: accountSet.currencyScale,
    rows,
    totals: { debit, credit }
  }
}

/**
 * A line of a printed voucher.
 *
 * @since 0.1.0
 */
export interface VoucherPrintLine {
  readonly lineNumber: number
  readonly summary: string
  readonly accountCode: string
  /** Account names from level 1 down, joined by `—` (銀行存款—工商銀行). */
  readonly accountName: string
  readonly dimensions: ReadonlyArray<ReportDimension>
  readonly commodity: string
  readonly debit: Dec
  readonly credit: Dec
  readonly quantity: Dec | null
  readonly currency: string | null
  readonly exchangeRate: Dec | null
  readonly originalAmount: Dec | null
}

/**
 * One printed page of a voucher. A voucher longer than a page prints with a fractional
 * number (分數編號法: 記-4 1/3, 記-4 2/3 …) and the page's subtotals (過次頁).
 *
 * @since 0.1.0
 */
export interface VoucherPrintPage {
  readonly page: number
  readonly pages: number
  readonly numberLabel: string
  readonly lineNumbers: ReadonlyArray<number>
  readonly debit: Dec
  readonly credit: Dec
}

/**
 * Everything a UI needs to print a voucher (記賬憑證): header, lines, totals, the total
 * in Chinese capitals (合計大寫), the operators and the page split.
 *
 * @since 0.1.0
 */
export interface VoucherPrintData {
  readonly report: "voucherPrint"
  readonly accountSet: string
  readonly accountSetName: string
  readonly title: string
  readonly id: string
  readonly voucher: string
  readonly word: string
  readonly number: number
  readonly date: string
  readonly period: string
  readonly closed: boolean
  readonly status: VoucherStatus
  readonly attachments: number
  readonly commodity: string
  readonly scale: number
  readonly lines: ReadonlyArray<VoucherPrintLine>
  readonly totalDebit: Dec
  readonly totalCredit: Dec
  /** The total in Chinese capitals (壹萬貳仟叁佰肆拾伍元陸角柒分), or null when it cannot be written (more than 2 decimals, too large). */
  readonly amountInWords: string | null
  /** 制單, 審核, 出納, 記賬 operator ids. */
  readonly makerId: string
  readonly auditorId: string | null
  readonly cashierId: string | null
  readonly posterId: string | null
  readonly reversalOfId: string | null
  readonly pages: ReadonlyArray<VoucherPrintPage>
}

/**
 * The printed title per voucher word (收款憑證, 付款憑證, 轉賬憑證; 記賬憑證 otherwise).
 *
 * @since 0.1.0
 */
export const voucherTitles: Readonly<Record<string, string>> = {
  記: "記賬憑證",
  收: "收款憑證",
  付: "付款憑證",
  轉: "轉賬憑證",
  记: "记账凭证",
  转: "转账凭证"
}

/**
 * Builds the print data of a voucher. `linesPerPage` splits long vouchers into pages
 * (Kingdee's default voucher has 5 lines). Pure.
 *
 * @example
 * ```ts
 * import { buildVoucherPrintData } from "@danju/ledger"
 *
 * const print = buildVoucherPrintData(accountSet, chart, voucher, 5)
 * print.amountInWords // "壹仟貳佰叁拾肆元伍角陸分"
 * ```
 *
 * @since 0.1.0
 */
export const buildVoucherPrintData = (
  accountSet: AccountSet,
  chart: {
    readonly accounts: ReadonlyArray<Account>
    readonly dimensionValues: ReadonlyArray<{ readonly type: string; readonly code: string; readonly name: string }>
  },
  voucher: Voucher,
  linesPerPage: number
): VoucherPrintData => {
  const accountsByCode = new Map(chart.accounts.map((account) => [account.code as string, account]))
  const dimensionNames = new Map(chart.dimensionValues.map((value) => [`${value.type}\u0000${value.code}`, value.name]))
  const lines = voucher.lines.map((line): VoucherPrintLine => {
    const account = accountsByCode.get(line.accountCode)
    return {
      lineNumber: line.lineNumber,
      summary: line.summary,
      accountCode: line.accountCode,
      accountName: account === undefined ? line.accountCode : accountPath(account, accountsByCode).join("—"),
      dimensions: dimensionsOf(line.dimensionKey, (type, code) => dimensionNames.get(`${type}\u0000${code}`)),
      commodity: line.commodity,
      debit: line.debit,
      credit: line.credit,
      quantity: line.quantity,
      currency: line.currency,
      exchangeRate: line.exchangeRate,
      originalAmount: line.originalAmount
    }
  })
  const totals = baseTotals(accountSet, voucher)
  const label = voucherLabel(voucher.word, voucher.number)
  const perPage = Math.max(1, linesPerPage)
  const pageCount = Math.max(1, Math.ceil(lines.length / perPage))
  const pages: Array<VoucherPrintPage> = []
  for (let page = 0; page < pageCount; page++) {
    const pageLines = lines.slice(page * perPage, (page + 1) * perPage)
    let debit = zero
    let credit = zero
    for (const line of pageLines) {
      if (line.commodity !== accountSet.baseCurrency) continue
      debit = debit.plus(line.debit)
      credit = credit.plus(line.credit)
    }
    pages.push({
      page: page + 1,
      pages: pageCount,
      numberLabel: pageCount === 1 ? label : `${label} ${page + 1}/${pageCount}`,
      lineNumbers: pageLines.map((line) => line.lineNumber),
      debit,
      credit
    })
  }
  const words = toChineseCapitalMoneyEither(totals.debit)
  return {
    report: "voucherPrint",
    accountSet: accountSet.code,
    accountSetName: accountSet.name,
    title: voucherTitles[voucher.word] ?? "記賬憑證",
    id: voucher.id,
    voucher: label,
    word: voucher.word,
    number: voucher.number,
    date: voucher.date,
    period: PeriodOps.format(voucher.period),
    closed: isPeriodClosed(accountSet, voucher.period),
    status: voucher.status,
    attachments: voucher.attachments,
    commodity: accountSet.baseCurrency,
    scale: accountSet.currencyScale,
    lines,
    totalDebit: totals.debit,
    totalCredit: totals.credit,
    amountInWords: Either.isRight(words) ? words.right : null,
    makerId: voucher.makerId,
    auditorId: voucher.auditorId,
    cashierId: voucher.cashierId,
    posterId: voucher.posterId,
    reversalOfId: voucher.reversalOfId,
    pages
  }
}
