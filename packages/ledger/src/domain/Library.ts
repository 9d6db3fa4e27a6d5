import { Either, Schema } from "effect"
import { Limits } from "@danju/core"
import type { Account } from "./Account"
import type { AccountSet } from "./AccountSet"
import { AccountDisabled, AccountNotFound, AccountNotLeaf, DimensionInvalid, SummaryTooShort, VoucherWordUnknown } from "./errors"
import type { ChartTemplateId } from "./templates/ChartTemplate"
import { messHallVoucherTemplates } from "./templates/messHall"
import type { VoucherTemplateLine } from "./templates/voucherTemplates"
import { defaultAmountPlaceholder, placeholdersOf, VoucherTemplate } from "./templates/voucherTemplates"
import type { Voucher } from "./VoucherLifecycle"

// The account set's library (SPEC §2, "Summary library and voucher templates"): the
// summary library (摘要庫, Kingdee 摘要庫 / Yonyou 常用摘要) an accountant picks line
// summaries from by code or mnemonic, and the voucher templates (模式憑證) — the built-in
// ones of the chart template plus the account set's own. Pure: rules and seeds only.

// ── summary library (摘要庫) ─────────────────────────────────────────────────

/**
 * The code of a summary-library entry (摘要編碼), chosen by the accountant: letters,
 * digits, `.`, `-` and `_`, e.g. `01` or `CASH.01`.
 *
 * @since 0.1.0
 */
export const SummaryCode = Schema.String.pipe(
  Schema.pattern(/^[A-Za-z0-9][A-Za-z0-9._-]*$/),
  Schema.maxLength(Limits.codeLengthMax)
).annotations({ description: "Summary code (摘要編碼): letters, digits, '.', '-', '_'" })

/**
 * A mnemonic (助記碼): the letters an accountant types to find an entry, usually the
 * pinyin initials of the text (提取現金 → TQXJ). Stored in upper case.
 *
 * @since 0.1.0
 */
export const SummaryMnemonic = Schema.String.pipe(Schema.pattern(/^[A-Za-z0-9]{1,32}$/)).annotations({
  description: "Mnemonic (助記碼), 1..32 letters or digits, e.g. the pinyin initials TQXJ; matched without case"
})

/**
 * A category (摘要類別) that groups entries, e.g. 現金 or 標準分錄.
 *
 * @since 0.1.0
 */
export const SummaryCategory = Schema.String.pipe(Schema.minLength(1), Schema.maxLength(40))

const AccountCodeText = Schema.String.pipe(Schema.pattern(/^[0-9]+$/), Schema.maxLength(Limits.codeLengthMax))

/**
 * An entry of the summary library (摘要庫): a reusable line summary with its code, an
 * optional category and mnemonic, and the account it is usually booked to (相關科目),
 * which a voucher-entry screen can propose.
 *
 * @since 0.1.0
 */
export class SummaryEntry extends Schema.Class<SummaryEntry>("SummaryEntry")({
  code: SummaryCode,
  text: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(Limits.textLengthMax)),
  category: Schema.NullOr(SummaryCategory),
  mnemonic: Schema.NullOr(SummaryMnemonic),
  defaultAccountCode: Schema.NullOr(AccountCodeText)
}) {}

/**
 * A new summary-library entry as a caller gives it.
 *
 * @since 0.1.0
 */
export const SummaryEntryInput = Schema.Struct({
  code: SummaryCode,
  text: SummaryEntry.fields.text,
  category: Schema.optionalWith(SummaryCategory, { exact: true }),
  mnemonic: Schema.optionalWith(SummaryMnemonic, { exact: true }),
  defaultAccountCode: Schema.optionalWith(AccountCodeText, { exact: true })
}).annotations({ identifier: "SummaryEntryInput" })
/** @since 0.1.0 */
export type SummaryEntryInput = typeof SummaryEntryInput.Type

/**
 * Changes to a summary-library entry: absent fields stay, `null` clears an optional one.
 *
 * @since 0.1.0
 */
