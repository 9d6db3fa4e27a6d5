/**
 * Recognises the read-only report calls the lean path runs (`ledger trial-balance`,
 * `ledger report <name>`) without loading @effect/cli. It accepts only the plain form
 * — the command words first, then each known option once as `--name value` (a value
 * neither empty nor starting with `-`), `--format` one of its choices, `--set` given —
 * and returns `undefined` for anything else, so that help, unknown or repeated options,
 * `--name=value`, a missing `--set` or a bad `--format` go through @effect/cli and
 * fail exactly as they always did. Imports nothing but `node:fs`.
 *
 * @since 0.1.0
 */
import { statSync } from "node:fs"
import type { ReportName } from "./commands/reportNames"
import { reportNames } from "./commands/reportNames"

/** The output formats of `--format` (the choices of the @effect/cli option). */
const formats = ["json", "csv", "table", "xlsx"] as const

/**
 * A report call the lean path runs, its options as the @effect/cli command would
 * have parsed them (`undefined` for an option not given).
 *
 * @since 0.1.0
 */
export type LeanInvocation =
  | {
    readonly command: "trial-balance"
    readonly db: string | undefined
    readonly set: string
    readonly from: string | undefined
    readonly to: string | undefined
    readonly format: typeof formats[number]
    readonly out: string | undefined
  }
  | {
    readonly command: "report"
    readonly report: ReportName
    readonly db: string | undefined
    readonly set: string
    readonly from: string | undefined
    readonly to: string | undefined
    readonly commodity: string | undefined
    readonly includeUnposted: boolean
    readonly account: string | undefined
    readonly ids: string | undefined
    readonly format: typeof formats[number]
    readonly out: string | undefined
  }

const trialBalanceOptions = ["db", "set", "from", "to", "format", "out"]
const reportOptions = [...trialBalanceOptions, "commodity", "account", "ids"]
const reportFlags = ["include-unposted"]

const isOneOf = <A extends string>(choices: ReadonlyArray<A>, value: string): value is A =>
  (choices as ReadonlyArray<string>).includes(value)

/**
 * Reads `--name value` pairs (and bare flags) from `args`; `undefined` when anything
 * is not in the plain form.
 */
const readOptions = (
  args: ReadonlyArray<string>,
  valued: ReadonlyArray<string>,
  flags: ReadonlyArray<string>
): Map<string, string | true> | undefined => {
  const options = new Map<string, string | true>()
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!
    if (!arg.startsWith("--")) return undefined
    const name = arg.slice(2)
    if (options.has(name)) return undefined
    const next = args[index + 1]
    if (isOneOf(flags, name)) {
      // @effect/cli would take a following true/false/yes/… as the flag's value.
      if (next !== undefined && !next.startsWith("-")) return undefined
      options.set(name, true)
    } else if (isOneOf(valued, name)) {
      if (next === undefined || next === "" || next.startsWith("-")) return undefined
      options.set(name, next)
      index++
    } else {
      return undefined
    }
  }
  return options
}

/**
 * `--out` as @effect/cli's `Options.file` accepts it: absent, or a path that does not
 * exist or is a regular file. `null` when @effect/cli would refuse it.
 */
const outPath = (out: string | true | undefined): string | undefined | null => {
  if (out === undefined || out === true) return undefined
  try {
    const stats = statSync(out, { throwIfNoEntry: false })
    return stats === undefined || stats.isFile() ? out : null
  } catch {
    return null
  }
}

const text = (value: string | true | undefined): string | undefined => (typeof value === "string" ? value : undefined)

/**
 * The lean invocation `args` (`process.argv` without node and the script) asks for, or
 * `undefined` when @effect/cli must handle the call.
 *
 * @since 0.1.0
 */
export const leanInvocation = (args: ReadonlyArray<string>): LeanInvocation | undefined => {
  if (args[0] !== "ledger") return undefined
  const command = args[1]
  const report = args[2]
  const options = command === "trial-balance"
    ? readOptions(args.slice(2), trialBalanceOptions, [])
    : command === "report" && report !== undefined && isOneOf(reportNames, report)
    ? readOptions(args.slice(3), reportOptions, reportFlags)
    : undefined
  if (options === undefined) return undefined
  const set = text(options.get("set"))
  const format = text(options.get("format")) ?? "table"
  const out = outPath(options.get("out"))
  if (set === undefined || !isOneOf(formats, format) || out === null) return undefined
  const common = {
    db: text(options.get("db")),
    set,
    from: text(options.get("from")),
    to: text(options.get("to")),
    format,
    out
  }
  if (command === "trial-balance") return { command, ...common }
  return {
    command: "report",
    report: report as ReportName,
    ...common,
    commodity: text(options.get("commodity")),
    includeUnposted: options.has("include-unposted"),
    account: text(options.get("account")),
    ids: text(options.get("ids"))
  }
}
