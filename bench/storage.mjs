// The storage limit: how fast the databases themselves take rows shaped like Danju's
// voucher lines (same columns, primary key and indexes as `ledger_lines`), without any
// service code in between. Raw better-sqlite3 prepared INSERT in one transaction on a
// file, and PostgreSQL COPY FROM STDIN. Prints one JSON document on the last stdout line.
//
//   node bench/storage.mjs --sqlite <file> --postgres <url> [--rows 350000]
import { performance } from "node:perf_hooks"
import { Readable } from "node:stream"
import { pipeline } from "node:stream/promises"
import { parseArgs } from "node:util"
import Database from "better-sqlite3"
import pg from "pg"
import { from as copyFrom } from "pg-copy-streams"
import { random } from "./generate.mjs"
import { removeSqlite } from "./lib.mjs"

const { values } = parseArgs({
  options: {
    sqlite: { type: "string" },
    postgres: { type: "string" },
    rows: { type: "string", default: "350000" },
    runs: { type: "string", default: "3" }
  }
})
const rowCount = Number(values.rows)
const runs = Number(values.runs)

/** Rows as the service writes them: ~3.5 lines per voucher, amounts as decimal text. */
const makeRows = () => {
  const next = random(42)
  const rows = []
  let voucher = 0
  while (rows.length < rowCount) {
    voucher += 1
    const lines = 2 + Math.floor(next() * 4)
    const month = 1 + Math.floor(next() * 12)
    const date = `2026-${String(month).padStart(2, "0")}-${String(1 + Math.floor(next() * 28)).padStart(2, "0")}`
    for (let line = 1; line <= lines && rows.length < rowCount; line++) {
      const cents = 1 + Math.floor(next() * 2_000_000)
      const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`
      const debit = line % 2 === 1
      rows.push([
        `v${String(voucher).padStart(9, "0")}`, line, "as-1", `1001${String(1 + Math.floor(next() * 40)).padStart(2, "0")}`, "", "CNY",
        debit ? amount : "0", debit ? "0" : amount, "bench 記賬", 2026, month, date
      ])
    }
  }
  return rows
}

const columns = "voucher_id, line_number, account_set_id, account_code, dimension_key, commodity, debit, credit, summary, fiscal_year, period, date"

const sqliteInsert = (file, rows, withIndexes) => {
  removeSqlite(file)
  const db = new Database(file)
  db.pragma("journal_mode = WAL")
  db.pragma("synchronous = NORMAL")
  db.exec(`create table lines (voucher_id text not null, line_number integer not null, account_set_id text not null,
    account_code text not null, dimension_key text not null, commodity text not null, debit text not null, credit text not null,
    summary text not null, quantity text, currency text, exchange_rate text, original_amount text,
    fiscal_year integer not null, period integer not null, date text not null, primary key (voucher_id, line_number))`)
  if (withIndexes) {
    db.exec("create index lines_account on lines (account_set_id, account_code, fiscal_year, period)")
    db.exec("create index lines_account_date on lines (account_set_id, account_code, fiscal_year, period, date)")
  }
  const insert = db.prepare(`insert into lines (${columns}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
  const started = performance.now()
  db.transaction(() => {
    for (const row of rows) insert.run(row)
  })()
  const seconds = (performance.now() - started) / 1000
  db.close()
  removeSqlite(file)
  return rows.length / seconds
}

const postgresCopy = async (url, rows, withIndexes) => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query("drop table if exists bench_lines")
    await client.query(`create table bench_lines (voucher_id text not null, line_number integer not null, account_set_id text not null,
      account_code text not null, dimension_key text not null, commodity text not null, debit numeric not null, credit numeric not null,
      summary text not null, quantity numeric, currency text, exchange_rate numeric, original_amount numeric,
      fiscal_year integer not null, period integer not null, date text not null, primary key (voucher_id, line_number))`)
    if (withIndexes) {
      await client.query("create index bench_lines_account on bench_lines (account_set_id, account_code, fiscal_year, period)")
      await client.query("create index bench_lines_account_date on bench_lines (account_set_id, account_code, fiscal_year, period, date)")
    }
    // Text format, built in chunks of 5,000 rows: the cost of formatting counts, as it
    // would for any writer.
    const chunks = function*() {
      for (let start = 0; start < rows.length; start += 5000) {
        let text = ""
        for (const row of rows.slice(start, start + 5000)) text += row.join("\t") + "\n"
        yield text
      }
    }
    const started = performance.now()
    await client.query("begin")
    await pipeline(Readable.from(chunks()), client.query(copyFrom(`copy bench_lines (${columns}) from stdin`)))
    await client.query("commit")
    const seconds = (performance.now() - started) / 1000
    await client.query("drop table bench_lines")
    return rows.length / seconds
  } finally {
    await client.end()
  }
}

const median = (list) => [...list].sort((left, right) => left - right)[Math.floor(list.length / 2)]
const repeat = async (measure) => {
  const samples = []
  for (let index = 0; index < runs; index++) samples.push(await measure())
  return { median: median(samples), min: Math.min(...samples), max: Math.max(...samples), runs }
}

const rows = makeRows()
const result = { rows: rows.length }
if (values.sqlite !== undefined) {
  result.sqliteInsertRowsPerSecond = await repeat(() => sqliteInsert(values.sqlite, rows, true))
  result.sqliteInsertNoIndexRowsPerSecond = await repeat(() => sqliteInsert(values.sqlite, rows, false))
  const probe = new Database(":memory:")
  result.sqliteVersion = probe.prepare("select sqlite_version() as version").get().version
  probe.close()
}
if (values.postgres !== undefined) {
  result.postgresCopyRowsPerSecond = await repeat(() => postgresCopy(values.postgres, rows, true))
  result.postgresCopyNoIndexRowsPerSecond = await repeat(() => postgresCopy(values.postgres, rows, false))
}
process.stdout.write(JSON.stringify(result) + "\n")
