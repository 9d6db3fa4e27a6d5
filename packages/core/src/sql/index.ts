/**
 * `@danju/core/sql`: the storage kernel every Danju package's storage adapter builds
 * on — the {@link Database} service over Kysely, dialect capabilities, the migrator
 * and the core tables (audit log, idempotency records, counters, operators, sessions).
 *
 * Drivers are optional peer dependencies: install `better-sqlite3` (12.x on Node 20)
 * for embedded storage, `pg` for PostgreSQL.
 *
 * @since 0.1.0
 */
export * from "./Database"
export * from "./Dialect"
export * from "./layers"
export * from "./Migrator"
export { openPostgres, redactUrl } from "./postgres"
export type { PostgresOptions } from "./postgres"
export { openSqlite } from "./sqlite"
export type { SqliteOptions } from "./sqlite"
export * from "./SqlError"
export * from "./AuditLogSql"
export * from "./Counters"
export * from "./IdempotencySql"
export { coreMigrations } from "./migrations/index"
export * from "./OperatorStore"
