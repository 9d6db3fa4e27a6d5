/**
 * `danju serve`: runs the HTTP server until interrupted (Ctrl-C, SIGTERM).
 *
 * @since 0.1.0
 */
import { Console, Effect, Predicate, Schema } from "effect"
import type { ServerOptions } from "../server"
import { runServer } from "../server"

/**
 * The server could not listen (port taken, address not available).
 *
 * @since 0.1.0
 */
export class ListenFailed extends Schema.TaggedError<ListenFailed>()("ListenFailed", {
  host: Schema.String,
  port: Schema.Int,
  detail: Schema.String
}) {
  override get message(): string {
    return `cannot listen on ${this.host}:${this.port}: ${this.detail}`
  }
}

/**
 * Starts the server, prints `{"event":"listening","url":…}` on stdout, then waits.
 *
 * @since 0.1.0
 */
export const runServe = (options: ServerOptions): Effect.Effect<void, unknown> =>
  Effect.scoped(
    Effect.gen(function*() {
      const { url } = yield* runServer(options).pipe(
        Effect.mapError((error) => {
          if (!Predicate.isTagged(error, "ServeError")) return error
          const cause = Predicate.hasProperty(error, "cause") ? error.cause : undefined
          const detail = cause instanceof Error ? cause.message : String(cause)
          return new ListenFailed({ host: options.host, port: options.port, detail })
        })
      )
      yield* Effect.logInfo(`Danju listening on ${url} (API docs: ${url}/docs)`)
      yield* Console.log(JSON.stringify({ event: "listening", url }))
      return yield* Effect.never
    })
  )
