/**
 * Handlers of the `system` group.
 *
 * @since 0.1.0
 */
import { HttpApiBuilder, OpenApi } from "@effect/platform"
import { Database } from "@danju/core/sql"
import { Effect } from "effect"
import { Api } from "../api"
import { DatabaseUnavailable } from "../http/errors"
import { serverVersion } from "../version"

/**
 * `GET /health` runs one trivial query, so a dead database shows as 503, not as "ok".
 *
 * @since 0.1.0
 */
export const SystemLive = HttpApiBuilder.group(Api, "system", (handlers) =>
  Effect.gen(function*() {
    const database = yield* Database
    // Built once: the API does not change while the server runs.
    const document = OpenApi.fromApi(Api)
    return handlers
      .handle("health", () =>
        database.query("health check", (db) => db.selectNoFrom((eb) => eb.val(1).as("one")).execute()).pipe(
          Effect.as({
            status: "ok" as const,
            version: serverVersion,
            database: { dialect: database.dialect, serverVersion: database.serverVersion }
          }),
          Effect.catchTag("SqlError", () => Effect.fail(new DatabaseUnavailable({ dialect: database.dialect })))
        ))
      .handle("openApi", () => Effect.succeed(document))
  }))
