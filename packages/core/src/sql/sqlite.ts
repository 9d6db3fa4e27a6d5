import type BetterSqlite3 from "better-sqlite3"
import { Decimal } from "decimal.js"
import { Effect } from "effect"
import { CompiledQuery, Kysely, SqliteDialect } from "kysely"
import type { DatabaseConnection, Driver } from "kysely"
import { Limits } from "../Limits"
import type { DatabaseShape, DialectOperations, SqlValue } from "./Database"
import { makeDatabase, tryDatabase } from "./Database"
import { dialectProfiles, quoteIdentifier, SQLITE_DECIMAL_ADD, SQLITE_DECIMAL_SUM } from "./Dialect"
import type { SqlError } from "./SqlError"

// SQLite has no exact decimal type: TEXT decimals would be summed as binary floats.
// Every connection gets two exact functions over an isolated decimal.js clone
// (40 significant digits, well above Limits.amountDigitsMax).
const ExactDecimal = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 })

const registerDecimalFunctions = (handle: BetterSqlite3.Database): void => {
  handle.function(SQLITE_DECIMAL_ADD, { deterministic: true }, (left: unknown, right: unknown) => {
    if (left === null) return right === null ? null : new ExactDecimal(String(right)).toString()
    if (right === null) return new ExactDecimal(String(left)).toString()
    return new ExactDecimal(String(left)).plus(String(right)).toString()
  })
  handle.aggregate(SQLITE_DECIMAL_SUM, {
    start: () => null as Decimal | null,
    step: (total: Decimal | null, value: unknown) =>
      value === null ? total : total === null ? new ExactDecimal(String(value)) : total.plus(String(value)),
    result: (total: Decimal | null) => (total === null ? null : total.toString())
  })
}

/**
 * Kysely's SQLite driver opens transactions with a plain `BEGIN`, which takes the
 * write lock only at the first write: two such transactions that both read first
 * deadlock on the upgrade and one fails with SQLITE_BUSY half-way through.
 * `BEGIN IMMEDIATE` takes the write lock up front, so writers queue on the busy timeout.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver()
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      await connection.executeQuery(CompiledQuery.raw("begin immediate"))
    }
    // better-sqlite3 refuses to bind booleans; PostgreSQL wants them. Mapping them to
    // 1/0 here lets storage adapters write the same rows on both dialects.
    const acquire = driver.acquireConnection.bind(driver)
    driver.acquireConnection = async () => {
      const connection = await acquire()
      if (!wrappedConnections.has(connection)) {
        const execute = connection.executeQuery.bind(connection)
        connection.executeQuery = (query) =>
          query.parameters.some((parameter) => typeof parameter === "boolean")
            ? execute({ ...query, parameters: query.parameters.map((parameter) => toSqlite(parameter as SqlValue)) })
            : execute(query)
        wrappedConnections.add(connection)
      }
      return connection
    }
    return driver
  }
}

const wrappedConnections = new WeakSet<DatabaseConnection>()

const toSqlite = (value: SqlValue): unknown => (typeof value === "boolean" ? (value ? 1 : 0) : value)

const sqliteOperations = (handle: BetterSqlite3.Database): DialectOperations => {
  // Statements are compiled once per shape; better-sqlite3 keeps them valid for the
  // life of the connection. The cache is bounded by the number of table shapes.
  const statements = new Map<string, BetterSqlite3.Statement>()
  const statement = (key: string, text: () => string) => {
    let prepared = statements.get(key)
    if (prepared === undefined) {
      prepared = handle.prepare(text())
      statements.set(key, prepared)
    }
    return prepared
  }
  // The hot path of bulk posting: no per-row allocation unless a row holds a boolean.
  const runAll = (prepared: BetterSqlite3.Statement, rows: ReadonlyArray<ReadonlyArray<SqlValue>>) => {
    for (const row of rows) {
      prepared.run(row.some((value) => typeof value === "boolean") ? row.map(toSqlite) : row as Array<unknown>)
    }
  }
  return {
    // The single better-sqlite3 connection is held by the caller's transaction (the
    // Kysely connection mutex), so running prepared statements on the raw handle
    // here executes inside that transaction.
    insertMany: async (_connection, table, columns, rows) => {
      const prepared = statement(`insert|${table}|${columns.join(",")}`, () =>
        `insert into ${quoteIdentifier(table)} (${columns.map(quoteIdentifier).join(", ")}) values (${
          columns.map(() => "?").join(", ")
        })`)
      runAll(prepared, rows)
    },
    incrementDecimals: async (_connection, table, keyColumns, decimalColumns, rows) => {
      const columns = [...keyColumns, ...decimalColumns]
      const prepared = statement(`increment|${table}|${keyColumns.join(",")}|${decimalColumns.join(",")}`, () =>
        `insert into ${quoteIdentifier(table)} (${columns.map(quoteIdentifier).join(", ")}) values (${
          columns.map(() => "?").join(", ")
        }) on conflict (${keyColumns.map(quoteIdentifier).join(", ")}) do update set ${
          decimalColumns.map((column) =>
            `${quoteIdentifier(column)} = ${SQLITE_DECIMAL_ADD}(${quoteIdentifier(table)}.${quoteIdentifier(column)}, excluded.${
              quoteIdentifier(column)
            })`
          ).join(", ")
        }`)
      runAll(prepared, rows)
    },
    // BEGIN IMMEDIATE already holds the database-wide write lock.
    lockForMaintenance: async () => undefined,
    // SQLite plans without sqlite_stat1; the report queries pin their index by shape
    // (see ReportSql and balanceSummary), which statistics could override.
    refreshStatistics: async () => undefined
  }
}

// Kysely's SQLite driver prepares every query afresh; preparing is a measurable share of a
// small command (parsing and planning the SQL each time). Statements are cached by their
// text, the most recently used kept (SQLite re-prepares a cached statement by itself after
// a schema change). A statement still being iterated (a streamed read) is never handed
// out twice: such a call gets a fresh one.
const statementCacheSize = 256

const withStatementCache = (handle: BetterSqlite3.Database) => {
  const cache = new Map<string, BetterSqlite3.Statement>()
  return {
    close: () => handle.close(),
    prepare: (text: string): BetterSqlite3.Statement => {
      const cached = cache.get(text)
      if (cached !== undefined && !cached.busy) {
        cache.delete(text)
        cache.set(text, cached)
        return cached
      }
      const statement = handle.prepare(text)
      if (cached === undefined) {
        cache.set(text, statement)
        if (cache.size > statementCacheSize) cache.delete(cache.keys().next().value!)
      }
      return statement
    }
  }
}

/**
 * Options of the embedded SQLite database.
 *
 * @since 0.1.0
 */
