/**
 * `@danju/core/testing`: the dialect test harness. One storage suite, written once,
 * runs on every database Danju supports — SQLite always, PostgreSQL whenever
 * `DANJU_TEST_PG_URL` is set. Each PostgreSQL suite gets a fresh schema that is
 * dropped afterwards, so runs never see each other's rows.
 *
 * Outside CI an unset `DANJU_TEST_PG_URL` reports the PostgreSQL cases as skipped with
 * a one-line reason. With `CI=true` an unset or unreachable PostgreSQL fails the run:
 * CI must never pass by silently testing SQLite alone.
 *
 * Needs `vitest` and `@effect/vitest` (optional peers of `@danju/core`).
 *
 * @example
 * ```ts
 * import { assert } from "@effect/vitest"
 * import { describeEachDialect } from "@danju/core/testing"
 *
 * describeEachDialect("counters", [coreMigrations], (it) => {
 *   it.effect("start at one", () => Effect.gen(function*() { ... }))
 * })
 * ```
 *
 * @since 0.1.0
 */
import { describe, it, layer } from "@effect/vitest"
import type { Vitest } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { Database } from "../sql/Database"
import type { DialectName } from "../sql/Dialect"
import { openPostgres } from "../sql/postgres"
import { openSqlite } from "../sql/sqlite"
import { migrate } from "../sql/Migrator"
import type { MigrationSet } from "../sql/Migrator"
import { tryDatabase } from "../sql/Database"

/**
 * A database the suites run on, or the reason it is not available.
 *
 * @since 0.1.0
 */
export interface DialectUnderTest {
  readonly name: DialectName
  /** Set when the dialect cannot run here; the harness reports its cases as skipped (or failed in CI). */
  readonly unavailable?: string
}

const inCi = (): boolean => process.env["CI"] === "true" || process.env["CI"] === "1"

/**
 * The dialects of this run: SQLite always; PostgreSQL when `DANJU_TEST_PG_URL` is set,
 * unavailable (with the reason) otherwise. `DANJU_TEST_DIALECTS=sqlite` (or `postgres`)
 * narrows a local run to one dialect; CI ignores it and always runs both.
 *
 * @since 0.1.0
 */
export const dialectsUnderTest = (): ReadonlyArray<DialectUnderTest> => {
  const wanted = inCi() ? undefined : process.env["DANJU_TEST_DIALECTS"]?.split(",").map((name) => name.trim())
  const url = process.env["DANJU_TEST_PG_URL"]
  const all: Array<DialectUnderTest> = [
    { name: "sqlite" },
    url === undefined || url === ""
      ? { name: "postgres", unavailable: "DANJU_TEST_PG_URL is not set" }
      : { name: "postgres" }
  ]
  return all.filter((dialect) => wanted === undefined || wanted.includes(dialect.name))
}

let schemaCounter = 0

/**
 * A fresh, empty database of the given dialect for one suite: a private in-memory
 * SQLite database, or a new PostgreSQL schema dropped when the layer is released.
 *
 * @since 0.1.0
 */
export const freshDatabase = (dialect: DialectName): Layer.Layer<Database, unknown> => {
  if (dialect === "sqlite") return Layer.scoped(Database, openSqlite({ path: ":memory:" }))
  return Layer.scoped(
    Database,
    Effect.gen(function*() {
      const url = process.env["DANJU_TEST_PG_URL"]
      if (url === undefined || url === "") return yield* Effect.dieMessage("DANJU_TEST_PG_URL is not set")
      schemaCounter += 1
      const schema = `danju_test_${process.pid}_${schemaCounter}_${Math.floor(performance.now() * 1000).toString(36)}`
      const admin = yield* openPostgres({ url, poolSize: 1 })
      yield* admin.query("create test schema", (db) => db.schema.createSchema(schema).execute())
      yield* Effect.addFinalizer(() =>
        tryDatabase("drop test schema", () => Promise.resolve()).pipe(
          Effect.zipRight(admin.query("drop test schema", (db) => db.schema.dropSchema(schema).cascade().execute())),
          Effect.orDie
        )
      )
      return yield* openPostgres({ url, schema, poolSize: 10 })
    })
  )
}

/**
 * {@link freshDatabase} with the given migration sets applied.
 *
 * @since 0.1.0
 */
export const migratedDatabase = (
  dialect: DialectName,
  sets: ReadonlyArray<MigrationSet>
): Layer.Layer<Database, unknown> =>
  Layer.tap(freshDatabase(dialect), (context) => Effect.provide(migrate(sets), context))

/**
 * Declares one suite per dialect of {@link dialectsUnderTest}, each over its own
 * migrated database shared by the suite's tests (use distinct ids per test, or
 * {@link freshDatabase} inside a test that needs an empty store).
 *
 * @since 0.1.0
 */
export const describeEachDialect = <ROut = never>(
  name: string,
  sets: ReadonlyArray<MigrationSet>,
  body: (it: Vitest.MethodsNonLive<Database | ROut>, dialect: DialectName) => void,
  extra?: (dialect: DialectName) => Layer.Layer<ROut, unknown, Database>
): void => {
  for (const dialect of dialectsUnderTest()) {
    const title = `${name} [${dialect.name}]`
    if (dialect.unavailable !== undefined) {
      if (inCi()) {
        describe(title, () => {
          it(`needs ${dialect.name} in CI`, () => {
            throw new Error(`${dialect.name} cases cannot run: ${dialect.unavailable} (CI=true requires every dialect)`)
          })
        })
      } else {
        describe.skip(`${title} — skipped: ${dialect.unavailable}`, () => {
          it("runs when the dialect is available", () => undefined)
        })
      }
      continue
    }
    const base = migratedDatabase(dialect.name, sets)
    const full = extra === undefined
      ? (base as Layer.Layer<Database | ROut, unknown>)
      : Layer.provideMerge(extra(dialect.name), base)
    layer(full, { timeout: 60_000 })(title, (it) => body(it as Vitest.MethodsNonLive<Database | ROut>, dialect.name))
  }
}
