import { Schema } from "effect"

/**
 * Why a database operation failed, reduced to what a caller can act on:
 * `serialization` and `busy` are retried by {@link Database.withTransaction};
 * `constraint` means a uniqueness or foreign-key rule of the schema held the write back;
 * `connection` means the database could not be reached; everything else is `unknown`.
 *
 * @since 0.1.0
 */
export const SqlErrorReason = Schema.Literal("serialization", "busy", "constraint", "connection", "unknown")

/** @since 0.1.0 */
export type SqlErrorReason = typeof SqlErrorReason.Type

/**
 * A failure reported by the database driver, classified by {@link SqlErrorReason}.
 * It carries the driver's code (SQLSTATE on PostgreSQL, `SQLITE_*` on SQLite) and
 * the operation Danju was performing, never the bound parameter values (they may hold
 * personal data).
 *
 * @since 0.1.0
 */
export class SqlError extends Schema.TaggedError<SqlError>()("SqlError", {
  reason: SqlErrorReason,
  operation: Schema.String,
  code: Schema.optional(Schema.String),
  detail: Schema.String
}) {
  override get message(): string {
    return `database ${this.reason} error during ${this.operation}${this.code === undefined ? "" : ` (${this.code})`}: ${this.detail}`
  }

  /** True when repeating the whole database transaction may succeed. */
  get retryable(): boolean {
    return this.reason === "serialization" || this.reason === "busy"
  }
}

/**
 * Maps a driver exception (better-sqlite3 `SqliteError`, pg `DatabaseError`) to a
 * {@link SqlError}. Driver codes are the only thing inspected; messages are kept as detail.
 *
 * @since 0.1.0
 */
export const classifyDriverError = (operation: string, cause: unknown): SqlError => {
  const code = typeof cause === "object" && cause !== null && "code" in cause && typeof cause.code === "string"
    ? cause.code
    : undefined
  const detail = cause instanceof Error ? cause.message : String(cause)
  const reason: SqlErrorReason = code === undefined
    ? (/ECONNREFUSED|ENOTFOUND|Connection terminated/.test(detail) ? "connection" : "unknown")
    : code === "40001" || code === "40P01"
    ? "serialization"
    : code === "SQLITE_BUSY" || code === "SQLITE_BUSY_SNAPSHOT" || code === "SQLITE_LOCKED" || code === "55P03"
    ? "busy"
    : code.startsWith("23") || code.startsWith("SQLITE_CONSTRAINT")
    ? "constraint"
    : code.startsWith("08") || code === "ECONNREFUSED" || code === "57P01" || code === "57P03"
    ? "connection"
    : "unknown"
  return new SqlError(code === undefined ? { reason, operation, detail } : { reason, operation, code, detail })
}
