// `pnpm bench`: Danju side by side with hledger, ledger-cli and the storage limit, on
// the same generated journals, in one run (issue 4). Writes bench/results/latest.json and
// docs/performance.md (with an SVG plot), and prints a table with the targets.
//
//   pnpm bench                      10k and 100k entries
//   pnpm bench -- --large           also 1M entries (or DANJU_BENCH_LARGE=1; takes many minutes)
//   pnpm bench -- --quick           10k only, small posting run: a smoke test, writes bench/.work/quick.json
//   options: --sizes 10000,100000  --runs 3  --report-runs 50  --post-vouchers 100000
//            --build (rebuild first)  --profile (also CPU profiles, see bench/profile.mjs)
//   env: DANJU_BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres): a
//        server where the bench may create and drop the databases danju_bench*.
import { execFileSync, spawnSync } from "node:child_process"
import { existsSync, readdirSync, renameSync, statSync, writeFileSync } from "node:fs"
import { cpus, loadavg, totalmem } from "node:os"
import { join } from "node:path"
import { parseArgs } from "node:util"
import pg from "pg"
import { generateJournal, generatorVersion } from "./generate.mjs"
import {
  benchDirectory,
  builtCli,
  cliBundle,
  ensureDirectory,
  removeSqlite,
  repositoryRoot,
  resultsDirectory,
  round,
  runNodeJson,
  sizeLabel,
  snapshotCli,
  summarize,
  timeCommand,
  which,
  workDirectory
} from "./lib.mjs"
import { writeReport } from "./report.mjs"

// `pnpm bench -- --large` may hand the script a literal "--".
const { values: flags } = parseArgs({
  args: process.argv.slice(2).filter((argument) => argument !== "--"),
  options: {
    large: { type: "boolean", default: false },
    quick: { type: "boolean", default: false },
    sizes: { type: "string" },
    runs: { type: "string", default: "3" },
    "report-runs": { type: "string", default: "50" },
    "post-vouchers": { type: "string" },
    seed: { type: "string", default: "20261127" },
    build: { type: "boolean", default: false },
    profile: { type: "boolean", default: false }
  }
})
const large = flags.large || process.env.DANJU_BENCH_LARGE === "1"
const sizes = flags.sizes !== undefined
  ? flags.sizes.split(",").map(Number)
  : flags.quick ? [10_000] : large ? [10_000, 100_000, 1_000_000] : [10_000, 100_000]
const runs = Math.max(3, Number(flags.runs))
const reportRuns = Number(flags["report-runs"])
const postVouchers = Number(flags["post-vouchers"] ?? (flags.quick ? 10_000 : 100_000))
const seed = Number(flags.seed)
const postgresAdminUrl = process.env.DANJU_BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres"
const postgresUrlOf = (database) => {
  const url = new URL(postgresAdminUrl)
  url.pathname = `/${database}`
  return url.toString()
}
const importDatabase = "danju_bench"
const postDatabase = "danju_bench_post"

const log = (text) => process.stderr.write(`${text}\n`)
const fail = (text) => {
  process.stderr.write(`\nbench: ${text}\n`)
  process.exit(1)
}

// ── prerequisites: the peers and PostgreSQL are part of the comparison, never skipped ──

const hledger = which("hledger")
const ledgerCli = which("ledger")
if (hledger === undefined) fail("hledger is not installed. The bench compares against it and does not skip it: apt-get install hledger (Debian/Ubuntu; 1.25 was measured).")
if (ledgerCli === undefined) fail("ledger (ledger-cli) is not installed. The bench compares against it and does not skip it: apt-get install ledger (3.3 was measured).")

