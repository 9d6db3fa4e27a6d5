/**
 * RFC 9457 problem responses. Every error the server sends is `application/problem+json`
 * with `type`, `title`, `status` and `detail`, plus `code` (the error's tag) and the
 * error's own typed fields (a field named like a problem member is renamed: `status` →
 * `errorStatus`), so that a client can branch on `code` and show `detail`.
 *
 * A domain error stays a plain `Schema.TaggedError` in its package; an HTTP contract turns
 * it into a response schema with {@link problem}, which also gives OpenAPI the exact shape.
 * Every package's contract (`@danju/<package>/http`) and the reference server share this
 * one module, so the registry behind {@link isDeclaredProblem} sees every declared error.
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

// RFC 9457 members every problem has (plus our `code`). An error field with one of these
// names (`VoucherStatusInvalid.status` is the voucher's state, not the HTTP status) is
// published as `error<Name>` (`errorStatus`), so it can never overwrite the member.
const problemMembers: ReadonlySet<string> = new Set(["type", "title", "status", "detail", "instance", "code"])

/**
 * The name under which a problem body carries an error field: the field's own name,
 * or `error<Name>` when it collides with an RFC 9457 member (`status` → `errorStatus`).
 *
 * @since 0.1.0
 */
export const problemFieldName = (field: string): string =>
  problemMembers.has(field) ? `error${field.charAt(0).toUpperCase()}${field.slice(1)}` : field

const encoders = new Map<string, (error: unknown) => Effect.Effect<HttpServerResponse.HttpServerResponse>>()

/**
 * The response schema of a tagged error: its type side is the error class itself (so a
 * handler just fails with the error), its encoded side is the problem body.
 *
 * @example
 * ```ts
 * import { problem } from "@danju/core/http"
 * import { PermissionDenied } from "@danju/core"
 *
 * const PermissionDeniedProblem = problem(PermissionDenied, { status: 403, title: "Permission denied" })
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
  const publishedFields: Record<string, Schema.Struct.Field> = {}
  for (const name of fieldNames) publishedFields[problemFieldName(name)] = fields[name]!
  const type = problemType(code)
  const body = Schema.Struct({
    type: Schema.Literal(type),
    title: Schema.String,
    status: Schema.Literal(options.status),
    detail: Schema.String,
    code: Schema.Literal(code),
    ...publishedFields
  }).annotations({
    description: options.description ?? options.title
  })
  const schema = Schema.transform(body, Schema.typeSchema(errorClass), {
    strict: false,
    decode: (encoded) => {
      const values: Record<string, unknown> = {}
      for (const name of fieldNames) values[name] = (encoded as Record<string, unknown>)[problemFieldName(name)]
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
      for (const name of fieldNames) values[problemFieldName(name)] = (error as unknown as Record<string, unknown>)[name]
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
