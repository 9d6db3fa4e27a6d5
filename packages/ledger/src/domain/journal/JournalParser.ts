/**
 * Reads plain-text journals in the hledger / Ledger format, incrementally: the caller
 * feeds chunks of text as it reads them (a file stream, an upload) and gets back the
 * entries completed so far, so memory stays bounded by one entry and one line however
 * long the journal is. Pure: no I/O, no clock.
 *
 * What is read (a subset of hledger 1.25's journal format, with hledger's meanings):
 * - entries: `DATE[=DATE2] [*|!] [(CODE)] DESCRIPTION [; comment]`; dates `YYYY-MM-DD`,
 *   `YYYY/MM/DD`, `YYYY.MM.DD`, one-digit months and days, and `M/D` after a `Y`/`year`
 *   directive; postings indented by at least one space or tab: `[*|!] ACCOUNT`, then two
 *   or more spaces or a tab, then an optional amount and balance assertion, then an
 *   optional `; comment`; indented `;` comment lines anywhere inside an entry;
 * - amounts: `123.45 CNY`, `CNY 123.45`, `-1,234.56 CNY`, `¥123`, `$-12.00`, `-$12`,
 *   `1 000 CNY`, `"ABC 1" 10`, `10 "ABC 1"`, `1E3 X`, a bare number (the default
 *   commodity: the `D` directive's, else the option, else hledger's no-symbol
 *   commodity `""`). Decimal marks follow hledger: a `decimal-mark` directive, else the
 *   mark a `commodity` or `D` directive shows for that commodity, else a number with a
 *   single `.` or `,` takes it as the decimal mark (hledger reads `1,000` as 1 unless
 *   told otherwise), and repeated or earlier marks are digit group marks;
 * - balanced virtual postings `[account]` are treated as real postings (they balance
 *   among themselves, and an amount left out of one takes their balance);
 * - balance assertions `= AMOUNT`, `==`, `=*`, `==*` are recorded on the posting and not
 *   checked (an import replays the postings; hledger checks them when it reads the
 *   journal);
 * - comments: lines starting with `;` `#` `*` `%` `|`, `comment` … `end comment` blocks;
 * - directives: `D` (default commodity), `decimal-mark`, `commodity` (its decimal mark),
 *   `Y`/`year` (default year); ignored: `account`, `payee`, `tag`, `P`, and periodic
 *   (`~`) and auto-posting (`=`) rules, which plain `hledger balance` ignores too.
 *
 * Refused with a typed error naming the line (the parser stops at the first one):
 * {@link JournalFeatureUnsupported} for unbalanced virtual postings `(account)`,
 * transaction prices `@`/`@@`, lot prices and dates, balance assignments, `include`,
 * `alias`, `apply account`, timeclock and other Ledger-only directives, and entries in
 * two commodities that balance only at an inferred exchange rate;
 * {@link JournalEntryUnbalanced}; {@link JournalAmountInvalid}; {@link JournalSyntaxError};
 * {@link JournalLimitExceeded}.
 *
 * Balancing is exact, per commodity: hledger 1.25 forgives differences below the display
 * precision a `commodity` directive declares; Danju's books do not. A single tab ends an
 * account name, as in Ledger and later hledger versions (hledger 1.25 still reads it as
 * part of the name); the writer never writes tabs.
 *
 * Memory: one line (at most `Limits.journalLineLengthMax`), the entry being read, and
 * the entries completed within one pushed chunk.
 *
 * @since 0.1.0
 */
import { Dec, Limits, decimalToString } from "@danju/core"
import { Either } from "effect"
import type { JournalError } from "./JournalErrors"
import {
  JournalAmountInvalid,
  JournalEntryUnbalanced,
  JournalFeatureUnsupported,
  JournalLimitExceeded,
  JournalSyntaxError,
  journalExcerpt
} from "./JournalErrors"

// ── model ────────────────────────────────────────────────────────────────────

/**
 * A balance assertion written after a posting amount (`= 100 CNY`): the balance the
 * account should have after the posting. `kind` is the operator as written (`=` single
 * commodity, `==` sole commodity, `*` forms include sub-accounts). Recorded, never checked.
 *
 * @since 0.1.0
 */
export interface JournalBalanceAssertion {
  readonly kind: "=" | "==" | "=*" | "==*"
  readonly amount: Dec
  readonly commodity: string
}

/**
 * One posting of a journal entry, after balancing: every posting has an amount. A
 * posting whose amount the journal left out takes the negated sum of the others; when
 * the others are in several commodities it becomes one posting per commodity (as
 * hledger does), all with the same line number and `inferred: true`.
 *
 * @since 0.1.0
 */
export interface JournalPosting {
  /** 1-based line of the posting in the journal. */
  readonly lineNumber: number
  /** The full `:`-separated account name, as written (brackets of `[account]` removed). */
  readonly account: string
  readonly amount: Dec
  /** The commodity symbol without quotes; `""` is hledger's no-symbol commodity. */
  readonly commodity: string
  /** True when the journal left the amount out and it was inferred to balance the entry. */
  readonly inferred: boolean
  readonly balanceAssertion: JournalBalanceAssertion | null
}

/**
 * hledger's status mark of an entry: `*` cleared, `!` pending, none unmarked (null).
 *
 * @since 0.1.0
 */
export type JournalEntryStatus = "cleared" | "pending" | null

/**
 * One balanced journal entry (an hledger "transaction").
 *
 * @since 0.1.0
 */
export interface JournalEntry {
  /** 1-based line of the entry's date line. */
  readonly lineNumber: number
  /** The primary date, normalized to `YYYY-MM-DD`. */
  readonly date: string
  /** The secondary date (`DATE=DATE2`), normalized, or null. */
  readonly secondaryDate: string | null
  readonly status: JournalEntryStatus
  /** The text between parentheses before the description, or null. */
  readonly code: string | null
  /** The description, trimmed; may be empty. */
  readonly description: string
  /** The comment on the date line (after `;`), trimmed, or null. Other comments are dropped. */
  readonly comment: string | null
  /** The postings in journal order; an entry may have none (hledger allows it). */
  readonly postings: ReadonlyArray<JournalPosting>
}

