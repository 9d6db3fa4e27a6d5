import type { Migration } from "../Migrator"

/**
 * Frozen. When each session was last used, for the idle timeout
 * (`Limits.sessionIdleMinutes`). Sessions opened before this migration have none and
 * count as last used when they were opened.
 *
 * @since 0.1.0
 */
export const core_0003_session_last_use: Migration = {
  name: "core_0003_session_last_use",
  up: async ({ db, types }) => {
    await db.schema.alterTable("danju_sessions").addColumn("last_used_at", types.instant).execute()
  }
}
