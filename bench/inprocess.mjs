// In-process measurements through the service API of the built packages (run by
// bench/run.mjs in a child process per database, so every measurement starts from a
// fresh heap). Prints one JSON document on the last stdout line.
//
//   node bench/inprocess.mjs report --db <url> --set <code> [--runs 50]
//     trial-balance latency, detail-ledger page latency and closing one month of books
//     that bench/run.mjs imported with the CLI.
//   node bench/inprocess.mjs post --db <url> [--vouchers 100000] [--batch 2000] [--single 2000]
//     batch posting (recordVouchers, status posted) into a fresh account set, single
//     voucher commits, then closing the month that holds the batch.
import { performance } from "node:perf_hooks"
import { parseArgs } from "node:util"
import { Effect, Layer, ManagedRuntime, Schema } from "effect"
import { coreMigrations, DatabaseLive, migrate } from "../packages/core/dist/sql/index.js"
import * as ledgerModule from "../packages/ledger/dist/index.js"
import { ledgerMigrations, ledgerSqlLayer } from "../packages/ledger/dist/storage/index.js"
import { random } from "./generate.mjs"
import { summarize } from "./lib.mjs"

const { LedgerService, PeriodEndService, VoucherInput } = ledgerModule
const LedgerReports = ledgerModule.LedgerReports

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    db: { type: "string" },
    set: { type: "string", default: "bench" },
    runs: { type: "string", default: "50" },
    vouchers: { type: "string", default: "100000" },
    batch: { type: "string", default: "2000" },
    single: { type: "string", default: "2000" },
    /** Runs of the period close (0 skips it, e.g. when profiling posting alone). */
    close: { type: "string", default: "3" },
    /** Comma-separated parts to skip: detail, close (report); verify (post). */
    skip: { type: "string", default: "" },
    seed: { type: "string", default: "7" }
  }
})
const mode = positionals[0]
if (values.db === undefined || (mode !== "report" && mode !== "post")) {
  process.stderr.write("usage: node bench/inprocess.mjs report|post --db <url> [options]\n")
  process.exit(2)
}

/** The bench acts as an administrator of the organisation the CLI imports into. */
const actor = { operatorId: "bench", organisationId: "main", roles: ["administrator"] }

const runtime = ManagedRuntime.make(ledgerSqlLayer().pipe(Layer.provideMerge(DatabaseLive.layer(values.db))))
const run = (effect) => runtime.runPromise(effect)
const service = (tag, use) => run(Effect.flatMap(tag, use))

/** Runs `call` `count` times after `warmup` unmeasured runs; milliseconds per call. */
const latency = async (count, warmup, call) => {
  for (let index = 0; index < warmup; index++) await call()
  const samples = []
  for (let index = 0; index < count; index++) {
    const started = performance.now()
    await call()
    samples.push(performance.now() - started)
  }
  return summarize(samples)
}

const skip = new Set(values.skip.split(","))

const periodKey = (period) => period.fiscalYear * 100 + period.number

const report = async () => {
  const code = values.set
  const runs = Number(values.runs)
  const result = { mode, db: redact(values.db), set: code }
  const accountSet = await service(LedgerService, (ledger) => ledger.getAccountSet(actor, code))
  const trialBalance = await service(LedgerService, (ledger) => ledger.trialBalance(actor, code))
  result.trialBalanceMs = await latency(runs, 5, () => service(LedgerService, (ledger) => ledger.trialBalance(actor, code)))
  result.accounts = trialBalance.rows.length

  if (skip.has("detail")) {
    result.detailLedger = { skipped: "skipped on request" }
  } else if (LedgerReports === undefined) {
    result.detailLedger = { skipped: "no LedgerReports service in this build" }
  } else {
    // The busiest leaf (largest movement), over the whole books, a screen of 100 lines.
    let busiest
    for (const row of trialBalance.rows) {
      if (!row.leaf) continue
      const movement = row.periodDebit.plus(row.periodCredit)
      if (busiest === undefined || movement.greaterThan(busiest.movement)) busiest = { code: row.code, movement }
    }
    const options = { accountCode: busiest.code, from: accountSet.startPeriod, to: trialBalance.to, limit: 100 }
    const first = await service(LedgerReports, (reports) => reports.detailLedger(actor, code, options))
    const firstPageMs = await latency(runs, 3, () => service(LedgerReports, (reports) => reports.detailLedger(actor, code, options)))
    let nextPageMs = null
    if (first.nextCursor !== null) {
      const next = { ...options, cursor: first.nextCursor }
      nextPageMs = await latency(runs, 3, () => service(LedgerReports, (reports) => reports.detailLedger(actor, code, next)))
    }
    result.detailLedger = { accountCode: busiest.code, linesPerPage: 100, firstPageMs, nextPageMs }
  }

  // Closing the first month of the imported books (about 1/36 of its vouchers), then
  // reopening it, a few times: closing re-reads the month's vouchers and seals its balances.
  if (skip.has("close")) return result
  const closeSamples = []
  for (let index = 0; index < 3; index++) {
    const started = performance.now()
    const closed = await service(PeriodEndService, (periodEnd) => periodEnd.closePeriod(actor, code))
    closeSamples.push(performance.now() - started)
    result.closedPeriod = `${closed.period.fiscalYear}-${String(closed.period.number).padStart(2, "0")}`
    await service(PeriodEndService, (periodEnd) => periodEnd.reopenPeriod(actor, code))
  }
  result.periodCloseMs = summarize(closeSamples)
  result.vouchersInClosedPeriod = await countVouchers(code, accountSet.startPeriod)
  return result
}

