/**
 * `danju demo`: the demo operators and books. A module of its own, apart from the
 * report commands of `ledger.ts`, so that the lean report path (`lean.ts`) does not
 * bundle the demo seed.
 *
 * @since 0.1.0
 */
import { DatabaseLive, OperatorStoreSql } from "@danju/core/sql"
import { ledgerSqlLayer } from "@danju/ledger/storage"
import { Console, Effect, Layer } from "effect"
import { seedDemo } from "../demo"
import { migrated } from "./ledger"

/**
 * Loads the demo operators and books (`danju demo`); prints what it created.
 *
 * @since 0.1.0
 */
export const runDemo = (databaseUrl: string) =>
  Effect.gen(function*() {
    yield* migrated(databaseUrl)
    const result = yield* seedDemo.pipe(
      Effect.provide(Layer.mergeAll(OperatorStoreSql.layer, ledgerSqlLayer()).pipe(Layer.provideMerge(DatabaseLive.layer(databaseUrl))))
    )
    yield* Console.log(JSON.stringify(result))
  })
