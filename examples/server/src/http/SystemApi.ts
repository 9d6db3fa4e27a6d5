/**
 * The `system` group: liveness with the database it runs on, and the OpenAPI document.
 *
 * @since 0.1.0
 */
import { HttpApiEndpoint, HttpApiGroup, OpenApi } from "@effect/platform"
import { Schema } from "effect"
import { DatabaseUnavailableProblem } from "./errors"

/**
 * What `GET /health` reports.
 *
 * @since 0.1.0
 */
export const Health = Schema.Struct({
  status: Schema.Literal("ok"),
  version: Schema.String.annotations({ description: "Danju server version" }),
  database: Schema.Struct({
    dialect: Schema.Literal("sqlite", "postgres"),
    serverVersion: Schema.String.annotations({ description: "e.g. SQLite 3.53.2, PostgreSQL 15.19" })
  })
}).annotations({ identifier: "Health" })

/**
 * Health and API description endpoints (no authentication).
 *
 * @since 0.1.0
 */
export class SystemApi extends HttpApiGroup.make("system")
  .add(
    HttpApiEndpoint.get("health", "/health")
      .addSuccess(Health)
      .addError(DatabaseUnavailableProblem)
      .annotate(OpenApi.Summary, "Liveness and database check")
  )
  .add(
    HttpApiEndpoint.get("openApi", "/openapi.json")
      .addSuccess(Schema.Unknown.annotations({ description: "OpenAPI 3.1 document" }))
      .annotate(OpenApi.Summary, "This API as an OpenAPI 3.1 document")
  )
  .annotate(OpenApi.Description, "Server health and API description")
{}
