/**
 * `@danju/ledger`: the general ledger of SPEC section 2 — account sets, chart of
 * accounts with dimensions, opening balances, vouchers (audit, post, reversal),
 * period end, reports, journal import and export.
 *
 * Pure rules live in the domain modules exported here; `LedgerService` orchestrates
 * them over the `LedgerRepo` port; `@danju/ledger/storage` stores them on SQLite or
 * PostgreSQL; `@danju/ledger/http` is the HTTP contract; `@danju/ledger/client` is a
 * Promise facade for apps that do not use Effect.
 *
 * @since 0.1.0
 */
export * from "./domain/Account"
export * from "./domain/AccountSet"
export * from "./domain/errors"
export * from "./domain/ids"
export * from "./domain/permissions"
export * from "./domain/TrialBalance"
export * from "./domain/Voucher"
export * from "./domain/VoucherLifecycle"
export * from "./LedgerRepo"
export * from "./LedgerService"
export * from "./domain/templates/index"
export * from "./JournalService"
export * from "./domain/backup/index"
export * from "./BackupRepo"
export * from "./BackupService"
export * from "./domain/journal/index"
export * from "./domain/PeriodEnd"
export * from "./PeriodEndService"
export * from "./domain/reports/index"
export * from "./demo"
export * from "./ReportRepo"
export * from "./ReportService"
export * from "./domain/Library"
export * from "./LibraryRepo"
export * from "./LibraryService"
