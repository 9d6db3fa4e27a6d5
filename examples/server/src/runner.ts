/**
 * How a `danju` command runs as the process: logs on stderr, an expected failure as a
 * one-line message and exit code 1 (no stack trace), Ctrl-C interrupts. Shared by the
 * full @effect/cli path ({@link ./main}) and the lean report path ({@link ./lean}) so
 * both fail the same way. Imports only `effect` and Node's runtime hook.
 *
 * @since 0.1.0
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { Cause, Effect, Logger, Option } from "effect"

const reportFailure = (alreadyReported: (failure: unknown) => boolean) => (cause: Cause.Cause<unknown>) =>
  Effect.sync(() => {
    if (Cause.isInterruptedOnly(cause)) return
    const failure = Cause.failureOption(cause)
    if (Option.isSome(failure)) {
      if (alreadyReported(failure.value)) return
      const error = failure.value
      const message = error instanceof Error ? error.message : String(error)
      process.stderr.write(`danju: ${message}\n`)
      return
    }
    const defect = Cause.squash(cause)
    process.stderr.write(`danju: internal error: ${defect instanceof Error ? defect.message : String(defect)}\n`)
    if (process.env["DANJU_DEBUG"] !== undefined) process.stderr.write(`${Cause.pretty(cause)}\n`)
  })

/**
 * Runs a command as the main program of the process. `alreadyReported` names failures
 * that were printed already (@effect/cli prints its own message for bad arguments).
 *
 * @since 0.1.0
 */
export const runCommand = <E>(
  command: Effect.Effect<unknown, E>,
  alreadyReported: (failure: unknown) => boolean = () => false
): void =>
  command.pipe(
    Effect.tapErrorCause(reportFailure(alreadyReported)),
    Effect.provide(Logger.replace(Logger.defaultLogger, Logger.withConsoleError(Logger.logfmtLogger))),
    NodeRuntime.runMain({ disableErrorReporting: true, disablePrettyLogger: true })
  )
