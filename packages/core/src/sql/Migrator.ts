import { Effect, Schema } from "effect"
import type { Kysely } from "kysely"
import type { ColumnTypes, DialectName } from "./Dialect"
import { Database } from "./Database"
import type { SqlError } from "./SqlError"

/**
 * What a migration receives. Migrations are frozen: they use `Kysely<any>` and the
 * fixed {@link ColumnTypes}, never the application's table types or code, so a
 * migration written today still runs unchanged after the code has moved on.
 *
 * @since 0.1.0
 */
export interface MigrationContext {
  readonly db: Kysely<any>
  readonly dialect: DialectName
  readonly types: ColumnTypes
}

/**
 * One schema change. `name` is `<package>_<4-digit number>_<what>` (for example
 * `ledger_0001_account_sets`); names order the migrations of a package.
 *
 * @since 0.1.0
 */
export interface Migration {
  readonly name: string
  readonly up: (context: MigrationContext) => Promise<void>
}

/**
 * The migrations of one package, applied in name order. Each package ships its own,
 * so an application installs only the packages it uses.
 *
 * @since 0.1.0
 */
export interface MigrationSet {
  readonly packageName: string
  readonly migrations: ReadonlyArray<Migration>
}

/**
 * The database holds a migration this code does not know: it was migrated by a newer
 * Danju, and running older code on it could corrupt it.
 *
 * @since 0.1.0
 */
export class MigrationUnknown extends Schema.TaggedError<MigrationUnknown>()("MigrationUnknown", {
  packageName: Schema.String,
  migrationName: Schema.String
}) {
  override get message(): string {
    return `the database has migration ${this.migrationName} of ${this.packageName}, which this version of Danju does not know; upgrade Danju before opening this database`
  }
}

/**
 * A migration set is malformed: names out of order, duplicated or without the package prefix.
 *
 * @since 0.1.0
 */
export class MigrationSetInvalid extends Schema.TaggedError<MigrationSetInvalid>()("MigrationSetInvalid", {
  packageName: Schema.String,
  migrationName: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return `migration ${this.migrationName} of ${this.packageName} is invalid: ${this.reason}`
  }
}

/** The outcome of {@link migrate}: which migrations ran now, which were already there. @since 0.1.0 */
export interface MigrationReport {
  readonly applied: ReadonlyArray<string>
  readonly alreadyApplied: ReadonlyArray<string>
}

const MIGRATIONS_TABLE = "danju_migrations"

const validateSet = (set: MigrationSet): Effect.Effect<void, MigrationSetInvalid> =>
  Effect.forEach(set.migrations, (migration, index) => {
    const previous = index === 0 ? undefined : set.migrations[index - 1]
    const fail = (reason: string) =>
      Effect.fail(new MigrationSetInvalid({ packageName: set.packageName, migrationName: migration.name, reason }))
    if (!migration.name.startsWith(`${set.packageName}_`)) return fail(`name must start with "${set.packageName}_"`)
    if (!/^[a-z0-9_]+_\d{4}_[a-z0-9_]+$/.test(migration.name)) return fail("name must be <package>_<0001>_<what>")
    if (previous !== undefined && previous.name >= migration.name) return fail(`must sort after ${previous.name}`)
    return Effect.void
  }, { discard: true })

/**
 * Applies every migration of the given sets that the database does not have yet, each
 * in its own database transaction together with its bookkeeping row, under the
 * cross-process maintenance lock. Running it again changes nothing (idempotent);
 * two processes running it at once apply each migration exactly once.
 *
 * @example
 * ```ts
 * import { migrate } from "@danju/core/sql"
 * import { coreMigrations } from "@danju/core/sql"
 * const program = migrate([coreMigrations])
 * ```
 *
 * @since 0.1.0
 */
export const migrate = (
  sets: ReadonlyArray<MigrationSet>
): Effect.Effect<MigrationReport, SqlError | MigrationUnknown | MigrationSetInvalid, Database> =>
  Effect.gen(function*() {
    const database = yield* Database
    yield* Effect.forEach(sets, validateSet, { discard: true })
    yield* database.query("create migrations table", (db) =>
      db.schema.createTable(MIGRATIONS_TABLE).ifNotExists()
        .addColumn("package_name", "text", (column) => column.notNull())
        .addColumn("name", "text", (column) => column.primaryKey())
        .addColumn("applied_at", database.columnTypes.instant, (column) => column.notNull())
        .execute())
    const applied: Array<string> = []
    const alreadyApplied: Array<string> = []
    for (const set of sets) {
      const known = new Set(set.migrations.map((migration) => migration.name))
      const present = yield* database.query("read applied migrations", (db) =>
        db.selectFrom(MIGRATIONS_TABLE).select("name").where("package_name", "=", set.packageName).execute())
      for (const row of present) {
        if (!known.has(row.name)) {
          return yield* new MigrationUnknown({ packageName: set.packageName, migrationName: row.name })
        }
      }
      for (const migration of set.migrations) {
        const ran = yield* database.withTransaction(Effect.gen(function*() {
          yield* database.lockForMaintenance
          // Checked again under the lock: another process may have applied it meanwhile.
          const exists = yield* database.query("check migration", (db) =>
            db.selectFrom(MIGRATIONS_TABLE).select("name").where("name", "=", migration.name).executeTakeFirst())
          if (exists !== undefined) return false
          const now = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
          yield* database.query(`migration ${migration.name}`, (db) =>
            migration.up({ db, dialect: database.dialect, types: database.columnTypes }))
          yield* database.query("record migration", (db) =>
            db.insertInto(MIGRATIONS_TABLE).values({ package_name: set.packageName, name: migration.name, applied_at: now })
              .execute())
          return true
        }))
        ;(ran ? applied : alreadyApplied).push(migration.name)
      }
    }
    return { applied, alreadyApplied }
  })
