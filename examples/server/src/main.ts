/**
 * The full `danju` command line: every command, help, version and completions through
 * @effect/cli. `bin.ts` loads it unless the lean path ({@link ./lean}) takes the call.
 *
 * @since 0.1.0
 */
import { ValidationError } from "@effect/cli"
import * as NodeContext from "@effect/platform-node/NodeContext"
import { Effect } from "effect"
import { cli } from "./cli"
import { runCommand } from "./runner"

// @effect/cli has already printed its own message for bad arguments.
runCommand(cli(process.argv).pipe(Effect.provide(NodeContext.layer)), ValidationError.isValidationError)
