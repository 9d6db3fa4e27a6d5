import type { Migration } from "@danju/core/sql"

/**
 * Frozen. The detail ledger and journals read one account's lines in book order
 * (period, date, voucher) and page by position: this index lets the database walk them
 * in that order and stop at the end of a page instead of sorting the account's lines.
 */
export const ledger_0003_report_indexes: Migration = {
  name: "ledger_0003_report_indexes",
  up: async ({ db }) => {
    await db.schema.createIndex("ledger_lines_account_date").on("ledger_lines")
      .columns(["account_set_id", "account_code", "fiscal_year", "period", "date"]).execute()
  }
}