export const SummaryEntryChanges = Schema.Struct({
  text: Schema.optionalWith(SummaryEntry.fields.text, { exact: true }),
  category: Schema.optionalWith(Schema.NullOr(SummaryCategory), { exact: true }),
  mnemonic: Schema.optionalWith(Schema.NullOr(SummaryMnemonic), { exact: true }),
  defaultAccountCode: Schema.optionalWith(SummaryEntry.fields.defaultAccountCode, { exact: true })
}).annotations({ identifier: "SummaryEntryChanges" })
/** @since 0.1.0 */
export type SummaryEntryChanges = typeof SummaryEntryChanges.Type

/**
 * Which entries a listing returns: `prefix` matches the start of the code, of the
 * mnemonic (without case) or of the text, the way a Kingdee F7 lookup does; `category`
 * must match exactly.
 *
 * @since 0.1.0
 */
export interface SummaryFilter {
  readonly prefix?: string
  readonly category?: string
}

/** A summary-library entry with this code exists already. @since 0.1.0 */
export class SummaryCodeExists extends Schema.TaggedError<SummaryCodeExists>()("SummaryCodeExists", {
  accountSet: Schema.String,
  code: Schema.String
}) {
  override get message() {
    return `the summary library of ${this.accountSet} has an entry ${this.code} already`
  }
}

/** The summary library has no entry with this code. @since 0.1.0 */
export class SummaryNotFound extends Schema.TaggedError<SummaryNotFound>()("SummaryNotFound", {
  accountSet: Schema.String,
  code: Schema.String
}) {
  override get message() {
    return `the summary library of ${this.accountSet} has no entry ${this.code}`
  }
}

/** The library of the account set holds as many entries of a kind as it may. @since 0.1.0 */
export class LibraryLimitReached extends Schema.TaggedError<LibraryLimitReached>()("LibraryLimitReached", {
  accountSet: Schema.String,
  kind: Schema.Literal("summary", "voucherTemplate"),
  maximum: Schema.Number
}) {
  override get message() {
    return `${this.accountSet} has ${this.maximum} ${this.kind === "summary" ? "summary-library entries" : "stored voucher templates"}, the most it may keep; delete one first`
  }
}

/**
 * The entry as stored: the caller's input with absent optional fields as `null` and the
 * mnemonic in upper case.
 *
 * @since 0.1.0
 */
export const summaryEntryOf = (input: SummaryEntryInput): SummaryEntry =>
  SummaryEntry.make({
    code: input.code,
    text: input.text,
    category: input.category ?? null,
    mnemonic: input.mnemonic === undefined ? null : input.mnemonic.toUpperCase(),
    defaultAccountCode: input.defaultAccountCode ?? null
  })

/**
 * An entry with changes applied (mnemonic in upper case).
 *
 * @since 0.1.0
 */
export const changeSummaryEntry = (entry: SummaryEntry, changes: SummaryEntryChanges): SummaryEntry =>
  SummaryEntry.make({
    code: entry.code,
    text: changes.text ?? entry.text,
    category: changes.category === undefined ? entry.category : changes.category,
    mnemonic: changes.mnemonic === undefined ? entry.mnemonic : changes.mnemonic === null ? null : changes.mnemonic.toUpperCase(),
    defaultAccountCode: changes.defaultAccountCode === undefined ? entry.defaultAccountCode : changes.defaultAccountCode
  })

/**
 * What checking an entry against the books needs: the account set (its minimum summary
 * length) and the chart.
 *
 * @since 0.1.0
 */
export interface LibraryContext {
  readonly accountSet: AccountSet
  readonly account: (code: string) => Account | undefined
  /** True when the dimension value exists and is enabled. */
  readonly dimensionValueExists: (type: string, code: string) => boolean
}

/** @since 0.1.0 */
export type SummaryEntryError = SummaryTooShort | AccountNotFound | AccountDisabled | AccountNotLeaf

const lengthOf = (text: string) => [...text.trim()].length

/**
 * Checks an entry against the books, in this order: `SummaryTooShort` (the text, trimmed
 * and counted in characters, is shorter than the account set's `summaryLengthMin`, so
 * it could never stand on a voucher line), then, when a default account is named,
 * `AccountNotFound` → `AccountDisabled` → `AccountNotLeaf`. The errors carry `line: 0`:
 * they concern no voucher line.
 *
 * @since 0.1.0
 */
