import { Either, Schema } from "effect"
import { Limits } from "@danju/core"
import type { VoucherInputEncoded, VoucherLineInput } from "../Voucher"

/**
 * The name of an amount a voucher template leaves open, e.g. `amount` or `tax`; lines
 * that share a name share the amount, which is how a template stays balanced.
 *
 * @since 0.1.0
 */
export const VoucherTemplatePlaceholder = Schema.String.pipe(Schema.pattern(/^[A-Za-z][A-Za-z0-9_]*$/), Schema.maxLength(40))

/** The placeholder of a line that names none. @since 0.1.0 */
export const defaultAmountPlaceholder = "amount"

/**
 * One line of a voucher template: the account, its dimension values (for accounts with
 * auxiliary accounting), the side, and which open amount it carries (`amount` when
 * omitted).
 *
 * @since 0.1.0
 */
export const VoucherTemplateLine = Schema.Struct({
  summary: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(Limits.textLengthMax)),
  accountCode: Schema.String.pipe(Schema.pattern(/^[0-9]+$/), Schema.maxLength(Limits.codeLengthMax)),
  /** Dimension type → dimension value code, as on a voucher line. */
  dimensions: Schema.optional(
    Schema.Record({ key: Schema.String.pipe(Schema.maxLength(40)), value: Schema.String.pipe(Schema.maxLength(Limits.codeLengthMax)) })
  ),
  side: Schema.Literal("debit", "credit"),
  amount: Schema.optional(VoucherTemplatePlaceholder)
})
/** @since 0.1.0 */
export type VoucherTemplateLine = typeof VoucherTemplateLine.Type

/**
 * A voucher template (模式憑證): a recurring entry with its accounts and sides fixed and
 * its amounts left open. A Schema, so that account sets can keep their own templates
 * beside the shipped ones.
 *
 * @since 0.1.0
 */
export const VoucherTemplate = Schema.Struct({
  id: Schema.String.pipe(Schema.pattern(/^[A-Za-z][A-Za-z0-9_-]*$/), Schema.maxLength(Limits.codeLengthMax)),
  /** Chinese name, as the accountant picks it from a list. */
  name: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(Limits.textLengthMax)),
  description: Schema.String.pipe(Schema.maxLength(Limits.textLengthMax)),
  /** Voucher word; the account set's first word when omitted. */
  word: Schema.optional(Schema.String.pipe(Schema.minLength(1), Schema.maxLength(8))),
  lines: Schema.Array(VoucherTemplateLine).pipe(Schema.minItems(2), Schema.maxItems(Limits.linesPerVoucherMax))
})
/** @since 0.1.0 */
export type VoucherTemplate = typeof VoucherTemplate.Type

/**
 * An instantiation named no amount (or an empty one) for a placeholder the template uses.
 *
 * @since 0.1.0
 */
export class VoucherTemplateAmountMissing extends Schema.TaggedError<VoucherTemplateAmountMissing>()(
  "VoucherTemplateAmountMissing",
  { template: Schema.String, placeholder: Schema.String }
) {
  override get message() {
    return `voucher template ${this.template} needs an amount for "${this.placeholder}"`
  }
}

/**
 * What a caller fills into a template. Amounts are decimal strings, as a voucher takes
 * them; they are checked when the result is decoded as a `VoucherInput`.
 *
 * @since 0.1.0
 */
export interface VoucherTemplateFill {
  /** Voucher date, `YYYY-MM-DD` (or any form `VoucherInput` accepts). */
  readonly date: string
  /** Placeholder → amount, e.g. `{ amount: "1250.00" }`. */
  readonly amounts: Readonly<Record<string, string>>
  /** Overrides the template's word. */
  readonly word?: string
  readonly attachments?: number
  /**
   * Replaces every line's summary — the seed asks for a complete summary, such as
   * the name of the person a meal fee is refunded to (退張三伙食費).
   */
  readonly summary?: string
}

/**
 * The placeholders a template uses, in order of first use.
 *
 * @since 0.1.0
 */
export const placeholdersOf = (template: VoucherTemplate): ReadonlyArray<string> => [
  ...new Set(template.lines.map((line) => line.amount ?? defaultAmountPlaceholder))
]

/**
 * Turns a template and the caller's amounts into a voucher as a caller would enter it
 * (the encoded form of `VoucherInput`: strings throughout). Pure; the result still goes
 * through `VoucherInput` decoding and `validateVoucher` like any hand-made voucher.
 * Fails with {@link VoucherTemplateAmountMissing} when a placeholder has no amount.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { instantiateVoucherTemplate, messHallVoucherTemplates } from "@danju/ledger"
 *
 * const withdraw = messHallVoucherTemplates.find((template) => template.id === "withdrawCash")!
 * const input = instantiateVoucherTemplate(withdraw, { date: "2008-01-05", amounts: { amount: "500.00" } })
 * // Either.right({ date: "2008-01-05", lines: [
 * //   { summary: "從銀行提取現金", accountCode: "1001", debit: "500.00" },
 * //   { summary: "從銀行提取現金", accountCode: "1002", credit: "500.00" } ] })
 * ```
 *
 * @since 0.1.0
 */
export const instantiateVoucherTemplate = (
  template: VoucherTemplate,
  fill: VoucherTemplateFill
): Either.Either<VoucherInputEncoded, VoucherTemplateAmountMissing> => {
  const lines: Array<typeof VoucherLineInput.Encoded> = []
  for (const line of template.lines) {
    const placeholder = line.amount ?? defaultAmountPlaceholder
    const amount = Object.hasOwn(fill.amounts, placeholder) ? fill.amounts[placeholder]!.trim() : ""
    if (amount === "") return Either.left(new VoucherTemplateAmountMissing({ template: template.id, placeholder }))
    const summary = fill.summary ?? line.summary
    const head = { summary, accountCode: line.accountCode, ...(line.dimensions === undefined ? {} : { dimensions: line.dimensions }) }
    lines.push(line.side === "debit" ? { ...head, debit: amount } : { ...head, credit: amount })
  }
  const word = fill.word ?? template.word
  return Either.right({
    ...(word === undefined ? {} : { word }),
    date: fill.date,
    ...(fill.attachments === undefined ? {} : { attachments: fill.attachments }),
    lines
  })
}
