import { it } from "vitest"
import { Effect, Layer } from "effect"
import { migrate, DatabaseLive, coreMigrations } from "@danju/core/sql"
import { LedgerService } from "../src/LedgerService"
import { ledgerSqlLayer, ledgerMigrations } from "../src/storage/index"
import { AccountSetCode } from "../src/domain/ids"
import { administrator, messAccounts, voucher } from "./support"
import { rmSync } from "node:fs"

const run = (url: string) => Effect.gen(function*() {
  yield* migrate([coreMigrations, ledgerMigrations])
  const ledger = yield* LedgerService
  yield* ledger.createAccountSet(administrator, { code: AccountSetCode.make("perf"), name: "perf", startPeriod: { fiscalYear: 2026, number: 1 }, accounts: messAccounts })
  yield* ledger.enableAccountSet(administrator, "perf")
  const batch = Array.from({ length: 1000 }, (_, i) => voucher({ date: `2026-0${1 + (i % 9)}-1${i % 9}`, lines: [
    { summary: "x", accountCode: "1001", debit: `${i + 1}.25` },
    { summary: "y", accountCode: "1002", credit: `${i}.25` },
    { summary: "z", accountCode: "4001", credit: "1.00" }] }))
  const t0 = performance.now()
  for (let b = 0; b < 20; b++) yield* ledger.recordVouchers(administrator, "perf", batch, { status: "posted" })
  const t1 = performance.now()
  console.log(url, "lines/s", Math.round(60000 / ((t1 - t0) / 1000)))
  const t2 = performance.now()
  for (let k = 0; k < 50; k++) yield* ledger.trialBalance(administrator, "perf")
  console.log("tb ms", (performance.now() - t2) / 50)
  const t3 = performance.now()
  for (let k = 0; k < 300; k++) yield* ledger.createVoucher(administrator, "perf", batch[k]!)
  console.log("single/s", Math.round(300 / ((performance.now() - t3) / 1000)))
})

it("perf sqlite", async () => {
  rmSync("/tmp/perf.db", { force: true }); rmSync("/tmp/perf.db-wal", { force: true })
  await Effect.runPromise(run("sqlite:/tmp/perf.db").pipe(Effect.provide(ledgerSqlLayer().pipe(Layer.provideMerge(DatabaseLive.layer("sqlite:/tmp/perf.db"))))))
}, 120000)
it("perf pg", async () => {
  const { execSync } = await import("node:child_process")
  execSync(`psql -q postgres://postgres@127.0.0.1:5432/postgres -c "drop database if exists perf" -c "create database perf"`)
  await Effect.runPromise(run("pg").pipe(Effect.provide(ledgerSqlLayer().pipe(Layer.provideMerge(DatabaseLive.layer("postgres://postgres@127.0.0.1:5432/perf"))))))
}, 120000)
