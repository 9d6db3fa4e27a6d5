import type { Effect } from "effect"
import { Context } from "effect"
import type { Dec, Period } from "@danju/core"
import type { SqlError } from "@danju/core/sql"
import type { Account } from "./domain/Account"
import type { BalanceMovement } from "./domain/TrialBalance"
import type { AccountSet } from "./domain/AccountSet"
import type { AccountSetExists } from "./domain/errors"
import type { ValidatedVoucher } from "./domain/Voucher"
import type { BalanceDelta, Voucher, VoucherStatus } from "./domain/VoucherLifecycle"
import type { NumberedVoucher } from "./domain/PeriodEnd"

/**
 * A dimension value (核算項目): a customer, supplier, department … of an account set.
 *
 * @since 0.1.0
 */
export interface DimensionValue {
  readonly type: string
  readonly code: string
  readonly name: string
  readonly disabled: boolean
}

/**
 * The chart of an account set as validation needs it.
 *
 * @since 0.1.0
 */
export interface Chart {
  readonly accounts: ReadonlyArray<Account>
  readonly dimensionValues: ReadonlyArray<DimensionValue>
}

/**
 * An opening balance of a leaf account (and dimension set, and commodity) as entered
 * while the account set initializes: the balance at the start period and, when the
 * books start mid-year, the year-to-date debit and credit before it.
 *
 * @since 0.1.0
 */
export interface OpeningBalance {
  readonly accountCode: string
  readonly dimensionKey: string
  readonly commodity: string
  /** Signed balance: positive on the debit side, negative on the credit side. */
  readonly balance: Dec
  readonly yearToDateDebit: Dec
  readonly yearToDateCredit: Dec
}

/**
 * A maintained balance row: the movements of one account × dimension set × period ×
 * commodity. Period 0 holds the year's opening balance.
 *
 * @since 0.1.0
 */
export type BalanceRow = BalanceMovement

/**
 * Which balance rows a report reads.
 *
 * @since 0.1.0
 */
export interface BalanceQuery {
  readonly accountSetId: string
  /** Inclusive lower bound as `fiscalYear * 100 + period` (period 0 = opening). */
  readonly from: number
  /** Inclusive upper bound as `fiscalYear * 100 + period`. */
  readonly to: number
  readonly commodity?: string
}

/**
 * A filter over stored vouchers.
 *
 * @since 0.1.0
 */
export interface VoucherQuery {
  readonly accountSetId: string
  readonly from?: number
  readonly to?: number
  readonly status?: VoucherStatus
  readonly word?: string
  /** Vouchers after this (fiscalYear, period, word, number) cursor, in that order. */
  readonly after?: { readonly fiscalYear: number; readonly period: number; readonly word: string; readonly number: number }
  readonly limit: number
}

/**
 * The storage port of the ledger. The service calls it inside one database transaction
 * per command; implementations must not start their own.
 *
 * @since 0.1.0
 */
