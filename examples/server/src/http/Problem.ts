/**
 * RFC 9457 problem responses. Every error the server sends is `application/problem+json`
 * with `type`, `title`, `status` and `detail`, plus `code` (the error's tag) and the
 * error's own typed fields, so that a client can branch on `code` and show `detail`.
 *
 * A domain error stays a plain `Schema.TaggedError` in its package; an HTTP contract turns
 * it into a response schema with {@link problem}, which also gives OpenAPI the exact shape.
 *
 * @since 0.1.0
 */
import { HttpApiSchema, HttpServerResponse } from "@effect/platform"
import { Effect, Schema } from "effect"

/** Content type of every error response (RFC 9457 section 3). @since 0.1.0 */
export const problemContentType = "application/problem+json"

/**
 * The `type` URI of a problem: a URN derived from the error tag
 * (`LoginRateLimited` → `urn:danju:problem:login-rate-limited`), stable across releases.
 *
 * @since 0.1.0
 */
export const problemType = (code: string): string =>
  `urn:danju:problem:${code.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase()}`

/**
 * The members every problem body has.
 *
 * @since 0.1.0
 */
export interface ProblemBody {
  readonly type: string
  readonly title: string
  readonly status: number
  readonly detail: string
  readonly code: string
  readonly [field: string]: unknown
}

/** A tagged error class as `Schema.TaggedError` declares it. @since 0.1.0 */
export interface TaggedErrorSchema<Self extends { readonly _tag: string; readonly message: string }>
  extends Schema.Schema<Self, any, never>
{
  readonly _tag: string
  readonly fields: Schema.Struct.Fields
  new(...args: ReadonlyArray<any>): Self
}

const encoders = new Map<string, (error: unknown) => Effect.Effect<HttpServerResponse.HttpServerResponse>>()

/**
 * The response schema of a tagged error: its type side is the error class itself (so a
 * handler just fails with the error), its encoded side is the problem body.
 *
 * @example
 * ```ts
 * import { problem } from "./Problem"
 * import { LoginFailed } from "@danju/core/sql"
 *
 * const LoginFailedProblem = problem(LoginFailed, { status: 401, title: "Login failed" })
 * ```
 *
 * @since 0.1.0
 */
export const problem = <Self extends { readonly _tag: string; readonly message: string }>(
  errorClass: TaggedErrorSchema<Self>,
  options: { readonly status: number; readonly title: string; readonly description?: string }
): Schema.Schema<Self, ProblemBody, never> => {
  const code = errorClass._tag
  const { _tag: _ignored, ...fields } = errorClass.fields
  const fieldNames = Object.keys(fields)
  const type = problemType(code)
  const body = Schema.Struct({
    type: Schema.Literal(type),
    title: Schema.String,
    status: Schema.Literal(options.status),
    detail: Schema.String,
    code: Schema.Literal(code),
    ...fields
  }).annotations({
    description: options.description ?? options.title
  })
  const schema = Schema.transform(body, Schema.typeSchema(errorClass), {
    strict: false,
    decode: (encoded) => {
      const values: Record<string, unknown> = {}
      for (const name of fieldNames) values[name] = (encoded as Record<string, unknown>)[name]
      return new errorClass(values)
    },
    encode: (error) => {
      const values: Record<string, unknown> = {
        type,
        title: options.title,
        status: options.status,
        detail: error.message,
        code
      }
      for (const name of fieldNames) values[name] = (error as unknown as Record<string, unknown>)[name]
      return values as typeof body.Type
    }
  }).annotations(HttpApiSchema.annotations({ status: options.status })).pipe(
    HttpApiSchema.withEncoding({ kind: "Json", contentType: problemContentType })
  ) as unknown as Schema.Schema<Self, ProblemBody, never>
  const encode = Schema.encodeUnknown(schema)
  encoders.set(code, (error) =>
    encode(error).pipe(
      Effect.flatMap((encoded) =>
        HttpServerResponse.json(encoded, { status: options.status, contentType: problemContentType })
      ),
      Effect.orDie
    ))
  return schema
}

/**
 * Renders an error declared with {@link problem} as its response, for the few places that
 * must add headers the schema cannot express (`Retry-After`). Undefined when the error's
 * tag was never declared.
 *
 * @since 0.1.0
 */
export const problemResponseOf = (
  error: { readonly _tag: string }
): Effect.Effect<HttpServerResponse.HttpServerResponse> | undefined => encoders.get(error._tag)?.(error)

/**
 * Whether an error tag was declared with {@link problem} (so the API can encode it).
 *
 * @since 0.1.0
 */
export const isDeclaredProblem = (tag: string): boolean => encoders.has(tag)

/**
 * A problem response built by hand, for failures outside any endpoint's schema (unknown
 * routes when the API is not involved, last-resort internal errors).
 *
 * @since 0.1.0
 */
export const problemResponse = (body: ProblemBody, headers: Record<string, string> = {}) =>
  HttpServerResponse.unsafeJson(body, { status: body.status, contentType: problemContentType, headers })
