/**
 * Errors the server itself raises (not any domain package's): malformed requests,
 * unknown routes, an unreachable database and unexpected defects. Each becomes an RFC 9457
 * problem through {@link problem}.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { problem } from "@danju/core/http"

/**
 * One reason a request was refused: where (`path`, e.g. `body.password` or `path.id`)
 * and what is wrong.
 *
 * @since 0.1.0
 */
export const RequestIssue = Schema.Struct({
  path: Schema.String,
  message: Schema.String
}).annotations({ identifier: "RequestIssue" })

/**
 * The request could not be decoded: body not JSON, a field missing or of the wrong type,
 * a value outside its bounds. Nothing was written.
 *
 * @since 0.1.0
 */
export class RequestInvalid extends Schema.TaggedError<RequestInvalid>()("RequestInvalid", {
  issues: Schema.Array(RequestIssue)
}) {
  override get message(): string {
    const first = this.issues[0]
    if (first === undefined) return "the request is invalid"
    const more = this.issues.length > 1 ? ` (and ${this.issues.length - 1} more)` : ""
    return `${first.path === "" ? "request" : first.path}: ${first.message}${more}`
  }
}

/**
 * No endpoint has this method and path.
 *
 * @since 0.1.0
 */
export class EndpointNotFound extends Schema.TaggedError<EndpointNotFound>()("EndpointNotFound", {
  method: Schema.String,
  path: Schema.String
}) {
  override get message(): string {
    return `no endpoint ${this.method} ${this.path}; see /openapi.json or /docs`
  }
}

/**
 * Something unexpected failed. Internals stay in the server log, under `reference`.
 *
 * @since 0.1.0
 */
export class InternalError extends Schema.TaggedError<InternalError>()("InternalError", {
  reference: Schema.String
}) {
  override get message(): string {
    return `the server failed unexpectedly; quote reference ${this.reference} when reporting it`
  }
}

/**
 * The database did not answer.
 *
 * @since 0.1.0
 */
export class DatabaseUnavailable extends Schema.TaggedError<DatabaseUnavailable>()("DatabaseUnavailable", {
  dialect: Schema.String
}) {
  override get message(): string {
    return `the ${this.dialect} database is not reachable`
  }
}

/** 400 problem of {@link RequestInvalid}. @since 0.1.0 */
export const RequestInvalidProblem = problem(RequestInvalid, { status: 400, title: "Invalid request" })
/** 404 problem of {@link EndpointNotFound}. @since 0.1.0 */
export const EndpointNotFoundProblem = problem(EndpointNotFound, { status: 404, title: "Not found" })
/** 500 problem of {@link InternalError}. @since 0.1.0 */
export const InternalErrorProblem = problem(InternalError, { status: 500, title: "Internal server error" })
/** 503 problem of {@link DatabaseUnavailable}. @since 0.1.0 */
export const DatabaseUnavailableProblem = problem(DatabaseUnavailable, {
  status: 503,
  title: "Database unavailable"
})
