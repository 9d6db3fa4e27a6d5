// Shared pieces of the reliability suites: a PostgreSQL schema several independent
// pools can open at once (the dialect harness gives each layer its own schema, which is
// what ordinary suites want and what a concurrency suite must avoid), a deterministic
// voucher generator whose totals the suites know in advance, and paging helpers.
import { Effect, Layer } from "effect"
import type { Actor } from "@danju/core"
import { Dec } from "@danju/core"
import { DatabaseLive, migrate, openPostgres } from "@danju/core/sql"
import { LedgerService } from "../../src/LedgerService"
import type { Voucher } from "../../src/domain/VoucherLifecycle"
import { AccountSetCode } from "../../src/domain/ids"
import { ledgerSqlLayer } from "../../src/storage/index"
import { administrator, messAccounts, migrations, voucher } from "../support"

export const inCi = process.env["CI"] === "true" || process.env["CI"] === "1"
export const postgresUrl = process.env["DANJU_TEST_PG_URL"] ?? ""

let schemas = 0

/**
 * Creates and migrates a fresh PostgreSQL schema; returns its name and a function that
 * drops it. Every pool opened with `DatabaseLive.layer(url, { schema })` sees the same
 * tables.
 */
export const sharedPostgresSchema = async (url: string) => {
  schemas += 1
  const schema = `danju_reliability_${process.pid}_${schemas}_${Math.floor(performance.now()).toString(36)}`
  await Effect.runPromise(Effect.scoped(Effect.gen(function*() {
    const admin = yield* openPostgres({ url, poolSize: 1 })
    yield* admin.query("create schema", (db) => db.schema.createSchema(schema).execute())
  })))
  await Effect.runPromise(migrate(migrations).pipe(Effect.provide(DatabaseLive.layer(url, { schema, poolSize: 1 }))))
  return {
    schema,
    drop: () =>
      Effect.runPromise(Effect.scoped(Effect.gen(function*() {
        const admin = yield* openPostgres({ url, poolSize: 1 })
        yield* admin.query("drop schema", (db) => db.schema.dropSchema(schema).cascade().execute())
      })))
  }
}

/** The ledger over its own pool: one independent writer. */
export const ledgerOver = (url: string, options: { readonly schema?: string; readonly poolSize?: number } = {}) =>
  ledgerSqlLayer().pipe(Layer.provideMerge(DatabaseLive.layer(url, options)))

/** A mess-hall account set, enabled with openings, in period 2026-03. */
export const setUpBooks = (code: string) =>
  Effect.gen(function*() {
    const ledger = yield* LedgerService
    yield* ledger.createAccountSet(administrator, {
      code: AccountSetCode.make(code),
      name: "可靠性測試賬套",
      codeScheme: [4, 2, 2],
      startPeriod: { fiscalYear: 2026, number: 3 },
      options: { summaryLengthMin: 4 },
      accounts: messAccounts
    })
    yield* ledger.setOpeningBalances(administrator, code, [
      { accountCode: "1001", balance: new Dec("500.00") },
      { accountCode: "1002", balance: new Dec("12000.00") },
      { accountCode: "4001", balance: new Dec("12500.00") }
    ])
    yield* ledger.enableAccountSet(administrator, code)
  })

/**
 * Voucher `index` of writer `writer`: bank debit, fund credit, an amount derived from
 * both numbers (never zero, cents included), and a summary that names the pair, so
 * every commanded voucher can be found exactly once afterwards.
 */
export const generatedVoucher = (writer: number, index: number, day = 1 + (index % 28)) => {
  const amount = new Dec(((writer * 7_919 + index * 104_729) % 99_991) + 1).dividedBy(100)
  const summary = `writer ${writer} voucher ${index} 收到撥款`
  return {
    summary,
    amount,
    input: voucher({
      date: `2026-03-${String(day).padStart(2, "0")}`,
      lines: [
        { summary, accountCode: "1002", debit: amount.toFixed(2) },
        { summary, accountCode: "4001", credit: amount.toFixed(2) }
      ]
    })
  }
}

/** Every voucher of an account set, in (period, word, number) order, page by page. */
export const allVouchers = (actor: Actor, code: string) =>
  Effect.gen(function*() {
    const ledger = yield* LedgerService
    const all: Array<Voucher> = []
    let after: { fiscalYear: number; period: number; word: string; number: number } | undefined = undefined
    while (true) {
      const page: ReadonlyArray<Voucher> = yield* ledger.listVouchers(actor, code, { limit: 1_000, ...(after === undefined ? {} : { after }) })
      all.push(...page)
      if (page.length < 1_000) return all
      const last = page[page.length - 1]!
      after = { fiscalYear: last.period.fiscalYear, period: last.period.number, word: last.word, number: last.number }
    }
  })
