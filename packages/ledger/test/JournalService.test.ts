// Proves journal interop on every dialect: a hand-written hledger journal (Chinese and
// ASCII names, unsorted dates, elided amounts, comments) imports as posted vouchers whose
// trial balance matches the journal's own sums; a journal with an unbalanced entry is
// refused with its line number and writes nothing; an account with both sub-accounts and
// own postings gets a generated leaf; the export re-imports to the same trial balance and,
// when hledger is installed, `hledger bal` of the export equals our trial balance.
import { assert } from "@effect/vitest"
import { execFileSync } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Stream } from "effect"
import { describeEachDialect } from "@danju/core/testing"
import { AccountSetCode } from "../src/domain/ids"
import type { TrialBalance } from "../src/domain/TrialBalance"
import { LedgerJournal } from "../src/JournalService"
import { LedgerService } from "../src/LedgerService"
import { ledgerSqlLayer } from "../src/storage/index"
import { administrator, maker, migrations } from "./support"

const fixture = readFileSync(new URL("./fixtures/journal/mess-hall.journal", import.meta.url), "utf8")

/** Splits text into awkward chunks, as a file stream would deliver it. */
const chunks = (text: string) => () => Stream.fromIterable(text.match(/[\s\S]{1,97}/g) ?? [])

const importText = (code: string, text: string) =>
  Effect.flatMap(LedgerJournal, (journal) => journal.importJournal(administrator, AccountSetCode.make(code), chunks(text)))

const leafBalances = (report: TrialBalance) =>
  Object.fromEntries(report.rows.filter((row) => row.leaf).map((row) => [row.path.join(":"), row.closingDebit.minus(row.closingCredit).toString()]))

const hledger = ["/usr/bin/hledger", "/usr/local/bin/hledger"].find((path) => existsSync(path))

describeEachDialect("LedgerJournal", migrations, (it) => {
  it.effect("imports a hand-written journal with the journal's own totals", () =>
    Effect.gen(function*() {
      const summary = yield* importText("journal-mess", fixture)
      assert.isTrue(summary.created)
      assert.isAbove(summary.vouchers, 5)
      assert.strictEqual(summary.commodities[0], "CNY")
      const ledger = yield* LedgerService
      const report = yield* ledger.trialBalance(maker, "journal-mess")
      assert.isTrue(report.balanced)
      const balances = leafBalances(report)
      // Hand-checked from the fixture: the rice purchase and the opening cash.
      assert.strictEqual(balances["費用:伙食:主食:大米"], "860")
      assert.strictEqual(report.totals.periodDebit.toString(), report.totals.periodCredit.toString())
      assert.deepStrictEqual((yield* ledger.verify(administrator, "journal-mess")).differences, [])
    }))

  it.effect("refuses an unbalanced entry with its line number and writes nothing", () =>
    Effect.gen(function*() {
      const bad = "2024-01-01 ok\n  a:b  10 CNY\n  c  -10 CNY\n\n2024-01-02 bad\n  a:b  10 CNY\n  c  -9.99 CNY\n"
      const error = yield* Effect.flip(importText("journal-bad", bad))
      assert.strictEqual(error._tag, "JournalEntryUnbalanced")
      assert.strictEqual((error as { line: number }).line, 5)
      const ledger = yield* LedgerService
      const missing = yield* Effect.flip(ledger.trialBalance(administrator, "journal-bad"))
      assert.strictEqual(missing._tag, "AccountSetNotFound")
    }))

  it.effect("keeps the journal's decimals and refuses more than any commodity may have, writing nothing", () =>
    Effect.gen(function*() {
      yield* importText("journal-mills", "2024-01-01 fuel\n  expenses:fuel  10.125 CNY\n  assets:cash  -10.125 CNY\n")
      const ledger = yield* LedgerService
      const set = yield* ledger.getAccountSet(maker, "journal-mills")
      assert.strictEqual(set.currencyScale, 3)
      const error = yield* Effect.flip(importText("journal-too-fine", "2024-01-01 ok\n  a  1 CNY\n  b  -1 CNY\n2024-01-02 fine\n  a  0.12345678901 CNY\n  b\n"))
      assert.strictEqual(error._tag, "JournalAmountInvalid")
      assert.strictEqual((error as { line: number }).line, 5)
      assert.strictEqual((yield* Effect.flip(ledger.getAccountSet(maker, "journal-too-fine")))._tag, "AccountSetNotFound")
    }))

  it.effect("gives an account with sub-accounts and own postings a generated leaf", () =>
    Effect.gen(function*() {
      const text = "2024-03-01 own\n  assets:bank  100 CNY\n  equity  -100 CNY\n2024-03-02 child\n  assets:bank:icbc  40 CNY\n  assets:bank  -40 CNY\n"
      yield* importText("journal-own", text)
      const ledger = yield* LedgerService
      const report = yield* ledger.trialBalance(maker, "journal-own")
      const balances = leafBalances(report)
      assert.strictEqual(balances["assets:bank:icbc"], "40")
      assert.strictEqual(balances["assets:bank:bank"], "60")
      assert.strictEqual(report.rows.find((row) => row.path.join(":") === "assets:bank")!.closingDebit.toString(), "100")
    }))

  it.effect("exports a journal that re-imports to the same trial balance and that hledger agrees with", () =>
    Effect.gen(function*() {
      yield* importText("journal-round", fixture)
      const journal = yield* LedgerJournal
      let exported = ""
      yield* journal.exportJournal(administrator, "journal-round", (chunk) => Effect.sync(() => { exported += chunk }))
      yield* importText("journal-round-2", exported)
      const ledger = yield* LedgerService
      const original = leafBalances(yield* ledger.trialBalance(maker, "journal-round"))
      const again = leafBalances(yield* ledger.trialBalance(maker, "journal-round-2"))
      assert.deepStrictEqual(again, original)
      if (hledger === undefined) {
        if (process.env["CI"] === "true") assert.fail("hledger must be installed in CI (.ci/run installs it)")
        return
      }
      const directory = mkdtempSync(join(tmpdir(), "danju-journal-"))
      writeFileSync(join(directory, "export.journal"), exported)
      const output = execFileSync(hledger, ["-f", join(directory, "export.journal"), "bal", "-N", "--flat", "-O", "csv"], { encoding: "utf8" })
      const fromHledger: Record<string, string> = {}
      for (const line of output.trim().split("\n").slice(1)) {
        const [account, amount] = JSON.parse(`[${line}]`) as [string, string]
        // Multi-commodity balances read "650.00 CNY, 1 USD": compare the base currency.
        const base = amount.split(", ").find((part) => part.endsWith(" CNY"))
        fromHledger[account] = base === undefined ? "0" : base.replace(/ CNY$/, "").replace(/,/g, "")
      }
      for (const [account, balance] of Object.entries(original)) {
        if (balance === "0") continue
        assert.strictEqual(Number(fromHledger[account] ?? "0").toFixed(2), Number(balance).toFixed(2), account)
      }
    }))
}, () => ledgerSqlLayer())