const postgresQuery = async (url, sql) => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await client.query(sql)
  } finally {
    await client.end()
  }
}
let postgresVersion
try {
  postgresVersion = (await postgresQuery(postgresAdminUrl, "show server_version")).rows[0].server_version
} catch (error) {
  fail(`PostgreSQL is not reachable at ${postgresAdminUrl} (${error.message}). Start it or set DANJU_BENCH_POSTGRES_URL to a server where the bench may create databases.`)
}
const recreateDatabase = async (name) => {
  await postgresQuery(postgresAdminUrl, `drop database if exists ${name} with (force)`)
  await postgresQuery(postgresAdminUrl, `create database ${name}`)
}
const dropDatabases = async () => {
  for (const name of [importDatabase, postDatabase]) await postgresQuery(postgresAdminUrl, `drop database if exists ${name} with (force)`).catch(() => undefined)
}

// ── build: the bench measures the built CLI bundle and package dist ──

const distFiles = [join(builtCli, "bin.js"), ...["packages/core/dist/sql/index.js", "packages/ledger/dist/index.js", "packages/ledger/dist/storage/index.js"].map((file) => join(repositoryRoot, file))]
const newestSource = () => {
  let newest = 0
  const walk = (directory) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs)
    }
  }
  for (const directory of ["packages/core/src", "packages/ledger/src", "examples/server/src"]) walk(join(repositoryRoot, directory))
  return newest
}
if (flags.build || distFiles.some((file) => !existsSync(file))) {
  log("building (pnpm build) …")
  const build = spawnSync("pnpm", ["build"], { cwd: repositoryRoot, stdio: ["ignore", "inherit", "inherit"] })
  if (build.status !== 0) fail("pnpm build failed; the bench measures the built packages and CLI")
} else if (newestSource() > Math.min(...distFiles.map((file) => statSync(file).mtimeMs))) {
  log("note: sources changed after the last build; pass --build to measure the current code")
}

ensureDirectory(workDirectory)
snapshotCli()

// ── machine ──

const versionOf = (command, args) => {
  try {
    // "hledger 1.25, linux-x86_64" / "Ledger 3.3.0-20230208, the command-line accounting tool"
    return execFileSync(command, args, { encoding: "utf8" }).split("\n")[0].split(",")[0].trim()
  } catch {
    return null
  }
}
const load = loadavg()
const machine = {
  cores: cpus().length,
  cpuModel: cpus()[0]?.model ?? null,
  memoryGigabytes: round(totalmem() / 2 ** 30),
  node: process.version,
  sqlite: null,
  postgres: postgresVersion,
  hledger: versionOf(hledger, ["--version"]),
  ledger: versionOf(ledgerCli, ["--version"]),
  loadAverageAtStart: load.map((value) => round(value)),
  platform: `${process.platform} ${process.arch}`
}
if (load[0] >= 0.5) log(`warning: load average ${load[0].toFixed(2)} at start (other work is running); timings are not final`)

// ── results ──

const metrics = {}
const details = {}
const notes = []
const checks = []
const metric = (name, value, summary) => {
  metrics[name] = round(value)
  if (summary !== undefined) details[name] = { median: round(summary.median), min: round(summary.min), max: round(summary.max), runs: summary.runs }
}

// ── journals (cached across runs) ──

ensureDirectory(workDirectory)
const journalOf = async (size) => {
  const file = join(workDirectory, `journal-v${generatorVersion}-${size}-${seed}.journal`)
  if (!existsSync(file)) {
    log(`generating ${sizeLabel(size)} entries → ${file}`)
    await generateJournal(size, `${file}.tmp`, seed)
    renameSync(`${file}.tmp`, file)
  }
  return file
}

const danju = (args, options) => timeCommand(process.execPath, [cliBundle, ...args], options)

/** Leaf balances in cents from Danju's trial-balance JSON, keyed by the journal account name. */
const danjuBalances = (json) => {
  const balances = new Map()
  const cents = (text) => BigInt(text.replace(".", ""))
  for (const row of JSON.parse(json).rows) {
    if (!row.leaf) continue
    const balance = cents(row.closingDebit) - cents(row.closingCredit)
    if (balance !== 0n) balances.set(row.path.join(":"), balance)
  }
  return balances
}

