// Load test of the reference server (not part of CI): starts the built `danju serve` on
// loopback over a fresh SQLite file, opens a bounded mixed load — DANJU_LOAD_CONNECTIONS
// (default 32) closed-loop clients, each waiting for its answer before the next request —
// for DANJU_LOAD_SECONDS (default 60): vouchers made (single and batch, some with an
// Idempotency-Key and a retry), audited by a second operator and posted; trial balance,
// account balances, general ledger and voucher list reads. It counts errors (any answer
// that is not the expected 2xx, or a failed request: must be 0), reports throughput and
// p50/p95/p99 latency per kind of request, then checks the data: `verify` finds
// maintained balances equal to a recomputation, the trial balance balances and its bank
// movement equals the sum the clients posted, and `danju audit verify` passes.
//
// Usage: pnpm test:load   (needs pnpm build; DANJU_LOAD_SECONDS=10 for a quick run)
import { spawn, spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { cpus, loadavg, tmpdir } from "node:os"
import { join } from "node:path"
import { random } from "./generate.mjs"
import { builtCli } from "./lib.mjs"

const seconds = Number(process.env.DANJU_LOAD_SECONDS ?? 60)
const connections = Number(process.env.DANJU_LOAD_CONNECTIONS ?? 32)
const bin = join(builtCli, "bin.js")
if (!existsSync(bin)) {
  console.error(`load: ${bin} is missing; run pnpm build first`)
  process.exit(1)
}

const directory = mkdtempSync(join(tmpdir(), "danju-load-"))
const url = `sqlite:${join(directory, "load.db")}`
const server = spawn(process.execPath, [bin, "serve", "--port", "0", "--db", url, "--demo"], { stdio: ["ignore", "pipe", "pipe"] })
let serverErrors = ""
server.stderr.on("data", (chunk) => {
  serverErrors += chunk.toString("utf8")
})
const base = await new Promise((resolve, reject) => {
  let output = ""
  server.stdout.on("data", (chunk) => {
    output += chunk.toString("utf8")
    const line = output.split("\n").find((candidate) => candidate.includes("\"listening\""))
    if (line !== undefined) resolve(JSON.parse(line).url)
  })
  server.once("exit", (code) => reject(new Error(`serve exited with ${code}: ${serverErrors}`)))
})

const call = async (token, method, path, body, headers = {}) => {
  const response = await globalThis.fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) })
  })
  const text = await response.text()
  return { status: response.status, body: text === "" ? undefined : JSON.parse(text) }
}
const login = async (name, password) => (await call(undefined, "POST", "/auth/login", { login: name, password })).body.token

const admin = await login("admin", "danju-admin-demo")
const maker = await login("maker", "danju-maker-demo")
const checker = await login("checker", "danju-checker-demo")
const books = "/ledger/account-sets/load"
const setUp = [
  await call(admin, "POST", "/ledger/account-sets", { code: "load", name: "壓力測試賬套", template: "messHall", startPeriod: "2026-01" }),
  await call(maker, "PUT", `${books}/openings`, { openings: [{ accountCode: "1001", balance: "500.00" }, { accountCode: "1002", balance: "12000.00" }, { accountCode: "4001", balance: "12500.00" }] }),
  await call(admin, "POST", `${books}/enable`, {})
]
for (const response of setUp) {
  if (response.status >= 300) throw new Error(`set-up failed: ${response.status} ${JSON.stringify(response.body)}`)
}

// ── the load ───────────────────────────────────────────────────────────────
const latencies = new Map()
const errors = []
let postedCents = 0n
let postedVouchers = 0
let requests = 0

// DANJU_LOAD_SLOW_MS=<n> prints every request slower than n ms (to find stalls).
const slowMilliseconds = process.env.DANJU_LOAD_SLOW_MS === undefined ? undefined : Number(process.env.DANJU_LOAD_SLOW_MS)
const loadStarted = performance.now()

const timed = async (kind, expected, run) => {
  const started = performance.now()
  let response
  try {
    response = await run()
  } catch (error) {
    errors.push(`${kind}: ${error.message}`)
    return undefined
  }
  const elapsed = performance.now() - started
  if (slowMilliseconds !== undefined && elapsed > slowMilliseconds) console.error(`slow: ${kind} ${Math.round(elapsed)} ms at ${Math.round(started - loadStarted)} ms`)
  requests += 1
  const list = latencies.get(kind) ?? []
  list.push(elapsed)
  latencies.set(kind, list)
  if (response.status !== expected) {
    errors.push(`${kind}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`)
    return undefined
  }
  return response.body
}

