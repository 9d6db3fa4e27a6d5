// Proves, with hledger itself as the oracle, that journals the writer produces are read
// by hledger to the same per-account, per-commodity balances Danju computes from the
// same entries (`hledger -f FILE balance -N --flat --layout=bare -O csv`), and that
// hledger agrees with the reader on the hand-written mess-hall fixture. Needs the
// `hledger` executable; skipped with that reason when it is absent outside CI, and
// failing in CI (CI=true) so the oracle is never silently lost there.
import { afterAll, assert, describe, it } from "@effect/vitest"
import { Dec } from "@danju/core"
import { Either } from "effect"
import * as fc from "fast-check"
import { execFileSync } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import type { JournalEntry } from "../../../src/domain/journal"
import { formatHeaderComment, formatJournalEntry, parseJournalText } from "../../../src/domain/journal"
import { balancedEntry, notatedAmount, safeSegment } from "./arbitraries"

const hledgerVersion = ((): string | undefined => {
  try {
    return execFileSync("hledger", ["--version"], { encoding: "utf8" }).trim()
  } catch {
    return undefined
  }
})()
const runOracle = hledgerVersion !== undefined || process.env["CI"] === "true"
const title = hledgerVersion === undefined
  ? "hledger oracle (skipped: the hledger executable is not installed; CI=true makes this fail instead)"
  : `hledger oracle (${hledgerVersion})`

/** Splits one CSV line of hledger's output (fields quoted, quotes doubled). */
const csvFields = (line: string): Array<string> => {
  const fields: Array<string> = []
  const pattern = /"((?:[^"]|"")*)"(?:,|$)/g
  for (const match of line.matchAll(pattern)) fields.push(match[1]!.replace(/""/g, "\""))
  return fields
}

/** Non-zero balances `account|commodity → amount` as hledger reports them for a journal file. */
const hledgerBalances = (file: string): Map<string, string> => {
  const csv = execFileSync("hledger", ["-f", file, "balance", "-N", "--flat", "--layout=bare", "-O", "csv"], { encoding: "utf8" })
  const balances = new Map<string, string>()
  for (const line of csv.split("\n").slice(1)) {
    if (line.trim() === "") continue
    const [account, commodity, balance] = csvFields(line)
    const value = new Dec(balance!)
    if (!value.isZero()) balances.set(`${account}|${commodity}`, value.toString())
  }
  return balances
}

/**
 * Non-zero balances as `hledger balance -O json` reports them: exact mantissa and
 * places (mantissas are quoted before JSON.parse so none loses precision).
 */
const hledgerJsonBalances = (file: string): Map<string, string> => {
  const json = execFileSync("hledger", ["-f", file, "balance", "-N", "--flat", "-O", "json"], { encoding: "utf8" })
  const [rows] = JSON.parse(json.replace(/"decimalMantissa": *(-?[0-9]+)/g, "\"decimalMantissa\":\"$1\"")) as [
    ReadonlyArray<readonly [string, string, number, ReadonlyArray<{ readonly acommodity: string; readonly aquantity: { readonly decimalMantissa: string; readonly decimalPlaces: number } }>]>
  ]
  const balances = new Map<string, string>()
  for (const [account, , , amounts] of rows) {
    for (const amount of amounts) {
      const value = new Dec(amount.aquantity.decimalMantissa).dividedBy(new Dec(10).pow(amount.aquantity.decimalPlaces))
      if (!value.isZero()) balances.set(`${account}|${amount.acommodity}`, value.toString())
    }
  }
  return balances
}

/** The same balances computed by Danju from parsed entries. */
const ourBalances = (entries: ReadonlyArray<JournalEntry>): Map<string, string> => {
  const sums = new Map<string, Dec>()
  for (const entry of entries) {
    for (const posting of entry.postings) {
      const key = `${posting.account}|${posting.commodity}`
      sums.set(key, (sums.get(key) ?? new Dec(0)).plus(posting.amount))
    }
  }
  return new Map([...sums].filter(([, sum]) => !sum.isZero()).map(([key, sum]) => [key, sum.toString()]))
}

const sorted = (balances: Map<string, string>) => [...balances].sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))

describe.skipIf(!runOracle)(title, () => {
  const directory = mkdtempSync(join(tmpdir(), "danju-journal-"))
  afterAll(() => rmSync(directory, { recursive: true, force: true }))

  it("hledger is installed (CI installs it: apt-get install hledger)", () => {
    assert.isDefined(hledgerVersion, "the hledger executable is not on PATH")
  })

  it.prop(
    "hledger reads written journals to the balances Danju computes",
    [fc.array(balancedEntry(), { minLength: 1, maxLength: 25 })],
    ([entries]) => {
      const text = formatHeaderComment(["Danju journal writer property test"]) + "\n" + entries.map(formatJournalEntry).join("\n")
      const file = join(directory, "written.journal")
      writeFileSync(file, text)
      const parsed = Either.getOrThrow(parseJournalText(text))
      assert.deepStrictEqual(sorted(hledgerBalances(file)), sorted(ourBalances(parsed)), text)
    },
    { fastCheck: { numRuns: 12 } }
  )

  it.prop(
    "hledger reads journals written from arbitrary Unicode names and descriptions to the same balances",
    [fc.array(
      balancedEntry(
        fc.array(fc.oneof(fc.fullUnicodeString({ maxLength: 6 }), safeSegment), { minLength: 1, maxLength: 4 }).map((segments) => segments.join(":")),
        fc.fullUnicodeString({ maxLength: 20 })
      ),
      { minLength: 1, maxLength: 10 }
    )],
    ([entries]) => {
      const text = entries.map(formatJournalEntry).join("\n")
      const file = join(directory, "unicode.journal")
      writeFileSync(file, text)
      const parsed = Either.getOrThrow(parseJournalText(text))
      assert.deepStrictEqual(sorted(hledgerBalances(file)), sorted(ourBalances(parsed)), text)
    },
    { fastCheck: { numRuns: 12 } }
  )

  it.prop(
    "hledger and the reader give every amount notation the same value, with or without a decimal-mark directive",
    [fc.constantFrom("." as const, "," as const).chain((mark) =>
      fc.tuple(fc.constant(mark), fc.boolean(), fc.array(notatedAmount(mark), { minLength: 1, maxLength: 8 }))
    )],
    ([[mark, declared, amounts]]) => {
      const directive = declared ? `decimal-mark ${mark}\n` : ""
      const text = `${directive}2024-01-05 x\n${amounts.map((amount, index) => `  a${index}  ${amount.text}\n`).join("")}  z\n`
      const file = join(directory, "notations.journal")
      writeFileSync(file, text)
      const parsed = parseJournalText(text)
      if (Either.isLeft(parsed)) {
        // hledger must refuse it too (e.g. "1,234,5" read as groups then a decimal mark it rejects).
        assert.throws(() => hledgerJsonBalances(file), undefined, undefined, parsed.left.message)
        return
      }
      assert.deepStrictEqual(sorted(hledgerJsonBalances(file)), sorted(ourBalances(parsed.right)), text)
    },
    { fastCheck: { numRuns: 40 } }
  )

  it("hledger and the reader agree on the mess-hall fixture", () => {
    const file = fileURLToPath(new URL("../../fixtures/journal/mess-hall.journal", import.meta.url))
    const parsed = Either.getOrThrow(parseJournalText(readFileSync(file, "utf8")))
    assert.deepStrictEqual(sorted(hledgerBalances(file)), sorted(ourBalances(parsed)))
  })
})
