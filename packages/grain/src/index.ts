/**
 * `@danju/grain`: military grain books in receipt/payment notation (SPEC section 3). The package is reserved in the workspace; its
 * domain, services, storage and HTTP contract arrive with its own issue, following the
 * shape of `@danju/ledger`.
 *
 * @since 0.1.0
 */
export const packageName = "@danju/grain" as const
