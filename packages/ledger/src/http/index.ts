/**
 * `@danju/ledger/http`: the ledger's HTTP contract — endpoints, request and response
 * schemas, and the mapping of every typed error to an RFC 9457 problem with its status.
 * No handlers: an application (the reference server) implements the groups by calling
 * `LedgerService` with the caller's actor.
 *
 * @since 0.1.0
 */
export * from "./LedgerApi"
export * from "./LibraryApi"
export * from "./PeriodEndApi"
export * from "./problems"
export * from "./ReportsApi"
export * from "./schemas"
