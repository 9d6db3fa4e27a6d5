// Proves that the journal writer produces text the journal reader reads back to the same
// entries (a fast-check round trip), that names and descriptions hledger would misread
// are mapped to their documented look-alikes, and that whatever text it is given the
// written journal is a fixed point: reading and writing it again changes nothing.
import { assert, describe, it } from "@effect/vitest"
import { decimal } from "@danju/core"
import { Either } from "effect"
import * as fc from "fast-check"
import type { JournalEntry, JournalWriterEntry } from "../../../src/domain/journal"
import { accountFullName, formatAmount, formatCommodity, formatHeaderComment, formatJournalEntry, parseJournalText } from "../../../src/domain/journal"
import { balancedEntry, safeSegment } from "./arbitraries"

const parseOne = (text: string): JournalEntry => {
  const result = parseJournalText(text)
  if (Either.isLeft(result)) assert.fail(`the writer's output does not parse: ${result.left.message}\n${text}`)
  assert.strictEqual(result.right.length, 1)
  return result.right[0]!
}

const asWriterEntry = (entry: JournalEntry): JournalWriterEntry => ({
  date: entry.date,
  description: entry.description,
  code: entry.code,
  comment: entry.comment,
  postings: entry.postings.map((posting) => ({ account: posting.account, amount: posting.amount, commodity: posting.commodity }))
})

describe("JournalWriter", () => {
  it("writes the date line, two or more spaces before right-aligned amounts, commodity after a space", () => {
    const text = formatJournalEntry({
      date: "2024-01-05",
      description: "午餐",
      code: "記-12",
      comment: "食堂",
      postings: [
        { account: "費用:伙食", amount: decimal("12.50"), commodity: "CNY" },
        { account: "資產:現金:零用金", amount: decimal("-12.50"), commodity: "CNY" },
        { account: "a", amount: decimal("0"), commodity: "" }
      ]
    })
    assert.strictEqual(
      text,
      "2024-01-05 (記-12) 午餐  ; 食堂\n" +
        "    費用:伙食       12.5 CNY\n" +
        "    資產:現金:零用金  -12.5 CNY\n" +
        "    a                  0\n"
    )
  })

  it("matches the formatJournalEntry doc example", () => {
    const text = formatJournalEntry({
      date: "2024-01-05",
      description: "午餐",
      postings: [
        { account: "費用:伙食", amount: decimal("12.50"), commodity: "CNY" },
        { account: "資產:現金", amount: decimal("-12.50"), commodity: "CNY" }
      ]
    })
    assert.strictEqual(text, "2024-01-05 午餐\n    費用:伙食   12.5 CNY\n    資產:現金  -12.5 CNY\n")
  })

  it("maps text hledger would misread to documented look-alikes", () => {
    assert.strictEqual(accountFullName(["資產", "應收:甲公司"]), "資產:應收：甲公司")
    assert.strictEqual(accountFullName(["a  b\tc\u3000\u3000d", " e ", ""]), "a b c d:e:_")
    assert.strictEqual(accountFullName(["x;y"]), "x；y")
    assert.strictEqual(accountFullName(["(virtual)"]), "（virtual)")
    assert.strictEqual(accountFullName(["[bracketed]"]), "［bracketed]")
    assert.strictEqual(accountFullName(["* starred"]), "＊ starred")
    assert.strictEqual(accountFullName(["! pending"]), "！ pending")
    assert.strictEqual(accountFullName(["# hash"]), "＃ hash")
    assert.strictEqual(formatCommodity("ABC 1"), "\"ABC 1\"")
    assert.strictEqual(formatCommodity("a\"b"), "a＂b")
    assert.strictEqual(formatCommodity("¥"), "¥")
    assert.strictEqual(formatAmount(decimal("-1234.50"), "CNY"), "-1234.5 CNY")
    assert.strictEqual(formatAmount(decimal("0.00000001"), ""), "0.00000001")
    const header = formatJournalEntry({ date: "2024-01-05", description: " *a;b\nc ", code: "x)y", postings: [] })
    assert.strictEqual(header, "2024-01-05 (x）y) ＊a；b c\n")
  })

  it("writes header comments line by line", () => {
    assert.strictEqual(formatHeaderComment(["Danju export", "", "a\nb"]), "; Danju export\n;\n; a\n; b\n")
    const parsed = parseJournalText(formatHeaderComment(["x", "2024-01-01 not an entry"]))
    assert.deepStrictEqual(Either.getOrThrow(parsed), [])
  })

  it.prop("round trip: format then parse gives the same entries", [balancedEntry()], ([entry]) => {
    const parsed = parseOne(formatJournalEntry(entry))
    assert.strictEqual(parsed.date, entry.date)
    assert.strictEqual(parsed.description, entry.description)
    assert.deepStrictEqual(
      parsed.postings.map((posting) => [posting.account, posting.amount.toString(), posting.commodity]),
      entry.postings.map((posting) => [posting.account, posting.amount.toString(), posting.commodity])
    )
  })

  it.prop(
    "any text: the written journal parses, accounts read back as accountFullName, and it is a fixed point",
    [balancedEntry(
      fc.array(fc.oneof(fc.fullUnicodeString({ maxLength: 8 }), safeSegment), { minLength: 1, maxLength: 4 }).map((segments) => segments.join(":")),
      fc.fullUnicodeString({ maxLength: 30 })
    ), fc.option(fc.fullUnicodeString({ maxLength: 10 })), fc.option(fc.fullUnicodeString({ maxLength: 20 }))],
    ([entry, code, comment]) => {
      const text = formatJournalEntry({ ...entry, code, comment })
      const parsed = parseOne(text)
      assert.deepStrictEqual(
        parsed.postings.map((posting) => [posting.account, posting.amount.toString(), posting.commodity]),
        entry.postings.map((posting) => [accountFullName(posting.account.split(":")), posting.amount.toString(), posting.commodity])
      )
      assert.strictEqual(formatJournalEntry(asWriterEntry(parsed)), text)
    }
  )
})
