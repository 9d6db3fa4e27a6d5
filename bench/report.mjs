// Renders docs/performance.md and docs/performance-trial-balance.svg from a results
// document (bench/results/latest.json) and, when present, the profile summary
// (bench/results/profile.json). Called by bench/run.mjs and bench/profile.mjs; also
// runnable alone: node bench/report.mjs
import { existsSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { repositoryRoot, resultsDirectory, sizeLabel } from "./lib.mjs"

const docsDirectory = join(repositoryRoot, "docs")
const plotName = "performance-trial-balance.svg"

const escape = (text) => String(text).replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")

/** Whole-process seconds against journal size, log–log, one line per tool. */
export const renderPlot = (results) => {
  const sizes = results.options.sizes
  const series = [
    { label: "danju trial-balance (SQLite)", color: "#c0392b", metric: "process.danju.trialBalance.seconds" },
    { label: "danju import + trial-balance", color: "#e67e22", metric: "process.danju.importAndTrialBalance.seconds", dashed: true },
    { label: "ledger bal", color: "#2c3e50", metric: "peer.ledger.bal.seconds" },
    { label: "hledger bal -N", color: "#2980b9", metric: "peer.hledger.bal.seconds" }
  ].map((line) => ({ ...line, points: sizes.map((size) => [size, results.metrics[`${line.metric}.${size}`]]).filter(([, value]) => typeof value === "number" && value > 0) }))
  const values = series.flatMap((line) => line.points.map(([, value]) => value))
  const width = 720
  const height = 420
  const left = 70
  const right = 230
  const top = 40
  const bottom = 55
  const xMin = Math.log10(Math.min(...sizes)) - 0.15
  const xMax = Math.log10(Math.max(...sizes)) + 0.15
  const yMin = Math.floor(Math.log10(Math.min(...values)))
  const yMax = Math.ceil(Math.log10(Math.max(...values)))
  const x = (size) => left + ((Math.log10(size) - xMin) / (xMax - xMin)) * (width - left - right)
  const y = (seconds) => top + (1 - (Math.log10(seconds) - yMin) / (yMax - yMin || 1)) * (height - top - bottom)
  const parts = []
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`)
  parts.push(`<rect width="${width}" height="${height}" fill="white"/>`)
  parts.push(`<text x="${left}" y="22" font-size="14" font-weight="bold">Trial balance, whole process, against journal size (log–log)</text>`)
  for (let power = yMin; power <= yMax; power++) {
    const seconds = 10 ** power
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${y(seconds)}" y2="${y(seconds)}" stroke="#ddd"/>`)
    parts.push(`<text x="${left - 8}" y="${y(seconds) + 4}" text-anchor="end">${seconds >= 1 ? seconds : seconds.toFixed(-power)} s</text>`)
  }
  for (const size of sizes) {
    parts.push(`<line x1="${x(size)}" x2="${x(size)}" y1="${top}" y2="${height - bottom}" stroke="#eee"/>`)
    parts.push(`<text x="${x(size)}" y="${height - bottom + 18}" text-anchor="middle">${sizeLabel(size)}</text>`)
  }
  parts.push(`<text x="${(left + width - right) / 2}" y="${height - 12}" text-anchor="middle">journal entries (≈3.5 postings each)</text>`)
  parts.push(`<rect x="${left}" y="${top}" width="${width - left - right}" height="${height - top - bottom}" fill="none" stroke="#999"/>`)
  series.forEach((line, index) => {
    if (line.points.length === 0) return
    const path = line.points.map(([size, seconds], point) => `${point === 0 ? "M" : "L"}${x(size).toFixed(1)},${y(seconds).toFixed(1)}`).join(" ")
    parts.push(`<path d="${path}" fill="none" stroke="${line.color}" stroke-width="2.5"${line.dashed ? " stroke-dasharray=\"6 4\"" : ""}/>`)
    for (const [size, seconds] of line.points) {
      parts.push(`<circle cx="${x(size).toFixed(1)}" cy="${y(seconds).toFixed(1)}" r="4" fill="${line.color}"><title>${escape(line.label)}: ${seconds} s at ${sizeLabel(size)}</title></circle>`)
    }
    const legendY = top + 10 + index * 22
    parts.push(`<line x1="${width - right + 15}" x2="${width - right + 40}" y1="${legendY}" y2="${legendY}" stroke="${line.color}" stroke-width="2.5"${line.dashed ? " stroke-dasharray=\"6 4\"" : ""}/>`)
    parts.push(`<text x="${width - right + 46}" y="${legendY + 4}">${escape(line.label)}</text>`)
  })
  parts.push(`<text x="${width - right + 15}" y="${height - bottom}" fill="#666" font-size="11">${escape(`${results.machine.cores} cores, Node ${results.machine.node}`)}</text>`)
  parts.push("</svg>")
  return parts.join("\n") + "\n"
}

