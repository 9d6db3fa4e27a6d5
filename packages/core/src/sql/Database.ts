import { Context, Effect, Exit, FiberRef, Option, Schedule } from "effect"
import type { Kysely } from "kysely"
import { Limits } from "../Limits"
import type { ColumnTypes, DialectCapabilities, DialectName } from "./Dialect"
import { classifyDriverError, SqlError } from "./SqlError"

/**
 * A value a statement can bind: decimals travel as canonical strings, instants as
 * epoch-millisecond integers, booleans as booleans (the adapter maps them per dialect).
 *
 * @since 0.1.0
 */
export type SqlValue = string | number | bigint | boolean | null | Uint8Array

/**
 * The operations whose SQL differs per dialect, implemented once per dialect in
 * `sqlite.ts` and `postgres.ts`. Storage adapters reach them through {@link Database}.
 *
 * @since 0.1.0
 */
export interface DialectOperations {
  /**
   * Inserts many rows with the fastest statement form of the dialect (a cached
   * prepared statement on SQLite; on PostgreSQL the rows as one JSON parameter unpacked
   * by `json_populate_recordset`). Must run inside a database transaction;
   * {@link Database.insertMany} ensures it.
   */
  readonly insertMany: (
    connection: Kysely<any>,
    table: string,
    columns: ReadonlyArray<string>,
    rows: ReadonlyArray<ReadonlyArray<SqlValue>>
  ) => Promise<void>
  /**
   * Adds decimal deltas to rows identified by key columns, inserting missing rows.
   * Rows must have distinct keys: callers aggregate deltas per key first, since a
   * PostgreSQL row updated many times in one database transaction degrades badly.
   */
  readonly incrementDecimals: (
    connection: Kysely<any>,
    table: string,
    keyColumns: ReadonlyArray<string>,
    decimalColumns: ReadonlyArray<string>,
    rows: ReadonlyArray<ReadonlyArray<SqlValue>>
  ) => Promise<void>
  /** Serializes migrators (and other whole-database maintenance) across processes. */
  readonly lockForMaintenance: (connection: Kysely<any>) => Promise<void>
  /**
   * Brings the planner's statistics of `tables` up to date after a bulk load.
   * PostgreSQL: `ANALYZE` — right after a large import its statistics still describe the
   * empty tables, and it plans a one-account detail-ledger page as "fetch every line of
   * the account and sort" (39 ms at 100k entries, 180 ms at 1M) instead of walking the
   * index in book order and stopping at the page's end (2.6 ms). SQLite: nothing — its
   * planner works without `sqlite_stat1` and our report queries pin their index by shape.
   */
  readonly refreshStatistics: (connection: Kysely<any>, tables: ReadonlyArray<string>) => Promise<void>
}

/**
 * The database as Danju's storage adapters see it: a Kysely instance for queries, one
 * transaction helper, and the few dialect-specific bulk operations.
 *
 * Queries issued through {@link DatabaseShape.query} inside
 * {@link DatabaseShape.withTransaction} run on that transaction's connection; outside,
 * they run on the pool. The transaction in progress is carried by a fiber reference,
 * so repositories need no connection parameter.
 *
 * @since 0.1.0
 */
export interface DatabaseShape {
  readonly dialect: DialectName
  readonly capabilities: DialectCapabilities
  readonly columnTypes: ColumnTypes
  /** The connection URL with any password removed, for logs and reports. */
  readonly redactedUrl: string
  /** Human-readable server version (`SQLite 3.53.2`, `PostgreSQL 15.19`). */
  readonly serverVersion: string
  /**
   * Runs `run` against the current database transaction if there is one, else the
   * pool. `operation` names the work for error messages.
   */
  readonly query: <A, DB = any>(operation: string, run: (db: Kysely<DB>) => Promise<A>) => Effect.Effect<A, SqlError>
  /**
   * Runs `self` inside one database transaction: commit on success, rollback on any
   * failure, defect or interruption. A nested call joins the outer transaction. On
   * SQLite the transaction starts with `BEGIN IMMEDIATE`, so it holds the write lock
   * from its first statement and never fails half-way on an upgrade. Failures that
   * the database reports as retryable (serialization, deadlock, busy) re-run `self`
   * from the start, at most `Limits.transactionRetriesMax` times, so `self` must do
   * nothing but database work and pure computation.
   */
  readonly withTransaction: <A, E, R>(self: Effect.Effect<A, E, R>) => Effect.Effect<A, E | SqlError, R>
  /** True inside {@link DatabaseShape.withTransaction}. */
  readonly inTransaction: Effect.Effect<boolean>
  /** Bulk insert; see {@link DialectOperations.insertMany}. */
  readonly insertMany: (
    operation: string,
    table: string,
    columns: ReadonlyArray<string>,
    rows: ReadonlyArray<ReadonlyArray<SqlValue>>
  ) => Effect.Effect<void, SqlError>
  /** Bulk decimal upsert-increment; see {@link DialectOperations.incrementDecimals}. */
  readonly incrementDecimals: (
    operation: string,
    table: string,
    keyColumns: ReadonlyArray<string>,
    decimalColumns: ReadonlyArray<string>,
    rows: ReadonlyArray<ReadonlyArray<SqlValue>>
  ) => Effect.Effect<void, SqlError>
  /** Takes the cross-process maintenance lock for the rest of the current transaction. */
  readonly lockForMaintenance: Effect.Effect<void, SqlError>
  /**
   * Refreshes the planner's statistics of `tables` after a bulk load (see
   * {@link DialectOperations.refreshStatistics}); call it after the loading transaction
   * has committed. Never fails: statistics are an optimisation, and the data they
   * describe is already safe — a failure (say, an operator who does not own the tables)
   * leaves the database's own autovacuum to catch up.
   */
  readonly refreshStatistics: (tables: ReadonlyArray<string>) => Effect.Effect<void>
}

