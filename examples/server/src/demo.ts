/**
 * Demo data for `danju serve --demo` and `danju demo`: one organisation with an
 * administrator, a maker (制單, also the ledger's `accountant`), a checker (審核, the
 * ledger's `supervisor`) and a cashier (出納), and the ledger's demo books (the mess-hall
 * account set `mess-demo` and the company `company-demo`). Seeding is idempotent: existing logins keep their passwords; a demo
 * operator created by an older version only gains the roles it lacks.
 *
 * The passwords are public (documented in `--help` and the README): never use `--demo`
 * on a server others can reach.
 *
 * @since 0.1.0
 */
import type { Actor } from "@danju/core"
import { OrganisationId } from "@danju/core"
import { Database, ensureOperator, OperatorStore, recordOperatorEvent } from "@danju/core/sql"
import { loadLedgerDemo } from "@danju/ledger"
import { Clock, Effect } from "effect"
import { roles } from "./permissions"

/** The demo organisation. @since 0.1.0 */
export const demoOrganisationId = OrganisationId.make("demo")

/**
 * Demo operators and their public passwords.
 *
 * @since 0.1.0
 */
export const demoOperators = [
  { login: "admin", displayName: "管理員 Admin", password: "danju-admin-demo", roles: [roles.administrator] },
  { login: "maker", displayName: "制單 Maker", password: "danju-maker-demo", roles: [roles.maker, roles.accountant] },
  { login: "checker", displayName: "審核 Checker", password: "danju-checker-demo", roles: [roles.checker, roles.supervisor] },
  { login: "cashier", displayName: "出納 Cashier", password: "danju-cashier-demo", roles: [roles.cashier] }
] as const

/**
 * Creates the demo operators that do not exist yet and gives existing ones the demo
 * roles they lack; returns the logins it created.
 *
 * @since 0.1.0
 */
export const seedDemo = Effect.gen(function*() {
  const store = yield* OperatorStore
  const database = yield* Database
  const created: Array<string> = []
  const actors = new Map<string, Actor>()
  for (const operator of demoOperators) {
    const result = yield* ensureOperator({
      organisationId: demoOrganisationId,
      login: operator.login,
      displayName: operator.displayName,
      password: operator.password,
      roles: operator.roles,
      createdBy: "system:demo"
    })
    actors.set(operator.login, { operatorId: result.operator.id, organisationId: demoOrganisationId, roles: [...operator.roles] })
    if (result.created) {
      created.push(operator.login)
      continue
    }
    const missing = operator.roles.filter((role) => !result.operator.roles.includes(role))
    if (missing.length > 0 && result.operator.organisationId === demoOrganisationId) {
      const at = yield* Clock.currentTimeMillis
      yield* database.withTransaction(Effect.zipRight(
        store.updateOperator(result.operator.id, { roles: [...result.operator.roles, ...missing] }),
        recordOperatorEvent(demoOrganisationId, {
          at,
          actor: "system:demo",
          aggregate: "core.operator",
          aggregateId: result.operator.id,
          action: "grantRoles",
          fromState: "enabled",
          toState: "enabled",
          payload: { added: missing }
        })
      ))
    }
  }
  // The demo books, made and checked by the demo operators themselves (so the audit
  // log shows who did what): the mess-hall month and the company quarter.
  const ledger = yield* loadLedgerDemo({
    administrator: actors.get("admin")!,
    maker: actors.get("maker")!,
    checker: actors.get("checker")!
  })
  return { created, accountSets: ledger.loaded }
})
