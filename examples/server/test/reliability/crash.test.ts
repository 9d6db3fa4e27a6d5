/**
 * Proves crash consistency on every dialect (a SQLite file; a PostgreSQL schema of its
 * own, where a killed client's open transaction is rolled back by the server): a process
 * importing a 20,000-entry journal
 * (`danju ledger import-journal`, the built CLI) and a process posting vouchers in a
 * loop (ledger-writer.mjs) run side by side and are killed with SIGKILL at seeded random
 * points until 20 kills have landed mid-work. After every round the file opens, and:
 * the posting books have gap-free numbers, every voucher's lines balance, the trial
 * balance balances, maintained balances equal a recomputation and the audit chain is
 * intact, every voucher the writer reported as posted is there and posted; the import
 * is all or nothing — its account set is absent, or complete with the same trial
 * balance as an import that ran to the end. The next round's import (under the code a
 * killed import left free) and posting still work, and so do a final import and
 * posting run to completion.
 *
 * Seed: DANJU_RELIABILITY_CRASH_SEED (default 20261128) — the kill points follow it.
 */
import { execFileSync } from "node:child_process"
import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { dialectsUnderTest } from "@danju/core/testing"
import { LedgerService } from "@danju/ledger"
import type { TrialBalance } from "@danju/ledger"
import { Effect } from "effect"
import { assert, describe, it } from "vitest"
import { inCi, standInForUnavailable } from "../support"
import { administrator, assertConsistent, processDatabase, setUpBooks, startChild, summaryOf, withLedger, writerScript } from "./processes"

const binPath = fileURLToPath(new URL("../../dist/bin.js", import.meta.url))
const generator = fileURLToPath(new URL("../../../../bench/generate.mjs", import.meta.url))
const built = existsSync(binPath) && existsSync(fileURLToPath(new URL("../../../../packages/ledger/dist/index.js", import.meta.url)))

const killsWanted = 20
const roundsMax = 40
const entries = 20_000
const seed = Number(process.env["DANJU_RELIABILITY_CRASH_SEED"] ?? 20_261_128)
const books = "crash-books"

/** mulberry32: a small seeded generator, so a failing run can be replayed. */
const seeded = (start: number) => {
  let state = start >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds))

const closings = (report: TrialBalance) =>
  report.rows.map((row) => `${row.code} ${row.closingDebit.toString()} ${row.closingCredit.toString()}`).join("\n")

/** The account set's trial balance and voucher count, or undefined when it does not exist. */
const importedState = (code: string) =>
  Effect.gen(function*() {
    const ledger = yield* LedgerService
    const found = yield* Effect.either(ledger.getAccountSet(administrator, code))
    if (found._tag === "Left") {
      assert.strictEqual(found.left._tag, "AccountSetNotFound")
      return undefined
    }
    const { report, vouchers } = yield* assertConsistent(code)
    return { vouchers: vouchers.length, closings: closings(report) }
  })

const postedRanges = (stdout: string) =>
  stdout.split("\n").filter((line) => line.startsWith("posted ")).map((line) => line.split(" ").slice(1).map(Number) as [number, number])