/** Balances in cents from `hledger bal -N` (flat, one commodity: "  -123.45 CNY  account"). */
const hledgerBalances = (text) => {
  const balances = new Map()
  for (const line of text.split("\n")) {
    const match = /^\s*(-?[0-9,]+(?:\.[0-9]+)?) CNY {2}(.+)$/.exec(line)
    if (match === null) continue
    const [whole, fraction = ""] = match[1].replaceAll(",", "").split(".")
    const cents = BigInt(whole) * 100n + (whole.startsWith("-") ? -1n : 1n) * BigInt((fraction + "00").slice(0, 2))
    if (cents !== 0n) balances.set(match[2].trim(), cents)
  }
  return balances
}

const compareBalances = (size, ours, theirs) => {
  const mismatches = []
  for (const account of new Set([...ours.keys(), ...theirs.keys()])) {
    if (ours.get(account) !== theirs.get(account)) mismatches.push({ account, danju: String(ours.get(account) ?? 0n), hledger: String(theirs.get(account) ?? 0n) })
  }
  checks.push({ size, check: "trial balance equals hledger bal per account", accounts: theirs.size, agree: mismatches.length === 0, mismatches: mismatches.slice(0, 10) })
  if (mismatches.length > 0) log(`  MISMATCH at ${sizeLabel(size)}: ${mismatches.length} accounts differ from hledger, e.g. ${JSON.stringify(mismatches[0])}`)
  else log(`  check: Danju's trial balance equals hledger's balances on all ${theirs.size} accounts`)
}

