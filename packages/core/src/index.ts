/**
 * `@danju/core`: the shared kernel of every Danju package — exact amounts and
 * commodities, dates and fiscal periods, business calendars and SLA clocks, operators,
 * roles and permissions, approval chains, the audit log and idempotency. Pure: no I/O
 * (storage lives in `@danju/core/sql`).
 *
 * @since 0.1.0
 */
export * from "./Amount"
export * from "./ApprovalChain"
export * from "./AuditLog"
export * from "./BusinessCalendar"
export * from "./ChineseNumerals"
export * from "./Idempotency"
export * from "./Limits"
export * from "./LocalDate"
export * from "./Operator"
export * from "./Password"
export * from "./Period"
export * from "./Permission"
export * from "./Session"
export * from "./Sla"
