/**
 * Proves that two OS processes writing one SQLite file keep the ledger exact: each
 * process (ledger-writer.mjs over the built packages) makes, audits as a second operator
 * and posts its vouchers into one account set and one period, in batches and as single
 * calls, while the other does the same. Afterwards the numbers are exactly 1..n, every
 * commanded voucher exists once and is posted, the trial balance equals the generated
 * sum, and `verify` is clean with one audit record per command. Writers queue on
 * BEGIN IMMEDIATE and the busy timeout; neither sees an error.
 *
 * Size: DANJU_RELIABILITY_SQLITE_VOUCHERS_PER_PROCESS (default 20,000).
 */
import { existsSync, mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Dec } from "@danju/core"
import { LedgerService } from "@danju/ledger"
import { Effect } from "effect"
import { assert, describe, it } from "vitest"
import { inCi } from "../support"
import { administrator, amountOf, assertConsistent, setUpBooks, startChild, summaryOf, withLedger, writerScript } from "./processes"

const built = existsSync(fileURLToPath(new URL("../../../../packages/ledger/dist/index.js", import.meta.url)))
const processes = 2
const perProcess = Number(process.env["DANJU_RELIABILITY_SQLITE_VOUCHERS_PER_PROCESS"] ?? 20_000)
const books = "two-processes"

describe.skipIf(!built && !inCi)("two processes on one SQLite file (needs pnpm build)", () => {
  it(`${processes} processes × ${perProcess} vouchers: gap-free numbers, exact totals, verify clean`, async () => {
    const url = `sqlite:${join(mkdtempSync(join(tmpdir(), "danju-two-processes-")), "books.db")}`
    await withLedger(url, setUpBooks(books))
    const started = performance.now()
    const children = Array.from({ length: processes }, (_, writer) =>
      startChild(process.execPath, [writerScript, url, books, String(writer), String(perProcess), "250"]))
    const exits = await Promise.all(children.map((child) => child.exit))
    const seconds = (performance.now() - started) / 1000
    exits.forEach((exit, writer) => assert.deepStrictEqual(exit, { code: 0, signal: null }, children[writer]!.stderr()))
    console.log(`concurrency[sqlite, ${processes} processes]: ${processes * perProcess} vouchers made, audited and posted in ${seconds.toFixed(1)} s`)

    await withLedger(url, Effect.gen(function*() {
      const ledger = yield* LedgerService
      const { report, verification, vouchers } = yield* assertConsistent(books)
      const total = processes * perProcess
      assert.strictEqual(vouchers.length, total)
      assert.deepStrictEqual(vouchers.map((voucher) => voucher.number), Array.from({ length: total }, (_, index) => index + 1))
      const bySummary = new Map<string, number>()
      for (const voucher of vouchers) {
        assert.strictEqual(voucher.status, "posted")
        bySummary.set(voucher.lines[0]!.summary, (bySummary.get(voucher.lines[0]!.summary) ?? 0) + 1)
      }
      let expected = new Dec(0)
      for (let writer = 0; writer < processes; writer++) {
        for (let index = 0; index < perProcess; index++) {
          assert.strictEqual(bySummary.get(summaryOf(writer, index)), 1, summaryOf(writer, index))
          expected = expected.plus(amountOf(writer, index))
        }
      }
      assert.strictEqual(report.rows.find((row) => row.code === "1002")!.periodDebit.toString(), expected.toString())
      assert.strictEqual(report.rows.find((row) => row.code === "4001")!.periodCredit.toString(), expected.toString())
      // create + enable, then create, audit and post per voucher
      assert.strictEqual(verification.auditRecords, 2 + 3 * total)
      yield* ledger.verify(administrator, books)
    }))
  }, 600_000)
})
