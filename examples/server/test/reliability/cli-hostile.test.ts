/**
 * Proves that the `danju` CLI (the built dist/bin.js, as a real process) refuses hostile
 * files cleanly, on every dialect: malformed journal files (binary garbage, NUL bytes,
 * invalid UTF-8, a 100 000-character line, huge amounts, an unbalanced entry, 2026-02-30,
 * an account path deeper than the code scheme allows, non-numeric amounts) and malformed,
 * truncated, tampered or foreign backup files each end with a one-line `danju: …` message
 * on stderr, a non-zero exit code, no stack trace, and the database unchanged (digest of
 * every row of every table). A well-formed journal saved with a byte-order mark and CRLF
 * line endings (as Windows editors write it) imports to the same books as the plain one,
 * and SQL in an account name is kept as plain data.
 *
 * Runtime: about 30 CLI runs per dialect, about 60 s per dialect (each run starts Node).
 */
import { spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Database, DatabaseLive } from "@danju/core/sql"
import type { DatabaseShape } from "@danju/core/sql"
import { dialectsUnderTest } from "@danju/core/testing"
import { Effect } from "effect"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { inCi, standInForUnavailable } from "../support"
import { processDatabase } from "./processes"
import { databaseDigest } from "./support"

const binPath = fileURLToPath(new URL("../../dist/bin.js", import.meta.url))
const built = existsSync(binPath)

const run = (args: ReadonlyArray<string>) =>
  spawnSync(process.execPath, [binPath, ...args], {
    encoding: "utf8",
    env: Object.fromEntries(Object.entries({ ...process.env, DATABASE_URL: "" }).filter(([name]) => name !== "DANJU_DEBUG")),
    timeout: 120_000
  })

const goodJournal = [
  "2026-01-05 opening",
  "    assets:bank:icbc      50000.00 CNY",
  "    assets:cash            1200.00 CNY",
  "    equity:capital",
  "",
  "2026-01-09 rice 大米",
  "    expenses:food:rice      860.00 CNY",
  "    assets:cash            -860.00 CNY",
  ""
].join("\n")

const entry = (date: string, account: string, amount: string) =>
  `${date} hostile\n    ${account}    ${amount} CNY\n    assets:cash\n`

/** A deterministic stream of bytes (no Math.random: the run must repeat). */
const garbage = (length: number, seed: number) => {
  const bytes = new Uint8Array(length)
  let state = seed
  for (let index = 0; index < length; index++) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648
    bytes[index] = state & 0xff
  }
  return bytes
}

const hostileJournals: ReadonlyArray<readonly [string, string | Uint8Array]> = [
  ["binary garbage", garbage(64 * 1024, 7)],
  ["NUL bytes inside an entry", entry("2026-01-05", "expenses:fo\u0000od", "10.00")],
  ["NUL bytes only", "\u0000".repeat(1000)],
  ["invalid UTF-8 in an account name", Buffer.concat([Buffer.from("2026-01-05 bad bytes\n    expenses:"), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from("    10.00 CNY\n    assets:cash\n")])],
  ["a 100 000-character line", `2026-01-05 ${"長".repeat(100_000)}\n    expenses:food    10.00 CNY\n    assets:cash\n`],
  ["a 100 000-character account name", entry("2026-01-05", `expenses:${"x".repeat(100_000)}`, "10.00")],
  ["a huge amount", entry("2026-01-05", "expenses:food", "9".repeat(80) + ".00")],
  ["an exponent amount", entry("2026-01-05", "expenses:food", "1e309")],
  ["a NaN amount", entry("2026-01-05", "expenses:food", "NaN")],
  ["an unbalanced entry", "2026-01-05 unbalanced\n    expenses:food    10.00 CNY\n    assets:cash    -9.00 CNY\n"],
  ["February 30th", entry("2026-02-30", "expenses:food", "10.00")],
  ["month 13", entry("2026-13-01", "expenses:food", "10.00")],
  ["an account path 200 levels deep", entry("2026-01-05", Array.from({ length: 200 }, (_, index) => `a${index}`).join(":"), "10.00")],
  ["two elided amounts", "2026-01-05 two elided\n    expenses:food\n    assets:cash\n"],
  ["a posting without a transaction", "    expenses:food    10.00 CNY\n"]
]

const restoreCases = (good: string): ReadonlyArray<readonly [string, string | Uint8Array]> => {
  const lines = good.split("\n")
  const middle = Math.floor(good.length / 2)
  const digitAt = good.search(/"amount":"\d/) >= 0 ? good.search(/"amount":"\d/) + 10 : good.search(/\d{4}-\d{2}/) + 3
  const tampered = good.slice(0, digitAt) + (good[digitAt] === "1" ? "2" : "1") + good.slice(digitAt + 1)
  return [
    ["an empty file", ""],
    ["binary garbage", garbage(32 * 1024, 11)],
    ["the first half of a backup", good.slice(0, middle)],
    ["a backup without its last line", lines.slice(0, -2).join("\n") + "\n"],
    ["a backup with one digit changed", tampered],
    ["a backup with NUL bytes", good.replace("\n", "\n\u0000\u0000\n")],
    ["a journal instead of a backup", goodJournal],
    ["a JSON document instead of a backup", JSON.stringify({ format: "danju-backup", version: 99, rows: [] })],
    ["a PNG instead of a backup", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...garbage(512, 3)])],
    ["a 100 000-character first line", "x".repeat(100_000) + "\n" + good],
    ["invalid UTF-8 inside a backup", Buffer.concat([Buffer.from(good.slice(0, middle)), Buffer.from([0xff, 0xfe]), Buffer.from(good.slice(middle))])]
  ]
}