/**
 * Options of a journal parser.
 *
 * @since 0.1.0
 */
export interface JournalParserOptions {
  /**
   * Commodity of bare numbers until a `D` directive says otherwise; default `""`
   * (hledger's no-symbol commodity).
   */
  readonly defaultCommodity?: string
}

/**
 * An incremental journal parser. Feed it text with {@link JournalParser.push} in chunks
 * of any size (lines may be split anywhere, `\r\n` and `\n` both end lines), then call
 * {@link JournalParser.end}. Each call returns the entries completed since the previous
 * call, or the first error; after an error every call returns that error.
 *
 * @since 0.1.0
 */
export interface JournalParser {
  /** Parses a chunk; returns the entries it completed. */
  readonly push: (chunk: string) => Either.Either<ReadonlyArray<JournalEntry>, JournalError>
  /** Parses what is left (a last line without newline) and returns the last entries. */
  readonly end: () => Either.Either<ReadonlyArray<JournalEntry>, JournalError>
}

// ── character classes ────────────────────────────────────────────────────────

const SPACE = 32
const TAB = 9
const QUOTE = 34
const SEMICOLON = 59
const DIGIT_0 = 48
const DIGIT_9 = 57
const MINUS = 45
const PLUS = 43
const PERIOD = 46
const COMMA = 44
const EQUALS = 61
const AT = 64
const STAR = 42
const BANG = 33
const PAREN_OPEN = 40
const PAREN_CLOSE = 41
const BRACKET_OPEN = 91
const BRACKET_CLOSE = 93
const BRACE_OPEN = 123
const COLON = 58

const isDigit = (code: number): boolean => code >= DIGIT_0 && code <= DIGIT_9
const isBlank = (code: number): boolean => code === SPACE || code === TAB

// hledger's characters that cannot appear in an unquoted commodity symbol
// (`0-9 - + . @ * ; " { } =` and whitespace).
const isSimpleCommodityCharacter = (code: number): boolean =>
  !(
    isDigit(code) || code === SPACE || code === TAB || code === MINUS || code === PLUS || code === PERIOD ||
    code === AT || code === STAR || code === SEMICOLON || code === QUOTE || code === BRACE_OPEN ||
    code === 125 /* } */ || code === EQUALS || code === 10 || code === 13 || Number.isNaN(code)
  )

const skipBlanks = (text: string, from: number): number => {
  let index = from
  while (index < text.length && isBlank(text.charCodeAt(index))) index++
  return index
}

// ── amounts ──────────────────────────────────────────────────────────────────

type DecimalMark = "." | ","

/** Parser state the amount reader needs. */
interface AmountContext {
  readonly decimalMark: DecimalMark | null
  readonly commodityDecimalMarks: ReadonlyMap<string, DecimalMark>
  readonly defaultCommodity: string
  /** The last commodity symbol read, reused when the next is the same (saves a string per amount). */
  lastCommodity: string
}

/** Where {@link readAmount} puts what it read (reused: the parser reads millions of amounts). */
interface AmountScratch {
  amount: Dec
  /** The unsigned plain digits the amount was made from (`""` after an exponent). */
  digits: string
  negative: boolean
  commodity: string
  /** Index just after the amount (and its right-side commodity). */
  end: number
}

const plainNumberPattern = /^[0-9]+(?:\.[0-9]+)?$/

/**
 * The plain decimal (`1234.5`, unsigned) a number written with marks denotes, following
 * hledger's rules; or why it is invalid.
 */
const interpretNumber = (raw: string, declaredMark: DecimalMark | null): { readonly plain: string } | { readonly reason: string } => {
  // Positions of every mark (non-digit).
  const marks: Array<number> = []
  for (let index = 0; index < raw.length; index++) {
    if (!isDigit(raw.charCodeAt(index))) marks.push(index)
  }
  if (marks.length === 0) return { plain: raw }
  let decimalIndex = -1
  const lastIndex = marks[marks.length - 1]!
  const last = raw[lastIndex]!
  if (declaredMark !== null) {
    for (const index of marks) {
      if (raw[index] === declaredMark) {
        if (decimalIndex !== -1) return { reason: "more than one decimal mark" }
        decimalIndex = index
      }
    }
    if (decimalIndex !== -1 && decimalIndex !== lastIndex) return { reason: "digit group mark after the decimal mark" }
  } else if (last !== " ") {
    let sameAsLast = 0
    for (const index of marks) if (raw[index] === last) sameAsLast++
    // A mark that appears once and last is the decimal mark (hledger: `1,000` is 1);
    // a mark repeated is a digit group mark.
    if (sameAsLast === 1) decimalIndex = lastIndex
  }
  let groupMark: string | null = null
  for (const index of marks) {
    if (index === decimalIndex) continue
    const mark = raw[index]!
    if (groupMark === null) groupMark = mark
    else if (mark !== groupMark) return { reason: "mixed digit group marks" }
    if (!isDigit(raw.charCodeAt(index - 1)) || !isDigit(raw.charCodeAt(index + 1))) {
      return { reason: "a digit group mark must stand between digits" }
    }
  }
  let digits = ""
  for (let index = 0; index < raw.length; index++) {
    if (index === decimalIndex) digits += "."
    else if (isDigit(raw.charCodeAt(index))) digits += raw[index]
  }
  if (digits.startsWith(".")) digits = "0" + digits
  if (digits.endsWith(".")) digits = digits.slice(0, -1)
  if (digits.length === 0) return { reason: "no digits" }
  return { plain: digits }
}

