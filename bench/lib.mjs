// Shared helpers of the benchmark scripts: statistics, timing child processes with their
// peak memory, and the paths of the scratch directory. Plain Node ESM, no dependencies.
import { spawnSync } from "node:child_process"
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"

export const benchDirectory = dirname(fileURLToPath(import.meta.url))
export const repositoryRoot = join(benchDirectory, "..")
/** Scratch space (gitignored): journals, databases, profiles. */
export const workDirectory = join(benchDirectory, ".work")
export const resultsDirectory = join(benchDirectory, "results")
/** The CLI as `pnpm build` leaves it. */
export const builtCli = join(repositoryRoot, "examples/server/dist")
/** The copy of it the bench runs (see snapshotCli). */
export const cliBundle = join(workDirectory, "cli", "bin.js")

/**
 * Copies the built CLI bundle into the scratch directory and runs it from there, so a
 * rebuild during a long run (its `clean` step empties dist/) cannot break or mix what is
 * measured. The bundle's only external imports (better-sqlite3, pg) resolve from the
 * repository root, where the bench lists them.
 */
export const snapshotCli = () => {
  const target = join(workDirectory, "cli")
  rmSync(target, { recursive: true, force: true })
  mkdirSync(target, { recursive: true })
  for (const file of readdirSync(builtCli)) {
    // The lean report path is lean.cjs with its V8 code cache lean.v8cache (see bin.ts).
    if (file.endsWith(".js") || file.endsWith(".cjs") || file.endsWith(".v8cache")) copyFileSync(join(builtCli, file), join(target, file))
  }
  return join(target, "bin.js")
}

export const ensureDirectory = (path) => {
  mkdirSync(path, { recursive: true })
  return path
}

/** Removes a SQLite database file with its WAL and shared-memory companions. */
export const removeSqlite = (file) => {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true })
}

/** Median, min and max of a list of numbers (the median of an even list is the mean of the middle two). */
export const summarize = (values) => {
  const sorted = [...values].sort((left, right) => left - right)
  const middle = Math.floor(sorted.length / 2)
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: values.length }
}

/** Rounds for display and JSON: 3 significant decimals below 10, fewer above. */
export const round = (value) => {
  if (value === null || value === undefined || !Number.isFinite(value)) return value
  const magnitude = Math.abs(value)
  const digits = magnitude >= 1000 ? 0 : magnitude >= 100 ? 1 : magnitude >= 10 ? 2 : magnitude >= 1 ? 3 : 4
  return Number(value.toFixed(digits))
}

const gnuTime = ["/usr/bin/time"].find((path) => existsSync(path))
const maxRssHook = pathToFileURL(join(benchDirectory, "maxrss.mjs")).href

/**
 * Runs a command to completion and returns its wall time and CPU time (user + system,
 * seconds; less disturbed by other load than wall time), peak resident memory
 * (megabytes; from GNU time when installed, else from an `--import` hook for Node
 * children, else null) and output. Fails loudly on a non-zero exit: a benchmark of a
 * failing command measures nothing.
 */
export const timeCommand = (command, args, options = {}) => {
  const rssFile = join(workDirectory, `rss-${process.pid}.txt`)
  rmSync(rssFile, { force: true })
  let file = command
  let argv = args
  const env = { ...process.env, ...options.env }
  if (gnuTime !== undefined) {
    file = gnuTime
    argv = ["-f", "%M %U %S", "-o", rssFile, command, ...args]
  } else if (command === process.execPath) {
    argv = ["--import", maxRssHook, ...args]
    env.DANJU_BENCH_RSS_FILE = rssFile
  }
  const started = process.hrtime.bigint()
  const result = spawnSync(file, argv, {
    cwd: options.cwd ?? repositoryRoot,
    env,
    encoding: "utf8",
    maxBuffer: 1 << 30,
    stdio: ["ignore", "pipe", "pipe"]
  })
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  if (result.error !== undefined) throw new Error(`cannot run ${command}: ${result.error.message}`)
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} exited with ${result.status ?? result.signal}:\n${(result.stderr ?? "").slice(-4000)}`)
  }
  let maxRssMegabytes = null
  let cpuSeconds = null
  if (existsSync(rssFile)) {
    // GNU time writes "kilobytes user system"; the Node hook writes the same fields
    // (resourceUsage().maxRSS is in kilobytes).
    const [kilobytes, user, system] = readFileSync(rssFile, "utf8").trim().split("\n").pop().split(" ").map(Number)
    if (Number.isFinite(kilobytes)) maxRssMegabytes = kilobytes / 1024
    if (Number.isFinite(user) && Number.isFinite(system)) cpuSeconds = user + system
    rmSync(rssFile, { force: true })
  }
  return { seconds, cpuSeconds, maxRssMegabytes, stdout: result.stdout, stderr: result.stderr }
}

/** Runs a Node child script that prints one JSON document as its last stdout line. */
export const runNodeJson = (script, args, options = {}) => {
  const run = timeCommand(process.execPath, [...(options.nodeFlags ?? []), script, ...args], options)
  const lines = run.stdout.trim().split("\n")
  return { ...run, json: JSON.parse(lines[lines.length - 1]) }
}

/** Finds an executable on PATH (or an absolute path); undefined when absent. */
export const which = (name) => {
  if (name.startsWith("/")) return existsSync(name) ? name : undefined
  for (const directory of (process.env.PATH ?? "").split(":")) {
    const candidate = join(directory, name)
    if (directory !== "" && existsSync(candidate)) return candidate
  }
  return undefined
}

/** Entry counts as short labels: 10000 → 10k, 1000000 → 1M. */
export const sizeLabel = (size) => (size >= 1_000_000 ? `${size / 1_000_000}M` : size >= 1000 ? `${size / 1000}k` : String(size))
