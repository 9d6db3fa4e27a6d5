/**
 * Which database the server and CLI open, and the migrations every start applies.
 *
 * @since 0.1.0
 */
import { mkdirSync } from "node:fs"
import { dirname, resolve } from "node:path"
import type { Database, MigrationSet } from "@danju/core/sql"
import { coreMigrations, DatabaseLive, migrate } from "@danju/core/sql"
import { ledgerMigrations } from "@danju/ledger/storage"
import { Effect, Layer } from "effect"

/** Where data lives when neither `--db` nor `DATABASE_URL` says otherwise. @since 0.1.0 */
export const defaultDatabasePath = "./data/danju.db"

/**
 * The migration sets of every package this server composes, core first. Packages add
 * their set here when their group is added to the API.
 *
 * @since 0.1.0
 */
export const migrationSets: ReadonlyArray<MigrationSet> = [coreMigrations, ledgerMigrations]

/**
 * The database URL: `--db` wins, then `DATABASE_URL`, then the embedded SQLite file
 * {@link defaultDatabasePath}.
 *
 * @since 0.1.0
 */
export const resolveDatabaseUrl = (flag: string | undefined, environment: NodeJS.ProcessEnv): string => {
  if (flag !== undefined && flag !== "") return flag
  const fromEnvironment = environment["DATABASE_URL"]
  if (fromEnvironment !== undefined && fromEnvironment !== "") return fromEnvironment
  return `sqlite:${defaultDatabasePath}`
}

/**
 * Creates the directory of a SQLite file URL, so the first start needs no setup.
 *
 * @since 0.1.0
 */
export const ensureDatabaseDirectory = (url: string): Effect.Effect<void> =>
  Effect.sync(() => {
    if (!url.startsWith("sqlite:")) return
    const rest = url.slice("sqlite:".length)
    if (rest === ":memory:" || rest === "") return
    const path = rest.startsWith("//") ? rest.slice(2) : rest
    mkdirSync(dirname(resolve(path)), { recursive: true })
  })

/**
 * A {@link Database} layer with every migration set applied when it is built.
 *
 * @since 0.1.0
 */
export const withMigrations = <E, R>(database: Layer.Layer<Database, E, R>) =>
  database.pipe(
    Layer.tap((context) =>
      migrate(migrationSets).pipe(
        Effect.tap((report) =>
          report.applied.length === 0
            ? Effect.void
            : Effect.logInfo(`applied migrations: ${report.applied.join(", ")}`)
        ),
        Effect.provide(context)
      )
    )
  )

/**
 * The `Database` of a URL with every migration set applied.
 *
 * @since 0.1.0
 */
export const migratedDatabaseLayer = (url: string) =>
  withMigrations(Layer.unwrapEffect(Effect.as(ensureDatabaseDirectory(url), DatabaseLive.layer(url))))