const fmt = (value, digits = 3) => {
  if (value === undefined || value === null || Number.isNaN(value)) return "–"
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString("en-US")
  return value.toFixed(digits)
}

const markdownTable = (rows) => {
  const [header, ...body] = rows
  return [`| ${header.join(" | ")} |`, `|${header.map((_, index) => (index === 0 ? "---" : "---:")).join("|")}|`, ...body.map((row) => `| ${row.join(" | ")} |`)].join("\n")
}

/** The "where time goes" section from bench/results/profile.json. */
const profileSection = () => {
  const file = join(resultsDirectory, "profile.json")
  if (!existsSync(file)) return "No profile yet: run `node bench/profile.mjs` (or `pnpm bench -- --profile`).\n"
  const profile = JSON.parse(readFileSync(file, "utf8"))
  const lines = [`Profiled ${profile.recordedAt.slice(0, 10)} with \`node --cpu-prof\` (\`node bench/profile.mjs\`; load average ${profile.loadAverage.join(" ")} at the time). Self time, so a frame's callees are not included.`, ""]
  // The reading of the profiles is written by hand (bench/profile-notes.md): the numbers
  // come from the tables below, conclusions need a person.
  const notes = join(repositoryRoot, "bench", "profile-notes.md")
  if (existsSync(notes)) lines.push(readFileSync(notes, "utf8").trim(), "")
  // How the CLI's start-up was cut, with its own before/after figures (hand-written too).
  const startup = join(repositoryRoot, "bench", "cli-startup.md")
  if (existsSync(startup)) lines.push("### CLI start-up", "", readFileSync(startup, "utf8").trim(), "")
  for (const run of profile.profiles) {
    lines.push(`### ${run.title}`, "", run.description, "")
    lines.push(`Wall ${fmt(run.wallSeconds, 2)} s, of which sampled ${fmt(run.sampledSeconds, 2)} s.`, "")
    lines.push("By module (self time):", "")
    lines.push(markdownTable([["module", "self s", "share"], ...run.byModule.slice(0, 12).map((entry) => [`\`${entry.module}\``, fmt(entry.seconds, 2), `${(entry.share * 100).toFixed(1)} %`])]), "")
    lines.push("Top frames (self time):", "")
    lines.push(markdownTable([["function", "where", "self s", "share"], ...run.topFrames.slice(0, 15).map((entry) => [`\`${entry.functionName || "(anonymous)"}\``, `\`${entry.where}\``, fmt(entry.seconds, 2), `${(entry.share * 100).toFixed(1)} %`])]), "")
    if (run.findings?.length > 0) lines.push(...run.findings.map((finding) => `- ${finding}`), "")
  }
  return lines.join("\n")
}

