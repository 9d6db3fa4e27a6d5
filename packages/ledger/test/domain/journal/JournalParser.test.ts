// Proves that the journal reader reads every supported hledger syntax form with
// hledger's meaning (one table row per form), refuses every unsupported or malformed
// input with a typed error naming the right line (one row per error), gives the same
// entries however the text is cut into chunks, and reads a realistic hand-written
// journal to the per-account totals `hledger balance` reports for it.
import { assert, describe, it } from "@effect/vitest"
import { Either } from "effect"
import * as fc from "fast-check"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { Limits } from "@danju/core"
import type { JournalEntry, JournalError } from "../../../src/domain/journal"
import { makeJournalParser, parseJournalText } from "../../../src/domain/journal"
import { notatedAmount } from "./arbitraries"

const entriesOf = (text: string, options: { readonly defaultCommodity?: string } = {}): ReadonlyArray<JournalEntry> => {
  const result = parseJournalText(text, options)
  if (Either.isLeft(result)) assert.fail(`expected entries, got ${result.left.message}`)
  return result.right
}

const errorOf = (text: string): JournalError => {
  const result = parseJournalText(text)
  if (Either.isRight(result)) assert.fail(`expected an error, got ${result.right.length} entries`)
  return result.left
}

/** `account amount commodity` per posting, the shape the table rows compare. */
const postingsOf = (entry: JournalEntry): Array<string> =>
  entry.postings.map((posting) => `${posting.account} ${posting.amount.toString()} ${posting.commodity}`.trimEnd())

