/**
 * Writes Danju's books as a plain-text journal that hledger (1.25 and later) and
 * {@link parseJournalText} read back to the same entries, so users can cross-check
 * Danju's reports with `hledger balance`. Pure: it returns text, the caller writes it.
 *
 * Text that hledger would read differently is mapped to look-alike full-width
 * characters (documented for users in the journal export guide):
 * - in account names: `:` inside a segment → `：` (a colon separates levels); `;` →
 *   `；`; any run of whitespace (tabs, line breaks, no-break or ideographic spaces) →
 *   one space (two spaces end an account name); segments are trimmed and an empty
 *   segment becomes `_`; a leading `(`, `[`,
 *   `*`, `!`, `#` → `（`, `［`, `＊`, `！`, `＃` (they would mark a virtual posting, a
 *   status or a comment);
 * - in descriptions, codes and comments: each line break or tab → a space, `;` → `；`
 *   (a semicolon starts a comment), trimmed; a description starting with `*`, `!` or
 *   `(` gets the full-width form (it would read as a status or a code); `)` in a code →
 *   `）`;
 * - in commodities: a symbol hledger cannot read bare (digits, spaces, `-+.@*;{}=`) is
 *   written in double quotes; `"` itself → `＂`;
 * - everywhere: control characters the reader refuses (C0 other than tab and line
 *   breaks, DEL, U+FFFD) → `␣` (U+2423).
 * Amounts are written in plain fixed-point with `.` as decimal mark and no digit
 * groups (`-1234.50 CNY`), which hledger reads without a `decimal-mark` directive.
 *
 * @since 0.1.0
 */
import type { Dec } from "@danju/core"
import { decimalToString } from "@danju/core"

/**
 * One posting to write: the journal account name (see {@link accountFullName}), a
 * signed amount (positive = debit) and its commodity (`""` for none).
 *
 * @since 0.1.0
 */
export interface JournalWriterPosting {
  readonly account: string
  readonly amount: Dec
  readonly commodity: string
}

/**
 * One entry to write. `code` (e.g. the voucher number `記-12`) and `comment` are optional.
 *
 * @since 0.1.0
 */
export interface JournalWriterEntry {
  /** `YYYY-MM-DD`. */
  readonly date: string
  readonly description: string
  readonly code?: string | null
  readonly comment?: string | null
  readonly postings: ReadonlyArray<JournalWriterPosting>
}

// Any run of whitespace (tabs, line breaks, no-break and ideographic spaces: hledger
// counts Unicode spaces as spaces too) becomes one ASCII space.
const collapseWhitespace = (text: string): string => text.replace(/\s+/gu, " ").trim()

// Line breaks (as JavaScript and hledger know them) and tabs become spaces; other
// spacing is kept, as descriptions may align text.
const flattenLine = (text: string): string => text.replace(/[\t\n\v\f\r\u0085\u2028\u2029]/gu, " ").trim()

