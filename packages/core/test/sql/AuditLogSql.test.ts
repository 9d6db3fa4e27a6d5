// Proves the stored audit log chains records per scope and that `verify` detects every
// kind of tampering with stored rows: an edited field, a removed record (middle or end),
// reordered records and a forged record appended outside the log — on both dialects.
import { assert } from "@effect/vitest"
import { Effect, Layer } from "effect"
import type { AuditDraft } from "../../src/AuditLog"
import { AuditLog } from "../../src/AuditLog"
import { AuditLogSql, coreMigrations, Database } from "../../src/sql/index"
import { describeEachDialect } from "../../src/testing/index"

const draft = (index: number, aggregateId = "V-1"): AuditDraft => ({
  at: 1_700_000_000_000 + index,
  actor: "operator-1",
  aggregate: "ledger.voucher",
  aggregateId,
  action: index % 2 === 0 ? "audit" : "post",
  fromState: "draft",
  toState: "audited",
  payload: { index, note: "憑證審核", amount: "12.30" }
})

const seed = (scope: string, count: number) =>
  Effect.flatMap(AuditLog, (log) => log.append(scope, Array.from({ length: count }, (_, index) => draft(index))))

const tamper = (statement: (db: any) => Promise<unknown>) =>
  Effect.flatMap(Database, (database) => database.query("tamper", statement))

describeEachDialect("AuditLogSql", [coreMigrations], (it) => {
  it.effect("appends records with consecutive sequences and a verifying chain", () =>
    Effect.gen(function*() {
      const log = yield* AuditLog
      const first = yield* log.append("scope-ok", [draft(1), draft(2)])
      const second = yield* log.append("scope-ok", [draft(3)])
      assert.deepStrictEqual([...first, ...second].map((record) => record.sequence), [1, 2, 3])
      assert.strictEqual(second[0]!.previousHash, first[1]!.hash)
      assert.strictEqual(yield* log.verify("scope-ok"), 3)
      const read = yield* log.read({ scope: "scope-ok", limit: 10 })
      assert.deepStrictEqual(read.map((record) => record.payload), [1, 2, 3].map((index) => draft(index).payload))
    }))

  it.effect("keeps scopes independent", () =>
    Effect.gen(function*() {
      const log = yield* AuditLog
      yield* seed("scope-a", 2)
      yield* seed("scope-b", 1)
      assert.strictEqual(yield* log.verify("scope-a"), 2)
      assert.strictEqual(yield* log.verify("scope-b"), 1)
      assert.strictEqual(yield* log.verify("scope-never-written"), 0)
    }))

  it.effect("detects an edited payload", () =>
    Effect.gen(function*() {
      yield* seed("edit", 5)
      yield* tamper((db) =>
        db.updateTable("danju_audit_log").set({ payload: JSON.stringify({ index: 2, note: "改", amount: "99.99" }) })
          .where("scope", "=", "edit").where("sequence", "=", 3).execute()
      )
      const error = yield* Effect.flip(Effect.flatMap(AuditLog, (log) => log.verify("edit")))
      assert.strictEqual(error._tag, "AuditChainBroken")
      if (error._tag === "AuditChainBroken") {
        assert.strictEqual(error.fault, "hashMismatch")
        assert.strictEqual(error.sequence, 3)
      }
    }))

  it.effect("detects an edited actor even when the attacker recomputes that record's hash", () =>
    Effect.gen(function*() {
      const { hashAuditRecord } = yield* Effect.promise(() => import("../../src/AuditLog"))
      const log = yield* AuditLog
      yield* seed("rehash", 4)
      const [record] = yield* log.read({ scope: "rehash", afterSequence: 1, limit: 1 })
      const { hash: _hash, ...unhashed } = record!
      const forged = { ...unhashed, actor: "someone-else" }
      yield* tamper((db) =>
        db.updateTable("danju_audit_log").set({ actor: "someone-else", hash: hashAuditRecord(forged) })
          .where("scope", "=", "rehash").where("sequence", "=", 2).execute()
      )
      const error = yield* Effect.flip(log.verify("rehash"))
      assert.strictEqual(error._tag === "AuditChainBroken" ? error.fault : error._tag, "linkBroken")
    }))

  it.effect("detects a record removed from the middle", () =>
    Effect.gen(function*() {
      yield* seed("remove-middle", 5)
      yield* tamper((db) => db.deleteFrom("danju_audit_log").where("scope", "=", "remove-middle").where("sequence", "=", 3).execute())
      const error = yield* Effect.flip(Effect.flatMap(AuditLog, (log) => log.verify("remove-middle")))
      assert.strictEqual(error._tag === "AuditChainBroken" ? error.fault : error._tag, "sequenceGap")
    }))

  it.effect("detects a record removed from the end", () =>
    Effect.gen(function*() {
      yield* seed("remove-end", 5)
      yield* tamper((db) => db.deleteFrom("danju_audit_log").where("scope", "=", "remove-end").where("sequence", "=", 5).execute())
      const error = yield* Effect.flip(Effect.flatMap(AuditLog, (log) => log.verify("remove-end")))
      assert.strictEqual(error._tag === "AuditChainBroken" ? error.fault : error._tag, "headMismatch")
    }))

  it.effect("detects reordered records", () =>
    Effect.gen(function*() {
      yield* seed("reorder", 4)
      // Swap the sequence numbers of records 2 and 3.
      yield* tamper(async (db) => {
        await db.updateTable("danju_audit_log").set({ sequence: 1000 }).where("scope", "=", "reorder").where("sequence", "=", 2).execute()
        await db.updateTable("danju_audit_log").set({ sequence: 2 }).where("scope", "=", "reorder").where("sequence", "=", 3).execute()
        await db.updateTable("danju_audit_log").set({ sequence: 3 }).where("scope", "=", "reorder").where("sequence", "=", 1000).execute()
      })
      const error = yield* Effect.flip(Effect.flatMap(AuditLog, (log) => log.verify("reorder")))
      assert.strictEqual(error._tag === "AuditChainBroken" ? error.fault : error._tag, "linkBroken")
    }))

  it.effect("detects a record appended outside the log", () =>
    Effect.gen(function*() {
      const log = yield* AuditLog
      const records = yield* seed("forged-tail", 2)
      const last = records[1]!
      yield* tamper((db) =>
        db.insertInto("danju_audit_log").values({
          scope: "forged-tail",
          sequence: 3,
          at: last.at + 1,
          actor: "intruder",
          aggregate: last.aggregate,
          aggregate_id: last.aggregateId,
          action: "post",
          from_state: null,
          to_state: null,
          payload: "{}",
          previous_hash: last.hash,
          hash: "f".repeat(64)
        }).execute()
      )
      const error = yield* Effect.flip(log.verify("forged-tail"))
      assert.strictEqual(error._tag === "AuditChainBroken" ? error.fault : error._tag, "headMismatch")
    }))

  it.effect("verifies long chains page by page", () =>
    Effect.gen(function*() {
      const log = yield* AuditLog
      yield* seed("long", 12_000)
      assert.strictEqual(yield* log.verify("long"), 12_000)
    }), { timeout: 60_000 })

  it.effect("appends concurrently to one scope without duplicate or missing sequences", () =>
    Effect.gen(function*() {
      const log = yield* AuditLog
      yield* Effect.forEach(
        Array.from({ length: 20 }, (_, index) => index),
        (index) => log.append("concurrent", [draft(index), draft(index + 100)]),
        { concurrency: 8 }
      )
      assert.strictEqual(yield* log.verify("concurrent"), 40)
    }))
}, () => AuditLogSql.layer())