describe("JournalParser syntax forms", () => {
  const rows: ReadonlyArray<{ readonly form: string; readonly journal: string; readonly postings: ReadonlyArray<string> }> = [
    { form: "amount then commodity", journal: "2024-01-05 x\n  a  123.45 CNY\n  b  -123.45 CNY\n", postings: ["a 123.45 CNY", "b -123.45 CNY"] },
    { form: "commodity then amount", journal: "2024-01-05 x\n  a  CNY 123.45\n  b  CNY -123.45\n", postings: ["a 123.45 CNY", "b -123.45 CNY"] },
    { form: "thousands commas with a decimal point", journal: "2024-01-05 x\n  a  -1,234.56 CNY\n  b  1,234.56 CNY\n", postings: ["a -1234.56 CNY", "b 1234.56 CNY"] },
    { form: "repeated commas are digit groups", journal: "2024-01-05 x\n  a  1,000,000 CNY\n  b\n", postings: ["a 1000000 CNY", "b -1000000 CNY"] },
    { form: "a single comma is a decimal mark, as in hledger", journal: "2024-01-05 x\n  a  1,000 CNY\n  b  -1 CNY\n", postings: ["a 1 CNY", "b -1 CNY"] },
    { form: "European marks", journal: "2024-01-05 x\n  a  EUR 1.000,50\n  b\n", postings: ["a 1000.5 EUR", "b -1000.5 EUR"] },
    { form: "space digit groups", journal: "2024-01-05 x\n  a  1 000 CNY\n  b\n", postings: ["a 1000 CNY", "b -1000 CNY"] },
    { form: "symbol glued on the left", journal: "2024-01-05 x\n  a  ¥123\n  b  $12.00\n  c  €5\n  d  ¥-123\n  e  -$12\n  f  €-5\n", postings: ["a 123 ¥", "b 12 $", "c 5 €", "d -123 ¥", "e -12 $", "f -5 €"] },
    { form: "symbol glued on the right", journal: "2024-01-05 x\n  a  10元\n  b  -10元\n", postings: ["a 10 元", "b -10 元"] },
    { form: "quoted commodity on either side", journal: "2024-01-05 x\n  a  \"ABC 1\" 10\n  b  -10 \"ABC 1\"\n", postings: ["a 10 ABC 1", "b -10 ABC 1"] },
    { form: "sign before and after a left symbol (double minus)", journal: "2024-01-05 x\n  a  -$-1\n  b  - $ 1\n", postings: ["a 1 $", "b -1 $"] },
    { form: "plus sign", journal: "2024-01-05 x\n  a  +5 X\n  b  -5 X\n", postings: ["a 5 X", "b -5 X"] },
    { form: "leading and trailing decimal mark", journal: "2024-01-05 x\n  a  .5 X\n  b  -0.5 X\n  c  5. Y\n  d  -5 Y\n", postings: ["a 0.5 X", "b -0.5 X", "c 5 Y", "d -5 Y"] },
    { form: "scientific notation", journal: "2024-01-05 x\n  a  1E3 X\n  b  -1000 X\n  c  10EUR\n  d  -10 EUR\n", postings: ["a 1000 X", "b -1000 X", "c 10 EUR", "d -10 EUR"] },
    { form: "bare numbers use the option's default commodity", journal: "2024-01-05 x\n  a  5\n  b  -5\n", postings: ["a 5", "b -5"] },
    { form: "D sets the default commodity", journal: "D 1,000.00 CNY\n2024-01-05 x\n  a  5\n  b\n", postings: ["a 5 CNY", "b -5 CNY"] },
    { form: "decimal-mark , makes . a digit group mark", journal: "decimal-mark ,\n2024-01-05 x\n  a  1.000,5 X\n  b  -1.000,5 X\n  c  1.5 Y\n  d  -15 Y\n", postings: ["a 1000.5 X", "b -1000.5 X", "c 15 Y", "d -15 Y"] },
    { form: "decimal-mark . makes a single comma a digit group mark", journal: "decimal-mark .\n2024-01-05 x\n  a  1,000 CNY\n  b  -1000 CNY\n", postings: ["a 1000 CNY", "b -1000 CNY"] },
    { form: "a commodity directive declares its decimal mark", journal: "commodity 1,000.00 CNY\n2024-01-05 x\n  a  1,000 CNY\n  b  -1000 CNY\n", postings: ["a 1000 CNY", "b -1000 CNY"] },
    { form: "an amount and its negation written differently", journal: "2024-01-05 x\n  a  1.50 X\n  b  -1.5 X\n  c  -0,5 Y\n  d  .5 Y\n", postings: ["a 1.5 X", "b -1.5 X", "c -0.5 Y", "d 0.5 Y"] },
    { form: "elided amount takes the balance", journal: "2024-01-05 x\n  a  10 CNY\n  b  5 CNY\n  c\n", postings: ["a 10 CNY", "b 5 CNY", "c -15 CNY"] },
    { form: "elided amount in two commodities splits in place", journal: "2024-01-05 x\n  a  10 CNY\n  c\n  b  2 USD\n", postings: ["a 10 CNY", "c -10 CNY", "c -2 USD", "b 2 USD"] },
    { form: "elided amount of a balanced entry is zero", journal: "2024-01-05 x\n  a  10 CNY\n  b  -10 CNY\n  c\n", postings: ["a 10 CNY", "b -10 CNY", "c 0 CNY"] },
    { form: "a tab separates account and amount", journal: "2024-01-05 x\n\ta\t10 CNY\n\tb \t-10 CNY\n", postings: ["a 10 CNY", "b -10 CNY"] },
    { form: "account names with single spaces", journal: "2024-01-05 x\n  assets:accounts receivable  10 CNY\n  liabilities:credit card\n", postings: ["assets:accounts receivable 10 CNY", "liabilities:credit card -10 CNY"] },
    { form: "posting status marks are dropped", journal: "2024-01-05 x\n  * a  1 X\n  !b  -1 X\n", postings: ["a 1 X", "b -1 X"] },
    { form: "posting comments and comment lines", journal: "2024-01-05 x ; t\n  ; entry comment\n  a  1 X ; posting comment\n    ; more\n  b  -1 X;tight\n", postings: ["a 1 X", "b -1 X"] },
    { form: "balanced virtual postings balance among themselves", journal: "2024-01-05 x\n  a  1 X\n  b\n  [c]  2 X\n  [d]\n", postings: ["a 1 X", "b -1 X", "c 2 X", "d -2 X"] },
    { form: "balance assertions are read and not checked", journal: "2024-01-05 x\n  a  1 X = 99 X\n  b  -1 X == -1 X\n  c  0 X =* 0 X\n  d  0 X ==* 0 X\n", postings: ["a 1 X", "b -1 X", "c 0 X", "d 0 X"] },
    { form: "CRLF line ends", journal: "2024-01-05 x\r\n  a  1 X\r\n  b\r\n", postings: ["a 1 X", "b -1 X"] },
    { form: "byte order mark", journal: "\uFEFF2024-01-05 x\n  a  1 X\n  b\n", postings: ["a 1 X", "b -1 X"] }
  ]
  for (const row of rows) {
    it(row.form, () => {
      const entries = entriesOf(row.journal)
      assert.strictEqual(entries.length, 1)
      assert.deepStrictEqual(postingsOf(entries[0]!), [...row.postings])
    })
  }

  it.prop(
    "reads every amount notation to the value it denotes under a declared decimal mark",
    [fc.constantFrom("." as const, "," as const).chain((mark) => fc.tuple(fc.constant(mark), fc.array(notatedAmount(mark), { minLength: 1, maxLength: 6 })))],
    ([[mark, amounts]]) => {
      const journal = `decimal-mark ${mark}\n2024-01-05 x\n${amounts.map((amount, index) => `  a${index}  ${amount.text}\n`).join("")}  z\n`
      const [entry] = entriesOf(journal)
      const written = entry!.postings.filter((posting) => posting.account !== "z")
      assert.deepStrictEqual(
        written.map((posting) => [posting.amount.toString(), posting.commodity]),
        amounts.map((amount) => [amount.value.toString(), amount.commodity]),
        journal
      )
    }
  )

  it("reads the header: dates in every style, secondary date, status, code, description, comment", () => {
    const entries = entriesOf(
      [
        "2024-01-05 plain",
        "  a  1 X\n  b\n",
        "2024/1/6=1/9 * (記-12) 午餐 | 食堂  ; 備註",
        "  a  1 X\n  b\n",
        "2024.12.31 !(A1)tight",
        "  a  1 X\n  b\n",
        "Y2023",
        "3/4 yearless",
        "  a  1 X\n  b\n",
        "2024-02-29",
        "  a  1 X\n  b\n"
      ].join("\n")
    )
    assert.deepStrictEqual(
      entries.map((entry) => [entry.lineNumber, entry.date, entry.secondaryDate, entry.status, entry.code, entry.description, entry.comment]),
      [
        [1, "2024-01-05", null, null, null, "plain", null],
        [5, "2024-01-06", "2024-01-09", "cleared", "記-12", "午餐 | 食堂", "備註"],
        [9, "2024-12-31", null, "pending", "A1", "tight", null],
        [14, "2023-03-04", null, null, null, "yearless", null],
        [18, "2024-02-29", null, null, null, "", null]
      ]
    )
  })

  it("records posting line numbers, inferred flags and balance assertions", () => {
    const [entry] = entriesOf("; top\n\n2024-01-05 x\n  a  1 X = 5 X\n  ; note\n  b\n")
    assert.deepStrictEqual(
      entry!.postings.map((posting) => [posting.lineNumber, posting.inferred, posting.balanceAssertion?.kind, posting.balanceAssertion?.amount.toString()]),
      [[4, false, "=", "5"], [6, true, undefined, undefined]]
    )
  })

  it("ignores comments, comment blocks, ignored directives and their sub-directives, periodic and auto rules", () => {
    const entries = entriesOf(
      [
        "; semicolon",
        "# hash",
        "* star",
        "% percent",
        "| pipe",
        "comment",
        "2024-01-01 not read",
        "  a  1 X",
        "end comment",
        "account assets:cash",
        "  note: ignored",
        "commodity CNY",
        "  format 1,000.00 CNY",
        "payee 食堂",
        "tag project",
        "P 2024-01-01 USD 7.1 CNY",
        "~ monthly",
        "  expenses:rent  100 X",
        "  assets",
        "= expenses:food",
        "  (budget:food)  -1",
        "",
        "2024-01-05 read",
        "  a  1 X",
        "  b"
      ].join("\n")
    )
    assert.deepStrictEqual(entries.map((entry) => [entry.lineNumber, entry.description]), [[23, "read"]])
  })

  it("refuses control characters and invalid UTF-8 with line and column (a NUL reached an account name)", () => {
    const nul = errorOf("2026-01-05 x\n    expenses:fo\u0000od    10.00 CNY\n    assets:cash\n")
    assert.strictEqual(nul._tag, "JournalSyntaxError")
    assert.include(nul.message, "line 2")
    assert.include(nul.message, "U+0000")
    const replaced = errorOf("2026-01-05 \uFFFD\n    expenses:food    10.00 CNY\n    assets:cash\n")
    assert.include(replaced.message, "not valid UTF-8")
    assert.include(errorOf("2026-01-05 bell\u0007\n").message, "U+0007")
    // Tabs, a byte-order mark and CRLF line endings stay fine.
    assert.lengthOf(entriesOf("\uFEFF2026-01-05 x\r\n\texpenses:food    10.00 CNY\r\n\tassets:cash\r\n"), 1)
  })

  it("keeps an entry without postings (hledger allows it)", () => {
    const entries = entriesOf("2024-01-05 nothing\n2024-01-06 next\n  a  1 X\n  b\n")
    assert.deepStrictEqual(entries.map((entry) => entry.postings.length), [0, 2])
  })
})

