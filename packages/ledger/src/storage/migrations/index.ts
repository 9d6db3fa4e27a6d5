import type { MigrationSet } from "@danju/core/sql"
import { ledger_0001_books } from "./ledger_0001_books"
import { ledger_0003_report_indexes } from "./ledger_0003_report_indexes"
import { ledger_0004_library } from "./ledger_0004_library"
import { ledger_0005_voucher_corrections } from "./ledger_0005_voucher_corrections"
import { ledger_0006_balance_layout } from "./ledger_0006_balance_layout"

/**
 * The ledger's tables. Apply after `coreMigrations`.
 *
 * @since 0.1.0
 */
export const ledgerMigrations: MigrationSet = {
  packageName: "ledger",
  migrations: [ledger_0001_books, ledger_0003_report_indexes, ledger_0004_library, ledger_0005_voucher_corrections, ledger_0006_balance_layout]
}
