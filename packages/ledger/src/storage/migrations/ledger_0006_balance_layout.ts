import type { Migration } from "@danju/core/sql"
import { sqliteMinorUnitsSql } from "@danju/core/sql"
import { sql } from "kysely"

/**
 * Frozen. The reversal index becomes partial (both dialects). SQLite: maintained balances
 * become a clustered (WITHOUT ROWID) table ordered by account set, commodity, account and
 * period — a trial balance reads one contiguous range already grouped by account — with
 * STORED generated integer columns `debit_minor` / `credit_minor` (the amount × 10^6, NULL
 * when not exact) that SQLite sums natively, and an index by (account set, period) for
 * the reads by period. Every writer keeps them without knowing of them; the decimal text
 * columns stay the truth. PostgreSQL sums NUMERIC natively and keeps its table as it is.
 */
export const ledger_0006_balance_layout: Migration = {
  name: "ledger_0006_balance_layout",
  up: async ({ db, dialect }) => {
    // Both dialects: the reversal link is indexed only where there is one (most vouchers
    // reverse nothing; an entry per voucher cost every insert).
    await db.schema.dropIndex("ledger_vouchers_reversal").execute()
    await db.schema.createIndex("ledger_vouchers_reversal").on("ledger_vouchers").columns(["account_set_id", "reversal_of_id"])
      .where(sql.ref("reversal_of_id"), "is not", null).execute()
    if (dialect !== "sqlite") return
    const columns = "account_set_id, period_key, account_code, dimension_key, commodity, debit, credit"
    await sql.raw(`create table ledger_balances_clustered (
      account_set_id text not null,
      period_key integer not null,
      account_code text not null,
      dimension_key text not null,
      commodity text not null,
      debit text not null,
      credit text not null,
      debit_minor integer generated always as (${sqliteMinorUnitsSql("debit")}) stored,
      credit_minor integer generated always as (${sqliteMinorUnitsSql("credit")}) stored,
      constraint ledger_balances_pk primary key (account_set_id, commodity, account_code, period_key, dimension_key)
    ) without rowid`).execute(db)
    await sql.raw(`insert into ledger_balances_clustered (${columns}) select ${columns} from ledger_balances`).execute(db)
    await sql.raw("drop table ledger_balances").execute(db)
    await sql.raw("alter table ledger_balances_clustered rename to ledger_balances").execute(db)
    // Reads by period (a period's rows at close, the latest period with data) keep an index.
    await sql.raw("create index ledger_balances_period on ledger_balances (account_set_id, period_key)").execute(db)
  }
}