const voucherBody = (client, index, next) => {
  const cents = 1 + Math.floor(next() * 100_000)
  const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`
  const summary = `壓測 ${client}-${index} 收到撥款`
  return {
    cents,
    body: {
      date: `2026-01-${String(1 + (index % 28)).padStart(2, "0")}`,
      lines: [{ summary, accountCode: "1002", debit: amount }, { summary, accountCode: "4001", credit: amount }]
    }
  }
}

const auditAndPost = async (ids, cents) => {
  if ((await timed("audit", 200, () => call(checker, "POST", `${books}/vouchers/audit`, { voucherIds: ids }))) === undefined) return
  if ((await timed("post", 200, () => call(checker, "POST", `${books}/vouchers/post`, { voucherIds: ids }))) === undefined) return
  postedCents += BigInt(cents)
  postedVouchers += ids.length
}

const deadline = performance.now() + seconds * 1000
const client = async (number) => {
  const next = random(1_000 + number)
  let index = 0
  while (performance.now() < deadline) {
    const choice = next()
    if (choice < 0.35) {
      const made = voucherBody(number, index++, next)
      const key = next() < 0.3 ? { "idempotency-key": `load-${number}-${index}` } : {}
      const created = await timed("create voucher", 201, () => call(maker, "POST", `${books}/vouchers`, made.body, key))
      if (created === undefined) continue
      if (key["idempotency-key"] !== undefined) {
        const retried = await timed("create voucher (retry)", 201, () => call(maker, "POST", `${books}/vouchers`, made.body, key))
        if (retried !== undefined && retried.id !== created.id) errors.push(`retry made ${retried.id}, first ${created.id}`)
      }
      await auditAndPost([created.id], made.cents)
    } else if (choice < 0.5) {
      const made = Array.from({ length: 10 }, () => voucherBody(number, index++, next))
      const created = await timed("create batch of 10", 201, () => call(maker, "POST", `${books}/vouchers/batch`, { vouchers: made.map((entry) => entry.body) }))
      if (created === undefined) continue
      await auditAndPost(created.vouchers.map((voucher) => voucher.id), made.reduce((total, entry) => total + entry.cents, 0))
    } else if (choice < 0.7) {
      await timed("trial balance", 200, () => call(checker, "GET", `${books}/trial-balance`))
    } else if (choice < 0.8) {
      await timed("account balances", 200, () => call(checker, "GET", `${books}/reports/account-balances`))
    } else if (choice < 0.9) {
      await timed("general ledger", 200, () => call(checker, "GET", `${books}/reports/general-ledger`))
    } else {
      await timed("voucher list", 200, () => call(checker, "GET", `${books}/vouchers?limit=100`))
    }
  }
}

const loadBefore = loadavg()[0]
const started = performance.now()
await Promise.all(Array.from({ length: connections }, (_, number) => client(number)))
const elapsed = (performance.now() - started) / 1000

// ── checks ─────────────────────────────────────────────────────────────────
const verify = await call(admin, "GET", `${books}/verify`)
const trial = await call(admin, "GET", `${books}/trial-balance`)
server.kill("SIGTERM")
await new Promise((resolve) => server.once("exit", resolve))
const audit = spawnSync(process.execPath, [bin, "audit", "verify", "--db", url], { encoding: "utf8" })

const percentile = (sorted, fraction) => sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]
const stats = (values) => {
  const sorted = [...values].sort((left, right) => left - right)
  return { count: sorted.length, p50: +percentile(sorted, 0.5).toFixed(1), p95: +percentile(sorted, 0.95).toFixed(1), p99: +percentile(sorted, 0.99).toFixed(1) }
}
const all = [...latencies.values()].flat()
const bank = trial.body?.rows?.find((row) => row.code === "1002")
const expectedBank = (Number(postedCents) / 100).toFixed(2)
const checks = {
  verifyClean: verify.status === 200 && verify.body.differences.length === 0,
  auditRecords: verify.body?.auditRecords,
  trialBalanceBalanced: trial.body?.balanced === true,
  bankMovementEqualsPosted: bank !== undefined && Number(bank.periodDebit).toFixed(2) === expectedBank,
  auditCliExitCode: audit.status
}
const report = {
  machine: { cpus: cpus().length, model: cpus()[0]?.model, loadAverageBefore: +loadBefore.toFixed(2), loadAverageAfter: +loadavg()[0].toFixed(2), node: process.version },
  seconds: +elapsed.toFixed(1),
  connections,
  requests,
  requestsPerSecond: +(requests / elapsed).toFixed(1),
  vouchersPosted: postedVouchers,
  vouchersPostedPerSecond: +(postedVouchers / elapsed).toFixed(1),
  errors: errors.length,
  latencyMilliseconds: { all: stats(all), ...Object.fromEntries([...latencies.entries()].map(([kind, values]) => [kind, stats(values)])) },
  checks
}
console.log(JSON.stringify(report, null, 2))
for (const error of errors.slice(0, 20)) console.error(`error: ${error}`)
rmSync(directory, { recursive: true, force: true })
const ok = errors.length === 0 && checks.verifyClean && checks.trialBalanceBalanced && checks.bankMovementEqualsPosted && checks.auditCliExitCode === 0
if (!ok) {
  console.error("load: FAILED", audit.stderr)
  process.exit(1)
}
