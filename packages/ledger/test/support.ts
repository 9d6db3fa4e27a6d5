// Shared fixtures of the ledger tests: actors with the default roles, a small mess-hall
// chart, and decoding helpers for voucher input.
import { Schema } from "effect"
import type { Actor } from "@danju/core"
import { Dec, OperatorId, OrganisationId, RoleName } from "@danju/core"
import { coreMigrations } from "@danju/core/sql"
import type { AccountInput } from "../src/LedgerService"
import { VoucherInput } from "../src/domain/Voucher"
import { ledgerMigrations } from "../src/storage/index"

export const migrations = [coreMigrations, ledgerMigrations]

export const organisation = OrganisationId.make("org-1")

export const actor = (operatorId: string, ...roles: Array<string>): Actor => ({
  operatorId: OperatorId.make(operatorId),
  organisationId: organisation,
  roles: roles.map((role) => RoleName.make(role))
})

export const administrator = actor("admin", "administrator")
export const maker = actor("maker", "accountant")
export const checker = actor("checker", "supervisor")
export const cashier = actor("cashier", "cashier")
export const outsider: Actor = { ...actor("outsider", "administrator"), organisationId: OrganisationId.make("org-2") }

export const messAccounts: ReadonlyArray<AccountInput> = [
  { code: "1001", name: "庫存現金", category: "asset", direction: "debit", isCash: true },
  { code: "1002", name: "銀行存款", category: "asset", direction: "debit", isBank: true },
  { code: "4001", name: "伙食費", category: "equity", direction: "credit" },
  { code: "6001", name: "軍糧差價補貼", category: "profitAndLoss", direction: "credit" }
]

export const voucher = (input: typeof VoucherInput.Encoded) => Schema.decodeUnknownSync(VoucherInput)(input)

export const dec = (text: string) => new Dec(text)
