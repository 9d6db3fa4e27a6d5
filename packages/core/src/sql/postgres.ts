import { Effect } from "effect"
import type { Scope } from "effect"
import { CompiledQuery, Kysely, PostgresDialect, sql } from "kysely"
import type { Pool, PoolConfig } from "pg"
import type { DatabaseShape, DialectOperations, SqlValue } from "./Database"
import { makeDatabase, tryDatabase } from "./Database"
import { dialectProfiles, quoteIdentifier } from "./Dialect"
import type { SqlError } from "./SqlError"

// Rows per statement of the bulk forms below: large enough that the per-statement cost
// vanishes, small enough that one statement's JSON stays a few megabytes.
const rowsPerStatementMax = 5_000

const chunksOf = <A>(rows: ReadonlyArray<A>, size: number): Array<ReadonlyArray<A>> => {
  const chunks: Array<ReadonlyArray<A>> = []
  for (let start = 0; start < rows.length; start += size) chunks.push(rows.slice(start, start + size))
  return chunks
}

// Node 20 has String.prototype.toWellFormed (ES2024); the compiler's library is ES2022.
interface WellFormed {
  toWellFormed(): string
}

const hexDigits = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"))

// One JSON value as PostgreSQL's json input reads it back into the column's type:
// decimals and bigints travel as strings (exact), bytes as bytea hex text, strings made
// well-formed (a lone surrogate becomes U+FFFD, as the driver's UTF-8 encoding of a bound
// parameter does; PostgreSQL would refuse the JSON escape of one).
const jsonValue = (value: SqlValue): unknown => {
  if (typeof value === "string") return (value as unknown as WellFormed).toWellFormed()
  if (typeof value === "bigint") return value.toString()
  if (typeof value === "number" && !Number.isFinite(value)) {
    throw new Error(`a bulk row holds ${value}, which no column can store`)
  }
  if (value instanceof Uint8Array) {
    let text = "\\x"
    for (const byte of value) text += hexDigits[byte]
    return text
  }
  return value
}

/**
 * Rows as one JSON parameter, unpacked by `json_populate_recordset` into the table's own
 * row type, so every value is converted by the column's input function (NUMERIC exactly,
 * from its text). One parameter and a short statement instead of a multi-row VALUES list
 * with tens of thousands of placeholders: PostgreSQL parses and plans the statement once,
 * and the insert itself is what remains (measured on a `ledger_lines`-shaped table with
 * its indexes: 55–68k rows/s against 42k for 2,000-row VALUES lists; COPY 104–120k).
 */
const jsonRecords = (columns: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<SqlValue>>): string => {
  const records = rows.map((row) => {
    const record: Record<string, unknown> = {}
    columns.forEach((column, index) => {
      record[column] = jsonValue(row[index] ?? null)
    })
    return record
  })
  return JSON.stringify(records)
}

const selectRecords = (table: string, columns: ReadonlyArray<string>) =>
  `select ${columns.map(quoteIdentifier).join(", ")} from json_populate_recordset(null::${quoteIdentifier(table)}, $1::json)`

const postgresOperations: DialectOperations = {
  insertMany: async (connection, table, columns, rows) => {
    for (const chunk of chunksOf(rows, rowsPerStatementMax)) {
      await connection.executeQuery(CompiledQuery.raw(
        `insert into ${quoteIdentifier(table)} (${columns.map(quoteIdentifier).join(", ")}) ${selectRecords(table, columns)}`,
        [jsonRecords(columns, chunk)]
      ))
    }
  },
  incrementDecimals: async (connection, table, keyColumns, decimalColumns, rows) => {
    const columns = [...keyColumns, ...decimalColumns]
    // Concurrent writers that lock the same balance rows in the same order cannot deadlock.
    const sorted = [...rows].sort((left, right) => {
      for (let index = 0; index < keyColumns.length; index++) {
        const a = String(left[index])
        const b = String(right[index])
        if (a !== b) return a < b ? -1 : 1
      }
      return 0
    })
    for (const chunk of chunksOf(sorted, rowsPerStatementMax)) {
      // The set-returning function yields the rows in array order (one scan, no sort), so
      // the upsert locks them in the sorted order above.
      await connection.executeQuery(CompiledQuery.raw(
        `insert into ${quoteIdentifier(table)} as target (${columns.map(quoteIdentifier).join(", ")}) ${
          selectRecords(table, columns)
        } on conflict (${keyColumns.map(quoteIdentifier).join(", ")}) do update set ${
          decimalColumns.map((column) =>
            `${quoteIdentifier(column)} = target.${quoteIdentifier(column)} + excluded.${quoteIdentifier(column)}`
          ).join(", ")
        }`,
        [jsonRecords(columns, chunk)]
      ))
    }
  },
  // A transaction-scoped advisory lock: released by commit or rollback, held across
  // processes, so two servers starting at once migrate one after the other.
  lockForMaintenance: async (connection) => {
    await sql`select pg_advisory_xact_lock(8245001)`.execute(connection)
  },
  refreshStatistics: async (connection, tables) => {
    await sql.raw(`analyze ${tables.map(quoteIdentifier).join(", ")}`).execute(connection)
  }
}

/**
 * Options of a PostgreSQL connection pool.
 *
 * @since 0.1.0
 */
export interface PostgresOptions {
  /** `postgres://user:password@host:port/database` */
  readonly url: string
  /** Schema that tables live in (the test harness gives each run its own). */
  readonly schema?: string
  /** Largest number of pooled connections; 10 by default. */
  readonly poolSize?: number
}

/**
 * Redacts the password of a connection URL for logs.
 *
 * @since 0.1.0
 */
export const redactUrl = (url: string): string => url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@")

/**
 * Opens a PostgreSQL pool for the life of the scope. NUMERIC and BIGINT come back as
 * strings (pg's default, kept on purpose): storage adapters decode them to exact
 * decimals and integers at the edge.
 *
 * @since 0.1.0
 */
export const openPostgres = (options: PostgresOptions): Effect.Effect<DatabaseShape, SqlError, Scope.Scope> =>
  Effect.gen(function*() {
    const module = yield* tryDatabase("load pg (install it: it is an optional peer of @danju/core)", () => import("pg"))
    const PoolConstructor = ((module as unknown as { default?: { Pool: typeof Pool } }).default ?? module as unknown as { Pool: typeof Pool }).Pool
    const config: PoolConfig = {
      connectionString: options.url,
      max: options.poolSize ?? 10,
      ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` })
    }
    const pool = new PoolConstructor(config)
    // An idle client that loses its connection emits 'error' on the pool; without a
    // listener Node would crash the process. The next query reports the failure.
    pool.on("error", () => undefined)
    const kysely = new Kysely<any>({ dialect: new PostgresDialect({ pool }) })
    yield* Effect.addFinalizer(() => Effect.promise(() => kysely.destroy().catch(() => undefined)))
    const version = yield* tryDatabase(
      `connect to PostgreSQL at ${redactUrl(options.url)}`,
      () => sql<{ server_version: string }>`show server_version`.execute(kysely)
    )
    return makeDatabase({
      kysely,
      dialect: "postgres",
      ...dialectProfiles.postgres,
      operations: postgresOperations,
      redactedUrl: redactUrl(options.url),
      serverVersion: `PostgreSQL ${version.rows[0]?.server_version ?? "unknown"}`
    })
  })
