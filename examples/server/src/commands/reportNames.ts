/**
 * The reports `danju ledger report <name>` prints. A module of its own so that argument
 * parsing (the @effect/cli command and the lean path) can name them without loading the
 * ledger.
 *
 * @since 0.1.0
 */

/**
 * The reports `danju ledger report <name>` prints.
 *
 * @since 0.1.0
 */
export const reportNames = [
  "account-balances",
  "general-ledger",
  "detail-ledger",
  "cash-journal",
  "bank-journal",
  "voucher-list",
  "voucher-print",
  "mess-monthly-statement",
  "balance-sheet",
  "income-statement"
] as const

/**
 * A report name of {@link reportNames}.
 *
 * @since 0.1.0
 */
export type ReportName = typeof reportNames[number]