export const checkSummaryEntry = (context: LibraryContext, entry: SummaryEntry): Either.Either<SummaryEntry, SummaryEntryError> => {
  const minimum = context.accountSet.options.summaryLengthMin
  const length = lengthOf(entry.text)
  if (length < minimum) return Either.left(new SummaryTooShort({ line: 0, length, minimum }))
  if (entry.defaultAccountCode !== null) {
    const account = context.account(entry.defaultAccountCode)
    if (account === undefined) return Either.left(new AccountNotFound({ line: 0, accountCode: entry.defaultAccountCode }))
    if (account.disabled) return Either.left(new AccountDisabled({ line: 0, accountCode: account.code }))
    if (!account.leaf) return Either.left(new AccountNotLeaf({ line: 0, accountCode: account.code }))
  }
  return Either.right(entry)
}

/**
 * Whether an entry passes a listing filter.
 *
 * @since 0.1.0
 */
export const matchesSummaryFilter = (entry: SummaryEntry, filter: SummaryFilter): boolean => {
  if (filter.category !== undefined && entry.category !== filter.category) return false
  const prefix = filter.prefix
  if (prefix === undefined || prefix === "") return true
  return entry.code.startsWith(prefix) ||
    (entry.mnemonic !== null && entry.mnemonic.startsWith(prefix.toUpperCase())) ||
    entry.text.startsWith(prefix)
}

// Pinyin initials of the nine standard mess-hall summaries, by voucher template id.
const messHallMnemonics: Readonly<Record<string, string>> = {
  withdrawCash: "CYHTQXJ",
  buyFood: "GMZFSP",
  receiveAllocation: "SSJBHSF",
  receiveOfficersMealFees: "SGBSGHSF",
  receiveBankInterest: "SYHCKLX",
  refundMealFees: "THGRHSF",
  payBankFees: "ZFYHZHGLF",
  receiveGrainSubsidy: "SJLCJBT",
  transferGrainSubsidy: "JLCJZRHSF"
}

/**
 * The summaries of the mess hall's nine standard entries (主要分錄), codes `01`–`09`
 * in the seed's order, category 標準分錄, the pinyin initials as mnemonic and the
 * entry's debit account as default account. A mess-hall account set starts with them.
 *
 * @since 0.1.0
 */
export const messHallSummaries: ReadonlyArray<SummaryEntry> = messHallVoucherTemplates.map((template, index) =>
  SummaryEntry.make({
    code: String(index + 1).padStart(2, "0"),
    text: template.lines[0]!.summary,
    category: "標準分錄",
    mnemonic: messHallMnemonics[template.id] ?? null,
    defaultAccountCode: template.lines.find((line) => line.side === "debit")?.accountCode ?? null
  })
)

/**
 * The summary library a new account set starts with, by chart template: the mess hall's
 * nine standard summaries; nothing for the other charts.
 *
 * @since 0.1.0
 */
export const summarySeedOf = (template: ChartTemplateId | string | null | undefined): ReadonlyArray<SummaryEntry> =>
  template === "messHall" ? messHallSummaries : []

// ── voucher templates (模式憑證) ─────────────────────────────────────────────

/**
 * The built-in voucher templates of a chart template: the mess hall's nine standard
 * entries; none for the other charts. They are read-only.
 *
 * @since 0.1.0
 */
export const builtInVoucherTemplatesOf = (template: ChartTemplateId | string | null | undefined): ReadonlyArray<VoucherTemplate> =>
  template === "messHall" ? messHallVoucherTemplates : []

/**
 * A voucher template as an account set lists it: built in (from its chart template,
 * read-only) or stored by the account set, with the placeholders it needs amounts for.
 *
 * @since 0.1.0
 */
export interface LibraryVoucherTemplate extends VoucherTemplate {
  readonly builtIn: boolean
  /** Placeholders in order of first use (`placeholdersOf`). */
  readonly placeholders: ReadonlyArray<string>
}

/**
 * A template with its listing fields.
 *
 * @since 0.1.0
 */
export const libraryVoucherTemplateOf = (template: VoucherTemplate, builtIn: boolean): LibraryVoucherTemplate => ({
  ...template,
  builtIn,
  placeholders: placeholdersOf(template)
})