const started = new Date()
try {
  await recreateDatabase(importDatabase)
  for (const size of sizes) {
    const journal = await journalOf(size)
    const label = sizeLabel(size)
    const database = join(workDirectory, `danju-${size}.db`)
    log(`\n── ${label} entries (${(statSync(journal).size / 2 ** 20).toFixed(1)} MB journal) ──`)

    // Whole-process import on SQLite, from a fresh file each run.
    const imports = []
    let summary
    for (let run = 0; run < runs; run++) {
      removeSqlite(database)
      const result = danju(["ledger", "import-journal", "--db", `sqlite:${database}`, "--set", "bench", "--file", journal])
      summary = JSON.parse(result.stdout.trim().split("\n").pop())
      imports.push(result)
      log(`  danju import-journal  ${result.seconds.toFixed(2)} s  ${result.maxRssMegabytes?.toFixed(0) ?? "?"} MB`)
    }
    metric(`process.danju.import.seconds.${size}`, summarize(imports.map((run) => run.seconds)).median, summarize(imports.map((run) => run.seconds)))
    metric(`process.danju.import.postingsPerSecond.${size}`, summary.postings / summarize(imports.map((run) => run.seconds)).median)
    metric(`cpu.danju.import.seconds.${size}`, summarize(imports.map((run) => run.cpuSeconds ?? Number.NaN)).median)
    metric(`memory.import.maxRssMegabytes.${size}`, Math.max(...imports.map((run) => run.maxRssMegabytes ?? Number.NaN)))
    metric(`journal.postings.${size}`, summary.postings)
    metric(`journal.megabytes.${size}`, statSync(journal).size / 2 ** 20)

    // Trial balance and the peers, interleaved round by round so that background noise
    // hits all three alike.
    const samples = { danju: [], hledger: [], ledger: [] }
    let danjuJson = ""
    let hledgerText = ""
    for (let run = 0; run < runs; run++) {
      const tb = danju(["ledger", "trial-balance", "--db", `sqlite:${database}`, "--set", "bench", "--format", "json"])
      danjuJson = tb.stdout
      samples.danju.push(tb)
      const h = timeCommand(hledger, ["-f", journal, "bal", "-N"])
      hledgerText = h.stdout
      samples.hledger.push(h)
      const l = timeCommand(ledgerCli, ["-f", journal, "bal"])
      samples.ledger.push(l)
      log(`  round ${run + 1}: danju trial-balance ${tb.seconds.toFixed(3)} s · hledger bal ${h.seconds.toFixed(2)} s · ledger bal ${l.seconds.toFixed(2)} s`)
    }
    const seconds = (list) => summarize(list.map((run) => run.seconds))
    const danjuTb = seconds(samples.danju)
    const hledgerBal = seconds(samples.hledger)
    const ledgerBal = seconds(samples.ledger)
    metric(`process.danju.trialBalance.seconds.${size}`, danjuTb.median, danjuTb)
    metric(`peer.hledger.bal.seconds.${size}`, hledgerBal.median, hledgerBal)
    metric(`peer.ledger.bal.seconds.${size}`, ledgerBal.median, ledgerBal)
    const cpu = (list) => summarize(list.map((run) => run.cpuSeconds ?? Number.NaN)).median
    metric(`cpu.danju.trialBalance.seconds.${size}`, cpu(samples.danju))
    metric(`cpu.peer.hledger.bal.seconds.${size}`, cpu(samples.hledger))
    metric(`cpu.peer.ledger.bal.seconds.${size}`, cpu(samples.ledger))
    metric(`memory.trialBalance.maxRssMegabytes.${size}`, Math.max(...samples.danju.map((run) => run.maxRssMegabytes ?? Number.NaN)))
    metric(`memory.peer.hledger.maxRssMegabytes.${size}`, Math.max(...samples.hledger.map((run) => run.maxRssMegabytes ?? Number.NaN)))
    metric(`memory.peer.ledger.maxRssMegabytes.${size}`, Math.max(...samples.ledger.map((run) => run.maxRssMegabytes ?? Number.NaN)))
    metric(`ratio.trialBalance.vsLedgerCli.${size}`, ledgerBal.median / danjuTb.median)
    metric(`ratio.trialBalance.vsHledger.${size}`, hledgerBal.median / danjuTb.median)
    const importAndTb = metrics[`process.danju.import.seconds.${size}`] + danjuTb.median
    metric(`process.danju.importAndTrialBalance.seconds.${size}`, importAndTb)
    metric(`ratio.importAndTrialBalance.vsHledger.${size}`, hledgerBal.median / importAndTb)
    compareBalances(size, danjuBalances(danjuJson), hledgerBalances(hledgerText))

    // Backup of the imported books (streams: memory must stay flat as the books grow).
    const backupFile = join(workDirectory, `danju-${size}.backup`)
    const backup = runNodeJson(join(benchDirectory, "backup.mjs"), ["--db", `sqlite:${database}`, "--set", "bench", "--out", backupFile])
    metric(`process.danju.backup.seconds.${size}`, backup.seconds)
    metric(`memory.backup.maxRssMegabytes.${size}`, backup.maxRssMegabytes)
    metric(`backup.megabytes.${size}`, backup.json.bytes / 2 ** 20)
    log(`  backup ${backup.seconds.toFixed(2)} s  ${backup.maxRssMegabytes?.toFixed(0) ?? "?"} MB  (${(backup.json.bytes / 2 ** 20).toFixed(0)} MB file)`)
    removeSqlite(backupFile)

    // The same through PostgreSQL: one import (whole process), then trial balances.
    const postgresUrl = postgresUrlOf(importDatabase)
    const postgresImport = danju(["ledger", "import-journal", "--db", postgresUrl, "--set", `s${size}`, "--file", journal])
    metric(`process.danju.import.seconds.postgres.${size}`, postgresImport.seconds)
    const postgresTb = []
    for (let run = 0; run < runs; run++) postgresTb.push(danju(["ledger", "trial-balance", "--db", postgresUrl, "--set", `s${size}`, "--format", "json"]))
    metric(`process.danju.trialBalance.seconds.postgres.${size}`, seconds(postgresTb).median, seconds(postgresTb))
    log(`  PostgreSQL: import ${postgresImport.seconds.toFixed(2)} s, trial-balance ${seconds(postgresTb).median.toFixed(3)} s`)

    // In-process latencies over the imported books, on both databases.
    for (const [name, url, set] of [["sqlite", `sqlite:${database}`, "bench"], ["postgres", postgresUrl, `s${size}`]]) {
      const report = runNodeJson(join(benchDirectory, "inprocess.mjs"), ["report", "--db", url, "--set", set, "--runs", String(reportRuns)]).json
      metric(`ledger.trialBalance.ms.${name}.${size}`, report.trialBalanceMs.median, report.trialBalanceMs)
      if (report.detailLedger.skipped === undefined) {
        metric(`ledger.detailLedger.firstPage.ms.${name}.${size}`, report.detailLedger.firstPageMs.median, report.detailLedger.firstPageMs)
        if (report.detailLedger.nextPageMs !== null) metric(`ledger.detailLedger.nextPage.ms.${name}.${size}`, report.detailLedger.nextPageMs.median, report.detailLedger.nextPageMs)
      } else if (!notes.includes(`detail ledger: ${report.detailLedger.skipped}`)) {
        notes.push(`detail ledger: ${report.detailLedger.skipped}`)
      }
      metric(`ledger.periodClose.ms.${name}.${size}`, report.periodCloseMs.median, report.periodCloseMs)
      metric(`ledger.periodClose.vouchers.${name}.${size}`, report.vouchersInClosedPeriod)
      log(`  in-process ${name}: trial balance ${report.trialBalanceMs.median.toFixed(2)} ms` +
        (report.detailLedger.firstPageMs === undefined ? "" : `, detail-ledger page ${report.detailLedger.firstPageMs.median.toFixed(2)} ms`) +
        `, close ${report.closedPeriod} (${report.vouchersInClosedPeriod} vouchers) ${report.periodCloseMs.median.toFixed(0)} ms`)
    }
  }

  // ── batch posting and single commits through the service API ──
  log(`\n── service API: ${postVouchers} vouchers in batches of 2,000, then single commits ──`)
  const postDatabaseFile = join(workDirectory, "danju-post.db")
  removeSqlite(postDatabaseFile)
  await recreateDatabase(postDatabase)
  for (const [name, url, singles] of [["sqlite", `sqlite:${postDatabaseFile}`, 2000], ["postgres", postgresUrlOf(postDatabase), 1000]]) {
    const posted = runNodeJson(join(benchDirectory, "inprocess.mjs"), ["post", "--db", url, "--vouchers", String(postVouchers), "--single", String(singles)])
    const result = posted.json
    if (result.verifyDifferences !== 0) fail(`${name}: verify found ${result.verifyDifferences} balance differences after posting`)
    metric(`ledger.post.linesPerSecond.${name}`, result.linesPerSecond)
    metric(`ledger.post.vouchersPerSecond.${name}`, result.vouchersPerSecond)
    metric(`ledger.commit.vouchersPerSecond.${name}`, result.singleVouchersPerSecond)
    metric(`ledger.periodClose.ms.${name}.vouchersInPeriod.${postVouchers}`, result.periodCloseMs.median, result.periodCloseMs)
    metric(`memory.post.maxRssMegabytes.${name}`, posted.maxRssMegabytes)
    log(`  ${name}: ${Math.round(result.linesPerSecond)} lines/s batch (${result.lines} lines), ${Math.round(result.singleVouchersPerSecond)} single commits/s, ` +
      `close of a month with ${postVouchers} vouchers ${result.periodCloseMs.median.toFixed(0)} ms`)
  }
  removeSqlite(postDatabaseFile)

  // ── the storage limit ──
  const rows = Math.round(postVouchers * 3.5)
  log(`\n── storage limit: ${rows} rows shaped like ledger_lines ──`)
  const storage = runNodeJson(join(benchDirectory, "storage.mjs"), ["--sqlite", join(workDirectory, "raw.db"), "--postgres", postgresUrlOf(postDatabase), "--rows", String(rows)]).json
  machine.sqlite = storage.sqliteVersion
  metric("storage.sqlite.insert.rowsPerSecond", storage.sqliteInsertRowsPerSecond.median, storage.sqliteInsertRowsPerSecond)
  metric("storage.sqlite.insertNoIndexes.rowsPerSecond", storage.sqliteInsertNoIndexRowsPerSecond.median, storage.sqliteInsertNoIndexRowsPerSecond)
  metric("storage.postgres.copy.rowsPerSecond", storage.postgresCopyRowsPerSecond.median, storage.postgresCopyRowsPerSecond)
  metric("storage.postgres.copyNoIndexes.rowsPerSecond", storage.postgresCopyNoIndexRowsPerSecond.median, storage.postgresCopyNoIndexRowsPerSecond)
  metric("ratio.post.serviceVsRaw.sqlite", metrics["ledger.post.linesPerSecond.sqlite"] / storage.sqliteInsertRowsPerSecond.median)
  metric("ratio.post.serviceVsRaw.postgres", metrics["ledger.post.linesPerSecond.postgres"] / storage.postgresCopyRowsPerSecond.median)
  log(`  SQLite prepared INSERT ${Math.round(storage.sqliteInsertRowsPerSecond.median)} rows/s · PostgreSQL COPY ${Math.round(storage.postgresCopyRowsPerSecond.median)} rows/s`)
} finally {
  await dropDatabases()
}
machine.loadAverageAtEnd = loadavg().map((value) => round(value))

