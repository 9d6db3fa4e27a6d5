/**
 * The lean path of `danju`, built on its own as `dist/lean.cjs` and loaded by `bin.ts`
 * with a V8 code cache (`leanScript.ts`): runs a report call recognised by
 * {@link leanInvocation} with the same service code, layer and rendering as the
 * @effect/cli command (`runTrialBalance` / `runReport` of `commands/ledger.ts`) and the
 * same failure handling ({@link runCommand}), without @effect/cli, its help renderer and
 * config-file parsers, or @effect/platform-node's services. Keep its imports to what a
 * report needs: every module it reaches is compiled into the bundle.
 *
 * @since 0.1.0
 */
import { runReport, runTrialBalance } from "./commands/ledger"
import { resolveDatabaseUrl } from "./database"
import type { LeanInvocation } from "./leanArgs"
import { runCommand } from "./runner"

/**
 * Runs a lean invocation as the process's main program.
 *
 * @since 0.1.0
 */
export const runLean = (invocation: LeanInvocation): void => {
  const databaseUrl = resolveDatabaseUrl(invocation.db, process.env)
  const common = {
    databaseUrl,
    accountSet: invocation.set,
    from: invocation.from,
    to: invocation.to,
    format: invocation.format,
    out: invocation.out
  }
  runCommand(
    invocation.command === "trial-balance"
      ? runTrialBalance(common)
      : runReport({
        ...common,
        report: invocation.report,
        commodity: invocation.commodity,
        includeUnposted: invocation.includeUnposted,
        account: invocation.account,
        ids: invocation.ids
      })
  )
}