describe("JournalParser errors (the parser stops at the first, naming its line)", () => {
  const rows: ReadonlyArray<{ readonly name: string; readonly journal: string; readonly tag: JournalError["_tag"]; readonly line: number; readonly detail?: string }> = [
    { name: "unbalanced entry (line of its date)", journal: "; c\n2024-01-05 x\n  a  1 X\n  b  -2 X\n", tag: "JournalEntryUnbalanced", line: 2, detail: "-1" },
    { name: "unbalanced in a second entry", journal: "2024-01-05 x\n  a  1 X\n  b\n\n2024-01-06 y\n  a  1 X\n  b  1 X\n", tag: "JournalEntryUnbalanced", line: 5, detail: "2" },
    { name: "same digits, same sign", journal: "2024-01-05 x\n  a  1.5 X\n  b  1.5 X\n", tag: "JournalEntryUnbalanced", line: 1, detail: "3" },
    { name: "a balance assertion never counts towards the balance", journal: "2024-01-05 x\n  a  1 X = -1 X\n  b  1 X\n", tag: "JournalEntryUnbalanced", line: 1, detail: "2" },
    { name: "two postings without amount", journal: "2024-01-05 x\n  a  1 X\n  b\n  c\n", tag: "JournalEntryUnbalanced", line: 1 },
    { name: "single-space separator leaves the amount in the account name", journal: "2024-01-05 x\n  a 1 X\n  b\n", tag: "JournalEntryUnbalanced", line: 1 },
    { name: "bracketed postings that do not balance among themselves", journal: "2024-01-05 x\n  a  1 X\n  [b]  -1 X\n", tag: "JournalEntryUnbalanced", line: 1 },
    { name: "two commodities balancing only at an implied price", journal: "2024-01-05 x\n  a  100 EUR\n  b  -135 USD\n", tag: "JournalFeatureUnsupported", line: 1 },
    { name: "unbalanced virtual posting", journal: "2024-01-05 x\n  a  1 X\n  b  -1 X\n  (c)  5 X\n", tag: "JournalFeatureUnsupported", line: 4 },
    { name: "unit price", journal: "2024-01-05 x\n  a  1 X @ 2 Y\n  b\n", tag: "JournalFeatureUnsupported", line: 2 },
    { name: "total price", journal: "2024-01-05 x\n  a  1 X @@ 2 Y\n  b\n", tag: "JournalFeatureUnsupported", line: 2 },
    { name: "Ledger virtual cost", journal: "2024-01-05 x\n  a  1 X (@) 2 Y\n  b\n", tag: "JournalFeatureUnsupported", line: 2 },
    { name: "lot price", journal: "2024-01-05 x\n  a  1 X {2 Y}\n  b\n", tag: "JournalFeatureUnsupported", line: 2 },
    { name: "balance assignment", journal: "2024-01-05 x\n  a  = 5 X\n  b\n", tag: "JournalFeatureUnsupported", line: 2 },
    { name: "include", journal: "; c\ninclude other.journal\n", tag: "JournalFeatureUnsupported", line: 2 },
    { name: "alias", journal: "alias a = b\n", tag: "JournalFeatureUnsupported", line: 1 },
    { name: "apply account", journal: "apply account home\n", tag: "JournalFeatureUnsupported", line: 1 },
    { name: "timeclock", journal: "i 2024/01/01 08:00:00 work\n", tag: "JournalFeatureUnsupported", line: 1 },
    { name: "yearless date without Y", journal: "1/31 x\n  a  1 X\n  b\n", tag: "JournalFeatureUnsupported", line: 1 },
    { name: "unknown directive", journal: "2024-01-05 x\n  a  1 X\n  b\nfoo bar\n", tag: "JournalSyntaxError", line: 4 },
    { name: "impossible date", journal: "2024-02-30 x\n  a  1 X\n  b\n", tag: "JournalSyntaxError", line: 1 },
    { name: "month 13", journal: "2024-13-01 x\n", tag: "JournalSyntaxError", line: 1 },
    { name: "two-digit year", journal: "24-01-05 x\n", tag: "JournalSyntaxError", line: 1 },
    { name: "text glued to the date", journal: "2024-01-05x\n", tag: "JournalSyntaxError", line: 1 },
    { name: "indented line after a blank line", journal: "2024-01-05 x\n\n  a  1 X\n", tag: "JournalSyntaxError", line: 3 },
    { name: "text after the amount", journal: "2024-01-05 x\n  a  1 X Y\n  b\n", tag: "JournalSyntaxError", line: 2 },
    { name: "no number where the amount goes", journal: "2024-01-05 x\n  a  X\n  b\n", tag: "JournalSyntaxError", line: 2 },
    { name: "empty account segment", journal: "2024-01-05 x\n  a::b  1 X\n  b\n", tag: "JournalSyntaxError", line: 2 },
    { name: "unterminated quoted commodity", journal: "2024-01-05 x\n  a  \"AB 1\n  b\n", tag: "JournalSyntaxError", line: 2 },
    { name: "bad decimal-mark", journal: "decimal-mark x\n", tag: "JournalSyntaxError", line: 1 },
    { name: "group mark after the decimal mark", journal: "2024-01-05 x\n  a  1,000.5,3 X\n  b\n", tag: "JournalAmountInvalid", line: 2 },
    { name: "mixed group marks", journal: "2024-01-05 x\n  a  1,000.000,000.5 X\n  b\n", tag: "JournalAmountInvalid", line: 2 },
    { name: "too many digits", journal: `2024-01-05 x\n  a  ${"9".repeat(Limits.amountDigitsMax + 1)} X\n  b\n`, tag: "JournalAmountInvalid", line: 2 },
    { name: "exponent out of range", journal: "2024-01-05 x\n  a  1E99 X\n  b\n", tag: "JournalAmountInvalid", line: 2 },
    { name: "line too long", journal: `2024-01-05 ${"x".repeat(Limits.journalLineLengthMax)}\n`, tag: "JournalLimitExceeded", line: 1 },
    { name: "account name too long", journal: `2024-01-05 x\n  ${"a".repeat(Limits.journalAccountNameLengthMax + 1)}  1 X\n  b\n`, tag: "JournalLimitExceeded", line: 2 }
  ]
  for (const row of rows) {
    it(`${row.tag} at line ${row.line}: ${row.name}`, () => {
      const error = errorOf(row.journal)
      assert.strictEqual(error._tag, row.tag, error.message)
      assert.strictEqual(error.line, row.line, error.message)
      if (row.detail !== undefined && error._tag === "JournalEntryUnbalanced") assert.strictEqual(error.sum, row.detail)
      assert.include(error.message, `line ${row.line}`)
    })
  }

  it("too many postings in one entry", () => {
    const postings = Array.from({ length: Limits.journalPostingsPerEntryMax + 1 }, () => "  a  0 X").join("\n")
    const error = errorOf(`2024-01-05 x\n${postings}\n`)
    assert.strictEqual(error._tag, "JournalLimitExceeded")
    assert.strictEqual(error.line, Limits.journalPostingsPerEntryMax + 2)
  })

  it("a syntax error carries the column and a cut excerpt", () => {
    const error = errorOf(`2024-01-05 x\n  a  1 X ${"y".repeat(300)}\n`)
    assert.strictEqual(error._tag, "JournalSyntaxError")
    if (error._tag !== "JournalSyntaxError") return
    assert.strictEqual(error.column, 10)
    assert.isAtMost(error.text.length, 201)
  })

  it("a line longer than the limit fails while still buffered, before its newline arrives", () => {
    const parser = makeJournalParser()
    const result = parser.push("x".repeat(Limits.journalLineLengthMax + 10))
    assert.isTrue(Either.isLeft(result))
  })

  it("after an error every call returns that error and no entries", () => {
    const parser = makeJournalParser()
    const first = parser.push("2024-01-05 x\n  a  1 X\n  b  1 X\n\n")
    const again = parser.push("2024-01-06 y\n  a  1 X\n  b\n")
    const end = parser.end()
    assert.isTrue(Either.isLeft(first) && Either.isLeft(again) && Either.isLeft(end))
    if (Either.isLeft(first) && Either.isLeft(end)) assert.strictEqual(end.left, first.left)
  })
})