export interface LedgerRepoShape {
  readonly nextAccountSetId: Effect.Effect<string, SqlError>
  /**
   * Inserts a new account set. A code another transaction took first (the unique index
   * on the code, e.g. two concurrent creations on PostgreSQL) is `AccountSetExists`.
   */
  readonly insertAccountSet: (accountSet: AccountSet) => Effect.Effect<void, AccountSetExists | SqlError>
  readonly updateAccountSet: (accountSet: AccountSet) => Effect.Effect<void, SqlError>
  /**
   * Locks the account set's row until the current database transaction ends (nothing
   * when no set has the code): `shared` for commands that depend on the set's state
   * (voucher commands: they run side by side), `exclusive` for commands that change it
   * (period close and reopen, renumbering). Taken before the set is read, so a period
   * close and a new voucher in that period cannot both commit. Must run inside a
   * database transaction.
   */
  readonly lockAccountSet: (code: string, mode: "shared" | "exclusive") => Effect.Effect<void, SqlError>
  readonly findAccountSet: (code: string) => Effect.Effect<AccountSet | undefined, SqlError>
  readonly findAccountSetById: (id: string) => Effect.Effect<AccountSet | undefined, SqlError>
  readonly listAccountSets: Effect.Effect<ReadonlyArray<AccountSet>, SqlError>
  /** The chart, cached per account set until it changes. */
  readonly chart: (accountSetId: string) => Effect.Effect<Chart, SqlError>
  readonly upsertAccounts: (accountSetId: string, accounts: ReadonlyArray<Account>) => Effect.Effect<void, SqlError>
  readonly deleteAccounts: (accountSetId: string, codes: ReadonlyArray<string>) => Effect.Effect<void, SqlError>
  /** The codes among `codes` with postings, balances or openings. */
  readonly accountsInUse: (accountSetId: string, codes: ReadonlyArray<string>) => Effect.Effect<ReadonlySet<string>, SqlError>
  readonly upsertDimensionValues: (accountSetId: string, values: ReadonlyArray<DimensionValue>) => Effect.Effect<void, SqlError>
  readonly replaceOpenings: (accountSetId: string, openings: ReadonlyArray<OpeningBalance>) => Effect.Effect<void, SqlError>
  readonly listOpenings: (accountSetId: string) => Effect.Effect<ReadonlyArray<OpeningBalance>, SqlError>
  /** Numbers (from the counter rows, gap-free) and stores new vouchers. */
  readonly insertVouchers: (
    accountSet: AccountSet,
    vouchers: ReadonlyArray<{
      readonly voucher: ValidatedVoucher
      readonly status: VoucherStatus
      readonly makerId: string
      readonly auditorId: string | null
      readonly posterId: string | null
      readonly reversalOfId: string | null
      readonly correctionOfId?: string | null
      readonly at: number
    }>
  ) => Effect.Effect<ReadonlyArray<Voucher>, SqlError>
  readonly findVouchers: (accountSetId: string, ids: ReadonlyArray<string>) => Effect.Effect<ReadonlyArray<Voucher>, SqlError>
  /**
   * Takes the write lock on the vouchers' rows until the current database transaction
   * ends, so a read that follows sees their latest committed state and a concurrent
   * command on the same vouchers waits (PostgreSQL row locks; SQLite's BEGIN IMMEDIATE
   * already holds the whole database). Must run inside a database transaction.
   */
  readonly lockVouchers: (accountSetId: string, ids: ReadonlyArray<string>) => Effect.Effect<void, SqlError>
  readonly listVouchers: (query: VoucherQuery) => Effect.Effect<ReadonlyArray<Voucher>, SqlError>
  /** Stores header changes (status, auditor, cashier, poster, number). Lines never change. */
  readonly updateVoucherHeaders: (vouchers: ReadonlyArray<Voucher>) => Effect.Effect<void, SqlError>
  /** The id of the voucher that reverses `voucherId`, if any. */
  readonly reversalOf: (accountSetId: string, voucherId: string) => Effect.Effect<string | undefined, SqlError>
  readonly applyBalanceDeltas: (accountSetId: string, deltas: ReadonlyArray<BalanceDelta>) => Effect.Effect<void, SqlError>
  readonly balanceRows: (query: BalanceQuery) => Effect.Effect<ReadonlyArray<BalanceRow>, SqlError>
  /**
   * The trial balance's sums per account, computed by the database: the signed balance
   * of the rows from `from` (inclusive) up to `openingBefore` (exclusive), and the debit
   * and credit movements from `openingBefore` to `to` without year-opening rows. At most
   * one row per account, whatever the number of postings.
   */
  readonly balanceSummary: (query: BalanceQuery & { readonly openingBefore: number; readonly commodity: string }) => Effect.Effect<
    ReadonlyArray<{ readonly accountCode: string; readonly opening: Dec; readonly debit: Dec; readonly credit: Dec }>,
    SqlError
  >
  /** The greatest period key with balance rows, if any. */
  readonly latestPeriodKey: (accountSetId: string) => Effect.Effect<number | undefined, SqlError>
  /** The lines of posted vouchers summed per balance row, straight from the lines (for verify). */
  readonly postedLineTotals: (accountSetId: string) => Effect.Effect<ReadonlyArray<BalanceRow>, SqlError>
  /** Deletes balance rows (year-close reversal, enabling again after a restore). */
  readonly deleteBalanceRows: (accountSetId: string, fromKey: number, toKey: number) => Effect.Effect<void, SqlError>

