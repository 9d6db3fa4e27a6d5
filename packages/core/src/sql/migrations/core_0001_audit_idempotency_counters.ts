import type { Migration } from "../Migrator"

/**
 * Frozen. The audit log with its per-scope chain heads, idempotency records and
 * named counters (gap-free document numbers).
 */
export const core_0001_audit_idempotency_counters: Migration = {
  name: "core_0001_audit_idempotency_counters",
  up: async ({ db, types }) => {
    await db.schema.createTable("danju_audit_log")
      .addColumn("scope", types.text, (column) => column.notNull())
      .addColumn("sequence", types.bigInteger, (column) => column.notNull())
      .addColumn("at", types.instant, (column) => column.notNull())
      .addColumn("actor", types.text, (column) => column.notNull())
      .addColumn("aggregate", types.text, (column) => column.notNull())
      .addColumn("aggregate_id", types.text, (column) => column.notNull())
      .addColumn("action", types.text, (column) => column.notNull())
      .addColumn("from_state", types.text)
      .addColumn("to_state", types.text)
      .addColumn("payload", types.text, (column) => column.notNull())
      .addColumn("previous_hash", types.text, (column) => column.notNull())
      .addColumn("hash", types.text, (column) => column.notNull())
      .addPrimaryKeyConstraint("danju_audit_log_pk", ["scope", "sequence"])
      .execute()
    await db.schema.createIndex("danju_audit_log_aggregate").on("danju_audit_log")
      .columns(["scope", "aggregate", "aggregate_id"]).execute()
    await db.schema.createTable("danju_audit_heads")
      .addColumn("scope", types.text, (column) => column.primaryKey())
      .addColumn("sequence", types.bigInteger, (column) => column.notNull())
      .addColumn("hash", types.text, (column) => column.notNull())
      .execute()
    await db.schema.createTable("danju_idempotency")
      .addColumn("scope", types.text, (column) => column.notNull())
      .addColumn("key", types.text, (column) => column.notNull())
      .addColumn("command", types.text, (column) => column.notNull())
      .addColumn("body_hash", types.text, (column) => column.notNull())
      .addColumn("result", types.text)
      .addColumn("created_at", types.instant, (column) => column.notNull())
      .addPrimaryKeyConstraint("danju_idempotency_pk", ["scope", "key"])
      .execute()
    await db.schema.createTable("danju_counters")
      .addColumn("scope", types.text, (column) => column.primaryKey())
      .addColumn("value", types.bigInteger, (column) => column.notNull())
      .execute()
  }
}
