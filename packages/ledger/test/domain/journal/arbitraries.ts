// Random balanced journal entries for the journal writer and hledger oracle properties:
// Chinese and ASCII account names of two to four levels, two or more postings, several
// commodities (each balanced on its own), exact decimals of up to four places.
import { Dec } from "@danju/core"
import * as fc from "fast-check"
import type { JournalWriterEntry, JournalWriterPosting } from "../../../src/domain/journal"

const topLevelNames = ["assets", "liabilities", "equity", "income", "expenses", "資產", "負債", "權益", "收入", "費用", "misc"]

const word = fc.stringOf(
  fc.constantFrom(..."abcxyzABC0129-_&'/資產銀行現金費用伙食收入招商糧油".split("")),
  { minLength: 1, maxLength: 6 }
)

/** A segment of safe characters, possibly with single inner spaces. */
export const safeSegment: fc.Arbitrary<string> = fc.array(word, { minLength: 1, maxLength: 2 }).map((words) => words.join(" "))

/** A journal account name of two to four levels. */
export const safeAccount: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...topLevelNames), fc.array(safeSegment, { minLength: 1, maxLength: 3 }))
  .map(([top, rest]) => [top, ...rest].join(":"))

/** Commodities as hledger reads them: bare, glued symbols, quoted, and none. */
export const commodity: fc.Arbitrary<string> = fc.constantFrom("CNY", "USD", "¥", "元", "", "ABC 1")

/** An exact decimal of up to 12 integer digits and 0–4 decimals, either sign. */
export const amount: fc.Arbitrary<Dec> = fc
  .tuple(fc.bigInt({ min: -(10n ** 16n), max: 10n ** 16n }), fc.integer({ min: 0, max: 4 }))
  .map(([units, scale]) => new Dec(units.toString()).dividedBy(new Dec(10).pow(scale)))

/** A calendar date `YYYY-MM-DD` (days 1–28, valid in every month). */
export const date: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 2000, max: 2030 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
  .map(([year, month, day]) => `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`)

/** A description of safe characters (may be empty). */
export const safeDescription: fc.Arbitrary<string> = fc.array(word, { maxLength: 4 }).map((words) => words.join(" "))

/**
 * Balanced entries: free postings, then per commodity one posting that balances it
 * (so an entry in two commodities balances in each).
 */
export const balancedEntry = (
  accountArbitrary: fc.Arbitrary<string> = safeAccount,
  descriptionArbitrary: fc.Arbitrary<string> = safeDescription
): fc.Arbitrary<JournalWriterEntry> =>
  fc
    .tuple(
      date,
      descriptionArbitrary,
      fc.array(fc.tuple(accountArbitrary, amount, commodity), { minLength: 1, maxLength: 4 }),
      fc.array(accountArbitrary, { minLength: 4, maxLength: 4 })
    )
    .map(([entryDate, description, free, balancingAccounts]) => {
      const postings: Array<JournalWriterPosting> = free.map(([account, value, symbol]) => ({ account, amount: value, commodity: symbol }))
      const sums = new Map<string, Dec>()
      for (const posting of postings) sums.set(posting.commodity, (sums.get(posting.commodity) ?? new Dec(0)).plus(posting.amount))
      let index = 0
      for (const [symbol, sum] of sums) {
        postings.push({ account: balancingAccounts[index++ % balancingAccounts.length]!, amount: sum.negated(), commodity: symbol })
      }
      return { date: entryDate, description, postings }
    })

/** An amount written in one of the notations hledger reads, with the value it denotes. */
export interface NotatedAmount {
  readonly text: string
  readonly value: Dec
  readonly commodity: string
}

const symbols: ReadonlyArray<{ readonly written: string; readonly commodity: string; readonly glued: boolean }> = [
  { written: "$", commodity: "$", glued: true },
  { written: "¥", commodity: "¥", glued: true },
  { written: "€", commodity: "€", glued: true },
  { written: "元", commodity: "元", glued: true },
  { written: "CNY", commodity: "CNY", glued: false },
  { written: "\"ABC 1\"", commodity: "ABC 1", glued: false },
  { written: "", commodity: "", glued: false }
]

/**
 * Amounts in hledger's notations under a journal whose decimal mark is `mark`: digit
 * groups (the other mark, or spaces), symbols on either side, glued or spaced, the sign
 * before or after a left symbol.
 */
export const notatedAmount = (mark: "." | ","): fc.Arbitrary<NotatedAmount> =>
  fc
    .tuple(
      fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
      fc.integer({ min: 0, max: 3 }),
      fc.constantFrom("none", "mark", "space"),
      fc.constantFrom(...symbols),
      fc.constantFrom("left", "right"),
      fc.boolean()
    )
    .map(([units, scale, grouping, symbol, side, signFirst]) => {
      const value = new Dec(units.toString()).dividedBy(new Dec(10).pow(scale))
      const [integerPart = "0", fraction = ""] = value.abs().toFixed(scale).split(".")
      const groupMark = grouping === "space" ? " " : mark === "." ? "," : "."
      const integerText = grouping === "none" ? integerPart : integerPart.replace(/\B(?=(\d{3})+(?!\d))/g, groupMark)
      const number = integerText + (fraction === "" ? "" : mark + fraction)
      const sign = value.isNegative() && !value.isZero() ? "-" : ""
      const gap = symbol.glued ? "" : " "
      const text = symbol.written === ""
        ? sign + number
        : side === "left"
        ? (signFirst ? sign + symbol.written + gap + number : symbol.written + gap + sign + number)
        : sign + number + gap + symbol.written
      return { text, value, commodity: symbol.commodity }
    })
