import { performance } from "node:perf_hooks"
import { Effect, Layer, ManagedRuntime } from "effect"
import { DatabaseLive, Database } from "../packages/core/dist/sql/index.js"
import * as ledgerModule from "../packages/ledger/dist/index.js"
import { ledgerSqlLayer } from "../packages/ledger/dist/storage/index.js"
import { LedgerRepo } from "../packages/ledger/dist/index.js"
const { LedgerService } = ledgerModule
const url = process.argv[2]
const actor = { operatorId: "bench", organisationId: "main", roles: ["administrator"] }
const runtime = ManagedRuntime.make(ledgerSqlLayer().pipe(Layer.provideMerge(DatabaseLive.layer(url))))
const time = async (label, n, f) => {
  for (let i = 0; i < 5; i++) await f()
  const s = []
  for (let i = 0; i < n; i++) { const t = performance.now(); await f(); s.push(performance.now() - t) }
  s.sort((a, b) => a - b)
  console.log(label, "median", s[Math.floor(n / 2)].toFixed(2), "min", s[0].toFixed(2))
}
await time("trialBalance", 30, () => runtime.runPromise(Effect.flatMap(LedgerService, (l) => l.trialBalance(actor, "bench"))))
const set = await runtime.runPromise(Effect.flatMap(LedgerService, (l) => l.getAccountSet(actor, "bench")))
await time("chart", 30, () => runtime.runPromise(Effect.flatMap(LedgerRepo, (r) => r.chart(set.id))))
await time("balanceSummary", 30, () => runtime.runPromise(Effect.flatMap(LedgerRepo, (r) => r.balanceSummary({ accountSetId: set.id, from: 202300, openingBefore: 202301, to: 202512, commodity: "CNY" }))))
await time("latestPeriodKey", 30, () => runtime.runPromise(Effect.flatMap(LedgerRepo, (r) => r.latestPeriodKey(set.id))))
await time("getAccountSet", 30, () => runtime.runPromise(Effect.flatMap(LedgerService, (l) => l.getAccountSet(actor, "bench"))))
const rows = await runtime.runPromise(Effect.flatMap(Database, (d) => d.query("count", (db) => db.selectFrom("ledger_balances").select((eb) => eb.fn.countAll().as("n")).executeTakeFirst())))
console.log("balance rows", rows)
await runtime.dispose()
