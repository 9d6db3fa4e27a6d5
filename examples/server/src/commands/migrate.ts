/**
 * `danju migrate`: applies every pending migration and prints what it did as JSON.
 *
 * @since 0.1.0
 */
import { DatabaseLive, migrate } from "@danju/core/sql"
import { Console, Effect } from "effect"
import { ensureDatabaseDirectory, migrationSets } from "../database"

/**
 * Migrates the database at `url`; stdout gets `{"database":…,"applied":[…],"alreadyApplied":[…]}`.
 *
 * @since 0.1.0
 */
export const runMigrate = (url: string) =>
  Effect.gen(function*() {
    yield* ensureDatabaseDirectory(url)
    const report = yield* migrate(migrationSets).pipe(Effect.provide(DatabaseLive.layer(url)))
    yield* Console.log(JSON.stringify({ applied: report.applied, alreadyApplied: report.alreadyApplied }))
  })
