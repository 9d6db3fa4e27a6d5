import { Schema } from "effect"

// The ways a plain-text journal can be refused. The parser stops at the first of them,
// so an import that sees one writes nothing. Every error names the 1-based line of the
// journal it concerns (for an unbalanced entry: the entry's date line), like hledger's
// FILE:LINE error format.

/** Longest excerpt of an offending line kept in an error (the rest is cut with "…"). */
const excerptLengthMax = 200

/**
 * Cuts a journal line to the excerpt kept in {@link JournalSyntaxError}.
 *
 * @since 0.1.0
 */
export const journalExcerpt = (text: string): string =>
  text.length > excerptLengthMax ? text.slice(0, excerptLengthMax) + "…" : text

/**
 * A line the journal grammar does not allow: an unknown directive, a bad date, an
 * indented line outside an entry, text after an amount … `column` (1-based) points at
 * the offending character when known.
 *
 * @since 0.1.0
 */
export class JournalSyntaxError extends Schema.TaggedError<JournalSyntaxError>()("JournalSyntaxError", {
  line: Schema.Int,
  column: Schema.optional(Schema.Int),
  reason: Schema.String,
  /** The offending line, cut to 200 characters. */
  text: Schema.String
}) {
  override get message(): string {
    const where = this.column === undefined ? `line ${this.line}` : `line ${this.line}, column ${this.column}`
    return `journal ${where}: ${this.reason}: ${JSON.stringify(this.text)}`
  }
}

/**
 * An entry whose postings do not add up to zero in a commodity (or that leaves out more
 * than one amount). `line` is the entry's date line; `sum` is the plain decimal the
 * commodity's postings add up to.
 *
 * @since 0.1.0
 */
export class JournalEntryUnbalanced extends Schema.TaggedError<JournalEntryUnbalanced>()("JournalEntryUnbalanced", {
  line: Schema.Int,
  commodity: Schema.String,
  sum: Schema.String,
  reason: Schema.Literal("sumNotZero", "severalAmountsMissing")
}) {
  override get message(): string {
    const commodity = this.commodity === "" ? "amounts without commodity" : this.commodity
    return this.reason === "severalAmountsMissing"
      ? `journal line ${this.line}: the entry leaves out more than one posting amount; at most one may be inferred`
      : `journal line ${this.line}: the entry does not balance: its ${commodity} postings add up to ${this.sum}, not 0`
  }
}

/**
 * A journal feature hledger or Ledger knows but Danju's books cannot hold or this
 * reader does not implement (unbalanced virtual postings, transaction prices, balance
 * assignments, `include`, aliases …). `feature` names it.
 *
 * @since 0.1.0
 */
export class JournalFeatureUnsupported extends Schema.TaggedError<JournalFeatureUnsupported>()(
  "JournalFeatureUnsupported",
  { line: Schema.Int, feature: Schema.String }
) {
  override get message(): string {
    return `journal line ${this.line}: ${this.feature} is not supported by Danju's journal import`
  }
}

/**
 * An amount that is not a number hledger would read (misplaced digit group marks, two
 * decimal marks) or that exceeds Danju's digit limit.
 *
 * @since 0.1.0
 */
export class JournalAmountInvalid extends Schema.TaggedError<JournalAmountInvalid>()("JournalAmountInvalid", {
  line: Schema.Int,
  text: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return `journal line ${this.line}: amount ${JSON.stringify(this.text)} is invalid: ${this.reason}`
  }
}

/**
 * A journal exceeds one of the bounds in `Limits` (line length, postings per entry,
 * account name length, account depth or count …). `limit` is the name of the bound in
 * `Limits`, `maximum` its value.
 *
 * @since 0.1.0
 */
export class JournalLimitExceeded extends Schema.TaggedError<JournalLimitExceeded>()("JournalLimitExceeded", {
  line: Schema.Int,
  limit: Schema.String,
  maximum: Schema.Int
}) {
  override get message(): string {
    return `journal line ${this.line}: exceeds Limits.${this.limit} (${this.maximum})`
  }
}

/**
 * Any reason the journal reader refuses a journal.
 *
 * @since 0.1.0
 */
export type JournalError =
  | JournalSyntaxError
  | JournalEntryUnbalanced
  | JournalFeatureUnsupported
  | JournalAmountInvalid
  | JournalLimitExceeded