/** Significant digits of a plain unsigned decimal (leading zeros of the integer part do not count). */
const significantDigitCount = (plain: string): number => {
  let start = 0
  while (start < plain.length - 1 && plain.charCodeAt(start) === DIGIT_0 && plain.charCodeAt(start + 1) !== PERIOD) start++
  const point = plain.indexOf(".", start)
  return plain.length - start - (point === -1 ? 0 : 1)
}

const exponentMax = Limits.amountDigitsMax
const amountAbsoluteLimit = new Dec(10).pow(Limits.amountDigitsMax)

/** Reads a quoted or bare commodity symbol at `from`; returns its end, or -1 for none, or an error. */
const commodityEnd = (line: string, from: number, lineNumber: number): number | JournalSyntaxError => {
  const code = line.charCodeAt(from)
  if (code === QUOTE) {
    const close = line.indexOf("\"", from + 1)
    if (close === -1) {
      return new JournalSyntaxError({ line: lineNumber, column: from + 1, reason: "unterminated quoted commodity", text: journalExcerpt(line) })
    }
    return close + 1
  }
  if (!isSimpleCommodityCharacter(code)) return -1
  let index = from + 1
  while (index < line.length && isSimpleCommodityCharacter(line.charCodeAt(index))) index++
  return index
}

/** The symbol of a commodity read from `from` to `end` (quotes removed). */
const commoditySymbol = (line: string, from: number, end: number): string =>
  line.charCodeAt(from) === QUOTE ? line.slice(from + 1, end - 1) : line.slice(from, end)

/**
 * Reads an amount starting at `from` (not at a blank): optional sign, optional left
 * commodity, optional sign, number with marks, optional exponent, optional right
 * commodity. Fills `scratch`, or returns the error.
 */
const readAmount = (
  line: string,
  from: number,
  lineNumber: number,
  context: AmountContext,
  scratch: AmountScratch
): JournalAmountInvalid | JournalSyntaxError | undefined => {
  let index = from
  let negative = false
  let code = line.charCodeAt(index)
  if (code === MINUS || code === PLUS) {
    negative = code === MINUS
    index = skipBlanks(line, index + 1)
    code = line.charCodeAt(index)
  }
  let commodity: string | null = null
  if (!isDigit(code)) {
    const leftEnd = commodityEnd(line, index, lineNumber)
    if (typeof leftEnd !== "number") return leftEnd
    if (leftEnd !== -1) {
      commodity = commoditySymbol(line, index, leftEnd)
      index = skipBlanks(line, leftEnd)
      code = line.charCodeAt(index)
      if (code === MINUS || code === PLUS) {
        if (code === MINUS) negative = !negative
        index = skipBlanks(line, index + 1)
      }
    }
  }
  // The number: digits, `.` and `,` marks, and single spaces between digits (a space
  // digit group mark, `1 000`).
  const numberStart = index
  let sawDigit = false
  let plainSoFar = true
  while (index < line.length) {
    code = line.charCodeAt(index)
    if (isDigit(code)) {
      sawDigit = true
      index++
    } else if (code === PERIOD || code === COMMA) {
      if (code === COMMA) plainSoFar = false
      index++
    } else if (code === SPACE && index > numberStart && isDigit(line.charCodeAt(index - 1)) && isDigit(line.charCodeAt(index + 1))) {
      plainSoFar = false
      index++
    } else break
  }
  if (!sawDigit) {
    return new JournalSyntaxError({
      line: lineNumber,
      column: numberStart + 1,
      reason: "expected an amount (a number with an optional commodity)",
      text: journalExcerpt(line)
    })
  }
  const numberEnd = index
  // Scientific notation, as hledger accepts (`1E3`); `10EUR` stays a commodity.
  let exponent = 0
  code = line.charCodeAt(index)
  if (code === 69 /* E */ || code === 101 /* e */) {
    let probe = index + 1
    const signCode = line.charCodeAt(probe)
    if (signCode === MINUS || signCode === PLUS) probe++
    if (isDigit(line.charCodeAt(probe))) {
      while (isDigit(line.charCodeAt(probe))) probe++
      exponent = Number(line.slice(index + 1, probe))
      index = probe
      if (Math.abs(exponent) > exponentMax) {
        return new JournalAmountInvalid({ line: lineNumber, text: line.slice(from, index), reason: `exponent beyond ±${exponentMax}` })
      }
    }
  }
  if (commodity === null) {
    const rightStart = skipBlanks(line, index)
    const rightEnd = commodityEnd(line, rightStart, lineNumber)
    if (typeof rightEnd !== "number") return rightEnd
    if (rightEnd !== -1) {
      const last = context.lastCommodity
      commodity = rightEnd - rightStart === last.length && line.startsWith(last, rightStart)
        ? last
        : (context.lastCommodity = commoditySymbol(line, rightStart, rightEnd))
      index = rightEnd
    }
  }
  const symbol = commodity ?? context.defaultCommodity
  const declaredMark = context.decimalMark ?? (context.commodityDecimalMarks.size === 0 ? null : context.commodityDecimalMarks.get(symbol) ?? null)
  let raw = line.slice(numberStart, numberEnd)
  // Fast path: digits with at most one `.` that is the decimal mark.
  const verbatim = plainSoFar && declaredMark !== "," && plainNumberPattern.test(raw)
  if (!verbatim) {
    const interpreted = interpretNumber(raw, declaredMark)
    if ("reason" in interpreted) {
      return new JournalAmountInvalid({ line: lineNumber, text: line.slice(from, index).trim(), reason: interpreted.reason })
    }
    raw = interpreted.plain
  }
  if (raw.length > Limits.amountDigitsMax && significantDigitCount(raw) > Limits.amountDigitsMax) {
    return new JournalAmountInvalid({
      line: lineNumber,
      text: line.slice(from, index).trim(),
      reason: `more than ${Limits.amountDigitsMax} significant digits`
    })
  }
  // A minus right before the digits is sliced with them rather than concatenated.
  let amount = new Dec(
    negative ? (verbatim && line.charCodeAt(numberStart - 1) === MINUS ? line.slice(numberStart - 1, numberEnd) : "-" + raw) : raw
  )
  if (exponent !== 0) {
    amount = amount.times(new Dec(10).pow(exponent))
    if (amount.abs().gte(amountAbsoluteLimit) || amount.decimalPlaces() > Limits.amountDigitsMax) {
      return new JournalAmountInvalid({ line: lineNumber, text: line.slice(from, index).trim(), reason: "out of range" })
    }
  }
  scratch.amount = amount
  scratch.digits = exponent === 0 ? raw : ""
  scratch.negative = negative
  scratch.commodity = symbol
  scratch.end = index
  return undefined
}

