/**
 * Plain-text journals in the hledger / Ledger format: an incremental reader
 * ({@link makeJournalParser}), the chart of accounts a journal's account names imply
 * ({@link makeJournalChartBuilder}) and a writer ({@link formatJournalEntry}). All pure;
 * the CLI and services do the file and database work.
 *
 * @since 0.1.0
 */
export * from "./JournalChart"
export * from "./JournalErrors"
export * from "./JournalParser"
export * from "./JournalWriter"