/** docs/performance.md from a results document. */
export const renderMarkdown = (results) => {
  const { machine, metrics, details, options } = results
  const sizes = options.sizes
  const range = (name, digits = 3) => (details[name] === undefined ? fmt(metrics[name], digits) : `${fmt(details[name].median, digits)} (${fmt(details[name].min, digits)}–${fmt(details[name].max, digits)})`)
  const processTable = [["seconds, median (min–max) of " + options.runs, ...sizes.map(sizeLabel)]]
  for (const [label, name] of [
    ["`danju ledger import-journal` (SQLite file)", "process.danju.import.seconds"],
    ["`danju ledger trial-balance --format json` (SQLite)", "process.danju.trialBalance.seconds"],
    ["`hledger -f J bal -N`", "peer.hledger.bal.seconds"],
    ["`ledger -f J bal`", "peer.ledger.bal.seconds"],
    ["`danju ledger import-journal` (PostgreSQL, 1 run)", "process.danju.import.seconds.postgres"],
    ["`danju ledger trial-balance` (PostgreSQL)", "process.danju.trialBalance.seconds.postgres"],
    ["backup through the service (SQLite, 1 run)", "process.danju.backup.seconds"]
  ]) processTable.push([label, ...sizes.map((size) => range(`${name}.${size}`))])
  for (const [label, name] of [
    ["CPU seconds (user + system): Danju import", "cpu.danju.import.seconds"],
    ["CPU seconds: Danju trial balance", "cpu.danju.trialBalance.seconds"],
    ["CPU seconds: hledger bal", "cpu.peer.hledger.bal.seconds"],
    ["CPU seconds: ledger bal", "cpu.peer.ledger.bal.seconds"]
  ]) processTable.push([label, ...sizes.map((size) => fmt(metrics[`${name}.${size}`]))])
  for (const [label, name] of [
    ["trial balance: speed-up over `ledger bal`", "ratio.trialBalance.vsLedgerCli"],
    ["trial balance: speed-up over `hledger bal`", "ratio.trialBalance.vsHledger"],
    ["`hledger bal` ÷ (Danju import + trial balance)", "ratio.importAndTrialBalance.vsHledger"]
  ]) processTable.push([label, ...sizes.map((size) => `${fmt(metrics[`${name}.${size}`], 1)}×`)])
  const memoryTable = [["peak memory (max RSS), MB", ...sizes.map(sizeLabel)]]
  for (const [label, name] of [
    ["Danju import", "memory.import.maxRssMegabytes"],
    ["Danju trial balance", "memory.trialBalance.maxRssMegabytes"],
    ["Danju backup", "memory.backup.maxRssMegabytes"],
    ["hledger bal", "memory.peer.hledger.maxRssMegabytes"],
    ["ledger bal", "memory.peer.ledger.maxRssMegabytes"]
  ]) memoryTable.push([label, ...sizes.map((size) => fmt(metrics[`${name}.${size}`], 0))])
  const inProcessTable = [["ms, median of " + options.reportRuns, ...sizes.flatMap((size) => [`${sizeLabel(size)} SQLite`, `${sizeLabel(size)} PostgreSQL`])]]
  for (const [label, name] of [
    ["trial balance (whole books)", "ledger.trialBalance.ms"],
    ["detail ledger: first page of 100 lines", "ledger.detailLedger.firstPage.ms"],
    ["detail ledger: next page (cursor)", "ledger.detailLedger.nextPage.ms"],
    ["close the first month (median of 3)", "ledger.periodClose.ms"]
  ]) inProcessTable.push([label, ...sizes.flatMap((size) => [fmt(metrics[`${name}.sqlite.${size}`], 2), fmt(metrics[`${name}.postgres.${size}`], 2)])])
  inProcessTable.push(["vouchers in that month", ...sizes.flatMap((size) => [fmt(metrics[`ledger.periodClose.vouchers.sqlite.${size}`], 0), fmt(metrics[`ledger.periodClose.vouchers.postgres.${size}`], 0)])])
  const postVouchers = options.postVouchers
  const apiTable = [["", "SQLite file", "PostgreSQL"],
    [`batch posting (\`recordVouchers\`, status posted, ${postVouchers.toLocaleString("en-US")} vouchers in batches of 2,000), lines/s`, fmt(metrics["ledger.post.linesPerSecond.sqlite"]), fmt(metrics["ledger.post.linesPerSecond.postgres"])],
    ["single-voucher commits (one posted voucher per call), vouchers/s", fmt(metrics["ledger.commit.vouchersPerSecond.sqlite"], 0), fmt(metrics["ledger.commit.vouchersPerSecond.postgres"], 0)],
    ["raw one commit per 3-posting entry (TOOLCHAIN.md: better-sqlite3 / pg)", "15,800", "1,800"],
    ["storage limit: raw prepared INSERT (SQLite) / COPY (PostgreSQL), rows/s, ledger_lines shape with its indexes", fmt(metrics["storage.sqlite.insert.rowsPerSecond"]), fmt(metrics["storage.postgres.copy.rowsPerSecond"])],
    ["same without secondary indexes, rows/s", fmt(metrics["storage.sqlite.insertNoIndexes.rowsPerSecond"]), fmt(metrics["storage.postgres.copyNoIndexes.rowsPerSecond"])],
    ["service ÷ storage limit", fmt(metrics["ratio.post.serviceVsRaw.sqlite"], 3), fmt(metrics["ratio.post.serviceVsRaw.postgres"], 3)],
    [`close a month holding the ${postVouchers.toLocaleString("en-US")} batch vouchers, ms`, fmt(metrics[`ledger.periodClose.ms.sqlite.vouchersInPeriod.${postVouchers}`], 0), fmt(metrics[`ledger.periodClose.ms.postgres.vouchersInPeriod.${postVouchers}`], 0)]]
  const targetTable = [["target", "measured", "result"], ...results.targets.map((item) => [item.description, `${fmt(item.actual, 2)} ${item.unit}`, item.pass ? "PASS" : `**MISS** (${item.gap.toFixed(1)}× short of ${item.goal.toLocaleString("en-US")})`])]
  const loadNote = machine.loadAverageAtStart[0] >= 0.5
    ? `\n> **Indicative figures:** the load average was ${machine.loadAverageAtStart.join(" ")} when this run started (other work shared the cores), so absolute times are inflated; ratios between tools run round by round suffer less.\n`
    : ""
  return `# Performance

Danju against the plain-text accounting tools people already trust (hledger, ledger-cli)
and against what the databases themselves can do, on the same generated journals. Produced
by \`pnpm bench\` (\`bench/run.mjs\`); the raw figures are in
[\`bench/results/latest.json\`](../bench/results/latest.json). Issue 4 defines what is
measured and the targets.

Latest run: ${results.startedAt.slice(0, 16).replace("T", " ")} UTC — ${machine.cores} cores (${machine.cpuModel ?? "unknown CPU"}), ${machine.memoryGigabytes} GB,
Node ${machine.node}, SQLite ${machine.sqlite}, PostgreSQL ${machine.postgres}, ${machine.hledger}, ${machine.ledger};
load average at start ${machine.loadAverageAtStart.join(" ")}.
${loadNote}
## Targets

${markdownTable(targetTable)}
${results.notes.length > 0 ? "\n" + results.notes.map((note) => `- ${note}`).join("\n") + "\n" : ""}
## Whole process: the same journal through each tool

Each command is a fresh process, start-up included. Danju imports the journal into a
SQLite file (every entry an audited, posted voucher, balances maintained), then prints the
trial balance from the maintained balances; hledger and ledger re-read the journal on
every report. Rounds interleave the three tools.

![Trial balance time against journal size](${plotName})

${markdownTable(processTable)}

${markdownTable(memoryTable)}

Journals: ${sizes.map((size) => `${sizeLabel(size)} entries = ${fmt(metrics[`journal.postings.${size}`], 0)} postings, ${fmt(metrics[`journal.megabytes.${size}`], 1)} MB`).join("; ")}.

**Same answer:** ${results.checks.map((check) => `at ${sizeLabel(check.size)}, Danju's trial balance ${check.agree ? "equals" : "DIFFERS from"} \`hledger bal\` on all ${check.accounts} accounts`).join("; ")} (balance per account compared to the cent), so every tool computed the same thing.

## In process, through the service API

Latency of one call on the books imported above (an Effect runtime kept open, as a server
would).

${markdownTable(inProcessTable)}

${markdownTable(apiTable)}

## Reproduce

\`\`\`sh
sudo apt-get install hledger ledger      # the peers; the bench fails without them
pnpm install                             # builds every package (prepare)
pnpm bench                               # 10k and 100k entries, a few minutes
pnpm bench -- --large                    # also 1M entries (DANJU_BENCH_LARGE=1 works too), much longer
pnpm bench -- --quick                    # smoke test: 10k only, writes bench/.work/quick.json
node bench/profile.mjs                   # CPU profiles for the section below
\`\`\`

PostgreSQL: \`DANJU_BENCH_POSTGRES_URL\` (default \`postgres://postgres@127.0.0.1:5432/postgres\`)
names a server where the bench may create and drop the databases \`danju_bench\` and
\`danju_bench_post\`. Journals are generated by \`bench/generate.mjs\` (seeded: the same
bytes every time; 2–4 level accounts with Chinese and ASCII names, 2–5 postings, dates out
of order, comments and elided amounts) and cached in \`bench/.work/\` (gitignored) with the
databases. Pass \`--build\` to rebuild before measuring. Timings are only comparable on an
otherwise idle machine (load average below 0.5 at start).

What each figure is:

- **import**: \`danju ledger import-journal --db sqlite:F --set bench --file J\` into a new file.
- **trial balance (whole process)**: \`danju ledger trial-balance --db sqlite:F --set bench --format json\`.
- **in-process trial balance**: \`LedgerService.trialBalance\` over the whole books.
- **batch posting**: \`LedgerService.recordVouchers(actor, code, vouchers, { status: "posted" })\`,
  2,000 vouchers (2–5 lines) per call into one month; decoding the input is not timed.
- **single-voucher commits**: the same call with one voucher, so one database transaction each.
- **storage limit**: \`bench/storage.mjs\` — better-sqlite3 prepared INSERT in one transaction,
  and \`COPY … FROM STDIN\` (pg-copy-streams), into a table with the columns, primary key and
  indexes of \`ledger_lines\`.
- **peak memory**: max RSS of the child process (GNU time, or an \`--import\` hook).

## Where time goes

${profileSection()}`
}

/** Writes docs/performance.md and the plot. */
export const writeReport = (results) => {
  writeFileSync(join(docsDirectory, plotName), renderPlot(results))
  writeFileSync(join(docsDirectory, "performance.md"), renderMarkdown(results))
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  writeReport(JSON.parse(readFileSync(join(resultsDirectory, "latest.json"), "utf8")))
  process.stderr.write("wrote docs/performance.md and docs/" + plotName + "\n")
}
