import type { MigrationSet } from "../Migrator"
import { core_0001_audit_idempotency_counters } from "./core_0001_audit_idempotency_counters"
import { core_0002_operators_sessions } from "./core_0002_operators_sessions"
import { core_0003_session_last_use } from "./core_0003_session_last_use"

/**
 * The core tables: audit log, idempotency records, counters, operators and sessions.
 * Every application applies these before any package's own.
 *
 * @since 0.1.0
 */
export const coreMigrations: MigrationSet = {
  packageName: "core",
  migrations: [core_0001_audit_idempotency_counters, core_0002_operators_sessions, core_0003_session_last_use]
}
