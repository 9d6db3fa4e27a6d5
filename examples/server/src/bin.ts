/**
 * Entry point of the `danju` executable. Read-only report calls in their plain form
 * (`ledger trial-balance`, `ledger report <name>`, see {@link leanInvocation}) take the
 * lean path — the bundle `lean.cjs` with its V8 code cache, without @effect/cli — and
 * everything else goes through the full command line ({@link ./main}). Both print the
 * same bytes and fail with the same message and exit code. `DANJU_CLI_FULL=1` (any
 * non-empty value) sends every call through the full command line; with `DANJU_DEBUG` set,
 * the lean path says on stderr that it ran and whether V8 accepted the code cache. Kept
 * tiny: it runs before anything else is loaded.
 */
import { dirname } from "node:path"
import { fileURLToPath } from "node:url"
import { leanInvocation } from "./leanArgs"
import { hasLeanBundle, loadLean } from "./leanScript"

const directory = dirname(fileURLToPath(import.meta.url))
const full = process.env["DANJU_CLI_FULL"]
const invocation = full === undefined || full === "" ? leanInvocation(process.argv.slice(2)) : undefined

if (invocation !== undefined && hasLeanBundle(directory)) {
  const { cache, lean } = loadLean(directory)
  if (process.env["DANJU_DEBUG"] !== undefined) process.stderr.write(`danju: lean path, code cache ${cache}\n`)
  lean.runLean(invocation)
} else {
  void import("./main")
}
