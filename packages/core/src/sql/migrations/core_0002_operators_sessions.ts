import { sql } from "kysely"
import type { Migration } from "../Migrator"

/**
 * Frozen. Operators (logins with a scrypt hash and their roles as JSON text), sessions
 * (only the SHA-256 of a session token is stored, so a leaked database yields no usable
 * token) and failed login attempts for the per-login rate limit.
 *
 * @since 0.1.0
 */
export const core_0002_operators_sessions: Migration = {
  name: "core_0002_operators_sessions",
  up: async ({ db, types }) => {
    await db.schema.createTable("danju_operators")
      .addColumn("id", types.text, (column) => column.primaryKey())
      .addColumn("organisation_id", types.text, (column) => column.notNull())
      .addColumn("login", types.text, (column) => column.notNull().unique())
      .addColumn("display_name", types.text, (column) => column.notNull())
      .addColumn("password_hash", types.text, (column) => column.notNull())
      // A JSON array of role names as text on both dialects: read whole, never queried into.
      .addColumn("roles", types.text, (column) => column.notNull())
      .addColumn("disabled", types.boolean, (column) => column.notNull())
      .addColumn("created_at", types.instant, (column) => column.notNull())
      .execute()
    await db.schema.createIndex("danju_operators_organisation").on("danju_operators")
      .columns(["organisation_id", "login"]).execute()
    await db.schema.createTable("danju_sessions")
      .addColumn("token_hash", types.text, (column) => column.primaryKey())
      .addColumn("operator_id", types.text, (column) => column.notNull().references("danju_operators.id"))
      .addColumn("created_at", types.instant, (column) => column.notNull())
      .addColumn("expires_at", types.instant, (column) => column.notNull())
      .addColumn("revoked_at", types.instant)
      .execute()
    await db.schema.createIndex("danju_sessions_operator").on("danju_sessions")
      .columns(["operator_id"]).execute()
    await db.schema.createIndex("danju_sessions_expiry").on("danju_sessions")
      .columns(["expires_at"]).execute()
    await db.schema.createTable("danju_login_attempts")
      .addColumn("id", sql.raw(types.serialPrimaryKey))
      .addColumn("login", types.text, (column) => column.notNull())
      .addColumn("failed_at", types.instant, (column) => column.notNull())
      .execute()
    await db.schema.createIndex("danju_login_attempts_login").on("danju_login_attempts")
      .columns(["login", "failed_at"]).execute()
  }
}
