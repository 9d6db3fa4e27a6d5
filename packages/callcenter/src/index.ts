/**
 * `@danju/callcenter`: the 95598 utility call center with SLA timers (SPEC section 6). The package is reserved in the workspace; its
 * domain, services, storage and HTTP contract arrive with its own issue, following the
 * shape of `@danju/ledger`.
 *
 * @since 0.1.0
 */
export const packageName = "@danju/callcenter" as const
