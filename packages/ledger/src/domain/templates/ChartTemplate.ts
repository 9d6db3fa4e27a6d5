import { Schema } from "effect"
import { Limits } from "@danju/core"
import type { AccountCategory, BalanceDirection, DimensionType } from "../Account"
import { Account, levelOfCode, parentCodeOf } from "../Account"
import { AccountSetOptions } from "../AccountSet"
import { AccountCode } from "../ids"

/**
 * The charts an account set can start from (SPEC §2, "Create"). The government /
 * non-profit chart is not shipped yet: 政府會計制度 keeps two parallel books (financial
 * and budget accounting), which one flat chart cannot express faithfully.
 *
 * @since 0.1.0
 */
export const ChartTemplateId = Schema.Literal("smallEnterprise", "enterprise", "nonProfit", "messHall", "empty")
/** @since 0.1.0 */
export type ChartTemplateId = typeof ChartTemplateId.Type

/**
 * One account as a template declares it. Parent, level and leaf are not written down:
 * {@link materializeChart} derives them from the code and the code scheme, so a
 * template cannot contradict itself.
 *
 * @since 0.1.0
 */
export interface TemplateAccount {
  readonly code: string
  readonly name: string
  /** Must equal the category of the level-1 ancestor (checked by {@link materializeChart}). */
  readonly category: AccountCategory
  readonly direction: BalanceDirection
  readonly dimensionTypes?: ReadonlyArray<DimensionType>
  readonly quantityUnit?: string
  readonly foreignCurrency?: string
  readonly revalue?: boolean
  readonly isCash?: boolean
  readonly isBank?: boolean
}

/**
 * Accounts the period-end procedures need to find by role rather than by code, because
 * codes differ between charts (本年利潤 is 4103 in the enterprise chart, 3103 in the
 * small-enterprise chart). `null` means the chart has no such account and the
 * procedure that needs it does not apply (or must be given an account explicitly).
 *
 * @since 0.1.0
 */
export interface SpecialAccounts {
  /** Target of the P&L carry-forward (本年利潤). */
  readonly currentYearProfit: string | null
  /** The level-1 profit-distribution account (利潤分配) whose details are closed at year end. */
  readonly profitDistribution: string | null
  /** Undistributed profit (利潤分配—未分配利潤): receives current-year profit and prior-year adjustments at year end. */
  readonly retainedEarnings: string | null
  /** Prior-year adjustments (以前年度損益調整): closed to retained earnings, never to current-year profit. */
  readonly priorYearAdjustment: string | null
  /** Exchange gain or loss of the FX revaluation (財務費用—匯兌損益). */
  readonly exchangeGainLoss: string | null
}

/**
 * The account-set options a template changes from the defaults of
 * {@link AccountSetOptions} (the mess hall asks for 4-character summaries, for example).
 *
 * @since 0.1.0
 */
export type AccountSetOptionsOverrides = Partial<typeof AccountSetOptions.Encoded>

/**
 * A chart-of-accounts template: what an account set starts with when it is created.
 *
 * @example
 * ```ts
 * import { chartTemplates, materializeChart, optionsOf } from "@danju/ledger"
 *
 * const template = chartTemplates.messHall
 * const accounts = materializeChart(template)   // 1001 庫存現金, 1002 銀行存款, 4001 伙食費, 4002 軍糧差價補貼
 * const options = optionsOf(template)           // summaryLengthMin 4, allowRenumberPosted true
 * ```
 *
 * @since 0.1.0
 */
export interface ChartTemplate {
  readonly id: ChartTemplateId
  /** Chinese name as accountants know the chart. */
  readonly name: string
  readonly nameEnglish: string
  /** One sentence on where the chart comes from and whom it is for. */
  readonly description: string
  /** Digits per level, e.g. `[4, 2, 2, 2]`. */
  readonly codeScheme: ReadonlyArray<number>
  readonly baseCurrency: string
  readonly accounts: ReadonlyArray<TemplateAccount>
  readonly options: AccountSetOptionsOverrides
  readonly specialAccounts: SpecialAccounts
}

/**
 * The special-account record of a chart that has none of them (the empty chart).
 *
 * @since 0.1.0
 */
export const noSpecialAccounts: SpecialAccounts = {
  currentYearProfit: null,
  profitDistribution: null,
  retainedEarnings: null,
  priorYearAdjustment: null,
  exchangeGainLoss: null
}

/**
 * Every way a template can be malformed, in the order they are checked; empty when the
 * template is sound. A malformed template is a programmer error (templates ship with
 * the code), so {@link materializeChart} dies on any problem; this list exists so a
 * test or a tool can show all problems at once.
 *
 * @since 0.1.0
 */