describeEachDialect("AuditLogSql with a secret key", [coreMigrations], (it) => {
  it.effect("rejects a chain rewritten without the key", () =>
    Effect.gen(function*() {
      const log = yield* AuditLog
      yield* seed("keyed", 3)
      assert.strictEqual(yield* log.verify("keyed"), 3)
      // Anyone can recompute a keyless chain; with a key the recomputed hashes differ.
      const plain = yield* Effect.provide(AuditLog, AuditLogSql.layer())
      const error = yield* Effect.flip(plain.verify("keyed"))
      assert.strictEqual(error._tag === "AuditChainBroken" ? error.fault : error._tag, "hashMismatch")
    }))

  // Regression: `scopes` listed only scopes with a head row, so a chain forged under a
  // new scope directly in the table was never verified by anyone walking every scope.
  it.effect("lists a scope whose records were written without a head, and its verification fails", () =>
    Effect.gen(function*() {
      const log = yield* AuditLog
      const [genuine] = yield* seed("genuine-scope", 1)
      yield* tamper((db) =>
        db.insertInto("danju_audit_log").values({
          scope: "forged-scope",
          sequence: 1,
          at: genuine!.at,
          actor: genuine!.actor,
          aggregate: genuine!.aggregate,
          aggregate_id: genuine!.aggregateId,
          action: genuine!.action,
          from_state: genuine!.fromState,
          to_state: genuine!.toState,
          payload: JSON.stringify(genuine!.payload),
          previous_hash: genuine!.previousHash,
          hash: genuine!.hash
        }).execute()
      )
      const scopes = yield* log.scopes
      assert.include(scopes, "forged-scope")
      assert.include(scopes, "genuine-scope")
      assert.strictEqual(new Set(scopes).size, scopes.length)
      // No head was ever written for it: records beyond the (absent) head are foreign.
      const error = yield* Effect.flip(log.verify("forged-scope"))
      assert.strictEqual(error._tag === "AuditChainBroken" ? error.fault : error._tag, "headMismatch")
    }))
}, () => Layer.merge(AuditLogSql.layer({ key: "test-secret-key" }), Layer.empty))