/**
 * The database service. Build it with `DatabaseLive.layer(url)` (file or PostgreSQL)
 * or, in tests, with the dialect harness of `@danju/core/testing`.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Database } from "@danju/core/sql"
 *
 * const countOperators = Effect.gen(function*() {
 *   const database = yield* Database
 *   return yield* database.query("count operators", (db) =>
 *     db.selectFrom("danju_operators").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow())
 * })
 * ```
 *
 * @since 0.1.0
 */
export class Database extends Context.Tag("@danju/core/sql/Database")<Database, DatabaseShape>() {}

/** Wraps a driver promise as an Effect failing with a classified {@link SqlError}. @since 0.1.0 */
export const tryDatabase = <A>(operation: string, run: () => Promise<A>): Effect.Effect<A, SqlError> =>
  Effect.tryPromise({ try: run, catch: (cause) => classifyDriverError(operation, cause) })

/**
 * Builds the service from a Kysely instance and the dialect's operations. Used by the
 * live layers; exposed for adapters that bring their own Kysely dialect.
 *
 * @since 0.1.0
 */
export const makeDatabase = (options: {
  readonly kysely: Kysely<any>
  readonly dialect: DialectName
  readonly capabilities: DialectCapabilities
  readonly columnTypes: ColumnTypes
  readonly operations: DialectOperations
  readonly redactedUrl: string
  readonly serverVersion: string
}): DatabaseShape => {
  const { kysely, operations } = options
  // One reference per database, so two databases open in one process (restore from
  // one into another, say) never share a transaction.
  const currentTransaction = FiberRef.unsafeMake<Option.Option<Kysely<any>>>(Option.none())

  const connection: Effect.Effect<Kysely<any>> = Effect.map(
    FiberRef.get(currentTransaction),
    Option.getOrElse(() => kysely)
  )

  const query = <A, DB = any>(operation: string, run: (db: Kysely<DB>) => Promise<A>): Effect.Effect<A, SqlError> =>
    Effect.flatMap(connection, (db) => tryDatabase(operation, () => run(db as Kysely<DB>)))

  const rollbackQuietly = (transaction: { rollback(): { execute(): Promise<void> } }) =>
    // A failed rollback leaves nothing to undo: the database discards the work of a
    // transaction whose connection is gone. Kysely releases the connection either way.
    Effect.promise(() => transaction.rollback().execute().catch(() => undefined))

  const runOnce = <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E | SqlError, R> =>
    Effect.uninterruptibleMask((restore) =>
      Effect.gen(function*() {
        const transaction = yield* tryDatabase("begin transaction", () => kysely.startTransaction().execute())
        const exit = yield* Effect.exit(restore(Effect.locally(self, currentTransaction, Option.some(transaction))))
        if (Exit.isFailure(exit)) {
          yield* rollbackQuietly(transaction)
          return yield* Effect.failCause(exit.cause)
        }
        const committed = yield* Effect.exit(tryDatabase("commit", () => transaction.commit().execute()))
        if (Exit.isFailure(committed)) {
          yield* rollbackQuietly(transaction)
          return yield* Effect.failCause(committed.cause)
        }
        return exit.value
      })
    )

  const retryPolicy = Schedule.exponential("5 millis", 2).pipe(
    Schedule.union(Schedule.spaced("200 millis")),
    Schedule.jittered,
    Schedule.intersect(Schedule.recurs(Limits.transactionRetriesMax))
  )

  const withTransaction = <A, E, R>(self: Effect.Effect<A, E, R>): Effect.Effect<A, E | SqlError, R> =>
    Effect.flatMap(FiberRef.get(currentTransaction), (existing) =>
      Option.isSome(existing)
        ? self
        : Effect.retry(runOnce(self), {
          schedule: retryPolicy,
          while: (error) => error instanceof SqlError && error.retryable
        }))

  const inTransaction = Effect.map(FiberRef.get(currentTransaction), Option.isSome)

  const insideTransaction = <A>(operation: string, run: (db: Kysely<any>) => Promise<A>) =>
    withTransaction(Effect.flatMap(connection, (db) => tryDatabase(operation, () => run(db))))

  return {
    dialect: options.dialect,
    capabilities: options.capabilities,
    columnTypes: options.columnTypes,
    redactedUrl: options.redactedUrl,
    serverVersion: options.serverVersion,
    query,
    withTransaction,
    inTransaction,
    insertMany: (operation, table, columns, rows) =>
      rows.length === 0
        ? Effect.void
        : insideTransaction(operation, (db) => operations.insertMany(db, table, columns, rows)),
    incrementDecimals: (operation, table, keyColumns, decimalColumns, rows) =>
      rows.length === 0
        ? Effect.void
        : insideTransaction(operation, (db) => operations.incrementDecimals(db, table, keyColumns, decimalColumns, rows)),
    lockForMaintenance: Effect.flatMap(inTransaction, (inside) =>
      inside
        ? Effect.flatMap(connection, (db) => tryDatabase("maintenance lock", () => operations.lockForMaintenance(db)))
        : Effect.dieMessage("lockForMaintenance must run inside withTransaction")),
    refreshStatistics: (tables) =>
      tables.length === 0
        ? Effect.void
        : Effect.ignore(Effect.flatMap(connection, (db) => tryDatabase("refresh statistics", () => operations.refreshStatistics(db, tables))))
  }
}