// ── targets ──

const largest = Math.max(...sizes)
const targets = []
const target = (name, description, actual, goal, better, unit) => {
  if (actual === undefined || actual === null || Number.isNaN(actual)) return
  const pass = better === "higher" ? actual >= goal : actual <= goal
  // The gap: how far the figure has to move to meet the goal, as a factor.
  const gap = pass ? null : round(better === "higher" ? goal / actual : actual / goal)
  targets.push({ name, description, actual: round(actual), goal, unit, pass, gap })
}
if (sizes.includes(100_000)) {
  target("trialBalance.vsLedgerCli.100000", "TB whole process at 100k ≥ 5× faster than ledger bal", metrics["ratio.trialBalance.vsLedgerCli.100000"], 5, "higher", "×")
  target("trialBalance.vsHledger.100000", "TB whole process at 100k ≥ 15× faster than hledger bal", metrics["ratio.trialBalance.vsHledger.100000"], 15, "higher", "×")
  target("importAndTrialBalance.vsHledger.100000", "import + TB of 100k faster than hledger bal", metrics["ratio.importAndTrialBalance.vsHledger.100000"], 1, "higher", "×")
}
if (sizes.includes(100_000) && sizes.includes(1_000_000)) {
  target("trialBalance.growth.1000000", "TB whole process at 1M within 2× of its 100k time",
    metrics["process.danju.trialBalance.seconds.1000000"] / metrics["process.danju.trialBalance.seconds.100000"], 2, "lower", "×")
}
target("post.linesPerSecond.sqlite", "batch posting ≥ 100,000 lines/s on SQLite", metrics["ledger.post.linesPerSecond.sqlite"], 100_000, "higher", "lines/s")
target("post.linesPerSecond.postgres", "batch posting ≥ 40,000 lines/s on PostgreSQL", metrics["ledger.post.linesPerSecond.postgres"], 40_000, "higher", "lines/s")
target(`trialBalance.ms.sqlite.${largest}`, `in-process TB ≤ 5 ms at ${sizeLabel(largest)} entries, SQLite`, metrics[`ledger.trialBalance.ms.sqlite.${largest}`], 5, "lower", "ms")
target(`trialBalance.ms.postgres.${largest}`, `in-process TB ≤ 5 ms at ${sizeLabel(largest)} entries, PostgreSQL`, metrics[`ledger.trialBalance.ms.postgres.${largest}`], 5, "lower", "ms")
if (checks.some((check) => !check.agree)) notes.push("Danju's trial balance differs from hledger's balances: see checks")
if (load[0] >= 0.5) notes.push(`load average ${load[0].toFixed(2)} at start: other work was running, timings are indicative only`)