for (const dialect of dialectsUnderTest()) {
  const title = `SIGKILL during import and posting [${dialect.name}] (needs pnpm build)`
  if (standInForUnavailable(title, dialect)) continue

  describe.skipIf(!built && !inCi)(title, () => {
    it(`${killsWanted} kills at seeded random points leave consistent books`, async () => {
      const directory = mkdtempSync(join(tmpdir(), "danju-crash-"))
      const database = await processDatabase(dialect.name, directory)
      const url = database.url
      const journal = join(directory, "large.journal")
      execFileSync(process.execPath, [generator, String(entries), journal, "11"])
      await withLedger(url, setUpBooks(books))

      // The reference: the same journal imported to the end, undisturbed.
      const importStarted = performance.now()
      const reference = startChild(process.execPath, [binPath, "ledger", "import-journal", "--db", url, "--set", "reference", "--file", journal, "--organisation", "org-1"])
      assert.deepStrictEqual(await reference.exit, { code: 0, signal: null }, reference.stderr())
      const importMilliseconds = performance.now() - importStarted
      const expected = await withLedger(url, importedState("reference"))
      assert.isDefined(expected)
      assert.strictEqual(expected!.vouchers, entries)

      const next = seeded(seed)
      let kills = 0
      let importKills = 0
      let completedImports = 0
      let importCode = "import-0"
      let round = 0
      for (; round < roundsMax && kills < killsWanted; round++) {
        const writer = 100 + round
        const importer = startChild(process.execPath, [binPath, "ledger", "import-journal", "--db", url, "--set", importCode, "--file", journal, "--organisation", "org-1"])
        const poster = startChild(process.execPath, [writerScript, url, books, String(writer), "0"])
        // Kill points: the import somewhere in its expected run (it shares the file with the
        // poster, so it may take longer), the poster within four seconds.
        const importKillAt = (0.1 + next() * 0.9) * importMilliseconds
        const posterKillAt = 300 + next() * 3_700
        const killLater = async (child: typeof importer, at: number) => {
          const outcome = await Promise.race([child.exit.then(() => "exited" as const), sleep(at).then(() => "due" as const)])
          if (outcome === "due") child.child.kill("SIGKILL")
          return child.exit
        }
        const [importExit, posterExit] = await Promise.all([killLater(importer, importKillAt), killLater(poster, posterKillAt)])
        assert.strictEqual(posterExit.signal, "SIGKILL", `the poster ended by itself: ${poster.stderr()}`)
        kills += 1
        if (importExit.signal === "SIGKILL") {
          kills += 1
          importKills += 1
        } else {
          assert.strictEqual(importExit.code, 0, importer.stderr())
        }

        await withLedger(url, Effect.gen(function*() {
          const { vouchers } = yield* assertConsistent(books)
          const posted = new Set(vouchers.filter((voucher) => voucher.status === "posted").map((voucher) => voucher.lines[0]!.summary))
          for (const [first, last] of postedRanges(poster.stdout())) {
            for (let index = first; index <= last; index++) assert.isTrue(posted.has(summaryOf(writer, index)), `${summaryOf(writer, index)} was reported posted`)
          }
          const imported = yield* importedState(importCode)
          if (importExit.signal === "SIGKILL" && imported === undefined) return
          // Killed after its commit, or not killed at all: the whole journal is there.
          assert.deepStrictEqual(imported, expected)
          completedImports += 1
          importCode = `import-${round + 1}`
        }))
      }
      console.log(
        `crash[${dialect.name}]: ${kills} SIGKILLs in ${round} rounds (${importKills} during import, ${round} during posting), ` +
          `${completedImports} import(s) finished before their kill point; undisturbed import ${Math.round(importMilliseconds)} ms`
      )
      assert.isAtLeast(kills, killsWanted)

      // After all the kills, an import and a posting run still go through to the end.
      const finalImport = startChild(process.execPath, [binPath, "ledger", "import-journal", "--db", url, "--set", importCode, "--file", journal, "--organisation", "org-1"])
      const finalPoster = startChild(process.execPath, [writerScript, url, books, "999", "40", "10"])
      assert.deepStrictEqual(await finalImport.exit, { code: 0, signal: null }, finalImport.stderr())
      assert.deepStrictEqual(await finalPoster.exit, { code: 0, signal: null }, finalPoster.stderr())
      await withLedger(url, Effect.gen(function*() {
        assert.deepStrictEqual(yield* importedState(importCode), expected)
        const { vouchers } = yield* assertConsistent(books)
        const finalSummaries = vouchers.filter((voucher) => voucher.lines[0]!.summary.startsWith("writer 999 ") && voucher.status === "posted")
        assert.strictEqual(finalSummaries.length, 40)
      }))
      await database.close()
      rmSync(directory, { recursive: true, force: true })
    }, 600_000)
  })
}
