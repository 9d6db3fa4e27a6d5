/**
 * Proves the lean path of the built `danju` (dist/bin.js → dist/lean.cjs with its V8 code
 * cache) against the full @effect/cli path (`DANJU_CLI_FULL=1`), on every dialect: for a
 * small imported journal, `ledger trial-balance` and `ledger report <name>` print the same
 * bytes on stdout and stderr with the same exit code in json, csv and table, write the
 * same XLSX bytes, and fail the same way (missing --set, a bad --from / --to, an unknown
 * format, an unknown account set, xlsx without --out, a report without its required
 * option, --out naming a directory). `DANJU_DEBUG` shows which calls took the lean path
 * and that V8 accepted the build's code cache. The argument recogniser itself is checked
 * in-process: only the plain form is lean, everything else goes to @effect/cli.
 */
import { spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Database } from "@danju/core/sql"
import { dialectsUnderTest, freshDatabase } from "@danju/core/testing"
import { Context, Effect, Exit, Layer, Scope } from "effect"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { leanInvocation } from "../src/leanArgs"
import { inCi, standInForUnavailable } from "./support"

const binPath = fileURLToPath(new URL("../dist/bin.js", import.meta.url))
const built = existsSync(binPath)

const environment = (extra: Record<string, string>) => ({
  ...Object.fromEntries(
    Object.entries(process.env).filter(([name]) => name !== "DANJU_DEBUG" && name !== "DANJU_CLI_FULL")
  ),
  DATABASE_URL: "",
  ...extra
})