const results = {
  schema: 1,
  startedAt: started.toISOString(),
  finishedAt: new Date().toISOString(),
  command: `pnpm bench${process.argv.slice(2).some((argument) => argument !== "--") ? ` -- ${process.argv.slice(2).filter((argument) => argument !== "--").join(" ")}` : ""}`,
  options: { sizes, runs, reportRuns, postVouchers, seed, generatorVersion },
  machine,
  metrics,
  details,
  targets,
  checks,
  notes
}

// ── output ──

const table = (rows) => {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => String(row[column]).length)))
  return rows.map((row) => row.map((cell, column) => (column === 0 ? String(cell).padEnd(widths[column]) : String(cell).padStart(widths[column]))).join("  ")).join("\n")
}
const fmt = (value, digits = 3) => (value === undefined || value === null || Number.isNaN(value) ? "–" : value >= 1000 ? Math.round(value).toLocaleString("en-US") : value.toFixed(digits))
const rangeOf = (name) => (details[name] === undefined ? "" : ` [${fmt(details[name].min)}–${fmt(details[name].max)}]`)
const processRows = [["whole process, seconds (median of " + runs + " [min–max])", ...sizes.map(sizeLabel)]]
for (const [label, name] of [
  ["danju import-journal (SQLite)", "process.danju.import.seconds"],
  ["danju trial-balance (SQLite)", "process.danju.trialBalance.seconds"],
  ["hledger bal -N", "peer.hledger.bal.seconds"],
  ["ledger bal", "peer.ledger.bal.seconds"],
  ["danju import (PostgreSQL, 1 run)", "process.danju.import.seconds.postgres"],
  ["danju trial-balance (PostgreSQL)", "process.danju.trialBalance.seconds.postgres"],
  ["danju backup (SQLite, 1 run)", "process.danju.backup.seconds"]
]) processRows.push([label, ...sizes.map((size) => fmt(metrics[`${name}.${size}`]) + rangeOf(`${name}.${size}`))])
for (const [label, name] of [
  ["CPU s: danju import", "cpu.danju.import.seconds"],
  ["CPU s: danju trial-balance", "cpu.danju.trialBalance.seconds"],
  ["CPU s: hledger bal", "cpu.peer.hledger.bal.seconds"],
  ["CPU s: ledger bal", "cpu.peer.ledger.bal.seconds"]
]) processRows.push([label, ...sizes.map((size) => fmt(metrics[`${name}.${size}`]))])
for (const [label, name] of [["TB speed-up vs ledger bal", "ratio.trialBalance.vsLedgerCli"], ["TB speed-up vs hledger bal", "ratio.trialBalance.vsHledger"], ["hledger bal ÷ (import + TB)", "ratio.importAndTrialBalance.vsHledger"]]) {
  processRows.push([label, ...sizes.map((size) => `${fmt(metrics[`${name}.${size}`], 1)}×`)])
}
for (const [label, name] of [["max RSS import, MB", "memory.import.maxRssMegabytes"], ["max RSS backup, MB", "memory.backup.maxRssMegabytes"], ["max RSS hledger, MB", "memory.peer.hledger.maxRssMegabytes"], ["max RSS ledger, MB", "memory.peer.ledger.maxRssMegabytes"]]) {
  processRows.push([label, ...sizes.map((size) => fmt(metrics[`${name}.${size}`], 0))])
}
const inProcessRows = [["in-process, ms (median of " + reportRuns + ")", ...sizes.flatMap((size) => [`${sizeLabel(size)} SQLite`, `${sizeLabel(size)} PG`])]]
for (const [label, name] of [["trial balance", "ledger.trialBalance.ms"], ["detail ledger, first page of 100", "ledger.detailLedger.firstPage.ms"], ["detail ledger, next page", "ledger.detailLedger.nextPage.ms"], ["close one month", "ledger.periodClose.ms"]]) {
  inProcessRows.push([label, ...sizes.flatMap((size) => [fmt(metrics[`${name}.sqlite.${size}`], 2), fmt(metrics[`${name}.postgres.${size}`], 2)])])
}
const apiRows = [["service API and storage limit", "SQLite", "PostgreSQL"]]
apiRows.push(["batch posting, lines/s", fmt(metrics["ledger.post.linesPerSecond.sqlite"]), fmt(metrics["ledger.post.linesPerSecond.postgres"])])
apiRows.push(["single-voucher commits/s (posted)", fmt(metrics["ledger.commit.vouchersPerSecond.sqlite"], 0), fmt(metrics["ledger.commit.vouchersPerSecond.postgres"], 0)])
apiRows.push(["raw one commit per entry/s (TOOLCHAIN.md)", "15,800", "1,800"])
apiRows.push(["raw rows/s (INSERT / COPY, ledger_lines shape)", fmt(metrics["storage.sqlite.insert.rowsPerSecond"]), fmt(metrics["storage.postgres.copy.rowsPerSecond"])])
apiRows.push(["service ÷ raw", fmt(metrics["ratio.post.serviceVsRaw.sqlite"], 3), fmt(metrics["ratio.post.serviceVsRaw.postgres"], 3)])
apiRows.push([`close a month of ${postVouchers.toLocaleString("en-US")} vouchers, ms`, fmt(metrics[`ledger.periodClose.ms.sqlite.vouchersInPeriod.${postVouchers}`], 0), fmt(metrics[`ledger.periodClose.ms.postgres.vouchersInPeriod.${postVouchers}`], 0)])

