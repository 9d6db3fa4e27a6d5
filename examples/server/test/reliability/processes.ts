/**
 * Shared pieces of the server's reliability suites: a database that child processes
 * reach by URL (a SQLite file, or a PostgreSQL schema of its own), the ledger over it,
 * the books the writer processes post into, the voucher amounts they generate (the
 * formula of `ledger-writer.mjs`), child processes awaited with their output, and a
 * consistency check of a whole account set.
 */
import { spawn } from "node:child_process"
import type { ChildProcess } from "node:child_process"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Context, Effect, Exit, Layer, Scope } from "effect"
import type { Actor } from "@danju/core"
import { Dec, OperatorId, OrganisationId, RoleName } from "@danju/core"
import { Database, DatabaseLive, migrate } from "@danju/core/sql"
import type { DatabaseShape, DialectName } from "@danju/core/sql"
import { freshDatabase } from "@danju/core/testing"
import { AccountSetCode, LedgerService } from "@danju/ledger"
import type { Voucher } from "@danju/ledger"
import { ledgerSqlLayer } from "@danju/ledger/storage"
import { assert } from "vitest"
import { migrationSets } from "../../src/database"

export const writerScript = fileURLToPath(new URL("./ledger-writer.mjs", import.meta.url))

/**
 * A database for child processes (the CLI, the writer script), reached by `url`: a
 * SQLite file in `directory`, or on PostgreSQL a schema of its own in the test database,
 * which the processes reach through the URL's `search_path` option (`postgres` is this
 * process's own connection to it). `close` drops the schema.
 */
export const processDatabase = async (dialect: DialectName, directory: string): Promise<{
  readonly url: string
  readonly postgres: DatabaseShape | undefined
  readonly close: () => Promise<void>
}> => {
  if (dialect === "sqlite") return { url: `sqlite:${join(directory, "books.db")}`, postgres: undefined, close: async () => {} }
  const scope = Effect.runSync(Scope.make())
  const context = await Effect.runPromise(Layer.buildWithScope(freshDatabase("postgres"), scope))
  const postgres = Context.get(context, Database)
  const [row] = await Effect.runPromise(
    postgres.query("current schema", (db) => db.selectNoFrom((eb) => eb.fn<string>("current_schema", []).as("schema")).execute())
  )
  const base = process.env["DANJU_TEST_PG_URL"]!
  const url = `${base}${base.includes("?") ? "&" : "?"}options=${encodeURIComponent(`-c search_path=${row!.schema}`)}`
  return { url, postgres, close: () => Effect.runPromise(Scope.close(scope, Exit.void)) }
}

export const administrator: Actor = {
  operatorId: OperatorId.make("admin"),
  organisationId: OrganisationId.make("org-1"),
  roles: [RoleName.make("administrator")]
}

/** The ledger over a database URL, migrations applied when the layer is built. */
export const ledgerAt = (url: string) =>
  ledgerSqlLayer().pipe(Layer.provideMerge(DatabaseLive.layer(url).pipe(Layer.tap((context) => Effect.provide(migrate(migrationSets), context)))))

/** Runs an effect against the ledger at `url` and closes the database afterwards. */
export const withLedger = <A, E>(url: string, effect: Effect.Effect<A, E, LedgerService>) =>
  Effect.runPromise(effect.pipe(Effect.provide(ledgerAt(url))))

/** The books the writer processes post into: enabled, period 2026-03, 記 vouchers. */
export const setUpBooks = (code: string) =>
  Effect.gen(function*() {
    const ledger = yield* LedgerService
    yield* ledger.createAccountSet(administrator, {
      code: AccountSetCode.make(code),
      name: "可靠性測試賬套",
      codeScheme: [4, 2, 2],
      startPeriod: { fiscalYear: 2026, number: 3 },
      options: { summaryLengthMin: 4 },
      accounts: [
        { code: "1001", name: "庫存現金", category: "asset", direction: "debit", isCash: true },
        { code: "1002", name: "銀行存款", category: "asset", direction: "debit", isBank: true },
        { code: "4001", name: "伙食費", category: "equity", direction: "credit" }
      ]
    })
    yield* ledger.enableAccountSet(administrator, code)
  })

/** The amount of voucher `index` of `writer` (ledger-writer.mjs uses the same formula). */
export const amountOf = (writer: number, index: number) => new Dec(((writer * 7_919 + index * 104_729) % 99_991) + 1).dividedBy(100)

export const summaryOf = (writer: number, index: number) => `writer ${writer} voucher ${index} 收到撥款`

/** A child process with its output collected; `exit` resolves with its exit code or signal. */
export const startChild = (command: string, args: ReadonlyArray<string>) => {
  const child: ChildProcess = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, DATABASE_URL: "" } })
  let stdout = ""
  let stderr = ""
  child.stdout!.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8")
  })
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8")
  })
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }))
  })
  return { child, exit, stdout: () => stdout, stderr: () => stderr }
}

/** Every voucher of an account set, page by page. */
export const allVouchers = (code: string) =>
  Effect.gen(function*() {
    const ledger = yield* LedgerService
    const all: Array<Voucher> = []
    let after: { fiscalYear: number; period: number; word: string; number: number } | undefined = undefined
    while (true) {
      const page: ReadonlyArray<Voucher> = yield* ledger.listVouchers(administrator, code, { limit: 1_000, ...(after === undefined ? {} : { after }) })
      all.push(...page)
      if (page.length < 1_000) return all
      const last = page[page.length - 1]!
      after = { fiscalYear: last.period.fiscalYear, period: last.period.number, word: last.word, number: last.number }
    }
  })

/**
 * The consistency every suite demands of an account set: numbers per word and period
 * exactly 1..n, every voucher's lines balanced and equal to its total, the trial
 * balance balanced, maintained balances equal to a recomputation and the audit chain
 * intact. Returns the vouchers.
 */
export const assertConsistent = (code: string) =>
  Effect.gen(function*() {
    const ledger = yield* LedgerService
    const vouchers = yield* allVouchers(code)
    const numbers = new Map<string, Array<number>>()
    for (const voucher of vouchers) {
      const key = `${voucher.period.fiscalYear}-${voucher.period.number}:${voucher.word}`
      numbers.set(key, [...(numbers.get(key) ?? []), voucher.number])
      const debit = voucher.lines.reduce((total, line) => total.plus(line.debit), new Dec(0))
      const credit = voucher.lines.reduce((total, line) => total.plus(line.credit), new Dec(0))
      assert.isTrue(voucher.lines.length >= 2, `${voucher.id} has ${voucher.lines.length} lines`)
      assert.strictEqual(debit.toString(), credit.toString(), `${voucher.id} does not balance`)
      assert.strictEqual(debit.toString(), voucher.total.toString(), `${voucher.id} lines do not add up to its total`)
    }
    for (const [key, list] of numbers) {
      const sorted = [...list].sort((left, right) => left - right)
      assert.deepStrictEqual(sorted, Array.from({ length: sorted.length }, (_, index) => index + 1), `numbers of ${key}`)
    }
    const report = yield* ledger.trialBalance(administrator, code)
    assert.isTrue(report.balanced, `${code}: trial balance not balanced`)
    const verification = yield* ledger.verify(administrator, code)
    assert.deepStrictEqual(verification.differences, [], `${code}: maintained balances differ from a recomputation`)
    return { vouchers, report, verification }
  })
