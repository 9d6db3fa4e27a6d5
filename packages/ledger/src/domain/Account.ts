import { Schema } from "effect"
import { Limits } from "@danju/core"
import { AccountCode } from "./ids"

/**
 * Account categories of the Chinese charts (the first digit of a level-1 code under
 * 企業會計準則: 1 asset, 2 liability, 3 common, 4 equity, 5 cost, 6 profit and loss).
 *
 * @since 0.1.0
 */
export const AccountCategory = Schema.Literal("asset", "liability", "common", "equity", "cost", "profitAndLoss")
/** @since 0.1.0 */
export type AccountCategory = typeof AccountCategory.Type

/**
 * The side on which an account's balance normally stands (余額方向).
 *
 * @since 0.1.0
 */
export const BalanceDirection = Schema.Literal("debit", "credit")
/** @since 0.1.0 */
export type BalanceDirection = typeof BalanceDirection.Type

/**
 * Auxiliary accounting types (核算項目). `custom:<name>` names a type the account set defines.
 *
 * @since 0.1.0
 */
export const DimensionType = Schema.Union(
  Schema.Literal("customer", "supplier", "department", "employee", "project"),
  Schema.TemplateLiteral(Schema.Literal("custom:"), Schema.String)
).pipe(Schema.filter((type) => type.length <= 40 || "dimension type too long"))
/** @since 0.1.0 */
export type DimensionType = typeof DimensionType.Type

/**
 * An entry of the chart of accounts.
 *
 * @since 0.1.0
 */
export class Account extends Schema.Class<Account>("Account")({
  code: AccountCode,
  name: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(Limits.textLengthMax)),
  parentCode: Schema.NullOr(AccountCode),
  level: Schema.Int.pipe(Schema.between(1, Limits.accountLevelsMax)),
  category: AccountCategory,
  direction: BalanceDirection,
  /** Dimension types every posting to this account must name (0..n). */
  dimensionTypes: Schema.Array(DimensionType).pipe(Schema.maxItems(Limits.dimensionsPerAccountMax)),
  /** Unit of quantity accounting (數量核算), e.g. `kg` or `斤`; null when not kept. */
  quantityUnit: Schema.NullOr(Schema.String.pipe(Schema.minLength(1), Schema.maxLength(16))),
  /** Foreign currency of foreign-currency accounting (外幣核算), e.g. `USD`; null when not kept. */
  foreignCurrency: Schema.NullOr(Schema.String.pipe(Schema.pattern(/^[A-Z]{3}$/))),
  /** Revalued at period end (期末調匯). */
  revalue: Schema.Boolean,
  /** Feeds the cash journal (現金日記賬). */
  isCash: Schema.Boolean,
  /** Feeds the bank journal (銀行存款日記賬). */
  isBank: Schema.Boolean,
  disabled: Schema.Boolean,
  /** True when the account has no sub-accounts: only leaves take postings. */
  leaf: Schema.Boolean
}) {}

/**
 * The level of a code under a scheme, or undefined when its length fits no level
 * (`[4,2,2]`: 4 digits → 1, 6 → 2, 8 → 3).
 *
 * @since 0.1.0
 */
export const levelOfCode = (scheme: ReadonlyArray<number>, code: string): number | undefined => {
  let length = 0
  for (let index = 0; index < scheme.length; index++) {
    length += scheme[index]!
    if (code.length === length) return index + 1
    if (code.length < length) return undefined
  }
  return undefined
}

/**
 * The code of the parent a code implies under a scheme (`100201` → `1002`), or null at level 1.
 *
 * @since 0.1.0
 */
export const parentCodeOf = (scheme: ReadonlyArray<number>, code: string): string | null | undefined => {
  const level = levelOfCode(scheme, code)
  if (level === undefined) return undefined
  if (level === 1) return null
  return code.slice(0, code.length - scheme[level - 1]!)
}

/**
 * The category a level-1 code implies under 企業會計準則 numbering (1xxx asset …
 * 6xxx profit and loss), used when a template or an import names no category.
 *
 * @since 0.1.0
 */
export const categoryOfCode = (code: string): AccountCategory | undefined =>
  ({ "1": "asset", "2": "liability", "3": "common", "4": "equity", "5": "cost", "6": "profitAndLoss" } as const)[
    code.charAt(0) as "1"
  ]