process.stdout.write(`\nDanju benchmark — ${machine.cores} cores, ${machine.memoryGigabytes} GB, Node ${machine.node}, SQLite ${machine.sqlite}, PostgreSQL ${machine.postgres}, load ${machine.loadAverageAtStart.join(" ")} at start\n\n`)
process.stdout.write(table(processRows) + "\n\n" + table(inProcessRows) + "\n\n" + table(apiRows) + "\n\n")
process.stdout.write("targets\n" + targets.map((item) =>
  `  ${item.pass ? "PASS" : "MISS"}  ${item.description}: ${fmt(item.actual, 2)} ${item.unit}${item.pass ? "" : ` (goal ${item.goal.toLocaleString("en-US")}; ${item.gap.toFixed(1)}× short)`}`).join("\n") + "\n")
for (const check of checks) process.stdout.write(`check ${sizeLabel(check.size)}: ${check.agree ? "agrees with" : "DIFFERS from"} hledger on ${check.accounts} accounts\n`)
for (const note of notes) process.stdout.write(`note: ${note}\n`)

if (flags.quick || flags.sizes !== undefined) {
  const file = join(workDirectory, "quick.json")
  writeFileSync(file, JSON.stringify(results, null, 2) + "\n")
  process.stdout.write(`\nwrote ${file} (a partial run does not replace bench/results/latest.json)\n`)
} else {
  ensureDirectory(resultsDirectory)
  writeFileSync(join(resultsDirectory, "latest.json"), JSON.stringify(results, null, 2) + "\n")
  writeReport(results)
  process.stdout.write("\nwrote bench/results/latest.json and docs/performance.md\n")
}
if (flags.profile) {
  const profile = spawnSync(process.execPath, [join(benchDirectory, "profile.mjs")], { cwd: repositoryRoot, stdio: "inherit" })
  if (profile.status !== 0) fail("profiling failed")
}
if (checks.some((check) => !check.agree)) process.exit(1)
