// The shared plumbing of the ledger's services: the injected dependencies, the clock,
// permission checks, account-set loading and audit drafts. Every service module
// (vouchers, period end, reports, backup) builds on one kit, so they all check and
// record in the same way.
import { Effect, Either } from "effect"
import type { Actor, AuditDraft, PermissionTable } from "@danju/core"
import { AuditLog, authorize, Idempotency, OrganisationId } from "@danju/core"
import { Database } from "@danju/core/sql"
import type { AccountSet } from "../domain/AccountSet"
import { AccountSetNotFound } from "../domain/errors"
import type { Chart } from "../LedgerRepo"
import { LedgerRepo } from "../LedgerRepo"

/** The audit scope of an account set's chain. */
export const scopeOf = (accountSet: Pick<AccountSet, "id">) => `ledger:${accountSet.id}`

/** Builds the kit from the services in context and the permission table. */
export const makeKit = (permissions: PermissionTable) =>
  Effect.gen(function*() {
    const repo = yield* LedgerRepo
    const database = yield* Database
    const auditLog = yield* AuditLog
    const idempotency = yield* Idempotency

    const now = Effect.clockWith((clock) => clock.currentTimeMillis)

    const permit = (actor: Actor, permission: string, organisationId: string) =>
      Either.match(authorize(permissions, actor, permission as never, OrganisationId.make(organisationId)), {
        onLeft: Effect.fail,
        onRight: () => Effect.void
      })

    /** Administrators hold every permission ("*"); they may withdraw others' audits. */
    const isAdministrator = (actor: Actor, organisationId: string) =>
      Either.isRight(authorize(permissions, actor, "ledger.administration.all" as never, OrganisationId.make(organisationId)))

    const loadAccountSet = (code: string) =>
      Effect.flatMap(repo.findAccountSet(code), (found) =>
        found === undefined ? Effect.fail(new AccountSetNotFound({ accountSet: code })) : Effect.succeed(found))

    /**
     * Loads the account set and checks the actor may act on it with the permission. An
     * account set of another organisation is `AccountSetNotFound`, exactly as if it did
     * not exist: a 403 naming the other organisation would tell an outsider guessing
     * codes that the books exist and whose they are (the list of account sets already
     * shows each organisation only its own).
     */
    const guarded = (actor: Actor, code: string, permission: string) =>
      Effect.tap(loadAccountSet(code), (accountSet) =>
        accountSet.organisationId === actor.organisationId
          ? permit(actor, permission, accountSet.organisationId)
          : Effect.fail(new AccountSetNotFound({ accountSet: code })))

    /**
     * {@link guarded} for a command that writes, inside its database transaction: the
     * account set's row is locked first (`shared` by commands that only depend on the
     * set's state, `exclusive` by those that change it) and the set read afresh, so the
     * command checks the state it will commit against (a period closed a moment ago).
     */
    const guardedForWrite = (actor: Actor, code: string, permission: string, mode: "shared" | "exclusive" = "shared") =>
      Effect.zipRight(repo.lockAccountSet(code, mode), guarded(actor, code, permission))

    const audit = (accountSet: Pick<AccountSet, "id">, drafts: ReadonlyArray<AuditDraft>) =>
      auditLog.append(scopeOf(accountSet), drafts).pipe(Effect.asVoid)

    const draft = (
      actor: Actor,
      at: number,
      aggregate: string,
      aggregateId: string,
      action: string,
      fromState: string | null,
      toState: string | null,
      payload: unknown
    ): AuditDraft => ({ at, actor: actor.operatorId, aggregate, aggregateId, action, fromState, toState, payload })

    return { repo, database, auditLog, idempotency, now, permit, isAdministrator, loadAccountSet, guarded, guardedForWrite, audit, draft }
  })

/**
 * The tables a journal import or a restore fills in bulk; their planner statistics are
 * refreshed after the load commits (`Database.refreshStatistics`).
 */
export const bulkLoadedTables: ReadonlyArray<string> = ["ledger_vouchers", "ledger_lines", "ledger_balances", "danju_audit_log"]

/** The kit every ledger service module receives. */
export type Kit = Effect.Effect.Success<ReturnType<typeof makeKit>>

/** Fast lookups over a chart for voucher validation. */
export const chartLookup = (chart: Chart) => {
  const accounts = new Map(chart.accounts.map((account) => [account.code as string, account]))
  const values = new Set(chart.dimensionValues.filter((value) => !value.disabled).map((value) => `${value.type}\u0000${value.code}`))
  return {
    account: (code: string) => accounts.get(code),
    dimensionValueExists: (type: string, code: string) => values.has(`${type}\u0000${code}`),
    accounts
  }
}
