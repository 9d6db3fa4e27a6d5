/**
 * `@danju/ledger/storage`: the Kysely adapter of the ledger's repository port and its
 * frozen migrations.
 *
 * @since 0.1.0
 */
export { BackupSql } from "./BackupSql"
export { LedgerSql } from "./LedgerSql"
export { LibrarySql } from "./LibrarySql"
export { ledgerMigrations } from "./migrations/index"
export { ReportSql } from "./ReportSql"

import { Layer } from "effect"
import { AuditLogSql, IdempotencySql } from "@danju/core/sql"
import type { AuditHashing } from "@danju/core"
import { LedgerBackup } from "../BackupService"
import { LedgerJournal } from "../JournalService"
import { LedgerConfig, LedgerService } from "../LedgerService"
import { LedgerLibrary } from "../LibraryService"
import { PeriodEndService } from "../PeriodEndService"
import { LedgerReports } from "../ReportService"
import { BackupSql } from "./BackupSql"
import { LedgerSql as LedgerSqlLayer } from "./LedgerSql"
import { LibrarySql } from "./LibrarySql"
import { ReportSql } from "./ReportSql"

/**
 * The ledger service over SQL storage, with the audit log and idempotency stores it
 * needs. Provide a `Database` (from `DatabaseLive.layer(url)`) and apply
 * `coreMigrations` and `ledgerMigrations` first.
 *
 * @since 0.1.0
 */
export const ledgerSqlLayer = (options: { readonly auditHashing?: AuditHashing } = {}) =>
  Layer.mergeAll(
    LedgerService.Live,
    LedgerJournal.Live,
    LedgerBackup.Live,
    LedgerReports.Live,
    // Layers are memoized by reference: the period-end service shares the one ledger service.
    PeriodEndService.Live.pipe(Layer.provide(LedgerService.Live)),
    LedgerLibrary.Live.pipe(Layer.provide(LedgerService.Live))
  ).pipe(
    Layer.provideMerge(Layer.mergeAll(
      LedgerSqlLayer.layer,
      LibrarySql.layer,
      BackupSql.layer,
      ReportSql.layer,
      AuditLogSql.layer(options.auditHashing ?? {}),
      IdempotencySql.layer,
      LedgerConfig.Default
    ))
  )

/**
 * The read side of {@link ledgerSqlLayer}: the ledger service (account sets, the trial
 * balance) and the report service, over the same SQL stores. For a process that only
 * reads and prints, such as the CLI's report commands, it is all that is needed and
 * leaves the journal, backup, library and period-end services (and what they import)
 * out of a bundle.
 *
 * @since 0.1.0
 */
export const ledgerReportsSqlLayer = (options: { readonly auditHashing?: AuditHashing } = {}) =>
  Layer.mergeAll(LedgerService.Live, LedgerReports.Live).pipe(
    Layer.provideMerge(Layer.mergeAll(
      LedgerSqlLayer.layer,
      LibrarySql.layer,
      ReportSql.layer,
      AuditLogSql.layer(options.auditHashing ?? {}),
      IdempotencySql.layer,
      LedgerConfig.Default
    ))
  )
