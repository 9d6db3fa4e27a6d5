/**
 * Entry point of the `danju` executable: runs the CLI with logs on stderr, and turns an
 * expected failure into a one-line message and exit code 1 (no stack trace).
 */
import { ValidationError } from "@effect/cli"
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { Cause, Effect, Logger, Option } from "effect"
import { cli } from "./cli"

const reportFailure = (cause: Cause.Cause<unknown>) =>
  Effect.sync(() => {
    if (Cause.isInterruptedOnly(cause)) return
    const failure = Cause.failureOption(cause)
    if (Option.isSome(failure)) {
      // @effect/cli has already printed its own message for bad arguments.
      if (ValidationError.isValidationError(failure.value)) return
      const error = failure.value
      const message = error instanceof Error ? error.message : String(error)
      process.stderr.write(`danju: ${message}\n`)
      return
    }
    const defect = Cause.squash(cause)
    process.stderr.write(`danju: internal error: ${defect instanceof Error ? defect.message : String(defect)}\n`)
    if (process.env["DANJU_DEBUG"] !== undefined) process.stderr.write(`${Cause.pretty(cause)}\n`)
  })

cli(process.argv).pipe(
  Effect.tapErrorCause(reportFailure),
  Effect.provide(NodeContext.layer),
  Effect.provide(Logger.replace(Logger.defaultLogger, Logger.withConsoleError(Logger.logfmtLogger))),
  NodeRuntime.runMain({ disableErrorReporting: true, disablePrettyLogger: true })
)