const run = (args: ReadonlyArray<string>, extra: Record<string, string> = {}) => {
  const result = spawnSync(process.execPath, [binPath, ...args], { encoding: "utf8", env: environment(extra), timeout: 120_000 })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** Runs `args` on both paths and asserts the same exit code, stdout and stderr. */
const assertSameOnBothPaths = (args: ReadonlyArray<string>) => {
  const lean = run(args)
  const full = run(args, { DANJU_CLI_FULL: "1" })
  const label = args.join(" ")
  assert.isNotNull(lean.status, label)
  assert.strictEqual(lean.status, full.status, `${label}: exit codes; lean stderr ${lean.stderr}`)
  assert.strictEqual(lean.stdout, full.stdout, label)
  assert.strictEqual(lean.stderr, full.stderr, label)
  return lean
}

/** Which path `args` took, from the DANJU_DEBUG line of the lean path. */
const tookLeanPath = (args: ReadonlyArray<string>) => {
  const result = run(args, { DANJU_DEBUG: "1" })
  return result.stderr.includes("danju: lean path, code cache accepted\n")
}

const journal = [
  "2026-01-05 opening 開賬",
  "    assets:bank:icbc      50000.00 CNY",
  "    assets:cash            1200.00 CNY",
  "    equity:capital",
  "",
  "2026-01-09 rice 大米, \"long grain\"",
  "    expenses:food:rice      860.00 CNY",
  "    assets:cash            -860.00 CNY",
  "",
  "2026-02-01 allocation 伙食費撥款",
  "    assets:bank:icbc      12345.67 CNY",
  "    income:allocation",
  "",
  "2026-03-03 withdraw",
  "    assets:cash             500.00 CNY",
  "    assets:bank:icbc       -500.00 CNY",
  ""
].join("\n")

describe("lean path argument recogniser", () => {
  it("recognises the plain form of trial-balance and report, with @effect/cli's defaults", () => {
    assert.deepStrictEqual(leanInvocation(["ledger", "trial-balance", "--set", "books"]), {
      command: "trial-balance",
      db: undefined,
      set: "books",
      from: undefined,
      to: undefined,
      format: "table",
      out: undefined
    })
    assert.deepStrictEqual(
      leanInvocation([
        "ledger", "report", "detail-ledger", "--db", "sqlite:x.db", "--set", "books", "--account", "1001",
        "--include-unposted", "--from", "2026-01", "--to", "2026-02", "--format", "csv", "--commodity", "CNY"
      ]),
      {
        command: "report",
        report: "detail-ledger",
        db: "sqlite:x.db",
        set: "books",
        from: "2026-01",
        to: "2026-02",
        commodity: "CNY",
        includeUnposted: true,
        account: "1001",
        ids: undefined,
        format: "csv",
        out: undefined
      }
    )
  })

  it("leaves everything else to @effect/cli", () => {
    const directory = mkdtempSync(join(tmpdir(), "danju-lean-args-"))
    const others: ReadonlyArray<ReadonlyArray<string>> = [
      [],
      ["--help"],
      ["ledger", "trial-balance", "--help"],
      ["ledger", "trial-balance"],
      ["ledger", "trial-balance", "--db", "sqlite:x.db"],
      ["ledger", "trial-balance", "--set=books"],
      ["ledger", "trial-balance", "--set", "books", "--set", "other"],
      ["ledger", "trial-balance", "--set", "books", "--format", "pdf"],
      ["ledger", "trial-balance", "--set", "books", "--format", "JSON"],
      ["ledger", "trial-balance", "--set", "books", "--fromat", "2026-01"],
      ["ledger", "trial-balance", "--SET", "books"],
      ["ledger", "trial-balance", "--set", ""],
      ["ledger", "trial-balance", "--set", "-books"],
      ["ledger", "trial-balance", "--set"],
      ["ledger", "trial-balance", "--set", "books", "extra"],
      ["ledger", "trial-balance", "--set", "books", "--account", "1001"],
      ["ledger", "trial-balance", "--set", "books", "--out", directory],
      ["ledger", "trial-balance", "--set", "books", "--log-level", "debug"],
      ["ledger", "report", "--set", "books"],
      ["ledger", "report", "no-such-report", "--set", "books"],
      ["ledger", "report", "--set", "books", "account-balances"],
      ["ledger", "report", "account-balances", "--set", "books", "--include-unposted", "true"],
      ["ledger", "report", "account-balances", "--set", "books", "--include-unposted", "--include-unposted"],
      ["ledger", "import-journal", "--set", "books", "--file", "x.journal"],
      ["migrate"],
      ["trial-balance", "--set", "books"]
    ]
    for (const args of others) assert.isUndefined(leanInvocation(args), args.join(" "))
    rmSync(directory, { recursive: true, force: true })
  })
})

for (const dialect of dialectsUnderTest()) {
  const title = `danju lean report path equals the full CLI [${dialect.name}] (needs pnpm build)`
  if (standInForUnavailable(title, dialect)) continue

  describe.skipIf(!built && !inCi)(title, () => {
    const directory = mkdtempSync(join(tmpdir(), `danju-cli-lean-${dialect.name}-`))
    let url = ""
    let scope: Scope.CloseableScope | undefined

    beforeAll(async () => {
      if (dialect.name === "postgres") {
        // A schema of its own, which the CLI reaches through the URL's search_path option.
        scope = Effect.runSync(Scope.make())
        const context = await Effect.runPromise(Layer.buildWithScope(freshDatabase("postgres"), scope))
        const postgres = Context.get(context, Database)
        const [row] = await Effect.runPromise(
          postgres.query("current schema", (db) => db.selectNoFrom((eb) => eb.fn<string>("current_schema", []).as("schema")).execute())
        )
        const base = process.env["DANJU_TEST_PG_URL"]!
        url = `${base}${base.includes("?") ? "&" : "?"}options=${encodeURIComponent(`-c search_path=${row!.schema}`)}`
      } else {
        url = `sqlite:${join(directory, "books.db")}`
      }
      const file = join(directory, "books.journal")
      writeFileSync(file, journal)
      const imported = run(["ledger", "import-journal", "--db", url, "--set", "books", "--file", file])
      assert.strictEqual(imported.status, 0, imported.stderr)
    }, 120_000)

    afterAll(async () => {
      if (scope !== undefined) await Effect.runPromise(Scope.close(scope, Exit.void))
      rmSync(directory, { recursive: true, force: true })
    })

    it("takes the lean path, with the build's code cache, only for the plain report calls", () => {
      assert.isTrue(tookLeanPath(["ledger", "trial-balance", "--db", url, "--set", "books", "--format", "json"]))
      assert.isTrue(tookLeanPath(["ledger", "report", "account-balances", "--db", url, "--set", "books", "--format", "json"]))
      assert.isFalse(tookLeanPath(["ledger", "trial-balance", "--db", url, "--set=books", "--format", "json"]))
      assert.isFalse(tookLeanPath(["ledger", "trial-balance", "--db", url, "--format", "json"]))
    }, 120_000)

    it("prints the trial balance byte for byte as the full path does, in every text format", () => {
      for (const format of ["json", "csv", "table"]) {
        const result = assertSameOnBothPaths(["ledger", "trial-balance", "--db", url, "--set", "books", "--format", format])
        assert.strictEqual(result.status, 0, result.stderr)
        assert.include(result.stdout, "icbc")
      }
      const ranged = assertSameOnBothPaths(["ledger", "trial-balance", "--db", url, "--set", "books", "--from", "2026-02", "--to", "2026-03", "--format", "json"])
      assert.strictEqual(ranged.status, 0, ranged.stderr)
      const document = JSON.parse(ranged.stdout) as { from: string; to: string; balanced: boolean }
      assert.deepStrictEqual([document.from, document.to, document.balanced], ["2026-02", "2026-03", true])
      // The default format is the table.
      assert.match(assertSameOnBothPaths(["ledger", "trial-balance", "--db", url, "--set", "books"]).stdout, /^books {2}2026-01 – 2026-03/)
    }, 120_000)

    it("prints every kind of report as the full path does", () => {
      const reports: ReadonlyArray<ReadonlyArray<string>> = [
        ["account-balances", "--format", "json"],
        ["account-balances", "--format", "csv", "--include-unposted"],
        ["general-ledger", "--format", "table", "--from", "2026-01", "--to", "2026-02"],
        ["detail-ledger", "--account", "1001002", "--format", "json"],
        ["cash-journal", "--format", "csv"],
        ["voucher-list", "--format", "table"],
        ["balance-sheet", "--format", "json"],
        ["income-statement", "--format", "csv", "--commodity", "CNY"]
      ]
      for (const [name, ...options] of reports) {
        const result = assertSameOnBothPaths(["ledger", "report", name!, "--db", url, "--set", "books", ...options])
        assert.strictEqual(result.status, 0, `${name}: ${result.stderr}`)
        assert.isAbove(result.stdout.length, 0, name)
      }
    }, 240_000)

    it("writes the same XLSX workbook", () => {
      for (const command of [["trial-balance"], ["report", "account-balances"]]) {
        const out = join(directory, `${command.join("-")}.xlsx`)
        const args = ["ledger", ...command, "--db", url, "--set", "books", "--format", "xlsx", "--out", out]
        const lean = run(args)
        assert.strictEqual(lean.status, 0, lean.stderr)
        const leanBytes = readFileSync(out)
        rmSync(out)
        const full = run(args, { DANJU_CLI_FULL: "1" })
        assert.strictEqual(full.status, 0, full.stderr)
        assert.strictEqual(lean.stdout, full.stdout)
        assert.strictEqual(leanBytes.subarray(0, 2).toString("latin1"), "PK")
        assert.isTrue(leanBytes.equals(readFileSync(out)), command.join(" "))
      }
    }, 120_000)

    it("fails with the same message and exit code as the full path", () => {
      const failures: ReadonlyArray<readonly [ReadonlyArray<string>, RegExp]> = [
        [["ledger", "trial-balance", "--db", url, "--format", "json"], /Expected to find option: '--set'/],
        [["ledger", "trial-balance", "--db", url, "--set", "books", "--from", "2026-14"], /^danju: Period "2026-14"/],
        [["ledger", "trial-balance", "--db", url, "--set", "books", "--to", "March"], /^danju: Period "March"/],
        // Shaped like a period, but not one of this 12-period calendar; a reversed range.
        [["ledger", "trial-balance", "--db", url, "--set", "books", "--from", "2026-13"], /^danju: Period "2026-13" has a period number the fiscal calendar does not have/],
        [["ledger", "trial-balance", "--db", url, "--set", "books", "--from", "2026-03", "--to", "2026-01"], /^danju: report range 2026-03 … 2026-01 is empty/],
        [["ledger", "trial-balance", "--db", url, "--set", "books", "--format", "pdf"], /json, csv, table, xlsx/],
        [["ledger", "trial-balance", "--db", url, "--set", "nope", "--format", "json"], /^danju: account set nope does not exist/],
        [["ledger", "trial-balance", "--db", url, "--set", "books", "--format", "xlsx"], /^danju: --format xlsx writes a binary workbook/],
        [["ledger", "trial-balance", "--db", url, "--set", "books", "--out", directory], /to be a regular file/],
        [["ledger", "report", "detail-ledger", "--db", url, "--set", "books"], /^danju: detail-ledger needs --account/],
        [["ledger", "report", "account-balances", "--db", url, "--set", "nope"], /^danju: account set nope does not exist/],
        [["ledger", "report", "voucher-print", "--db", url, "--set", "books", "--format", "json"], /^danju: voucher-print needs --ids/]
      ]
      for (const [args, message] of failures) {
        const result = assertSameOnBothPaths(args)
        assert.strictEqual(result.status, 1, `${args.join(" ")}: ${result.stderr}`)
        assert.match(result.stderr, message, args.join(" "))
        assert.strictEqual(result.stdout.includes("danju:"), false)
      }
    }, 240_000)
  })
}