/** Asserts the CLI failed the way a user can act on: one clear line, no stack trace. */
const assertCleanFailure = (label: string, result: ReturnType<typeof run>) => {
  assert.notStrictEqual(result.status, 0, `${label}: exit 0, stdout ${result.stdout.slice(0, 300)}`)
  assert.isNotNull(result.status, `${label}: killed by ${result.signal}`)
  const stderr = result.stderr.trim()
  assert.match(stderr, /^danju: \S/m, `${label}: ${stderr.slice(0, 500)}`)
  assert.notMatch(stderr, /\n\s+at |node:internal|\.ts:\d+:\d+|\.js:\d+:\d+/, `${label}: stack trace in ${stderr.slice(0, 800)}`)
  assert.notMatch(stderr, /internal error/, `${label}: ${stderr.slice(0, 500)}`)
  assert.isBelow(stderr.length, 2_000, `${label}: message of ${stderr.length} characters`)
}

for (const dialect of dialectsUnderTest()) {
  const title = `danju CLI with hostile files [${dialect.name}] (needs pnpm build)`
  if (standInForUnavailable(title, dialect)) continue

  describe.skipIf(!built && !inCi)(title, () => {
    const directory = mkdtempSync(join(tmpdir(), `danju-cli-hostile-${dialect.name}-`))
    let url = ""
    let postgres: DatabaseShape | undefined
    let closeDatabase = async () => {}
    let goodBackup = ""

    /** The digest of the database the CLI writes to. */
    const digest = () =>
      postgres !== undefined
        ? Effect.runPromise(Effect.provideService(databaseDigest([]), Database, postgres))
        : Effect.runPromise(Effect.provide(databaseDigest([]), DatabaseLive.layer(url)))

    beforeAll(async () => {
      ;({ url, postgres, close: closeDatabase } = await processDatabase(dialect.name, directory))
      const demo = run(["demo", "--db", url])
      assert.strictEqual(demo.status, 0, demo.stderr)
      const backupFile = join(directory, "good.backup")
      const backup = run(["backup", "--db", url, "--set", "mess-demo", "--out", backupFile])
      assert.strictEqual(backup.status, 0, backup.stderr)
      goodBackup = readFileSync(backupFile, "utf8")
    }, 240_000)

    afterAll(async () => {
      await closeDatabase()
      rmSync(directory, { recursive: true, force: true })
    })

    it("refuses every malformed journal with a clear message and writes nothing", async () => {
      const before = await digest()
      assert.isAbove(before.counts["ledger_vouchers"] ?? 0, 0, "the demo books are loaded")
      for (const [index, [label, content]] of hostileJournals.entries()) {
        const file = join(directory, `hostile-${index}.journal`)
        writeFileSync(file, content)
        assertCleanFailure(label, run(["ledger", "import-journal", "--db", url, "--set", `hostile-${index}`, "--file", file]))
      }
      assert.deepStrictEqual(await digest(), before)
    }, 600_000)

    it("refuses every malformed, truncated, tampered or foreign backup with a clear message and writes nothing", async () => {
      const before = await digest()
      for (const [index, [label, content]] of restoreCases(goodBackup).entries()) {
        const file = join(directory, `hostile-${index}.backup`)
        writeFileSync(file, content)
        assertCleanFailure(label, run(["restore", "--db", url, "--in", file, "--as", `restored-${index}`, "--organisation", "demo"]))
      }
      assert.deepStrictEqual(await digest(), before)
      // The untouched backup still restores: the refusals were about the files.
      const file = join(directory, "good-again.backup")
      writeFileSync(file, goodBackup)
      const restored = run(["restore", "--db", url, "--in", file, "--as", "restored-good", "--organisation", "demo"])
      assert.strictEqual(restored.status, 0, restored.stderr)
    }, 600_000)

    it("imports a journal saved with a byte-order mark and CRLF line endings like the plain one", () => {
      const plain = join(directory, "plain.journal")
      const windows = join(directory, "windows.journal")
      writeFileSync(plain, goodJournal)
      writeFileSync(windows, "\uFEFF" + goodJournal.replace(/\n/g, "\r\n"))
      for (const [set, file] of [["plain-books", plain], ["windows-books", windows]] as const) {
        const imported = run(["ledger", "import-journal", "--db", url, "--set", set, "--file", file])
        assert.strictEqual(imported.status, 0, `${set}: ${imported.stderr}`)
      }
      const trialBalance = (set: string) => {
        const result = run(["ledger", "trial-balance", "--db", url, "--set", set, "--format", "json"])
        assert.strictEqual(result.status, 0, result.stderr)
        const document = JSON.parse(result.stdout)
        return document.rows.map((row: { path: Array<string>; closingDebit: string; closingCredit: string }) => [row.path.join(":"), row.closingDebit, row.closingCredit])
      }
      assert.deepStrictEqual(trialBalance("windows-books"), trialBalance("plain-books"))
    }, 240_000)

    it("keeps SQL in an account name as plain data", async () => {
      const file = join(directory, "sql.journal")
      const name = "expenses:'; DROP TABLE ledger_vouchers; --"
      writeFileSync(file, entry("2026-01-05", name, "10.00"))
      const imported = run(["ledger", "import-journal", "--db", url, "--set", "sql-books", "--file", file])
      assert.strictEqual(imported.status, 0, imported.stderr)
      const result = run(["ledger", "trial-balance", "--db", url, "--set", "sql-books", "--format", "json"])
      assert.strictEqual(result.status, 0, result.stderr)
      assert.include(JSON.parse(result.stdout).rows.map((row: { path: Array<string> }) => row.path.join(":")), name)
      assert.isAbove((await digest()).counts["ledger_vouchers"] ?? 0, 0)
    }, 240_000)
  })
}
