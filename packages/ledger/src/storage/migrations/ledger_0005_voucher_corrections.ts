import type { Migration } from "@danju/core/sql"
import { sql } from "kysely"

/**
 * Frozen. Draft deletion and difference vouchers: the numbers deleted drafts gave back
 * (filled first by the next voucher of their period and word when the account set keeps
 * numbers without gaps, 憑證不斷號), and the link from a difference voucher (更正) to the
 * voucher it corrects.
 */
export const ledger_0005_voucher_corrections: Migration = {
  name: "ledger_0005_voucher_corrections",
  up: async ({ db, types }) => {
    await db.schema.alterTable("ledger_vouchers").addColumn("correction_of_id", types.text).execute()
    // Partial: most vouchers correct nothing, and an index entry per voucher costs every insert.
    await db.schema.createIndex("ledger_vouchers_correction").on("ledger_vouchers").columns(["account_set_id", "correction_of_id"])
      .where(sql.ref("correction_of_id"), "is not", null).execute()
    await db.schema.createTable("ledger_voucher_gaps")
      .addColumn("account_set_id", types.text, (column) => column.notNull())
      .addColumn("fiscal_year", types.integer, (column) => column.notNull())
      .addColumn("period", types.integer, (column) => column.notNull())
      .addColumn("word", types.text, (column) => column.notNull())
      .addColumn("number", types.integer, (column) => column.notNull())
      .addPrimaryKeyConstraint("ledger_voucher_gaps_pk", ["account_set_id", "fiscal_year", "period", "word", "number"])
      .execute()
  }
}
