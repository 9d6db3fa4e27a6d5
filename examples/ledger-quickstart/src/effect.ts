/**
 * The same week through the Effect API: services and layers instead of Promises, for
 * apps built on Effect. The app picks the live layers (here a SQLite file) and runs the
 * program once at its edge.
 *
 * Run: `node dist/effect.js ./data/quickstart-effect.db`
 */
import { Effect, Layer, Schema } from "effect"
import { Dec, OperatorId, OrganisationId, RoleName } from "@danju/core"
import type { Actor } from "@danju/core"
import { coreMigrations, DatabaseLive, migrate } from "@danju/core/sql"
import { AccountSetCode, LedgerService, VoucherInput } from "@danju/ledger"
import { ledgerMigrations, ledgerSqlLayer } from "@danju/ledger/storage"
import { operators, week } from "./week"

const actor = (operator: { operatorId: string; organisationId: string; roles: ReadonlyArray<string> }): Actor => ({
  operatorId: OperatorId.make(operator.operatorId),
  organisationId: OrganisationId.make(operator.organisationId),
  roles: operator.roles.map((role) => RoleName.make(role))
})

/** The program: pure description, no I/O until it runs. */
export const program = Effect.gen(function*() {
  yield* migrate([coreMigrations, ledgerMigrations])
  const ledger = yield* LedgerService
  const administrator = actor(operators.administrator)
  const code = AccountSetCode.make(`mess-effect-${Date.now().toString(36)}`)
  yield* ledger.createAccountSet(administrator, { code, name: "三連伙食賬", template: "messHall", startPeriod: { fiscalYear: 2026, number: 10 } })
  yield* ledger.setOpeningBalances(administrator, code, [
    { accountCode: "1001", balance: new Dec("1280.50") },
    { accountCode: "1002", balance: new Dec("23456.00") },
    { accountCode: "4001", balance: new Dec("24736.50") }
  ])
  yield* ledger.enableAccountSet(administrator, code)
  const decode = Schema.decodeUnknownSync(VoucherInput)
  const made = yield* ledger.recordVouchers(actor(operators.messOfficer), code, week.map((entry) =>
    decode({
      date: entry.date,
      lines: [
        { summary: entry.summary, accountCode: entry.debit, debit: entry.amount },
        { summary: entry.summary, accountCode: entry.credit, credit: entry.amount }
      ]
    })))
  const supervisor = actor(operators.supervisor)
  yield* ledger.auditVouchers(supervisor, code, made.map((voucher) => voucher.id))
  yield* ledger.postVouchers(supervisor, code, made.map((voucher) => voucher.id))
  const report = yield* ledger.trialBalance(actor(operators.messOfficer), code)
  const rows = report.rows.map((row) => ({ code: row.code, name: row.name, closing: row.closingDebit.minus(row.closingCredit).toFixed(2) }))
  yield* Effect.sync(() => {
    console.table(rows)
    console.log(report.balanced ? "試算平衡 balanced" : "NOT BALANCED")
  })
  return { balanced: report.balanced, rows }
})

/** Runs the program on a SQLite file. */
export const main = (file: string) =>
  Effect.runPromise(program.pipe(Effect.provide(ledgerSqlLayer().pipe(Layer.provideMerge(DatabaseLive.layer(`sqlite:${file}`))))))

if (import.meta.url === `file://${process.argv[1]}`) {
  await main(process.argv[2] ?? "./quickstart-effect.db")
}