export const templateProblems = (template: ChartTemplate): ReadonlyArray<string> => {
  const problems: Array<string> = []
  const scheme = template.codeScheme
  if (scheme.length < 1 || scheme.length > Limits.accountLevelsMax || scheme.some((digits) => !Number.isInteger(digits) || digits < 1 || digits > 9)) {
    problems.push(`code scheme [${scheme.join(",")}] must have 1..${Limits.accountLevelsMax} levels of 1..9 digits`)
    return problems
  }
  if (template.accounts.length > Limits.accountsPerSetMax) {
    problems.push(`${template.accounts.length} accounts exceed accountsPerSetMax ${Limits.accountsPerSetMax}`)
  }
  const byCode = new Map<string, TemplateAccount>()
  for (const account of template.accounts) {
    if (byCode.has(account.code)) problems.push(`account ${account.code} is declared twice`)
    byCode.set(account.code, account)
  }
  for (const account of template.accounts) {
    const code = account.code
    if (!/^[0-9]+$/.test(code)) {
      problems.push(`account code ${JSON.stringify(code)} is not all digits`)
      continue
    }
    const parentCode = parentCodeOf(scheme, code)
    if (parentCode === undefined) {
      problems.push(`account ${code} does not fit the code scheme [${scheme.join(",")}]`)
      continue
    }
    const nameLength = account.name.trim().length
    if (nameLength === 0 || account.name.length > Limits.textLengthMax) problems.push(`account ${code} has an empty or too long name`)
    if (parentCode !== null) {
      const parent = byCode.get(parentCode)
      if (parent === undefined) problems.push(`account ${code} has no parent ${parentCode}`)
      else if (parent.category !== account.category) {
        problems.push(`account ${code} is ${account.category} but its parent ${parentCode} is ${parent.category}`)
      }
    }
    if (account.isCash === true && account.isBank === true) problems.push(`account ${code} is flagged both cash and bank`)
    if ((account.dimensionTypes?.length ?? 0) > Limits.dimensionsPerAccountMax) {
      problems.push(`account ${code} requires more than ${Limits.dimensionsPerAccountMax} dimension types`)
    }
    if (new Set(account.dimensionTypes ?? []).size !== (account.dimensionTypes?.length ?? 0)) {
      problems.push(`account ${code} names a dimension type twice`)
    }
    if (account.revalue === true && account.foreignCurrency === undefined) {
      problems.push(`account ${code} is revalued but keeps no foreign currency`)
    }
  }
  const parents = new Set(template.accounts.map((account) => parentCodeOf(scheme, account.code)))
  const special = template.specialAccounts
  for (const [role, code] of Object.entries(special) as ReadonlyArray<[keyof SpecialAccounts, string | null]>) {
    if (code === null) continue
    const account = byCode.get(code)
    if (account === undefined) {
      problems.push(`special account ${role} names ${code}, which the chart lacks`)
      continue
    }
    // Period-end procedures post to these accounts, so they must take postings —
    // except the level-1 利潤分配, which is named only to find its details.
    if (role !== "profitDistribution" && parents.has(code)) problems.push(`special account ${role} (${code}) has sub-accounts`)
  }
  if (special.retainedEarnings !== null && special.profitDistribution !== null && !special.retainedEarnings.startsWith(special.profitDistribution)) {
    problems.push(`retained earnings ${special.retainedEarnings} is not under profit distribution ${special.profitDistribution}`)
  }
  return problems
}

/**
 * The accounts of a template as chart entries, sorted by code (so every parent comes
 * before its children): parent, level and leaf derived from the code scheme, flags
 * defaulted to false. Dies (throws a `RangeError`) when the template is malformed —
 * see {@link templateProblems}.
 *
 * @example
 * ```ts
 * import { chartTemplates, materializeChart } from "@danju/ledger"
 *
 * const accounts = materializeChart(chartTemplates.smallEnterprise)
 * accounts.find((account) => account.code === "2221")?.leaf   // false: 222101 … are below it
 * ```
 *
 * @since 0.1.0
 */
export const materializeChart = (template: ChartTemplate): ReadonlyArray<Account> => {
  const problems = templateProblems(template)
  if (problems.length > 0) {
    throw new RangeError(`chart template ${template.id} is malformed: ${problems.join("; ")}`)
  }
  const scheme = template.codeScheme
  const parents = new Set(template.accounts.map((account) => parentCodeOf(scheme, account.code)))
  const sorted = [...template.accounts].sort((left, right) => (left.code < right.code ? -1 : left.code > right.code ? 1 : 0))
  return sorted.map((account) => {
    const parentCode = parentCodeOf(scheme, account.code)!
    return new Account({
      code: AccountCode.make(account.code),
      name: account.name,
      parentCode: parentCode === null ? null : AccountCode.make(parentCode),
      level: levelOfCode(scheme, account.code)!,
      category: account.category,
      direction: account.direction,
      dimensionTypes: [...(account.dimensionTypes ?? [])],
      quantityUnit: account.quantityUnit ?? null,
      foreignCurrency: account.foreignCurrency ?? null,
      revalue: account.revalue ?? false,
      isCash: account.isCash ?? false,
      isBank: account.isBank ?? false,
      disabled: false,
      leaf: !parents.has(account.code)
    })
  })
}

/**
 * The options of a new account set made from a template: the caller's choices win over
 * the template's, the template's over the defaults of {@link AccountSetOptions}.
 * Dies (throws a `ParseError`) on options outside the schema's bounds; decode
 * untrusted options with `Schema.decodeUnknown(AccountSetOptions)` first.
 *
 * @example
 * ```ts
 * import { chartTemplates, optionsOf } from "@danju/ledger"
 *
 * optionsOf(chartTemplates.messHall).summaryLengthMin              // 4
 * optionsOf(chartTemplates.messHall, { summaryLengthMin: 6 }).summaryLengthMin   // 6
 * ```
 *
 * @since 0.1.0
 */
export const optionsOf = (template: ChartTemplate, choices: AccountSetOptionsOverrides = {}): AccountSetOptions =>
  Schema.decodeUnknownSync(AccountSetOptions)({ ...template.options, ...choices })
