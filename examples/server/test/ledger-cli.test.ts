/**
 * Proves the ledger's scripted CLI surface as a real process (dist/bin.js): a journal
 * imports and its trial balance comes out as the JSON document alone on stdout; an
 * unbalanced journal fails with its line number and writes nothing; export → re-import
 * reproduces the trial balance; backup → restore --as reproduces it too; a corrupt or
 * truncated backup fails with a clear one-line message and changes nothing; `demo` is
 * idempotent; `ledger report` prints a report as JSON, and the trial balance writes an
 * XLSX workbook (a zip, "PK") with --out.
 */
import { spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { assert, describe, it } from "vitest"
import { inCi } from "./support"

const binPath = fileURLToPath(new URL("../dist/bin.js", import.meta.url))
const built = existsSync(binPath)

const run = (args: ReadonlyArray<string>) =>
  spawnSync(process.execPath, [binPath, ...args], { encoding: "utf8", env: { ...process.env, DATABASE_URL: "" }, timeout: 120_000 })

const journal = [
  "2026-01-05 opening",
  "    assets:bank:icbc      50000.00 CNY",
  "    assets:cash            1200.00 CNY",
  "    equity:capital",
  "",
  "2026-01-09 rice 大米",
  "    expenses:food:rice      860.00 CNY",
  "    assets:cash            -860.00 CNY",
  "",
  "2026-02-01 allocation 伙食費撥款",
  "    assets:bank:icbc      12345.67 CNY",
  "    income:allocation",
  ""
].join("\n")

const trialBalance = (url: string, set: string) => {
  const result = run(["ledger", "trial-balance", "--db", url, "--set", set, "--format", "json"])
  assert.strictEqual(result.status, 0, result.stderr)
  return JSON.parse(result.stdout) as { balanced: boolean; rows: Array<{ path: Array<string>; closingDebit: string; closingCredit: string }> }
}

const closings = (document: ReturnType<typeof trialBalance>) =>
  Object.fromEntries(document.rows.map((row) => [row.path.join(":"), [row.closingDebit, row.closingCredit]]))

describe.skipIf(!built && !inCi)("danju ledger CLI (needs pnpm build)", () => {
  const directory = mkdtempSync(join(tmpdir(), "danju-ledger-cli-"))
  const url = `sqlite:${join(directory, "books.db")}`
  const file = join(directory, "books.journal")
  writeFileSync(file, journal)

  it("imports a journal and prints the trial balance as the JSON document alone", () => {
    const imported = run(["ledger", "import-journal", "--db", url, "--set", "books", "--file", file])
    assert.strictEqual(imported.status, 0, imported.stderr)
    assert.strictEqual(JSON.parse(imported.stdout).vouchers, 3)
    const document = trialBalance(url, "books")
    assert.isTrue(document.balanced)
    assert.deepStrictEqual(closings(document)["assets:cash"], ["340.00", "0.00"])
    assert.deepStrictEqual(closings(document)["income:allocation"], ["0.00", "12345.67"])
    const csv = run(["ledger", "trial-balance", "--db", url, "--set", "books", "--format", "csv"])
    assert.include(csv.stdout, "assets:bank:icbc")
  })

  it("refuses an unbalanced journal with its line number and writes nothing", () => {
    const bad = join(directory, "bad.journal")
    writeFileSync(bad, "2026-01-01 ok\n  a  1 CNY\n  b  -1 CNY\n\n2026-01-02 broken\n  a  5 CNY\n  b  -4 CNY\n")
    const result = run(["ledger", "import-journal", "--db", url, "--set", "bad", "--file", bad])
    assert.strictEqual(result.status, 1)
    assert.match(result.stderr, /line 5/)
    const missing = run(["ledger", "trial-balance", "--db", url, "--set", "bad", "--format", "json"])
    assert.strictEqual(missing.status, 1)
    assert.match(missing.stderr, /account set bad does not exist/)
  })

  it("exports a journal that re-imports to the same trial balance", () => {
    const out = join(directory, "export.journal")
    assert.strictEqual(run(["ledger", "export-journal", "--db", url, "--set", "books", "--out", out]).status, 0)
    assert.strictEqual(run(["ledger", "import-journal", "--db", url, "--set", "again", "--file", out]).status, 0)
    assert.deepStrictEqual(closings(trialBalance(url, "again")), closings(trialBalance(url, "books")))
  })

  it("backs up and restores exactly; a corrupt or truncated file fails and changes nothing", () => {
    const backup = join(directory, "books.backup")
    const made = run(["backup", "--db", url, "--set", "books", "--out", backup])
    assert.strictEqual(made.status, 0, made.stderr)
    const restored = run(["restore", "--db", url, "--in", backup, "--as", "books-copy"])
    assert.strictEqual(restored.status, 0, restored.stderr)
    assert.deepStrictEqual(closings(trialBalance(url, "books-copy")), closings(trialBalance(url, "books")))
    const text = readFileSync(backup, "utf8")
    const corrupt = join(directory, "corrupt.backup")
    writeFileSync(corrupt, text.replace("12345.67", "12345.68"))
    const truncated = join(directory, "truncated.backup")
    writeFileSync(truncated, text.slice(0, Math.floor(text.length / 2)))
    for (const damaged of [corrupt, truncated]) {
      const result = run(["restore", "--db", url, "--in", damaged, "--as", "books-damaged"])
      assert.strictEqual(result.status, 1)
      assert.match(result.stderr, /^danju: .*backup/m)
      assert.strictEqual(run(["ledger", "trial-balance", "--db", url, "--set", "books-damaged", "--format", "json"]).status, 1)
    }
  })

  it("loads the demo once", () => {
    const demoUrl = `sqlite:${join(directory, "demo.db")}`
    const first = run(["demo", "--db", demoUrl])
    assert.strictEqual(first.status, 0, first.stderr)
    assert.deepStrictEqual(JSON.parse(first.stdout).accountSets, ["mess-demo", "company-demo"])
    const second = run(["demo", "--db", demoUrl])
    assert.deepStrictEqual(JSON.parse(second.stdout).accountSets, [])
    assert.isTrue(trialBalance(demoUrl, "mess-demo").balanced)
  })

  it("prints a report as JSON and writes the trial balance as an XLSX workbook", () => {
    const report = run(["ledger", "report", "account-balances", "--db", url, "--set", "books", "--format", "json"])
    assert.strictEqual(report.status, 0, report.stderr)
    const document = JSON.parse(report.stdout) as { report: string; totals: { closingDebit: string; closingCredit: string } }
    assert.strictEqual(document.report, "accountBalances")
    assert.strictEqual(document.totals.closingDebit, document.totals.closingCredit)
    const refused = run(["ledger", "trial-balance", "--db", url, "--set", "books", "--format", "xlsx"])
    assert.strictEqual(refused.status, 1)
    const out = join(directory, "trial-balance.xlsx")
    const written = run(["ledger", "trial-balance", "--db", url, "--set", "books", "--format", "xlsx", "--out", out])
    assert.strictEqual(written.status, 0, written.stderr)
    assert.isTrue(existsSync(out))
    assert.strictEqual(readFileSync(out).subarray(0, 2).toString("latin1"), "PK")
  })
})
