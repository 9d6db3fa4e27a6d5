import { Context, Effect, Layer } from "effect"
import { Database } from "./Database"
import type { SqlError } from "./SqlError"

interface CounterTables {
  danju_counters: { scope: string; value: number | string }
}

/**
 * Named counters for gap-free document numbers (voucher numbers per word and period,
 * GSP document numbers). A number is taken inside the database transaction that uses
 * it, so a rolled-back document gives its number back and committed numbers have no
 * gaps and no duplicates, even with concurrent writers (the counter row is locked
 * until commit). Storage adapters use it; services never see it.
 *
 * @since 0.1.0
 */
export interface CountersShape {
  /** Takes `count` consecutive numbers; returns the first (numbers start at 1). */
  readonly take: (scope: string, count: number) => Effect.Effect<number, SqlError>
  /** The last number taken, 0 if none. */
  readonly current: (scope: string) => Effect.Effect<number, SqlError>
  /** Sets the last number taken (renumbering, restore). */
  readonly reset: (scope: string, value: number) => Effect.Effect<void, SqlError>
}

/** The counters service. @since 0.1.0 */
export class Counters extends Context.Tag("@danju/core/sql/Counters")<Counters, CountersShape>() {}

/** Counters stored in `danju_counters` (core migrations). @since 0.1.0 */
export const CountersSql = {
  layer: Layer.effect(
    Counters,
    Effect.gen(function*() {
      const database = yield* Database
      return {
        take: (scope, count) =>
          database.withTransaction(
            database.query<{ value: number | string }, CounterTables>("take counter numbers", (db) =>
              db.insertInto("danju_counters").values({ scope, value: count })
                .onConflict((conflict) =>
                  conflict.column("scope").doUpdateSet((eb) => ({
                    value: eb("danju_counters.value", "+", eb.ref("excluded.value"))
                  }))
                )
                .returning("value")
                .executeTakeFirstOrThrow())
          ).pipe(Effect.map((row) => Number(row.value) - count + 1)),
        current: (scope) =>
          database.query<{ value: number | string } | undefined, CounterTables>("read counter", (db) =>
            db.selectFrom("danju_counters").select("value").where("scope", "=", scope).executeTakeFirst()).pipe(
              Effect.map((row) => (row === undefined ? 0 : Number(row.value)))
            ),
        reset: (scope, value) =>
          database.query<unknown, CounterTables>("reset counter", (db) =>
            db.insertInto("danju_counters").values({ scope, value })
              .onConflict((conflict) => conflict.column("scope").doUpdateSet({ value })).execute()).pipe(Effect.asVoid)
      }
    })
  )
}
