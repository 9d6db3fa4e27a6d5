/**
 * Turns every failure that leaves an endpoint into an RFC 9457 problem: platform decode
 * errors and malformed JSON become `RequestInvalid` (400), unmatched routes
 * `EndpointNotFound` (404), errors with `retryAfterSeconds` get a `Retry-After` header,
 * and defects or undeclared failures become `InternalError` (500) — logged with a
 * reference, never shown to the client.
 *
 * @since 0.1.0
 */
import { HttpApiBuilder, HttpApiError, HttpServerRequest, HttpServerResponse } from "@effect/platform"
import type { HttpApp } from "@effect/platform"
import { Cause, Effect, Option, Predicate } from "effect"
import { randomBytes } from "node:crypto"
import { Api } from "../api"
import { EndpointNotFound, InternalError, RequestInvalid } from "../http/errors"
import { isDeclaredProblem, problemResponse, problemResponseOf, problemType } from "@danju/core/http"

const issuePath = (path: ReadonlyArray<PropertyKey>): string => path.map((key) => String(key)).join(".")

const isTagged = (error: unknown, tag: string): boolean => Predicate.isTagged(error, tag)

const hasRetryAfter = (error: unknown): error is { readonly _tag: string; readonly retryAfterSeconds: number } =>
  Predicate.hasProperty(error, "_tag") && Predicate.hasProperty(error, "retryAfterSeconds") &&
  typeof error.retryAfterSeconds === "number"

const newReference = Effect.sync(() => randomBytes(6).toString("hex"))

const internalError = (cause: Cause.Cause<unknown>) =>
  Effect.gen(function*() {
    const reference = yield* newReference
    const request = yield* HttpServerRequest.HttpServerRequest
    yield* Effect.logError(`${request.method} ${request.url} failed unexpectedly`, cause).pipe(
      Effect.annotateLogs("reference", reference)
    )
    return yield* Effect.fail(new InternalError({ reference }))
  })

type ServerProblem = RequestInvalid | EndpointNotFound | InternalError

const toProblem = (
  app: HttpApp.Default
): HttpApp.Default<ServerProblem> =>
  Effect.catchAllCause(app, (cause): Effect.Effect<
    HttpServerResponse.HttpServerResponse,
    ServerProblem,
    HttpServerRequest.HttpServerRequest
  > => {
    // A failure passed on unchanged is one a handler declared; the API encodes it with the
    // error schema it was declared with, right after this middleware.
    const passOn = Effect.failCause(cause) as Effect.Effect<never>
    if (Cause.isInterruptedOnly(cause)) return passOn
    const failure = Cause.failureOption(cause)
    // The platform reports an unreadable body as a defect carrying a RequestError.
    const unreadableBody = Option.isSome(failure) ? failure.value : Option.getOrUndefined(Cause.dieOption(cause))
    if (isTagged(unreadableBody, "RequestError")) {
      const reason = Predicate.hasProperty(unreadableBody, "cause") && unreadableBody.cause instanceof SyntaxError
        ? `the body is not valid JSON (${unreadableBody.cause.message})`
        : "the body could not be read"
      return Effect.fail(new RequestInvalid({ issues: [{ path: "body", message: reason }] }))
    }
    if (Option.isNone(failure)) return internalError(cause)
    const error: unknown = failure.value
    if (error instanceof HttpApiError.HttpApiDecodeError) {
      return Effect.fail(
        new RequestInvalid({
          issues: error.issues.map((issue) => ({ path: issuePath(issue.path), message: issue.message }))
        })
      )
    }
    if (isTagged(error, "RouteNotFound")) {
      return Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) =>
        Effect.fail(new EndpointNotFound({ method: request.method, path: request.url.split("?")[0] ?? "/" })))
    }
    if (hasRetryAfter(error)) {
      const rendered = problemResponseOf(error)
      if (rendered !== undefined) {
        return Effect.map(rendered, (response) =>
          HttpServerResponse.setHeader(response, "retry-after", String(Math.max(1, Math.ceil(error.retryAfterSeconds)))))
      }
    }
    // Errors declared with `problem` are encoded by the API's error schema; anything
    // else escaped its handler's declared errors and is a bug.
    if (
      Predicate.hasProperty(error, "_tag") && typeof error._tag === "string" &&
      isDeclaredProblem(error._tag)
    ) {
      return passOn
    }
    return internalError(cause)
  })

/**
 * The API-level middleware layer (runs inside the API, before errors are encoded).
 *
 * @since 0.1.0
 */
export const ProblemMiddlewareLive = HttpApiBuilder.middleware(Api, toProblem)

/**
 * The last resort around the whole HTTP app: whatever still fails (a failure no schema
 * could encode) is answered with a bare 500 problem.
 *
 * @since 0.1.0
 */
export const lastResortProblem = <E, R>(app: HttpApp.Default<E, R>): HttpApp.Default<never, R> =>
  Effect.catchAllCause(app, (cause) =>
    Cause.isInterruptedOnly(cause)
      ? Effect.failCause(cause as Cause.Cause<never>)
      : Effect.gen(function*() {
        const reference = yield* newReference
        yield* Effect.logError("response could not be produced", cause).pipe(Effect.annotateLogs("reference", reference))
        return problemResponse({
          type: problemType("InternalError"),
          title: "Internal server error",
          status: 500,
          detail: `the server failed unexpectedly; quote reference ${reference} when reporting it`,
          code: "InternalError",
          reference
        })
      }))