export interface SqliteOptions {
  /** A file path, or `:memory:` for a private in-memory database. */
  readonly path: string
  /** Open without write access (reports on a copy someone else writes). */
  readonly readonly?: boolean
  /**
   * The page cache of the connection in KiB (`PRAGMA cache_size = -N`); default
   * `Limits.sqliteCacheKibibytes` (64 MiB). SQLite's own default, 2 MiB, is far smaller
   * than the indexes a posting touches in random order (lines by account and date): a
   * 100k-entry import spent a third longer in its INSERTs with it. Memory is taken only
   * as pages are read, and never more than this.
   */
  readonly cacheKibibytes?: number
}

/**
 * Opens an embedded SQLite database for the life of the scope: WAL journal,
 * `synchronous = NORMAL` (durable at each WAL checkpoint, safe against process
 * crashes), foreign keys on, a busy timeout of `Limits.sqliteBusyTimeoutMilliseconds`,
 * a page cache of `Limits.sqliteCacheKibibytes` and Danju's exact decimal functions.
 *
 * @since 0.1.0
 */
export const openSqlite = (options: SqliteOptions): Effect.Effect<DatabaseShape, SqlError, import("effect").Scope.Scope> =>
  Effect.gen(function*() {
    const module = yield* tryDatabase("load better-sqlite3 (install it: it is an optional peer of @danju/core)", () =>
      import("better-sqlite3"))
    const Constructor = (module as unknown as { default: typeof BetterSqlite3 }).default
    const handle = yield* Effect.acquireRelease(
      Effect.try({
        try: () => new Constructor(options.path, { readonly: options.readonly ?? false }),
        catch: (cause) => ({ cause })
      }).pipe(Effect.catchAll(({ cause }) =>
        tryDatabase(`open SQLite database ${options.path}`, () => Promise.reject(cause))
      )),
      (opened) => Effect.sync(() => opened.close())
    )
    yield* tryDatabase("configure SQLite", async () => {
      if (options.path !== ":memory:" && options.readonly !== true) handle.pragma("journal_mode = WAL")
      handle.pragma("synchronous = NORMAL")
      handle.pragma("foreign_keys = ON")
      handle.pragma(`busy_timeout = ${Limits.sqliteBusyTimeoutMilliseconds}`)
      handle.pragma(`cache_size = ${-Math.max(1, Math.floor(options.cacheKibibytes ?? Limits.sqliteCacheKibibytes))}`)
      registerDecimalFunctions(handle)
    })
    const kysely = new Kysely<any>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(handle) }) })
    yield* Effect.addFinalizer(() => Effect.promise(() => kysely.destroy().catch(() => undefined)))
    const version = handle.prepare("select sqlite_version() as version").get() as { version: string }
    return makeDatabase({
      kysely,
      dialect: "sqlite",
      ...dialectProfiles.sqlite,
      operations: sqliteOperations(handle),
      redactedUrl: `sqlite:${options.path}`,
      serverVersion: `SQLite ${version.version}`
    })
  })
