/**
 * The server's HTTP API: every group of every package, composed once. Packages add their
 * group from their own `src/http` contract here, and its handlers under `handlers/`.
 *
 * @since 0.1.0
 */
import { HttpApi, OpenApi } from "@effect/platform"
import { LedgerApi } from "@danju/ledger/http"
import { AuthApi } from "./http/AuthApi"
import { InternalErrorProblem, RequestInvalidProblem, EndpointNotFoundProblem } from "./http/errors"
import { OperatorsApi } from "./http/OperatorsApi"
import { SystemApi } from "./http/SystemApi"
import { serverVersion } from "./version"

// The platform adds its own HttpApiDecodeError (as application/json) to every API; the
// server answers decode failures with the RequestInvalid problem instead (see
// handlers/problems.ts), so the document drops the platform schema, files the 400
// response under application/problem+json, and documents the Retry-After header of 429s.
const describeProblems = (spec: Record<string, any>): Record<string, any> => {
  const platformSchemas = ["HttpApiDecodeError", "Issue", "PropertyKey"]
  const isPlatformDecodeError = (schema: unknown): boolean =>
    typeof schema === "object" && schema !== null &&
    (schema as { $ref?: unknown }).$ref === "#/components/schemas/HttpApiDecodeError"
  for (const item of Object.values(spec["paths"] ?? {}) as Array<Record<string, any>>) {
    for (const operation of Object.values(item)) {
      const responses = operation?.responses
      if (responses === undefined) continue
      const badRequest = responses["400"]
      const json = badRequest?.content?.["application/json"]
      if (json !== undefined) {
        const members: Array<unknown> = Array.isArray(json.schema?.anyOf) ? json.schema.anyOf : [json.schema]
        const kept = members.filter((member) => !isPlatformDecodeError(member))
        delete badRequest.content["application/json"]
        if (kept.length > 0) {
          badRequest.content["application/problem+json"] = { schema: kept.length === 1 ? kept[0] : { anyOf: kept } }
        }
        badRequest.description = "Invalid request: RFC 9457 problem listing the issues"
      }
      if (responses["429"] !== undefined) {
        responses["429"].headers = {
          "Retry-After": {
            description: "Seconds to wait before trying again",
            schema: { type: "integer", minimum: 1 }
          }
        }
      }
    }
  }
  const schemas: Record<string, unknown> | undefined = spec["components"]?.["schemas"]
  if (schemas !== undefined) {
    delete schemas["HttpApiDecodeError"]
    for (const name of platformSchemas) {
      if (!JSON.stringify(spec).includes(`"#/components/schemas/${name}"`)) delete schemas[name]
    }
  }
  return spec
}

/**
 * The Danju HTTP API.
 *
 * @since 0.1.0
 */
export class Api extends HttpApi.make("danju")
  .add(SystemApi)
  .add(AuthApi)
  .add(OperatorsApi)
  .addHttpApi(LedgerApi)
  .addError(RequestInvalidProblem)
  .addError(EndpointNotFoundProblem)
  .addError(InternalErrorProblem)
  .annotateContext(OpenApi.annotations({
    title: "Danju API",
    version: serverVersion,
    description: "Danju (單據) reference server. Errors are RFC 9457 problem documents " +
      "(application/problem+json) with a machine-readable `code`.",
    transform: describeProblems
  }))
{}
