// Where time goes: CPU profiles (`node --cpu-prof`) of the slow paths, summarised by
// module and by frame (self time), written to bench/results/profile.json and rendered
// into docs/performance.md. Frames in the bundles are attributed to their source files
// through the `// path/to/source.ts` markers esbuild leaves between modules.
//
//   node bench/profile.mjs [--size 100000] [--post-vouchers 50000]
import { spawnSync } from "node:child_process"
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { loadavg } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"
import { generateJournal, generatorVersion } from "./generate.mjs"
import { benchDirectory, ensureDirectory, removeSqlite, repositoryRoot, resultsDirectory, round, sizeLabel, snapshotCli, workDirectory } from "./lib.mjs"
import { writeReport } from "./report.mjs"

const { values } = parseArgs({
  options: {
    size: { type: "string", default: "100000" },
    "post-vouchers": { type: "string", default: "50000" },
    seed: { type: "string", default: "20261127" }
  }
})
const size = Number(values.size)
const profileDirectory = ensureDirectory(join(workDirectory, "profiles"))
const cliBundle = snapshotCli()

const journal = join(workDirectory, `journal-v${generatorVersion}-${size}-${values.seed}.journal`)
if (!existsSync(journal)) await generateJournal(size, journal, Number(values.seed))

/** Runs node with --cpu-prof and returns the profile and the wall time. */
const profiled = (name, args, intervalMicroseconds = 500) => {
  const file = join(profileDirectory, `${name}.cpuprofile`)
  rmSync(file, { force: true })
  const started = process.hrtime.bigint()
  const result = spawnSync(process.execPath, ["--cpu-prof", "--cpu-prof-dir", profileDirectory, "--cpu-prof-name", `${name}.cpuprofile`,
    "--cpu-prof-interval", String(intervalMicroseconds), ...args], { cwd: repositoryRoot, encoding: "utf8", maxBuffer: 1 << 30 })
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9
  if (result.status !== 0) throw new Error(`${name} failed:\n${result.stderr}`)
  return { profile: JSON.parse(readFileSync(file, "utf8")), wallSeconds }
}

// ── attribution of script positions to source files ──

const markerIndex = new Map()
/** For a bundled file: sorted (line, source) pairs from esbuild's `// source` comments. */
const markersOf = (path) => {
  let markers = markerIndex.get(path)
  if (markers !== undefined) return markers
  markers = []
  if (existsSync(path)) {
    const lines = readFileSync(path, "utf8").split("\n")
    lines.forEach((line, index) => {
      const match = /^\/\/ ((?:\.\.\/|\.\/|node_modules|src)[^\s]*\.(?:ts|js|mjs|cjs|json))$/.exec(line)
      if (match !== null) markers.push([index, match[1]])
    })
  }
  markerIndex.set(path, markers)
  return markers
}

/** A readable module name: the package for dependencies, the repository path for ours. */
const moduleOf = (source) => {
  const pnpm = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(source)
  if (pnpm !== null) return { module: pnpm[1], file: `${pnpm[1]}/${pnpm[2].replace(/^dist\/(esm|cjs)\//, "")}` }
  const plain = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(source)
  if (plain !== null) return { module: plain[1], file: `${plain[1]}/${plain[2]}` }
  const ours = /((?:packages|examples)\/[^/]+\/src\/.*)$/.exec(source)
  if (ours !== null) return { module: ours[1], file: ours[1] }
  return { module: source, file: source }
}

const locate = (callFrame) => {
  const { url, lineNumber, functionName } = callFrame
  if (url === "") return { module: functionName.startsWith("(") ? functionName : "(native)", file: "(native)" }
  if (url.startsWith("node:")) return { module: "node internals", file: url }
  const path = url.startsWith("file://") ? fileURLToPath(url) : url
  if (path.includes("/node_modules/") && !path.includes("/dist/chunk-")) {
    const located = moduleOf(path)
    return { ...located, file: `${located.file}:${lineNumber + 1}` }
  }
  const markers = markersOf(path)
  let source
  for (const [line, marker] of markers) {
    if (line > lineNumber) break
    source = marker
  }
  if (source === undefined) return { module: path.replace(repositoryRoot + "/", ""), file: `${path.replace(repositoryRoot + "/", "")}:${lineNumber + 1}` }
  // A package's own dist names its modules relative to the package (`src/…`).
  if (source.startsWith("src/")) {
    const packageRoot = path.startsWith(join(workDirectory, "cli")) ? "examples/server" : path.replace(repositoryRoot + "/", "").replace(/\/dist\/.*$/, "")
    source = `${packageRoot}/${source}`
  }
  const located = moduleOf(source)
  return { ...located, file: located.file }
}