// Characters the journal reader refuses as signs of a binary or mis-encoded file (C0
// controls other than tab and CR, DEL, U+FFFD) become U+2423 (␣, "open box"), so text
// stored with them still writes a journal that reads back.
const visibleControls = (text: string): string => {
  let result = ""
  for (const character of text) {
    const code = character.charCodeAt(0)
    const refused = (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f || code === 0xfffd
    result += refused ? "\u2423" : character
  }
  return result
}

const leadingLookAlikes: Readonly<Record<string, string>> = { "(": "（", "[": "［", "*": "＊", "!": "！", "#": "＃" }

/** One account-name segment, made safe (see the module doc). */
const sanitizeSegment = (segment: string): string => {
  const text = collapseWhitespace(visibleControls(segment).replace(/:/g, "：").replace(/;/g, "；"))
  return text.length === 0 ? "_" : text
}

/**
 * The journal account name of an account path (`["資產", "銀行"]` → `資產:銀行`), with
 * each segment made safe for hledger (see the module doc).
 *
 * @example
 * ```ts
 * import { accountFullName } from "@danju/ledger"
 *
 * accountFullName(["資產", "應收賬款:甲公司"]) // "資產:應收賬款：甲公司"
 * ```
 * @since 0.1.0
 */
export const accountFullName = (path: ReadonlyArray<string>): string => {
  const name = path.map(sanitizeSegment).join(":")
  const first = name.charAt(0)
  const lookAlike = leadingLookAlikes[first]
  return lookAlike === undefined ? name : lookAlike + name.slice(1)
}

/** Free text for a date line (description, code, comment), made safe. */
const sanitizeText = (text: string): string => flattenLine(visibleControls(text).replace(/;/g, "；"))

const descriptionLeading: Readonly<Record<string, string>> = { "*": "＊", "!": "！", "(": "（" }

const sanitizeDescription = (description: string): string => {
  const text = sanitizeText(description)
  const lookAlike = descriptionLeading[text.charAt(0)]
  return lookAlike === undefined ? text : lookAlike + text.slice(1)
}

// hledger reads a commodity without quotes only when it has none of these.
const commodityNeedsQuotes = /[0-9\s\-+.@*;"{}=]/

/**
 * A commodity as hledger reads it: bare (`CNY`, `¥`) or quoted (`"ABC 1"`).
 *
 * @since 0.1.0
 */
export const formatCommodity = (commodity: string): string => {
  const text = visibleControls(commodity).replace(/"/g, "＂").replace(/[\t\r\n]/g, " ")
  return commodityNeedsQuotes.test(text) ? `"${text}"` : text
}

/**
 * An amount as a journal writes it: plain fixed-point, `.` decimal mark, commodity
 * after a space (`-1234.5 CNY`), or the bare number when the commodity is `""`.
 *
 * @since 0.1.0
 */
export const formatAmount = (amount: Dec, commodity: string): string => {
  const number = decimalToString(amount.isZero() ? amount.abs() : amount)
  return commodity === "" ? number : `${number} ${formatCommodity(commodity)}`
}

/**
 * One entry as journal text, ending with a newline: the date line, then one indented
 * line per posting with the amounts aligned. Entries are separated by the caller
 * (one blank line is customary).
 *
 * @example
 * ```ts
 * import { decimal } from "@danju/core"
 * import { formatJournalEntry } from "@danju/ledger"
 *
 * formatJournalEntry({
 *   date: "2024-01-05",
 *   description: "午餐",
 *   postings: [
 *     { account: "費用:伙食", amount: decimal("12.50"), commodity: "CNY" },
 *     { account: "資產:現金", amount: decimal("-12.50"), commodity: "CNY" }
 *   ]
 * })
 * // "2024-01-05 午餐\n    費用:伙食   12.5 CNY\n    資產:現金  -12.5 CNY\n"
 * ```
 * @since 0.1.0
 */
export const formatJournalEntry = (entry: JournalWriterEntry): string => {
  let header = entry.date
  if (entry.code !== undefined && entry.code !== null) {
    header += ` (${sanitizeText(entry.code).replace(/\)/g, "）")})`
  }
  const description = sanitizeDescription(entry.description)
  if (description.length > 0) header += " " + description
  if (entry.comment !== undefined && entry.comment !== null) header += "  ; " + sanitizeText(entry.comment)
  const accounts = entry.postings.map((posting) => accountFullName(posting.account.split(":")))
  const amounts = entry.postings.map((posting) => formatAmount(posting.amount, posting.commodity))
  let accountWidth = 0
  let amountWidth = 0
  for (const account of accounts) accountWidth = Math.max(accountWidth, account.length)
  for (const amount of amounts) amountWidth = Math.max(amountWidth, amount.length)
  let text = header + "\n"
  for (let index = 0; index < accounts.length; index++) {
    const account = accounts[index]!
    const amount = amounts[index]!
    // At least two spaces between account and amount; amounts right-aligned.
    text += "    " + account + " ".repeat(accountWidth - account.length + 2 + amountWidth - amount.length) + amount + "\n"
  }
  return text
}

/**
 * Comment lines for the top of an exported journal (`; line`), one per given line,
 * ending with a newline; newlines inside a line start a new comment line.
 *
 * @example
 * ```ts
 * formatHeaderComment(["Danju export of account set demo", "2024-01 … 2024-12"])
 * // "; Danju export of account set demo\n; 2024-01 … 2024-12\n"
 * ```
 * @since 0.1.0
 */
export const formatHeaderComment = (lines: ReadonlyArray<string>): string =>
  lines
    .flatMap((line) => line.split(/\r?\n/))
    .map((line) => (line.length === 0 ? ";\n" : `; ${line}\n`))
    .join("")
