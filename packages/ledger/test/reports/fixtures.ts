// Pure fixtures of the report tests: an account set value and balance rows, without a
// database.
import { AccountSet, AccountSetOptions } from "../../src/domain/AccountSet"
import { AccountSetCode } from "../../src/domain/ids"
import type { BalanceMovement } from "../../src/domain/TrialBalance"
import { dec } from "../support"

export const accountSetOf = (overrides: Partial<ConstructorParameters<typeof AccountSet>[0]> = {}): AccountSet =>
  AccountSet.make({
    id: "S1",
    code: AccountSetCode.make("pure"),
    organisationId: "org-1",
    name: "測試賬套",
    baseCurrency: "CNY",
    currencyScale: 2,
    codeScheme: [4, 2, 2, 2],
    calendar: { startYear: 2026, startMonth: 1, periodsPerYear: 12 },
    startPeriod: { fiscalYear: 2026, number: 1 },
    status: "enabled",
    options: AccountSetOptions.make({}),
    lastClosedYear: null,
    lastClosedPeriod: null,
    createdAt: 0,
    template: null,
    ...overrides
  })

export const movement = (accountCode: string, period: number, debit: string, credit: string, dimensionKey = ""): BalanceMovement => ({
  accountCode,
  dimensionKey,
  fiscalYear: 2026,
  period,
  commodity: "CNY",
  debit: dec(debit),
  credit: dec(credit)
})