/** Self time per frame and per module from a .cpuprofile. */
const summarise = (profile) => {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]))
  const selfMicroseconds = new Map()
  profile.samples.forEach((id, index) => {
    selfMicroseconds.set(id, (selfMicroseconds.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0))
  })
  const total = [...selfMicroseconds.values()].reduce((sum, value) => sum + value, 0)
  const frames = new Map()
  const modules = new Map()
  for (const [id, microseconds] of selfMicroseconds) {
    const node = nodes.get(id)
    const located = locate(node.callFrame)
    const key = `${node.callFrame.functionName}\u0000${located.file}`
    const frame = frames.get(key) ?? { functionName: node.callFrame.functionName, where: located.file, microseconds: 0 }
    frame.microseconds += microseconds
    frames.set(key, frame)
    modules.set(located.module, (modules.get(located.module) ?? 0) + microseconds)
  }
  const idle = (modules.get("(idle)") ?? 0)
  return {
    sampledSeconds: round(total / 1e6),
    idleSeconds: round(idle / 1e6),
    byModule: [...modules.entries()].sort((left, right) => right[1] - left[1]).map(([module, microseconds]) => ({ module, seconds: round(microseconds / 1e6), share: round(microseconds / total) })),
    topFrames: [...frames.values()].sort((left, right) => right.microseconds - left.microseconds).slice(0, 40)
      .map((frame) => ({ functionName: frame.functionName, where: frame.where, seconds: round(frame.microseconds / 1e6), share: round(frame.microseconds / total) }))
  }
}

const profiles = []
const database = join(workDirectory, "profile.db")

process.stderr.write(`profiling danju ledger import-journal of ${sizeLabel(size)} entries …\n`)
removeSqlite(database)
const importRun = profiled("import", [cliBundle, "ledger", "import-journal", "--db", `sqlite:${database}`, "--set", "bench", "--file", journal])
profiles.push({
  id: "cli.import",
  title: `CLI import of ${sizeLabel(size)} entries (SQLite file)`,
  description: `\`node --cpu-prof examples/server/dist/bin.js ledger import-journal --db sqlite:F --set bench --file <${sizeLabel(size)}-entry journal>\``,
  wallSeconds: round(importRun.wallSeconds),
  ...summarise(importRun.profile)
})

process.stderr.write("profiling danju ledger trial-balance (whole process) …\n")
const tbRun = profiled("trial-balance", [cliBundle, "ledger", "trial-balance", "--db", `sqlite:${database}`, "--set", "bench", "--format", "json"], 100)
profiles.push({
  id: "cli.trialBalance",
  title: `CLI trial balance at ${sizeLabel(size)} entries (whole process)`,
  description: "`node --cpu-prof examples/server/dist/bin.js ledger trial-balance --db sqlite:F --set bench --format json` (sampled every 100 µs)",
  wallSeconds: round(tbRun.wallSeconds),
  ...summarise(tbRun.profile)
})

process.stderr.write("profiling the in-process trial balance …\n")
const reportRun = profiled("report", [join(benchDirectory, "inprocess.mjs"), "report", "--db", `sqlite:${database}`, "--set", "bench", "--runs", "50", "--skip", "detail,close"], 100)
profiles.push({
  id: "inprocess.trialBalance",
  title: `In-process trial balance at ${sizeLabel(size)} entries, 50 calls (SQLite)`,
  description: "`LedgerService.trialBalance` called 55 times on the imported books (`bench/inprocess.mjs report --skip detail,close`), start-up included",
  wallSeconds: round(reportRun.wallSeconds),
  ...summarise(reportRun.profile)
})
removeSqlite(database)

