/**
 * Demo data for `danju serve --demo`: one organisation with an administrator, a maker
 * (制單) and a checker (審核). Seeding is idempotent: existing logins are left as they are.
 *
 * The passwords are public (documented in `--help` and the README): never use `--demo`
 * on a server others can reach.
 *
 * @since 0.1.0
 */
import { OrganisationId } from "@danju/core"
import { ensureOperator } from "@danju/core/sql"
import { Effect } from "effect"
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
  { login: "maker", displayName: "制單 Maker", password: "danju-maker-demo", roles: [roles.maker] },
  { login: "checker", displayName: "審核 Checker", password: "danju-checker-demo", roles: [roles.checker] }
] as const

/**
 * Creates the demo operators that do not exist yet; returns the logins it created.
 *
 * @since 0.1.0
 */
export const seedDemo = Effect.gen(function*() {
  const created: Array<string> = []
  for (const operator of demoOperators) {
    const result = yield* ensureOperator({
      organisationId: demoOrganisationId,
      login: operator.login,
      displayName: operator.displayName,
      password: operator.password,
      roles: operator.roles
    })
    if (result.created) created.push(operator.login)
  }
  return { created }
})
