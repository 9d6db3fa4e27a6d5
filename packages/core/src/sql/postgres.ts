import { Effect } from "effect"
import type { Scope } from "effect"
import { CompiledQuery, Kysely, PostgresDialect, sql } from "kysely"
import type { Pool, PoolConfig } from "pg"
import type { DatabaseShape, DialectOperations, SqlValue } from "./Database"
import { makeDatabase, tryDatabase } from "./Database"
import { dialectProfiles, quoteIdentifier } from "./Dialect"
import type { SqlError } from "./SqlError"

// PostgreSQL accepts at most 65,535 bind parameters per statement; stay below it.
const parametersPerStatementMax = 60_000
// Past a few hundred rows a longer VALUES list stops paying for its parse time.
const rowsPerStatementMax = 2_000

const chunksOf = <A>(rows: ReadonlyArray<A>, size: number): Array<ReadonlyArray<A>> => {
  const chunks: Array<ReadonlyArray<A>> = []
  for (let start = 0; start < rows.length; start += size) chunks.push(rows.slice(start, start + size))
  return chunks
}

const valuesList = (rows: ReadonlyArray<ReadonlyArray<SqlValue>>, width: number) => {
  const parameters: Array<unknown> = []
  const tuples = rows.map((row) => {
    const placeholders: Array<string> = []
    for (let index = 0; index < width; index++) {
      parameters.push(row[index] instanceof Uint8Array ? Buffer.from(row[index] as Uint8Array) : row[index])
      placeholders.push(`$${parameters.length}`)
    }
    return `(${placeholders.join(", ")})`
  })
  return { text: tuples.join(", "), parameters }
}

const postgresOperations: DialectOperations = {
  insertMany: async (connection, table, columns, rows) => {
    const size = Math.max(1, Math.min(rowsPerStatementMax, Math.floor(parametersPerStatementMax / columns.length)))
    for (const chunk of chunksOf(rows, size)) {
      const values = valuesList(chunk, columns.length)
      await connection.executeQuery(CompiledQuery.raw(
        `insert into ${quoteIdentifier(table)} (${columns.map(quoteIdentifier).join(", ")}) values ${values.text}`,
        values.parameters
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
    const size = Math.max(1, Math.min(rowsPerStatementMax, Math.floor(parametersPerStatementMax / columns.length)))
    for (const chunk of chunksOf(sorted, size)) {
      const values = valuesList(chunk, columns.length)
      await connection.executeQuery(CompiledQuery.raw(
        `insert into ${quoteIdentifier(table)} as target (${columns.map(quoteIdentifier).join(", ")}) values ${values.text} on conflict (${
          keyColumns.map(quoteIdentifier).join(", ")
        }) do update set ${
          decimalColumns.map((column) =>
            `${quoteIdentifier(column)} = target.${quoteIdentifier(column)} + excluded.${quoteIdentifier(column)}`
          ).join(", ")
        }`,
        values.parameters
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
