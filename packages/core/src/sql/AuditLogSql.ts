import { Effect, Either, Layer } from "effect"
import type { AuditDraft, AuditHashing, AuditQuery, AuditRecord, ChainPosition } from "../AuditLog"
import { AuditLog, chainRecords, chainStart, GENESIS_HASH, verifyHead, verifySegment } from "../AuditLog"
import { Limits } from "../Limits"
import { Database } from "./Database"

interface AuditRow {
  scope: string
  sequence: number | string
  at: number | string
  actor: string
  aggregate: string
  aggregate_id: string
  action: string
  from_state: string | null
  to_state: string | null
  payload: string
  previous_hash: string
  hash: string
}

interface HeadRow {
  scope: string
  sequence: number | string
  hash: string
}

interface AuditTables {
  danju_audit_log: AuditRow
  danju_audit_heads: HeadRow
}

const AUDIT_COLUMNS = [
  "scope",
  "sequence",
  "at",
  "actor",
  "aggregate",
  "aggregate_id",
  "action",
  "from_state",
  "to_state",
  "payload",
  "previous_hash",
  "hash"
] as const

// pg returns BIGINT as a string, better-sqlite3 as a number: decode at the edge.
const decodeRow = (row: AuditRow): AuditRecord => ({
  scope: row.scope,
  sequence: Number(row.sequence),
  at: Number(row.at),
  actor: row.actor,
  aggregate: row.aggregate,
  aggregateId: row.aggregate_id,
  action: row.action,
  fromState: row.from_state,
  toState: row.to_state,
  payload: JSON.parse(row.payload) as unknown,
  previousHash: row.previous_hash,
  hash: row.hash
})

/**
 * The audit log stored in the `danju_audit_log` table (core migrations), with a head row
 * per scope in `danju_audit_heads` so that records removed from the end are detected.
 *
 * @example
 * ```ts
 * import { AuditLogSql } from "@danju/core/sql"
 * const auditLog = AuditLogSql.layer({ key: process.env.DANJU_AUDIT_KEY })
 * ```
 *
 * @since 0.1.0
 */
export const AuditLogSql = {
  layer: (hashing: AuditHashing = {}): Layer.Layer<AuditLog, never, Database> =>
    Layer.effect(
      AuditLog,
      Effect.gen(function*() {
        const database = yield* Database

        const readHead = (scope: string) =>
          database.query<HeadRow | undefined, AuditTables>("read audit head", (db) =>
            db.selectFrom("danju_audit_heads").selectAll().where("scope", "=", scope).executeTakeFirst()).pipe(
              Effect.map((row): ChainPosition | undefined =>
                row === undefined ? undefined : { sequence: Number(row.sequence), hash: row.hash }
              )
            )

        const append = (scope: string, drafts: ReadonlyArray<AuditDraft>) =>
          drafts.length === 0 ? Effect.succeed([]) : database.withTransaction(Effect.gen(function*() {
            yield* database.query<unknown, AuditTables>("create audit head", (db) =>
              db.insertInto("danju_audit_heads").values({ scope, sequence: 0, hash: GENESIS_HASH })
                .onConflict((conflict) => conflict.column("scope").doNothing()).execute())
            // Bumping the head first takes its row lock (PostgreSQL), so concurrent
            // appenders to one scope queue here and never compute the same sequence.
            const bumped = yield* database.query<HeadRow, AuditTables>("reserve audit sequence", (db) =>
              db.updateTable("danju_audit_heads")
                .set((eb) => ({ sequence: eb("sequence", "+", drafts.length) }))
                .where("scope", "=", scope)
                .returningAll()
                .executeTakeFirstOrThrow())
            const records = chainRecords(
              scope,
              { sequence: Number(bumped.sequence) - drafts.length, hash: bumped.hash },
              drafts,
              hashing
            )
            yield* database.insertMany(
              "append audit records",
              "danju_audit_log",
              AUDIT_COLUMNS,
              records.map((record) => [
                record.scope,
                record.sequence,
                record.at,
                record.actor,
                record.aggregate,
                record.aggregateId,
                record.action,
                record.fromState,
                record.toState,
                JSON.stringify(record.payload ?? null),
                record.previousHash,
                record.hash
              ])
            )
            const last = records[records.length - 1]!
            yield* database.query<unknown, AuditTables>("advance audit head", (db) =>
              db.updateTable("danju_audit_heads").set({ hash: last.hash }).where("scope", "=", scope).execute())
            return records
          }))

        const read = (query: AuditQuery) =>
          database.query<Array<AuditRow>, AuditTables>("read audit records", (db) => {
            let select = db.selectFrom("danju_audit_log").selectAll().where("scope", "=", query.scope)
            if (query.aggregate !== undefined) select = select.where("aggregate", "=", query.aggregate)
            if (query.aggregateId !== undefined) select = select.where("aggregate_id", "=", query.aggregateId)
            if (query.afterSequence !== undefined) select = select.where("sequence", ">", query.afterSequence)
            return select.orderBy("sequence").limit(Math.min(Math.max(query.limit, 1), Limits.pageSizeMax)).execute()
          }).pipe(Effect.map((rows) => rows.map(decodeRow)))

        const verify = (scope: string) =>
          Effect.gen(function*() {
            // The head is read first: every record up to it was committed with it, and
            // records appended while we verify lie beyond it and are left for next time.
            const head = yield* readHead(scope)
            const last = head?.sequence ?? 0
            let position = chainStart
            while (true) {
              const rows = yield* database.query<Array<AuditRow>, AuditTables>("read audit page", (db) =>
                db.selectFrom("danju_audit_log").selectAll()
                  .where("scope", "=", scope)
                  .where("sequence", ">", position.sequence)
                  .where("sequence", "<=", last)
                  .orderBy("sequence")
                  .limit(Limits.auditVerifyPageSize)
                  .execute())
              if (rows.length === 0) break
              position = yield* Either.match(verifySegment(scope, position, rows.map(decodeRow), hashing), {
                onLeft: Effect.fail,
                onRight: Effect.succeed
              })
            }
            // Records past the head that nobody appended through the log are foreign.
            const beyond = yield* database.query<{ sequence: number | string } | undefined, AuditTables>(
              "look past audit head",
              (db) =>
                db.selectFrom("danju_audit_log").select("sequence").where("scope", "=", scope)
                  .where("sequence", ">", last).orderBy("sequence").limit(1).executeTakeFirst()
            )
            const latestHead = beyond === undefined ? head : yield* readHead(scope)
            if (beyond !== undefined && (latestHead?.sequence ?? 0) < Number(beyond.sequence)) {
              return yield* Either.match(verifyHead(scope, position, { sequence: Number(beyond.sequence), hash: "" }), {
                onLeft: Effect.fail,
                onRight: Effect.succeed
              })
            }
            return yield* Either.match(verifyHead(scope, position, head), { onLeft: Effect.fail, onRight: Effect.succeed })
          })

        // Scopes of the heads and of the records: records written under a scope that has
        // no head (forged outside Danju) must be listed too, or nobody would verify them.
        const scopes = database.query<Array<{ scope: string }>, AuditTables>("list audit scopes", (db) =>
          db.selectFrom("danju_audit_heads").select("scope")
            .union(db.selectFrom("danju_audit_log").select("scope").distinct())
            .orderBy("scope").execute()).pipe(
            Effect.map((rows) => rows.map((row) => row.scope))
          )

        return { append, read, verify, scopes }
      })
    )
}
