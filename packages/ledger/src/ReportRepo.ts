import type { Effect } from "effect"
import { Context } from "effect"
import type { SqlError } from "@danju/core/sql"
import type { LinePosition, ReportLine } from "./domain/reports/DetailLedger"
import type { VoucherStatus } from "./domain/VoucherLifecycle"
import type { BalanceRow } from "./LedgerRepo"

/**
 * Which account's lines a query reads: one account, or an account and every
 * sub-account (codes extending its code, as the code scheme makes them).
 *
 * @since 0.1.0
 */
export interface AccountSelector {
  readonly code: string
  readonly descendants: boolean
}

/**
 * Which maintained balance rows a report reads.
 *
 * @since 0.1.0
 */
export interface ReportBalanceQuery {
  readonly accountSetId: string
  /** Inclusive lower bound as `fiscalYear * 100 + period` (period 0 = year opening). */
  readonly fromKey: number
  /** Inclusive upper bound. */
  readonly toKey: number
  readonly commodity?: string
  /** Only rows of this account (and its sub-accounts when `descendants`). */
  readonly account?: AccountSelector
  /** Only rows of this dimension set (canonical key). */
  readonly dimensionKey?: string
}

/**
 * A page of voucher lines of one account in book order (period, date, voucher word,
 * voucher number, line number), after a position.
 *
 * @since 0.1.0
 */
export interface ReportLineQuery {
  readonly accountSetId: string
  readonly account: AccountSelector
  /** Inclusive period keys (`fiscalYear * 100 + period`, periods ≥ 1). */
  readonly fromKey: number
  readonly toKey: number
  /** Voucher statuses to read: `["posted"]`, or all three with unposted included. */
  readonly statuses: ReadonlyArray<VoucherStatus>
  readonly commodity: string
  readonly dimensionKey?: string
  /** Lines strictly after this position. */
  readonly after?: LinePosition
  /** At most this many lines (capped at `Limits.pageSizeMax`). */
  readonly limit: number
}

/**
 * What the report service reads beyond the ledger's own port: voucher lines with their
 * voucher headers in book order, paged by position; balance rows filtered by account;
 * movements of vouchers not yet posted; the latest period with data. Read-only.
 *
 * @since 0.1.0
 */
export interface LedgerReportRepoShape {
  readonly balanceRows: (query: ReportBalanceQuery) => Effect.Effect<ReadonlyArray<BalanceRow>, SqlError>
  readonly lines: (query: ReportLineQuery) => Effect.Effect<ReadonlyArray<ReportLine>, SqlError>
  /**
   * Lines of draft and audited vouchers up to `toKey`, summed per balance row (the
   * shape of maintained rows), for reports that include unposted vouchers.
   */
  readonly unpostedTotals: (query: Omit<ReportBalanceQuery, "fromKey">) => Effect.Effect<ReadonlyArray<BalanceRow>, SqlError>
  /** The greatest period key with a balance row or a voucher (of any status), if any. */
  readonly latestPeriodKey: (accountSetId: string) => Effect.Effect<number | undefined, SqlError>
}

/**
 * The report read port.
 *
 * @since 0.1.0
 */
export class LedgerReportRepo extends Context.Tag("@danju/ledger/LedgerReportRepo")<LedgerReportRepo, LedgerReportRepoShape>() {}