  // ── period end ──
  /**
   * The vouchers with period keys in `[from, to]` and one of the statuses: how many, and
   * the ids of the first `idLimit` in (year, period, word, number) order.
   */
  readonly voucherIdsByStatus: (query: {
    readonly accountSetId: string
    readonly from: number
    readonly to: number
    readonly statuses: ReadonlyArray<VoucherStatus>
    readonly idLimit: number
  }) => Effect.Effect<{ readonly ids: ReadonlyArray<string>; readonly count: number }, SqlError>
  /** The vouchers of one period (of one word when given), at most `limit`, in word and number order. */
  readonly numberedVouchers: (
    accountSetId: string,
    period: Period,
    word: string | undefined,
    limit: number
  ) => Effect.Effect<ReadonlyArray<NumberedVoucher>, SqlError>
  /**
   * Sets voucher numbers one voucher at a time, in the order given; the caller keeps the
   * unique (period, word, number) constraint satisfied after every single change.
   */
  readonly setVoucherNumbers: (
    accountSetId: string,
    changes: ReadonlyArray<{ readonly id: string; readonly number: number }>
  ) => Effect.Effect<void, SqlError>
  /** Sets the last number taken of the (period, word) voucher-number counter. */
  readonly resetVoucherCounter: (accountSetId: string, period: Period, word: string, value: number) => Effect.Effect<void, SqlError>
  /**
   * Takes one number of a (period, word) as `insertVouchers` does: a number a deleted
   * draft gave back first when the account set keeps numbers without gaps.
   */
  readonly assignVoucherNumber: (accountSet: AccountSet, period: Period, word: string) => Effect.Effect<number, SqlError>
  /**
   * Gives back the numbers of vouchers that were deleted or moved to another period or
   * word. With `gaplessVoucherNumbers`, the counter falls back to the highest number
   * still in use and the numbers below it are recorded as gaps that the next vouchers
   * fill; otherwise numbers are never reused.
   */
  readonly releaseVoucherNumbers: (
    accountSet: AccountSet,
    released: ReadonlyArray<{ readonly period: Period; readonly word: string; readonly number: number }>
  ) => Effect.Effect<void, SqlError>
  /** Deletes vouchers and their lines (drafts only; the service checks). */
  readonly deleteVouchers: (accountSetId: string, ids: ReadonlyArray<string>) => Effect.Effect<void, SqlError>
  /** Stores an edited draft: every header column and a new set of lines. */
  readonly replaceVoucher: (voucher: Voucher) => Effect.Effect<void, SqlError>
  /** The recorded gaps in the numbering of a period (first `Limits.pageSizeMax`), in word and number order. */
  readonly voucherNumberGaps: (accountSetId: string, period: Period) => Effect.Effect<ReadonlyArray<{ readonly word: string; readonly number: number }>, SqlError>
  /** Forgets the recorded gaps of a period (of one word when given): renumbering closed them. */
  readonly clearVoucherNumberGaps: (accountSetId: string, period: Period, word: string | undefined) => Effect.Effect<void, SqlError>
  /** The ids of the difference vouchers that correct `voucherId`. */
  readonly correctionsOf: (accountSetId: string, voucherId: string) => Effect.Effect<ReadonlyArray<string>, SqlError>
  readonly insertPeriodSeal: (seal: PeriodSeal) => Effect.Effect<void, SqlError>
  readonly deletePeriodSeal: (accountSetId: string, period: Period) => Effect.Effect<void, SqlError>
  /** Every seal of an account set, in period order. */
  readonly listPeriodSeals: (accountSetId: string) => Effect.Effect<ReadonlyArray<PeriodSeal>, SqlError>
}

/**
 * The seal of a closed period: who closed it, when, and the SHA-256 hash of the
 * canonical text of its balance rows (`sealText`).
 *
 * @since 0.1.0
 */
export interface PeriodSeal {
  readonly accountSetId: string
  readonly period: Period
  readonly closedAt: number
  readonly closedBy: string
  readonly sealHash: string
}

/**
 * The ledger's storage port.
 *
 * @since 0.1.0
 */
export class LedgerRepo extends Context.Tag("@danju/ledger/LedgerRepo")<LedgerRepo, LedgerRepoShape>() {}
