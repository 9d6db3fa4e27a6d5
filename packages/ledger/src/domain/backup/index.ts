/**
 * The ledger backup file (`danju-ledger-backup`): its format, an incremental reader
 * that verifies a file in bounded memory, the renaming a restore under a new code
 * applies, and the typed errors. All pure; the backup service does the database work
 * and the CLI the file work.
 *
 * @since 0.1.0
 */
export * from "./BackupErrors"
export * from "./BackupFormat"