// ── dates ────────────────────────────────────────────────────────────────────

const datePattern = /^([0-9]+)([-/.])([0-9]{1,2})(?:\2([0-9]{1,2}))?/

const daysInMonth = (year: number, month: number): number =>
  month === 2
    ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28)
    : month === 4 || month === 6 || month === 9 || month === 11
    ? 30
    : 31

const pad2 = (value: number): string => (value < 10 ? "0" + value : String(value))

type DateResult =
  | { readonly date: string; readonly year: number; readonly length: number }
  | { readonly reason: string; readonly yearless?: true }

/** Reads a simple date at the start of `text`; `defaultYear` completes `M/D`. */
const readDate = (text: string, defaultYear: number | null): DateResult => {
  // Fast path for the normalized form `YYYY-MM-DD`, by far the most common.
  if (
    text.length >= 10 && text.charCodeAt(4) === MINUS && text.charCodeAt(7) === MINUS && !isDigit(text.charCodeAt(10)) &&
    isDigit(text.charCodeAt(0)) && isDigit(text.charCodeAt(1)) && isDigit(text.charCodeAt(2)) && isDigit(text.charCodeAt(3)) &&
    isDigit(text.charCodeAt(5)) && isDigit(text.charCodeAt(6)) && isDigit(text.charCodeAt(8)) && isDigit(text.charCodeAt(9))
  ) {
    const year = (text.charCodeAt(0) - DIGIT_0) * 1000 + (text.charCodeAt(1) - DIGIT_0) * 100 +
      (text.charCodeAt(2) - DIGIT_0) * 10 + (text.charCodeAt(3) - DIGIT_0)
    const month = (text.charCodeAt(5) - DIGIT_0) * 10 + (text.charCodeAt(6) - DIGIT_0)
    const day = (text.charCodeAt(8) - DIGIT_0) * 10 + (text.charCodeAt(9) - DIGIT_0)
    if (
      year >= Limits.calendarYearMin && year <= Limits.calendarYearMax && month >= 1 && month <= 12 && day >= 1 &&
      day <= daysInMonth(year, month)
    ) {
      return { date: text.length === 10 ? text : text.slice(0, 10), year, length: 10 }
    }
  }
  const match = datePattern.exec(text)
  if (match === null) return { reason: "expected a date such as 2024-01-31" }
  let year: number
  let month: number
  let day: number
  if (match[4] !== undefined) {
    if (match[1]!.length !== 4) return { reason: "the year of a date has four digits" }
    year = Number(match[1])
    month = Number(match[3])
    day = Number(match[4])
  } else {
    if (defaultYear === null) return { reason: "a date without year needs a preceding Y directive", yearless: true }
    if (match[1]!.length > 2) return { reason: "expected a date such as 2024-01-31" }
    year = defaultYear
    month = Number(match[1])
    day = Number(match[3])
  }
  if (year < Limits.calendarYearMin || year > Limits.calendarYearMax) {
    return { reason: `the year must be from ${Limits.calendarYearMin} to ${Limits.calendarYearMax}` }
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return { reason: "no such calendar date" }
  return { date: `${year}-${pad2(month)}-${pad2(day)}`, year, length: match[0].length }
}

// ── the parser ───────────────────────────────────────────────────────────────

/**
 * The running balance of one group of postings of an entry (the real postings, or the
 * bracketed ones, which balance among themselves). Most entries have one commodity:
 * its sum is kept in fields, a map is made only for a second commodity.
 */
interface GroupBalance {
  firstCommodity: string | null
  firstSum: Dec
  /** Digits and sign of the first amount while it is the only one (else `""`). */
  firstDigits: string
  firstNegative: boolean
  otherSums: Map<string, Dec> | null
  /** Index in the entry's postings of the posting without amount, or -1. */
  elidedIndex: number
  severalElided: boolean
}

const newGroupBalance = (): GroupBalance => ({
  firstCommodity: null,
  firstSum: zero,
  firstDigits: "",
  firstNegative: false,
  otherSums: null,
  elidedIndex: -1,
  severalElided: false
})

const resetGroupBalance = (group: GroupBalance): void => {
  group.firstCommodity = null
  group.firstSum = zero
  group.firstDigits = ""
  group.otherSums = null
  group.elidedIndex = -1
  group.severalElided = false
}

/**
 * The entry being read. It becomes the output entry once balanced (postings replaced
 * when an amount was inferred); its balances live in the parser, one entry at a time.
 */
interface PendingEntry extends JournalEntry {
  /** Postings as read; an elided amount is a placeholder zero until the entry is balanced. */
  postings: Array<JournalPosting>
}

/** What indented lines mean right now. */
type Mode = "top" | "entry" | "skipIndented" | "blockComment"

const zero = new Dec(0)

/** Directives of Ledger or hledger that Danju's import refuses. */
const unsupportedDirectives: ReadonlyMap<string, string> = new Map([
  ["include", "the include directive (import each file separately)"],
  ["alias", "account aliases (the alias directive)"],
  ["apply", "the apply directive (apply account)"],
  ["end", "the end directive"],
  ["bucket", "the bucket (A) directive"],
  ["A", "the bucket (A) directive"],
  ["N", "the N (no market price) directive"],
  ["C", "the C (commodity conversion) directive"],
  ["define", "the define directive"],
  ["assert", "the assert directive"],
  ["check", "the check directive"],
  ["expr", "the expr directive"],
  ["value", "the value directive"],
  ["i", "timeclock entries"],
  ["o", "timeclock entries"],
  ["I", "timeclock entries"],
  ["O", "timeclock entries"],
  ["b", "timeclock entries"],
  ["h", "timeclock entries"]
])

/** Directives whose line (and indented sub-directives) carry nothing an import needs. */
const ignoredDirectives: ReadonlySet<string> = new Set(["account", "payee", "tag", "P", "~", "="])

/** Adds a posting amount (read into `scratch`) to a group's running balance. */
const addToGroup = (group: GroupBalance, commodity: string, scratch: AmountScratch): void => {
  const amount = scratch.amount
  if (group.firstCommodity === null) {
    group.firstCommodity = commodity
    group.firstSum = amount
    group.firstDigits = scratch.digits
    group.firstNegative = scratch.negative
  } else if (group.firstCommodity === commodity) {
    // The most common entry is an amount and its negation written with the same digits:
    // their sum is exactly zero without decimal arithmetic.
    group.firstSum = group.firstDigits !== "" && group.firstDigits === scratch.digits && group.firstNegative !== scratch.negative
      ? zero
      : group.firstSum.plus(amount)
    group.firstDigits = ""
  } else {
    group.otherSums ??= new Map()
    group.otherSums.set(commodity, (group.otherSums.get(commodity) ?? zero).plus(amount))
  }
}

const REPLACEMENT_CHARACTER = 0xfffd

/**
 * The first character a text journal cannot hold, or -1: C0 controls but tab and carriage
 * return, DEL, and U+FFFD (what invalid UTF-8 decodes to). NUL bytes and binary files would
 * otherwise reach account names and summaries (PostgreSQL cannot even store a NUL).
 */
const controlCharacterIndex = (line: string): number => {
  for (let index = 0; index < line.length; index++) {
    const code = line.charCodeAt(index)
    if ((code < 0x20 && code !== 0x09 && code !== 0x0d) || code === 0x7f || code === REPLACEMENT_CHARACTER) return index
  }
  return -1
}

/**
 * Makes an incremental journal parser.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { makeJournalParser } from "@danju/ledger"
 *
 * const parser = makeJournalParser({ defaultCommodity: "CNY" })
 * const first = parser.push("2024-01-05 午餐\n  費用:伙食  12.50\n  資產:現金\n")
 * const last = parser.end() // Right([entry]): the entry completes at end of input
 * ```
 * @since 0.1.0
 */
export const makeJournalParser = (options: JournalParserOptions = {}): JournalParser => {
  let mode: Mode = "top"
  let current: PendingEntry | null = null
  // Running balances of the entry being read: its real and its bracketed postings.
  const realGroup = newGroupBalance()
  const bracketedGroup = newGroupBalance()
  let hasBracketed = false
  const commodityDecimalMarks = new Map<string, DecimalMark>()
  const context: {
    decimalMark: DecimalMark | null
    commodityDecimalMarks: Map<string, DecimalMark>
    defaultCommodity: string
    lastCommodity: string
  } = { decimalMark: null, commodityDecimalMarks, defaultCommodity: options.defaultCommodity ?? "", lastCommodity: "" }
  const scratch: AmountScratch = { amount: zero, digits: "", negative: false, commodity: "", end: 0 }
  const assertionScratch: AmountScratch = { amount: zero, digits: "", negative: false, commodity: "", end: 0 }
  let defaultYear: number | null = null
  // Commodities whose mark a `commodity` directive set; `D` does not override those.
  const marksFromCommodityDirective = new Set<string>()
  let lineNumber = 0
  let buffer = ""
  let failure: JournalError | null = null
  let output: Array<JournalEntry> = []
  let atStart = true

  const syntaxError = (line: string, reason: string, column?: number): JournalSyntaxError =>
    new JournalSyntaxError(
      column === undefined
        ? { line: lineNumber, reason, text: journalExcerpt(line) }
        : { line: lineNumber, column, reason, text: journalExcerpt(line) }
    )

  // ── balancing ──

  /**
   * Checks one group's balance and fills in its elided posting: one posting per
   * commodity left unbalanced (hledger's rule), or a zero posting when nothing is.
   * Returns the postings to splice in at the elided index, or an error.
   */
  const settleGroup = (entry: PendingEntry, group: GroupBalance): JournalError | ReadonlyArray<JournalPosting> | undefined => {
    if (group.severalElided) {
      return new JournalEntryUnbalanced({
        line: entry.lineNumber,
        commodity: group.firstCommodity ?? context.defaultCommodity,
        sum: "",
        reason: "severalAmountsMissing"
      })
    }
    if (group.elidedIndex === -1 && group.otherSums === null) {
      if (group.firstSum.isZero()) return undefined
      return new JournalEntryUnbalanced({
        line: entry.lineNumber,
        commodity: group.firstCommodity!,
        sum: decimalToString(group.firstSum),
        reason: "sumNotZero"
      })
    }
    const sums: Array<readonly [string, Dec]> = []
    if (group.firstCommodity !== null && !group.firstSum.isZero()) sums.push([group.firstCommodity, group.firstSum])
    if (group.otherSums !== null) for (const [commodity, sum] of group.otherSums) if (!sum.isZero()) sums.push([commodity, sum])
    if (group.elidedIndex === -1) {
      if (sums.length === 0) return undefined
      const [commodity, sum] = sums[0]!
      if (sums.length === 2 && sums[0]![1].isNegative() !== sums[1]![1].isNegative()) {
        return new JournalFeatureUnsupported({
          line: entry.lineNumber,
          feature: `an entry in ${commodity} and ${sums[1]![0]} that balances only at an inferred exchange rate`
        })
      }
      return new JournalEntryUnbalanced({ line: entry.lineNumber, commodity, sum: decimalToString(sum), reason: "sumNotZero" })
    }
    const elided = entry.postings[group.elidedIndex]!
    if (sums.length === 0) {
      return [{ ...elided, commodity: group.firstCommodity ?? elided.commodity }]
    }
    return sums.map(([commodity, sum]) => ({ ...elided, amount: sum.negated(), commodity }))
  }

  /** Completes the entry being read: balances it and queues it for output. */
  const finishEntry = (): JournalError | undefined => {
    const entry = current
    current = null
    if (mode === "entry") mode = "top"
    if (entry === null) return undefined
    const realSettled = settleGroup(entry, realGroup)
    if (realSettled !== undefined && !Array.isArray(realSettled)) return realSettled as JournalError
    const bracketedSettled = hasBracketed ? settleGroup(entry, bracketedGroup) : undefined
    if (bracketedSettled !== undefined && !Array.isArray(bracketedSettled)) return bracketedSettled as JournalError
    const replacements: Array<readonly [number, ReadonlyArray<JournalPosting>]> = []
    if (realSettled !== undefined) replacements.push([realGroup.elidedIndex, realSettled as ReadonlyArray<JournalPosting>])
    if (bracketedSettled !== undefined) {
      replacements.push([bracketedGroup.elidedIndex, bracketedSettled as ReadonlyArray<JournalPosting>])
    }
    if (replacements.length > 0) {
      // Splice from the end so earlier indices stay valid.
      replacements.sort((left, right) => right[0] - left[0])
      for (const [index, settled] of replacements) entry.postings.splice(index, 1, ...settled)
      if (entry.postings.length > Limits.journalPostingsPerEntryMax) {
        return new JournalLimitExceeded({ line: entry.lineNumber, limit: "journalPostingsPerEntryMax", maximum: Limits.journalPostingsPerEntryMax })
      }
    }
    output.push(entry)
    return undefined
  }

  // ── lines ──

  const readHeader = (line: string): JournalError | undefined => {
    const date = readDate(line, defaultYear)
    if ("reason" in date) {
      return date.yearless === true
        ? new JournalFeatureUnsupported({ line: lineNumber, feature: "a date without year and no preceding Y directive" })
        : syntaxError(line, date.reason, 1)
    }
    let index = date.length
    let secondaryDate: string | null = null
    if (line.charCodeAt(index) === EQUALS) {
      const secondary = readDate(line.slice(index + 1), date.year)
      if ("reason" in secondary) return syntaxError(line, `secondary date: ${secondary.reason}`, index + 2)
      secondaryDate = secondary.date
      index += 1 + secondary.length
    }
    if (index < line.length && !isBlank(line.charCodeAt(index))) {
      return syntaxError(line, "expected a space after the date", index + 1)
    }
    index = skipBlanks(line, index)
    let status: JournalEntryStatus = null
    const statusCode = line.charCodeAt(index)
    if (statusCode === STAR || statusCode === BANG) {
      status = statusCode === STAR ? "cleared" : "pending"
      index = skipBlanks(line, index + 1)
    }
    let code: string | null = null
    if (line.charCodeAt(index) === PAREN_OPEN) {
      const close = line.indexOf(")", index + 1)
      if (close !== -1) {
        code = line.slice(index + 1, close)
        index = skipBlanks(line, close + 1)
      }
    }
    const semicolon = line.indexOf(";", index)
    const description = (semicolon === -1 ? line.slice(index) : line.slice(index, semicolon)).trim()
    const comment = semicolon === -1 ? null : line.slice(semicolon + 1).trim()
    current = {
      lineNumber,
      date: date.date,
      secondaryDate,
      status,
      code,
      description,
      comment,
      postings: []
    }
    resetGroupBalance(realGroup)
    if (hasBracketed) resetGroupBalance(bracketedGroup)
    hasBracketed = false
    mode = "entry"
    return undefined
  }

  const readPosting = (line: string, entry: PendingEntry): JournalError | undefined => {
    let index = skipBlanks(line, 0)
    const first = line.charCodeAt(index)
    if (first === SEMICOLON) return undefined // an entry or posting comment line
    if (first === STAR || first === BANG) index = skipBlanks(line, index + 1) // posting status: not kept
    // The account name runs to two blanks, a tab, or the end of the line.
    const accountStart = index
    // (A space before a tab is trimmed off the name below.)
    let accountEnd = line.indexOf("  ", index)
    if (accountEnd === -1) accountEnd = line.length
    const tab = line.indexOf("\t", index)
    if (tab !== -1 && tab < accountEnd) accountEnd = tab
    let account = line.slice(accountStart, accountEnd)
    if (line.charCodeAt(accountEnd - 1) === SPACE) account = account.trimEnd()
    if (account.length === 0) return syntaxError(line, "expected an account name", accountStart + 1)
    let bracketed = false
    const open = account.charCodeAt(0)
    const close = account.charCodeAt(account.length - 1)
    if (open === PAREN_OPEN && close === PAREN_CLOSE) {
      return new JournalFeatureUnsupported({ line: lineNumber, feature: "an unbalanced virtual posting (account in parentheses)" })
    }
    if (open === BRACKET_OPEN && close === BRACKET_CLOSE) {
      bracketed = true
      account = account.slice(1, -1)
    }
    if (account.length > Limits.journalAccountNameLengthMax) {
      return new JournalLimitExceeded({ line: lineNumber, limit: "journalAccountNameLengthMax", maximum: Limits.journalAccountNameLengthMax })
    }
    if (account.length === 0 || account.charCodeAt(0) === COLON || account.charCodeAt(account.length - 1) === COLON || account.includes("::")) {
      return syntaxError(line, "an account name has an empty part (a leading, trailing or doubled colon)", accountStart + 1)
    }
    if (entry.postings.length >= Limits.journalPostingsPerEntryMax) {
      return new JournalLimitExceeded({ line: lineNumber, limit: "journalPostingsPerEntryMax", maximum: Limits.journalPostingsPerEntryMax })
    }
    index = skipBlanks(line, accountEnd)
    let amount: Dec | null = null
    let commodity = context.defaultCommodity
    const next = line.charCodeAt(index)
    if (index < line.length && next !== SEMICOLON && next !== EQUALS) {
      const error = readAmount(line, index, lineNumber, context, scratch)
      if (error !== undefined) return error
      amount = scratch.amount
      commodity = scratch.commodity
      index = skipBlanks(line, scratch.end)
    }
    let balanceAssertion: JournalBalanceAssertion | null = null
    const after = line.charCodeAt(index)
    if (index < line.length && after !== SEMICOLON) {
      if (after === AT || (after === PAREN_OPEN && line.charCodeAt(index + 1) === AT)) {
        return new JournalFeatureUnsupported({ line: lineNumber, feature: "a transaction price (@ or @@)" })
      }
      if (after === BRACE_OPEN) return new JournalFeatureUnsupported({ line: lineNumber, feature: "a lot price ({…})" })
      if (after === BRACKET_OPEN) return new JournalFeatureUnsupported({ line: lineNumber, feature: "a lot date ([…])" })
      if (after !== EQUALS) return syntaxError(line, "unexpected text after the amount (two spaces separate account and amount)", index + 1)
      if (amount === null) return new JournalFeatureUnsupported({ line: lineNumber, feature: "a balance assignment (= without a posting amount)" })
      let kind: JournalBalanceAssertion["kind"] = "="
      index++
      if (line.charCodeAt(index) === EQUALS) {
        kind = "=="
        index++
      }
      if (line.charCodeAt(index) === STAR) {
        kind = kind === "=" ? "=*" : "==*"
        index++
      }
      index = skipBlanks(line, index)
      // Its own scratch: `scratch` still holds the posting amount for the balance.
      const error = readAmount(line, index, lineNumber, context, assertionScratch)
      if (error !== undefined) return error
      balanceAssertion = { kind, amount: assertionScratch.amount, commodity: assertionScratch.commodity }
      index = skipBlanks(line, assertionScratch.end)
      const trailing = line.charCodeAt(index)
      if (trailing === AT) return new JournalFeatureUnsupported({ line: lineNumber, feature: "a price in a balance assertion" })
      if (index < line.length && trailing !== SEMICOLON) {
        return syntaxError(line, "unexpected text after the balance assertion", index + 1)
      }
    }
    let group = realGroup
    if (bracketed) {
      group = bracketedGroup
      hasBracketed = true
    }
    if (amount === null) {
      if (group.elidedIndex !== -1) group.severalElided = true
      group.elidedIndex = entry.postings.length
      entry.postings.push({ lineNumber, account, amount: zero, commodity, inferred: true, balanceAssertion })
    } else {
      addToGroup(group, commodity, scratch)
      entry.postings.push({ lineNumber, account, amount, commodity, inferred: false, balanceAssertion })
    }
    return undefined
  }

  /** The decimal mark a directive's sample amount (`1,000.00 CNY`) shows, and its commodity. */
  const readSampleAmount = (
    line: string,
    from: number
  ): { readonly commodity: string; readonly mark: DecimalMark | null } | JournalError => {
    // The mark is read from the raw text: the last `.` or `,` of the number, when it
    // occurs once (hledger requires a decimal mark in these samples).
    const sampleScratch: AmountScratch = { amount: zero, digits: "", negative: false, commodity: "", end: 0 }
    const error = readAmount(
      line,
      from,
      lineNumber,
      { decimalMark: null, commodityDecimalMarks: new Map(), defaultCommodity: "", lastCommodity: "" },
      sampleScratch
    )
    if (error !== undefined) return error
    const text = line.slice(from, sampleScratch.end)
    const lastPeriod = text.lastIndexOf(".")
    const lastComma = text.lastIndexOf(",")
    const candidate = lastPeriod > lastComma ? "." : lastComma > lastPeriod ? "," : null
    const mark = candidate !== null && text.indexOf(candidate) === text.lastIndexOf(candidate) ? candidate : null
    return { commodity: sampleScratch.commodity, mark }
  }

  const setCommodityMark = (commodity: string, mark: DecimalMark, fromCommodityDirective: boolean): JournalError | undefined => {
    if (!fromCommodityDirective && marksFromCommodityDirective.has(commodity)) return undefined
    if (!commodityDecimalMarks.has(commodity) && commodityDecimalMarks.size >= Limits.journalCommodityDirectivesMax) {
      return new JournalLimitExceeded({ line: lineNumber, limit: "journalCommodityDirectivesMax", maximum: Limits.journalCommodityDirectivesMax })
    }
    commodityDecimalMarks.set(commodity, mark)
    if (fromCommodityDirective) marksFromCommodityDirective.add(commodity)
    return undefined
  }

  const readDirective = (line: string): JournalError | undefined => {
    let wordEnd = 0
    while (wordEnd < line.length && !isBlank(line.charCodeAt(wordEnd))) wordEnd++
    const word = line.slice(0, wordEnd)
    const argumentStart = skipBlanks(line, wordEnd)
    const semicolon = line.indexOf(";", argumentStart)
    const argument = (semicolon === -1 ? line.slice(argumentStart) : line.slice(argumentStart, semicolon)).trim()
    if (word === "comment" && argument === "") {
      mode = "blockComment"
      return undefined
    }
    if (word === "end" && argument === "comment") return undefined // a stray end: nothing to close
    if (ignoredDirectives.has(word) || word.startsWith("~") || word.startsWith("=")) {
      mode = "skipIndented"
      return undefined
    }
    if (word === "D") {
      const sample = readSampleAmount(line, argumentStart)
      if ("_tag" in sample) return sample
      context.defaultCommodity = sample.commodity
      return sample.mark === null ? undefined : setCommodityMark(sample.commodity, sample.mark, false)
    }
    if (word === "commodity") {
      mode = "skipIndented"
      // `commodity CNY` declares a symbol only; `commodity 1,000.00 CNY` also a mark.
      if (argument === "" || !/[0-9]/.test(argument)) return undefined
      const sample = readSampleAmount(line, argumentStart)
      if ("_tag" in sample) return sample
      return sample.mark === null ? undefined : setCommodityMark(sample.commodity, sample.mark, true)
    }
    if (word === "decimal-mark") {
      if (argument !== "." && argument !== ",") return syntaxError(line, "decimal-mark takes . or ,", argumentStart + 1)
      context.decimalMark = argument
      return undefined
    }
    if (word === "Y" || word === "year" || /^Y[0-9]+$/.test(word)) {
      const yearText = word.length > 1 && word !== "year" ? word.slice(1) : argument
      if (!/^[0-9]{4}$/.test(yearText)) return syntaxError(line, "expected a four-digit year", argumentStart + 1)
      const year = Number(yearText)
      if (year < Limits.calendarYearMin || year > Limits.calendarYearMax) {
        return syntaxError(line, `the year must be from ${Limits.calendarYearMin} to ${Limits.calendarYearMax}`, argumentStart + 1)
      }
      defaultYear = year
      return undefined
    }
    const unsupported = unsupportedDirectives.get(word)
    if (unsupported !== undefined) return new JournalFeatureUnsupported({ line: lineNumber, feature: unsupported })
    return syntaxError(line, `unknown directive ${JSON.stringify(word)}`, 1)
  }

  const readLine = (line: string): JournalError | undefined => {
    lineNumber++
    if (line.length > Limits.journalLineLengthMax) {
      return new JournalLimitExceeded({ line: lineNumber, limit: "journalLineLengthMax", maximum: Limits.journalLineLengthMax })
    }
    const control = controlCharacterIndex(line)
    if (control >= 0) {
      const code = line.charCodeAt(control)
      return new JournalSyntaxError({
        line: lineNumber,
        column: control + 1,
        reason: code === REPLACEMENT_CHARACTER
          ? "the file is not valid UTF-8 (or holds a U+FFFD replacement character)"
          : `control character U+${code.toString(16).toUpperCase().padStart(4, "0")} is not allowed (is this a binary file?)`,
        text: journalExcerpt(line)
      })
    }
    if (mode === "blockComment") {
      if (line.trimEnd() === "end comment") mode = "top"
      return undefined
    }
    const first = line.charCodeAt(0)
    if (isBlank(first)) {
      if (mode === "entry") {
        const contentStart = skipBlanks(line, 0)
        if (contentStart === line.length) return finishEntry()
        return readPosting(line, current!)
      }
      if (mode === "skipIndented") return undefined
      const contentStart = skipBlanks(line, 0)
      if (contentStart === line.length || line.charCodeAt(contentStart) === SEMICOLON) return undefined
      return syntaxError(line, "an indented line outside an entry (postings follow their date line without blank lines)", contentStart + 1)
    }
    // Anything else at column 0 ends the entry being read.
    const finished = finishEntry()
    if (finished !== undefined) return finished
    mode = "top"
    if (line.length === 0) return undefined
    if (isDigit(first)) return readHeader(line)
    if (first === SEMICOLON || first === 35 /* # */ || first === STAR || first === 37 /* % */ || first === 124 /* | */) {
      return undefined
    }
    return readDirective(line)
  }

  const fail = (error: JournalError): Either.Either<never, JournalError> => {
    failure = error
    output = []
    return Either.left(error)
  }

  const takeOutput = (): Either.Either<ReadonlyArray<JournalEntry>, never> => {
    const entries = output
    output = []
    return Either.right(entries)
  }

  return {
    push: (chunk) => {
      if (failure !== null) return Either.left(failure)
      let text = buffer.length === 0 ? chunk : buffer + chunk
      if (atStart && text.length > 0) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
        atStart = false
      }
      let start = 0
      while (true) {
        const newline = text.indexOf("\n", start)
        if (newline === -1) break
        const lineEnd = newline > start && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline
        const error = readLine(text.slice(start, lineEnd))
        if (error !== undefined) return fail(error)
        start = newline + 1
      }
      buffer = start === 0 ? text : text.slice(start)
      if (buffer.length > Limits.journalLineLengthMax + 1) {
        return fail(new JournalLimitExceeded({ line: lineNumber + 1, limit: "journalLineLengthMax", maximum: Limits.journalLineLengthMax }))
      }
      return takeOutput()
    },
    end: () => {
      if (failure !== null) return Either.left(failure)
      if (buffer.length > 0) {
        const last = buffer.endsWith("\r") ? buffer.slice(0, -1) : buffer
        buffer = ""
        const error = readLine(last)
        if (error !== undefined) return fail(error)
      }
      const finished = finishEntry()
      if (finished !== undefined) return fail(finished)
      return takeOutput()
    }
  }
}

/**
 * Parses a whole journal held in memory (tests, small uploads). For large files feed a
 * {@link makeJournalParser} chunk by chunk instead.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { parseJournalText } from "@danju/ledger"
 *
 * const entries = parseJournalText("2024/1/5 rent\n  expenses:rent  100 CNY\n  assets:bank\n")
 * // Right([{ date: "2024-01-05", postings: [… 100 CNY, … -100 CNY (inferred)] }])
 * ```
 * @since 0.1.0
 */
export const parseJournalText = (
  text: string,
  options: JournalParserOptions = {}
): Either.Either<ReadonlyArray<JournalEntry>, JournalError> => {
  const parser = makeJournalParser(options)
  const first = parser.push(text)
  if (Either.isLeft(first)) return first
  const rest = parser.end()
  if (Either.isLeft(rest)) return rest
  return Either.right(rest.right.length === 0 ? first.right : [...first.right, ...rest.right])
}