describe("JournalParser streaming", () => {
  const journal = readFileSync(fileURLToPath(new URL("../../fixtures/journal/mess-hall.journal", import.meta.url)), "utf8")

  it("completes an entry only when the next line shows it has ended", () => {
    const parser = makeJournalParser()
    const first = parser.push("2024-01-05 x\n  a  1 X\n  b\n")
    const second = parser.push("2024-01-06 y\n")
    const last = parser.end()
    assert.deepStrictEqual(
      [first, second, last].map((result) => Either.getOrThrow(result).map((entry) => entry.description)),
      [[], ["x"], ["y"]]
    )
  })

  it.prop("gives the same entries however the text is cut into chunks", [fc.array(fc.nat({ max: journal.length }), { maxLength: 40 })], ([cuts]) => {
    const points = [...new Set(cuts)].sort((left, right) => left - right)
    const parser = makeJournalParser()
    const entries: Array<JournalEntry> = []
    let previous = 0
    for (const point of [...points, journal.length]) {
      entries.push(...Either.getOrThrow(parser.push(journal.slice(previous, point))))
      previous = point
    }
    entries.push(...Either.getOrThrow(parser.end()))
    const whole = entriesOf(journal)
    assert.deepStrictEqual(entries.map((entry) => [entry.lineNumber, postingsOf(entry)]), whole.map((entry) => [entry.lineNumber, postingsOf(entry)]))
  })
})