const postVouchers = values["post-vouchers"]
for (const [name, url] of [["sqlite", `sqlite:${join(workDirectory, "profile-post.db")}`], ["postgres", null]]) {
  let databaseUrl = url
  if (name === "postgres") {
    const admin = process.env.DANJU_BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres"
    const pg = (await import("pg")).default
    const client = new pg.Client({ connectionString: admin })
    await client.connect()
    await client.query("drop database if exists danju_bench_profile with (force)")
    await client.query("create database danju_bench_profile")
    await client.end()
    const parsed = new URL(admin)
    parsed.pathname = "/danju_bench_profile"
    databaseUrl = parsed.toString()
  } else {
    removeSqlite(join(workDirectory, "profile-post.db"))
  }
  process.stderr.write(`profiling batch posting of ${postVouchers} vouchers (${name}) …\n`)
  const postRun = profiled(`post-${name}`, [join(benchDirectory, "inprocess.mjs"), "post", "--db", databaseUrl, "--vouchers", postVouchers, "--single", "0", "--close", "0", "--skip", "verify"])
  profiles.push({
    id: `inprocess.post.${name}`,
    title: `In-process batch posting, ${Number(postVouchers).toLocaleString("en-US")} vouchers (${name === "sqlite" ? "SQLite file" : "PostgreSQL"})`,
    description: `\`LedgerService.recordVouchers(…, { status: "posted" })\`, 2,000 vouchers per call, input decoding included (\`bench/inprocess.mjs post --single 0 --close 0\`)`,
    wallSeconds: round(postRun.wallSeconds),
    ...summarise(postRun.profile)
  })
  if (name === "sqlite") removeSqlite(join(workDirectory, "profile-post.db"))
}
process.stderr.write("profiling single-voucher commits (sqlite) …\n")
removeSqlite(join(workDirectory, "profile-post.db"))
const singleRun = profiled("single-sqlite", [join(benchDirectory, "inprocess.mjs"), "post", "--db", `sqlite:${join(workDirectory, "profile-post.db")}`, "--vouchers", "0", "--single", "3000", "--close", "0", "--skip", "verify"])
profiles.push({
  id: "inprocess.single.sqlite",
  title: "In-process single-voucher commits, 3,000 vouchers (SQLite file)",
  description: "`LedgerService.recordVouchers(…, [voucher], { status: \"posted\" })` once per voucher: one database transaction each (`bench/inprocess.mjs post --vouchers 0 --single 3000`)",
  wallSeconds: round(singleRun.wallSeconds),
  ...summarise(singleRun.profile)
})
removeSqlite(join(workDirectory, "profile-post.db"))
{
  const admin = process.env.DANJU_BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres"
  const pg = (await import("pg")).default
  const client = new pg.Client({ connectionString: admin })
  await client.connect()
  await client.query("drop database if exists danju_bench_profile with (force)")
  await client.end()
}

const notesFile = join(benchDirectory, "profile-notes.md")
const document = {
  recordedAt: new Date().toISOString(),
  loadAverage: loadavg().map((value) => round(value)),
  size,
  profiles,
  notes: existsSync(notesFile) ? "bench/profile-notes.md" : null
}
ensureDirectory(resultsDirectory)
writeFileSync(join(resultsDirectory, "profile.json"), JSON.stringify(document, null, 2) + "\n")
for (const run of profiles) {
  process.stdout.write(`\n${run.title}: wall ${run.wallSeconds} s, sampled ${run.sampledSeconds} s\n`)
  for (const entry of run.byModule.slice(0, 10)) process.stdout.write(`  ${(entry.share * 100).toFixed(1).padStart(5)} %  ${entry.seconds.toFixed(2).padStart(7)} s  ${entry.module}\n`)
  process.stdout.write("  top frames:\n")
  for (const entry of run.topFrames.slice(0, 12)) process.stdout.write(`  ${(entry.share * 100).toFixed(1).padStart(5)} %  ${entry.functionName || "(anonymous)"}  ${entry.where}\n`)
}
const latest = join(resultsDirectory, "latest.json")
if (existsSync(latest)) writeReport(JSON.parse(readFileSync(latest, "utf8")))
process.stderr.write(`\nwrote bench/results/profile.json; raw profiles in ${profileDirectory} (open in Chrome DevTools)\n`)
