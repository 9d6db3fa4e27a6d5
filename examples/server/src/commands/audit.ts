/**
 * `danju audit verify`: checks the hash chains of the audit log — every scope, or one —
 * against themselves and against the head each scope keeps, so an edited, removed,
 * reordered, inserted or forged record is found. Prints a JSON summary on stdout; a
 * broken chain fails the command (exit code 1) with one line per broken scope naming
 * the scope, the record's sequence number and what is wrong.
 *
 * @since 0.1.0
 */
import type { AuditChainBroken } from "@danju/core"
import { AuditLog } from "@danju/core"
import { AuditLogSql, DatabaseLive } from "@danju/core/sql"
import { Console, Effect, Either, Layer } from "effect"

/**
 * A scope whose chain does not verify, as `danju audit verify` reports it.
 *
 * @since 0.1.0
 */
export interface BrokenScope {
  readonly scope: string
  readonly sequence: number
  readonly fault: AuditChainBroken["fault"]
  readonly message: string
}

/**
 * The audit log is not intact: one or more chains fail verification.
 *
 * @since 0.1.0
 */
export class AuditVerificationFailed extends Error {
  constructor(readonly broken: ReadonlyArray<BrokenScope>, readonly verifiedScopes: number) {
    super(
      `audit log verification failed in ${broken.length} of ${verifiedScopes} scope(s):\n` +
        broken.map((scope) => `  ${scope.message}`).join("\n")
    )
    this.name = "AuditVerificationFailed"
  }
}

/**
 * Verifies every audit chain of the database at `databaseUrl` (or only `scope`). Opens
 * the database as it is: no migration runs, nothing is written.
 *
 * @since 0.1.0
 */
export const runAuditVerify = (options: { readonly databaseUrl: string; readonly scope: string | undefined }) =>
  Effect.gen(function*() {
    const auditLog = yield* AuditLog
    const scopes = options.scope === undefined ? yield* auditLog.scopes : [options.scope]
    const verified: Array<{ readonly scope: string; readonly records: number }> = []
    const broken: Array<BrokenScope> = []
    for (const scope of scopes) {
      const result = yield* Effect.either(auditLog.verify(scope))
      if (Either.isRight(result)) {
        verified.push({ scope, records: result.right })
        continue
      }
      const error = result.left
      if (error._tag === "SqlError") return yield* Effect.fail(error)
      broken.push({ scope, sequence: error.sequence, fault: error.fault, message: error.message })
    }
    if (options.scope !== undefined && verified.length === 1 && verified[0]!.records === 0) {
      return yield* Effect.fail(new Error(`audit scope "${options.scope}" has no records`))
    }
    yield* Console.log(JSON.stringify({ intact: broken.length === 0, scopes: verified, broken }))
    if (broken.length > 0) return yield* Effect.fail(new AuditVerificationFailed(broken, scopes.length))
  }).pipe(Effect.provide(AuditLogSql.layer().pipe(Layer.provide(DatabaseLive.layer(options.databaseUrl)))))