/** The account set has no voucher template (built in or stored) with this id. @since 0.1.0 */
export class VoucherTemplateNotFound extends Schema.TaggedError<VoucherTemplateNotFound>()("VoucherTemplateNotFound", {
  accountSet: Schema.String,
  templateId: Schema.String
}) {
  override get message() {
    return `${this.accountSet} has no voucher template ${this.templateId}`
  }
}

/** A voucher template with this id exists already, built in or stored. @since 0.1.0 */
export class VoucherTemplateExists extends Schema.TaggedError<VoucherTemplateExists>()("VoucherTemplateExists", {
  accountSet: Schema.String,
  templateId: Schema.String,
  builtIn: Schema.Boolean
}) {
  override get message() {
    return this.builtIn
      ? `${this.templateId} is a built-in voucher template of ${this.accountSet}; choose another id`
      : `${this.accountSet} has a voucher template ${this.templateId} already`
  }
}

/** Built-in voucher templates cannot be renamed or deleted. @since 0.1.0 */
export class VoucherTemplateReadOnly extends Schema.TaggedError<VoucherTemplateReadOnly>()("VoucherTemplateReadOnly", {
  accountSet: Schema.String,
  templateId: Schema.String
}) {
  override get message() {
    return `${this.templateId} is a built-in voucher template of ${this.accountSet}: it cannot be changed; save a copy under another id`
  }
}

/**
 * A template line names an account (or a voucher line an amount) a template cannot
 * carry: templates leave only amounts open, so quantity accounts (need a quantity),
 * foreign-currency accounts (need a currency, rate and original amount) and lines in a
 * commodity other than the base currency cannot be templated.
 *
 * @since 0.1.0
 */
export class VoucherTemplateAccountUnsupported extends Schema.TaggedError<VoucherTemplateAccountUnsupported>()(
  "VoucherTemplateAccountUnsupported",
  {
    templateId: Schema.String,
    line: Schema.Number,
    accountCode: Schema.String,
    reason: Schema.Literal("quantity", "foreignCurrency", "commodity")
  }
) {
  override get message() {
    return {
      quantity: `voucher template ${this.templateId}, line ${this.line}: account ${this.accountCode} keeps quantities, which a template cannot fill`,
      foreignCurrency: `voucher template ${this.templateId}, line ${this.line}: account ${this.accountCode} keeps a foreign currency, which a template cannot fill`,
      commodity: `voucher template ${this.templateId}, line ${this.line}: the amount is not in the base currency, which a template cannot carry`
    }[this.reason]
  }
}

/** @since 0.1.0 */
export type VoucherTemplateCheckError =
  | VoucherWordUnknown
  | SummaryTooShort
  | AccountNotFound
  | AccountDisabled
  | AccountNotLeaf
  | DimensionInvalid
  | VoucherTemplateAccountUnsupported

/**
 * Checks a template against the books before it is stored, so that only the amounts
 * can still go wrong when it is used. In this order: `VoucherWordUnknown` (a word the
 * account set does not use), then per line, first line first: `SummaryTooShort` →
 * `AccountNotFound` → `AccountDisabled` → `AccountNotLeaf` → `DimensionInvalid`
 * (missing, unexpected, value not found) → `VoucherTemplateAccountUnsupported`
 * (quantity or foreign-currency account). `line` is the 1-based template line. Line
 * count and field shapes are the `VoucherTemplate` schema's.
 *
 * @since 0.1.0
 */
