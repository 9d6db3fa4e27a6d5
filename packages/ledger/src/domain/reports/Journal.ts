import type { Dec } from "@danju/core"
import type { Account } from "../Account"
import { isPeriodClosed } from "../Voucher"
import type { ReportBalance, ReportHeader, ReportRangeSpec } from "./common"
import { balanceOf, byCode, headerOf } from "./common"
import type { LedgerRow, ReportLine } from "./DetailLedger"
import { initialWalkState, walkLines } from "./DetailLedger"

/**
 * The two journals (日記賬): cash (現金日記賬) and bank deposits (銀行存款日記賬).
 *
 * @since 0.1.0
 */
export type JournalKind = "cash" | "bank"

/**
 * What a journal shows: the cash (or bank) accounts given, over a range.
 *
 * @since 0.1.0
 */
export interface JournalSpec extends ReportRangeSpec {
  readonly kind: JournalKind
}

/**
 * Per account: the opening state and every line of the range in book order.
 *
 * @since 0.1.0
 */
export interface JournalSnapshot {
  readonly accounts: ReadonlyArray<{
    readonly account: Account
    /** Signed balance before the range. */
    readonly opening: Dec
    /** Year-to-date movements of the first period's year before the range. */
    readonly yearToDateDebit: Dec
    readonly yearToDateCredit: Dec
    /** Signed balance after the range (from the balance rows). */
    readonly closing: Dec
    readonly lines: ReadonlyArray<ReportLine>
  }>
}

/**
 * One account's journal.
 *
 * @since 0.1.0
 */
export interface JournalAccount {
  readonly code: string
  readonly name: string
  readonly opening: ReportBalance
  readonly closing: ReportBalance
  readonly rows: ReadonlyArray<LedgerRow>
}

/**
 * The cash or bank journal.
 *
 * @since 0.1.0
 */
export interface Journal extends ReportHeader {
  readonly report: "cashJournal" | "bankJournal"
  readonly accounts: ReadonlyArray<JournalAccount>
}

/**
 * Builds a journal: per account the opening row, each line by date with the running
 * balance, 本日合計 after each day, 本月合計 and 本年累計 after each period. Pure.
 *
 * @since 0.1.0
 */
export const buildJournal = (spec: JournalSpec, snapshot: JournalSnapshot): Journal => ({
  report: spec.kind === "cash" ? "cashJournal" : "bankJournal",
  ...headerOf(spec),
  accounts: [...snapshot.accounts].sort((left, right) => byCode(left.account, right.account)).map((entry) => {
    const walked = walkLines(initialWalkState(entry.opening, entry.yearToDateDebit, entry.yearToDateCredit), entry.lines, {
      dayTotals: true,
      endOfLines: true,
      isClosed: (period) => isPeriodClosed(spec.accountSet, period)
    })
    const opening: LedgerRow = { kind: "opening", period: headerOf(spec).from, summary: "期初余額", balance: balanceOf(entry.opening) }
    return {
      code: entry.account.code,
      name: entry.account.name,
      opening: balanceOf(entry.opening),
      closing: balanceOf(entry.closing),
      rows: [opening, ...walked.rows]
    }
  })
})
