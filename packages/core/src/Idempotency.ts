import { createHash } from "node:crypto"
import { Context, Effect, Either, Schema } from "effect"
import { canonicalJson } from "./internal/canonicalJson"
import { Limits } from "./Limits"
import type { SqlError } from "./sql/SqlError"

/**
 * A caller-chosen key that makes a creating command safe to retry: the first command
 * with the key runs, a retry with the same key and the same body returns the first
 * result and writes nothing, and a different body under the same key is refused
 * (TigerBeetle's `exists_with_different_*`).
 *
 * Keys are 1 to `Limits.idempotencyKeyLengthMax` printable ASCII characters; a UUID
 * or a ULID fits.
 *
 * @since 0.1.0
 */
export const IdempotencyKey = Schema.String.pipe(
  Schema.pattern(/^[\x21-\x7e]+$/),
  Schema.minLength(1),
  Schema.maxLength(Limits.idempotencyKeyLengthMax),
  Schema.brand("IdempotencyKey")
)

/** @since 0.1.0 */
export type IdempotencyKey = typeof IdempotencyKey.Type

/**
 * The same idempotency key was used before for a different command or body.
 *
 * @since 0.1.0
 */
export class IdempotencyConflict extends Schema.TaggedError<IdempotencyConflict>()("IdempotencyConflict", {
  scope: Schema.String,
  key: Schema.String,
  firstCommand: Schema.String,
  command: Schema.String
}) {
  override get message(): string {
    return this.firstCommand === this.command
      ? `idempotency key "${this.key}" was already used for a ${this.command} with a different body; use a new key for a new command`
      : `idempotency key "${this.key}" was already used for ${this.firstCommand}, not ${this.command}; use a new key for a new command`
  }
}

/**
 * The hash that identifies a command body: SHA-256 of its canonical JSON, so key order
 * and whitespace do not matter.
 *
 * @since 0.1.0
 */
export const bodyHash = (body: unknown): string => createHash("sha256").update(canonicalJson(body)).digest("hex")

/**
 * What was stored for a key.
 *
 * @since 0.1.0
 */
export interface IdempotencyRecord {
  readonly scope: string
  readonly key: string
  readonly command: string
  readonly bodyHash: string
  /** The encoded result of the first run. */
  readonly result: unknown
}

/**
 * Decides what a command with a key must do given what is stored: run (nothing
 * stored), replay the stored result, or fail with a conflict.
 *
 * @since 0.1.0
 */
export const decideIdempotency = (
  stored: IdempotencyRecord | undefined,
  request: { readonly scope: string; readonly key: string; readonly command: string; readonly bodyHash: string }
): Either.Either<{ readonly kind: "run" } | { readonly kind: "replay"; readonly result: unknown }, IdempotencyConflict> => {
  if (stored === undefined) return Either.right({ kind: "run" })
  if (stored.command === request.command && stored.bodyHash === request.bodyHash) {
    return Either.right({ kind: "replay", result: stored.result })
  }
  return Either.left(
    new IdempotencyConflict({ scope: request.scope, key: request.key, firstCommand: stored.command, command: request.command })
  )
}

/**
 * The idempotency store port.
 *
 * @since 0.1.0
 */
export interface IdempotencyShape {
  /**
   * Runs `effect` once per `(scope, key)`. Inside one database transaction it claims
   * the key, runs the effect and stores its result encoded with `result`; a concurrent
   * duplicate waits for the first to commit and then replays its result. A failure of
   * `effect` rolls the claim back, so the key can be retried.
   */
  readonly run: <A, I, E, R>(
    request: {
      readonly scope: string
      readonly key: IdempotencyKey
      readonly command: string
      readonly body: unknown
      readonly result: Schema.Schema<A, I>
    },
    effect: Effect.Effect<A, E, R>
  ) => Effect.Effect<A, E | IdempotencyConflict | SqlError, R>
}

/**
 * The idempotency service.
 *
 * @since 0.1.0
 */
export class Idempotency extends Context.Tag("@danju/core/Idempotency")<Idempotency, IdempotencyShape>() {}
