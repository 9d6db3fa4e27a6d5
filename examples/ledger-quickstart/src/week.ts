/**
 * One week of a company mess hall (連隊伙食賬), as plain data both programs record:
 * the allocation arrives, cash is drawn, food is bought, officers pay their meal fees.
 */
export const week = [
  { date: "2026-10-01", summary: "收上級撥伙食費", debit: "1002", credit: "4001", amount: "36000.00" },
  { date: "2026-10-02", summary: "從銀行提取現金", debit: "1001", credit: "1002", amount: "5000.00" },
  { date: "2026-10-03", summary: "購買主副食品", debit: "4001", credit: "1001", amount: "1862.40" },
  { date: "2026-10-05", summary: "收幹部士官伙食費", debit: "1001", credit: "4001", amount: "2640.00" },
  { date: "2026-10-07", summary: "購買主副食品", debit: "4001", credit: "1001", amount: "1745.90" }
] as const

/** The mess officer makes vouchers, the supervisor audits and posts, the administrator opens the books. */
export const operators = {
  administrator: { operatorId: "admin", organisationId: "third-company", roles: ["administrator"] },
  messOfficer: { operatorId: "mess-officer", organisationId: "third-company", roles: ["accountant"] },
  supervisor: { operatorId: "instructor", organisationId: "third-company", roles: ["supervisor"] }
} as const