/** Posted vouchers of one period, counted through the voucher list (pages of 1,000). */
const countVouchers = async (code, period) => {
  let count = 0
  let after
  for (;;) {
    const page = await service(LedgerService, (ledger) =>
      ledger.listVouchers(actor, code, { status: "posted", from: periodKey(period), to: periodKey(period), limit: 1000, ...(after === undefined ? {} : { after }) }))
    count += page.length
    if (page.length < 1000) return count
    const last = page[page.length - 1]
    after = { fiscalYear: last.period.fiscalYear, period: last.period.number, word: last.word, number: last.number }
  }
}

/** A chart like the generated journals': six top-level accounts with 40 leaves each. */
const postingChart = () => {
  const tops = [["1001", "庫存現金"], ["1002", "銀行存款"], ["1122", "應收賬款"], ["2202", "應付賬款"], ["4001", "實收資本"], ["6601", "銷售費用"]]
  const accounts = []
  const leaves = []
  for (const [code, name] of tops) {
    accounts.push({ code, name })
    for (let child = 1; child <= 40; child++) {
      const leaf = `${code}${String(child).padStart(2, "0")}`
      accounts.push({ code: leaf, name: `${name}${child}` })
      leaves.push(leaf)
    }
  }
  return { accounts, leaves }
}

const money = (cents) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`

/** Encoded voucher inputs (2–5 lines, debit first, the last line balances), seeded. */
const makeVoucherFactory = (leaves, seed) => {
  const next = random(seed)
  return (month) => {
    const count = 2 + Math.floor(next() * 4)
    const lines = []
    let balance = 0
    for (let line = 0; line < count - 1; line++) {
      const cents = 1 + Math.floor(next() * 2_000_000)
      const debit = line === 0 || next() < 0.5
      balance += debit ? cents : -cents
      lines.push({ summary: "bench 記賬", accountCode: leaves[Math.floor(next() * leaves.length)], [debit ? "debit" : "credit"]: money(cents) })
    }
    if (balance === 0) {
      lines[0] = { ...lines[0], debit: money(Number(lines[0].debit.replace(".", "")) + 1) }
      balance = 1
    }
    lines.push({ summary: "bench 記賬", accountCode: leaves[Math.floor(next() * leaves.length)], [balance > 0 ? "credit" : "debit"]: money(Math.abs(balance)) })
    const day = 1 + Math.floor(next() * 28)
    return { date: `2026-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`, lines }
  }
}

const post = async () => {
  const code = "post"
  const vouchers = Number(values.vouchers)
  const batchSize = Number(values.batch)
  const singles = Number(values.single)
  await run(migrate([coreMigrations, ledgerMigrations]))
  const chart = postingChart()
  await service(LedgerService, (ledger) => ledger.createAccountSet(actor, {
    code,
    name: "bench posting",
    startPeriod: { fiscalYear: 2026, number: 1 },
    accounts: chart.accounts
  }))
  await service(LedgerService, (ledger) => ledger.enableAccountSet(actor, code))
  const nextVoucher = makeVoucherFactory(chart.leaves, Number(values.seed))
  const decode = Schema.decodeUnknownSync(VoucherInput)

  // Batch posting: decoding the input is the caller's work (the HTTP layer does it), so
  // only the recordVouchers calls are timed.
  let lines = 0
  let postingMs = 0
  for (let done = 0; done < vouchers; done += batchSize) {
    const batch = []
    for (let index = 0; index < Math.min(batchSize, vouchers - done); index++) batch.push(decode(nextVoucher(1)))
    for (const voucher of batch) lines += voucher.lines.length
    const started = performance.now()
    await service(LedgerService, (ledger) => ledger.recordVouchers(actor, code, batch, { status: "posted" }))
    postingMs += performance.now() - started
  }

  // One commit per voucher, posted (into the next month, so the batch month keeps
  // exactly the batch).
  const singleInputs = Array.from({ length: singles }, () => decode(nextVoucher(2)))
  let singleLines = 0
  const singleStarted = performance.now()
  for (const voucher of singleInputs) {
    await service(LedgerService, (ledger) => ledger.recordVouchers(actor, code, [voucher], { status: "posted" }))
    singleLines += voucher.lines.length
  }
  const singleMs = performance.now() - singleStarted

  const closeSamples = []
  const closeRuns = Number(values.close)
  for (let index = 0; index < closeRuns; index++) {
    const started = performance.now()
    await service(PeriodEndService, (periodEnd) => periodEnd.closePeriod(actor, code))
    closeSamples.push(performance.now() - started)
    if (index < closeRuns - 1) await service(PeriodEndService, (periodEnd) => periodEnd.reopenPeriod(actor, code))
  }
  const verify = skip.has("verify") ? { differences: [] } : await service(LedgerService, (ledger) => ledger.verify(actor, code))
  return {
    mode,
    db: redact(values.db),
    vouchers,
    lines,
    batchSize,
    postingSeconds: postingMs / 1000,
    linesPerSecond: lines / (postingMs / 1000),
    vouchersPerSecond: vouchers / (postingMs / 1000),
    singleVouchers: singles,
    singleLines,
    singleSeconds: singleMs / 1000,
    singleVouchersPerSecond: singles / (singleMs / 1000),
    periodCloseMs: closeRuns === 0 ? null : summarize(closeSamples),
    verifyDifferences: verify.differences.length
  }
}

const redact = (url) => url.replace(/\/\/[^@/]*@/, "//…@")

try {
  const result = mode === "report" ? await report() : await post()
  await runtime.dispose()
  process.stdout.write(JSON.stringify(result) + "\n")
} catch (error) {
  await runtime.dispose().catch(() => undefined)
  process.stderr.write(`inprocess ${mode} failed: ${error?.stack ?? error}\n`)
  process.exit(1)
}
