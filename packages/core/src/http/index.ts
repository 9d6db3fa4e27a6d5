/**
 * `@danju/core/http`: the HTTP kit every package's contract (`@danju/<package>/http`)
 * shares — RFC 9457 problem responses built from tagged errors ({@link problem}), the
 * bearer {@link Authentication} middleware tag with the {@link CurrentSession} it
 * provides, and the problems common to every API (401, 403, 409 idempotency, 422
 * period).
 *
 * Needs `@effect/platform` (an optional peer dependency of `@danju/core`).
 *
 * @since 0.1.0
 */
export * from "./Authentication"
export * from "./Problem"
export * from "./problems"