describe("JournalParser on a realistic journal", () => {
  const journal = readFileSync(fileURLToPath(new URL("../../fixtures/journal/mess-hall.journal", import.meta.url)), "utf8")

  it("reads the mess-hall fixture to the totals hledger 1.25 reports (hledger -f … bal -N --flat)", () => {
    const entries = entriesOf(journal)
    assert.strictEqual(entries.length, 10)
    assert.deepStrictEqual(entries.map((entry) => entry.date), [
      "2024-01-01", "2024-01-15", "2024-01-03", "2024-01-10", "2024-02-01",
      "2024-01-20", "2024-02-05", "2024-01-31", "2024-02-10", "2024-02-15"
    ])
    const totals = new Map<string, string>()
    for (const entry of entries) {
      for (const posting of entry.postings) {
        const key = `${posting.account} ${posting.commodity}`
        const before = totals.get(key)
        totals.set(key, before === undefined ? posting.amount.toString() : posting.amount.plus(before).toString())
      }
    }
    assert.deepStrictEqual(Object.fromEntries([...totals].filter(([, total]) => total !== "0").sort()), {
      "assets:cash CNY": "650",
      "assets:cash ¥": "-35.5",
      "equity:owner CNY": "-50",
      "expenses:office ¥": "35.5",
      "expenses:utilities:gas CNY": "210.3",
      "liabilities:credit card CNY": "-110.3",
      "liabilities:employee loans CNY": "-200",
      "收入:伙食費 CNY": "-12300",
      "權益:期初餘額 CNY": "-59200.5",
      "費用:伙食:主食:大米 CNY": "860",
      "費用:伙食:主食:麵粉 CNY": "240",
      "費用:伙食:副食:肉類 CNY": "987.6",
      "費用:伙食:副食:蔬菜 CNY": "312.4",
      "費用:伙食:副食:調料 CNY": "45",
      "費用:水電 CNY": "10",
      "費用:水電:水費 CNY": "65.5",
      "費用:水電:電費 CNY": "180",
      "資產:現金 CNY": "-155.5",
      "資產:銀行存款:工商銀行 CNY": "60955",
      "資產:銀行存款:招商銀行 CNY": "7500.5"
    })
  })
})
