/**
 * `@danju/ledger/storage`: the Kysely adapter of the ledger's repository port and its
 * frozen migrations.
 *
 * @since 0.1.0
 */
export { LedgerSql } from "./LedgerSql"
export { ledgerMigrations } from "./migrations/index"

import { Layer } from "effect"
import { AuditLogSql, IdempotencySql } from "@danju/core/sql"
import type { AuditHashing } from "@danju/core"
import { LedgerConfig, LedgerService } from "../LedgerService"
import { LedgerSql as LedgerSqlLayer } from "./LedgerSql"

/**
 * The ledger service over SQL storage, with the audit log and idempotency stores it
 * needs. Provide a `Database` (from `DatabaseLive.layer(url)`) and apply
 * `coreMigrations` and `ledgerMigrations` first.
 *
 * @since 0.1.0
 */
export const ledgerSqlLayer = (options: { readonly auditHashing?: AuditHashing } = {}) =>
  LedgerService.Live.pipe(
    Layer.provideMerge(Layer.mergeAll(
      LedgerSqlLayer.layer,
      AuditLogSql.layer(options.auditHashing ?? {}),
      IdempotencySql.layer,
      LedgerConfig.Default
    ))
  )
