import type { Migration } from "@danju/core/sql"

/**
 * Frozen. The account set's library: the summary library (摘要庫) and the stored voucher
 * templates (模式憑證). Keys start with the account set, so a listing and a backup page
 * are index range scans.
 */
export const ledger_0004_library: Migration = {
  name: "ledger_0004_library",
  up: async ({ db, types }) => {
    await db.schema.createTable("ledger_summaries")
      .addColumn("account_set_id", types.text, (column) => column.notNull())
      .addColumn("code", types.text, (column) => column.notNull())
      .addColumn("summary_text", types.text, (column) => column.notNull())
      .addColumn("category", types.text)
      .addColumn("mnemonic", types.text)
      .addColumn("account_code", types.text)
      .addPrimaryKeyConstraint("ledger_summaries_pk", ["account_set_id", "code"])
      .execute()
    await db.schema.createTable("ledger_voucher_templates")
      .addColumn("account_set_id", types.text, (column) => column.notNull())
      .addColumn("id", types.text, (column) => column.notNull())
      .addColumn("name", types.text, (column) => column.notNull())
      .addColumn("description", types.text, (column) => column.notNull())
      .addColumn("word", types.text)
      .addColumn("lines", types.text, (column) => column.notNull())
      .addPrimaryKeyConstraint("ledger_voucher_templates_pk", ["account_set_id", "id"])
      .execute()
  }
}