export const checkVoucherTemplate = (
  context: LibraryContext,
  template: VoucherTemplate
): Either.Either<VoucherTemplate, VoucherTemplateCheckError> => {
  const options = context.accountSet.options
  if (template.word !== undefined && !options.voucherWords.includes(template.word as never)) {
    return Either.left(new VoucherWordUnknown({ word: template.word, allowed: [...options.voucherWords] }))
  }
  for (const [index, line] of template.lines.entries()) {
    const lineNumber = index + 1
    const length = lengthOf(line.summary)
    if (length < options.summaryLengthMin) return Either.left(new SummaryTooShort({ line: lineNumber, length, minimum: options.summaryLengthMin }))
    const account = context.account(line.accountCode)
    if (account === undefined) return Either.left(new AccountNotFound({ line: lineNumber, accountCode: line.accountCode }))
    if (account.disabled) return Either.left(new AccountDisabled({ line: lineNumber, accountCode: account.code }))
    if (!account.leaf) return Either.left(new AccountNotLeaf({ line: lineNumber, accountCode: account.code }))
    const dimensions = line.dimensions ?? {}
    for (const type of account.dimensionTypes) {
      if (dimensions[type] === undefined || dimensions[type] === "") {
        return Either.left(new DimensionInvalid({ line: lineNumber, accountCode: account.code, dimensionType: type, reason: "missing" }))
      }
    }
    for (const type of Object.keys(dimensions)) {
      if (!account.dimensionTypes.includes(type as never)) {
        return Either.left(new DimensionInvalid({ line: lineNumber, accountCode: account.code, dimensionType: type, reason: "unexpected" }))
      }
      if (!context.dimensionValueExists(type, dimensions[type]!)) {
        return Either.left(new DimensionInvalid({ line: lineNumber, accountCode: account.code, dimensionType: type, reason: "valueNotFound" }))
      }
    }
    if (account.quantityUnit !== null) {
      return Either.left(new VoucherTemplateAccountUnsupported({ templateId: template.id, line: lineNumber, accountCode: account.code, reason: "quantity" }))
    }
    if (account.foreignCurrency !== null) {
      return Either.left(new VoucherTemplateAccountUnsupported({ templateId: template.id, line: lineNumber, accountCode: account.code, reason: "foreignCurrency" }))
    }
  }
  return Either.right(template)
}

/**
 * What naming a template takes (saved from a voucher, or renamed): its id, name and
 * optional description, bounded as the template's own fields.
 *
 * @since 0.1.0
 */
export const VoucherTemplateHeader = Schema.Struct({
  id: VoucherTemplate.fields.id,
  name: VoucherTemplate.fields.name,
  description: Schema.optionalWith(VoucherTemplate.fields.description, { exact: true })
}).annotations({ identifier: "VoucherTemplateHeader" })
/** @since 0.1.0 */
export type VoucherTemplateHeader = typeof VoucherTemplateHeader.Type

const dimensionsOfKey = (key: string): Record<string, string> | undefined =>
  key === "" ? undefined : Object.fromEntries(key.split(";").map((pair) => {
    const at = pair.indexOf("=")
    return [pair.slice(0, at), pair.slice(at + 1)]
  }))

/**
 * A template from an existing voucher (保存為模式憑證): its word, and per line the
 * summary, account, dimension values and side (the side of the non-zero amount). The
 * amounts become placeholders: a two-line voucher shares one, `amount` (its lines are
 * equal, or it would not balance); a longer one gets `amount1`, `amount2` … per line,
 * so each line's amount stays free. Fails with `VoucherTemplateAccountUnsupported`
 * (`commodity`) for a line in another commodity than the base currency; the result is
 * then checked like any template ({@link checkVoucherTemplate}).
 *
 * @since 0.1.0
 */
export const voucherTemplateFromVoucher = (
  voucher: Voucher,
  baseCurrency: string,
  header: VoucherTemplateHeader
): Either.Either<VoucherTemplate, VoucherTemplateAccountUnsupported> => {
  const shared = voucher.lines.length === 2
  const lines: Array<VoucherTemplateLine> = []
  for (const [index, line] of voucher.lines.entries()) {
    if (line.commodity !== baseCurrency) {
      return Either.left(new VoucherTemplateAccountUnsupported({ templateId: header.id, line: index + 1, accountCode: line.accountCode, reason: "commodity" }))
    }
    const dimensions = dimensionsOfKey(line.dimensionKey)
    lines.push({
      summary: line.summary,
      accountCode: line.accountCode,
      ...(dimensions === undefined ? {} : { dimensions }),
      side: line.debit.isZero() ? "credit" : "debit",
      amount: shared ? defaultAmountPlaceholder : `${defaultAmountPlaceholder}${index + 1}`
    })
  }
  return Either.right(VoucherTemplate.make({
    id: header.id,
    name: header.name,
    description: header.description ?? "",
    word: voucher.word,
    lines
  }))
}
