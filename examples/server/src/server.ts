/**
 * The composition root of the HTTP server: picks the live layers (database, stores,
 * handlers, docs, Node HTTP server) and nothing else. `danju serve` and the tests start
 * the server through {@link serverLayer} / {@link startServer}.
 *
 * @since 0.1.0
 */
import { createServer } from "node:http"
import { HttpApiBuilder, HttpApiScalar, HttpMiddleware, HttpServer } from "@effect/platform"
import { NodeHttpServer } from "@effect/platform-node"
import type { AuditLog } from "@danju/core"
import { Limits } from "@danju/core"
import type { Database } from "@danju/core/sql"
import { OperatorStoreSql } from "@danju/core/sql"
import type { OperatorStore } from "@danju/core/sql"
import type { LedgerService } from "@danju/ledger"
import { ledgerSqlLayer } from "@danju/ledger/storage"
import { Context, Effect, Exit, Layer, Logger, LogLevel, Option, Scope } from "effect"
import { HttpIncomingMessage } from "@effect/platform"
import { Api } from "./api"
import { defaultDatabasePath, migratedDatabaseLayer, withMigrations } from "./database"
import { seedDemo } from "./demo"
import { AuthLive } from "./handlers/auth"
import { AuthenticationLive } from "./handlers/authentication"
import { LedgerLive } from "./handlers/ledger"
import { LedgerLibraryLive } from "./handlers/library"
import { OperatorsLive } from "./handlers/operators"
import { lastResortProblem, ProblemMiddlewareLive } from "./handlers/problems"
import { answerParserErrorsWithProblems, requestGate } from "./handlers/requestGate"
import { SystemLive } from "./handlers/system"

/**
 * How to run the server. `database` (a ready layer, e.g. a test schema) wins over
 * `databaseUrl`.
 *
 * @since 0.1.0
 */
export interface ServerOptions {
  readonly databaseUrl?: string
  readonly database?: Layer.Layer<Database, unknown>
  readonly port: number
  readonly host: string
  /** Seed the demo organisation and operators (idempotent). */
  readonly demo: boolean
  /**
   * Runs once the database is migrated (after the demo seeding), with the stores and
   * services of the server: tests and embedding apps use it to create their own data.
   */
  readonly seed?: Effect.Effect<unknown, unknown, Database | OperatorStore | AuditLog | LedgerService>
}

/**
 * The API with every group's handlers; needs the stores and the database.
 *
 * @since 0.1.0
 */
export const ApiLive = HttpApiBuilder.api(Api).pipe(
  Layer.provide([SystemLive, AuthLive, OperatorsLive, LedgerLive, LedgerLibraryLive]),
  Layer.provide(AuthenticationLive)
)

// The docs page embeds Scalar's script in the HTML (HttpApiScalar.layer, not layerCdn)
// and asks it not to fetch web fonts, so /docs works without internet access.
const DocsLive = HttpApiScalar.layer({
  path: "/docs",
  scalar: { withDefaultFonts: false, defaultOpenAllTags: true, hideDarkModeToggle: true }
})

const bodyLimit = <E, R>(app: Effect.Effect<any, E, R>) =>
  HttpIncomingMessage.withMaxBodySize(app, Option.some(Limits.httpRequestBodyBytesMax))

/**
 * Everything but the listening socket: the HTTP app as a layer over the chosen database.
 *
 * @since 0.1.0
 */
export const appLayer = (options: Omit<ServerOptions, "port" | "host">) => {
  const database = options.database !== undefined
    ? withMigrations(options.database)
    : migratedDatabaseLayer(options.databaseUrl ?? `sqlite:${defaultDatabasePath}`)
  // Every package's services over the one database: core's operator store, the ledger.
  const stores = Layer.mergeAll(OperatorStoreSql.layer, ledgerSqlLayer()).pipe(Layer.provideMerge(database))
  const demo = options.demo
    ? seedDemo.pipe(
      Effect.tap(({ accountSets, created }) =>
        Effect.all([
          created.length === 0 ? Effect.void : Effect.logInfo(`demo operators created: ${created.join(", ")}`),
          accountSets.length === 0 ? Effect.void : Effect.logInfo(`demo account sets loaded: ${accountSets.join(", ")}`)
        ])
      )
    )
    : Effect.void
  const seeded = Layer.tap(stores, (context) =>
    Effect.zipRight(demo, options.seed ?? Effect.void).pipe(Effect.provide(context)))
  return HttpApiBuilder.serve((app) => lastResortProblem(bodyLimit(HttpMiddleware.logger(requestGate(app))))).pipe(
    Layer.provide(DocsLive),
    Layer.provide(ProblemMiddlewareLive),
    Layer.provide(ApiLive),
    Layer.provide(seeded)
  )
}

/**
 * The whole server: {@link appLayer} listening on `host:port` (port 0 picks a free one).
 *
 * @since 0.1.0
 */
export const serverLayer = (options: ServerOptions) =>
  appLayer(options).pipe(
    Layer.provideMerge(NodeHttpServer.layer(() => answerParserErrorsWithProblems(createServer()), { port: options.port, host: options.host }))
  )

/**
 * The URL a running server listens on.
 *
 * @since 0.1.0
 */
export const serverUrl = (address: HttpServer.Address): string =>
  address._tag === "TcpAddress"
    ? `http://${address.hostname.includes(":") ? `[${address.hostname}]` : address.hostname}:${address.port}`
    : `unix:${address.path}`

/**
 * Starts the server inside the current scope and returns its URL; it stops when the scope
 * closes.
 *
 * @since 0.1.0
 */
export const runServer = (options: ServerOptions) =>
  Effect.gen(function*() {
    const context = yield* Layer.build(serverLayer(options))
    const server = Context.get(context, HttpServer.HttpServer)
    return { url: serverUrl(server.address) }
  })

/**
 * Starts the server from plain Promise code (tests, embedding apps).
 *
 * @example
 * ```ts
 * const server = await startServer({ databaseUrl: "sqlite::memory:", port: 0, host: "127.0.0.1", demo: true })
 * await fetch(`${server.url}/health`)
 * await server.close()
 * ```
 *
 * @since 0.1.0
 */
export const startServer = async (
  options: ServerOptions & { readonly minimumLogLevel?: LogLevel.LogLevel }
): Promise<{ readonly url: string; readonly close: () => Promise<void> }> => {
  const scope = Effect.runSync(Scope.make())
  const exit = await Effect.runPromiseExit(
    Scope.extend(runServer(options), scope).pipe(Logger.withMinimumLogLevel(options.minimumLogLevel ?? LogLevel.Info))
  )
  if (Exit.isFailure(exit)) {
    await Effect.runPromise(Scope.close(scope, exit))
    throw new Error(`server did not start: ${String(exit.cause)}`)
  }
  return { url: exit.value.url, close: () => Effect.runPromise(Scope.close(scope, Exit.void)) }
}
