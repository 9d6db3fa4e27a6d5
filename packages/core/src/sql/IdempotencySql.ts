import { Effect, Either, Layer, Schema } from "effect"
import type { IdempotencyKey } from "../Idempotency"
import { bodyHash, decideIdempotency, Idempotency } from "../Idempotency"
import { Database } from "./Database"

interface IdempotencyRow {
  scope: string
  key: string
  command: string
  body_hash: string
  result: string | null
  created_at: number | string
}

interface IdempotencyTables {
  danju_idempotency: IdempotencyRow
}

/**
 * Idempotency records stored in `danju_idempotency` (core migrations).
 *
 * The claim is an `INSERT … ON CONFLICT DO NOTHING` in the command's own database
 * transaction: on PostgreSQL a concurrent duplicate blocks on the uncommitted key until
 * the first commits, then sees the stored result; on SQLite writers are serialized.
 *
 * @since 0.1.0
 */
export const IdempotencySql = {
  layer: Layer.effect(
    Idempotency,
    Effect.gen(function*() {
      const database = yield* Database
      return {
        run: <A, I, E, R>(
          request: {
            readonly scope: string
            readonly key: IdempotencyKey
            readonly command: string
            readonly body: unknown
            readonly result: Schema.Schema<A, I>
          },
          effect: Effect.Effect<A, E, R>
        ) =>
          database.withTransaction(Effect.gen(function*() {
            const hash = bodyHash(request.body)
            const now = yield* Effect.clockWith((clock) => clock.currentTimeMillis)
            const claim = yield* database.query<{ readonly numInsertedOrUpdatedRows: bigint | undefined }, IdempotencyTables>(
              "claim idempotency key",
              (db) =>
                db.insertInto("danju_idempotency").values({
                  scope: request.scope,
                  key: request.key,
                  command: request.command,
                  body_hash: hash,
                  result: null,
                  created_at: now
                }).onConflict((conflict) => conflict.columns(["scope", "key"]).doNothing()).executeTakeFirst()
            )
            if ((claim.numInsertedOrUpdatedRows ?? 0n) > 0n) {
              const value = yield* effect
              const encoded = yield* Schema.encode(request.result)(value).pipe(Effect.orDie)
              yield* database.query<unknown, IdempotencyTables>("store idempotent result", (db) =>
                db.updateTable("danju_idempotency").set({ result: JSON.stringify(encoded ?? null) })
                  .where("scope", "=", request.scope).where("key", "=", request.key).execute())
              return value
            }
            const stored = yield* database.query<IdempotencyRow | undefined, IdempotencyTables>(
              "read idempotency record",
              (db) =>
                db.selectFrom("danju_idempotency").selectAll()
                  .where("scope", "=", request.scope).where("key", "=", request.key).executeTakeFirst()
            )
            const decision = decideIdempotency(
              stored === undefined ? undefined : {
                scope: stored.scope,
                key: stored.key,
                command: stored.command,
                bodyHash: stored.body_hash,
                result: stored.result === null ? null : JSON.parse(stored.result) as unknown
              },
              { scope: request.scope, key: request.key, command: request.command, bodyHash: hash }
            )
            if (Either.isLeft(decision)) return yield* decision.left
            if (decision.right.kind === "run") {
              return yield* Effect.dieMessage("idempotency claim failed but no record exists")
            }
            // The stored result was encoded by this same schema: a decode failure means
            // the record was damaged, which is a defect, not a business outcome.
            return yield* Schema.decodeUnknown(request.result)(decision.right.result).pipe(Effect.orDie)
          }))
      }
    })
  )
}
