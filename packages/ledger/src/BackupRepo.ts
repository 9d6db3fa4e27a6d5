import type { Effect } from "effect"
import { Context } from "effect"
import type { SqlError } from "@danju/core/sql"
import type { BackupRow, BackupTableName } from "./domain/backup/BackupFormat"

/**
 * A page of rows and whether the table may have more after it.
 *
 * @since 0.1.0
 */
export interface BackupPage {
  readonly rows: ReadonlyArray<BackupRow>
  readonly more: boolean
}

/**
 * The storage port of backup and restore: every table a backup carries, read page by
 * page in key order, and bulk writes for restore. Rows are the stored rows of the file
 * format (`backupTables`), so a restore reproduces the store exactly.
 *
 * The service calls the reads inside {@link BackupRepoShape.readConsistently} and the
 * writes inside one database transaction; implementations start none of their own.
 *
 * @since 0.1.0
 */
export interface BackupRepoShape {
  /**
   * The next page of a table's rows of one account set, in key order, after the row
   * `after` (the last row of the previous page; `undefined` for the first page), and
   * whether more may follow. A page holds about `limit` rows: voucher lines come whole
   * vouchers at a time (`limit / 10` vouchers per page), so a page of lines may hold more.
   * Every read is an index range scan, so the cost per page stays flat however large
   * the books are.
   */
  readonly readPage: (
    table: BackupTableName,
    accountSetId: string,
    after: BackupRow | undefined,
    limit: number
  ) => Effect.Effect<BackupPage, SqlError>
  /** Inserts rows of one table (never the audit log: that is replayed through `AuditLog`). */
  readonly insertRows: (
    table: Exclude<BackupTableName, "danju_audit_log">,
    rows: ReadonlyArray<BackupRow>
  ) => Effect.Effect<void, SqlError>
  /**
   * Claims an account set id for a restore that keeps the source's id: false if an
   * account set has it; otherwise moves the account set id counter past it, so sets
   * created later never collide with it.
   */
  readonly claimAccountSetId: (id: string) => Effect.Effect<boolean, SqlError>
  /**
   * Runs `self` in one database transaction whose reads all see one snapshot of the
   * store, so a backup taken while others write is consistent. `self` may do side
   * effects beyond the database (writing the file): a snapshot that only reads never
   * hits the retryable failures that would re-run it.
   */
  readonly readConsistently: <A, E, R>(self: Effect.Effect<A, E, R>) => Effect.Effect<A, E | SqlError, R>
}

/**
 * The backup storage port.
 *
 * @since 0.1.0
 */
export class BackupRepo extends Context.Tag("@danju/ledger/BackupRepo")<BackupRepo, BackupRepoShape>() {}
