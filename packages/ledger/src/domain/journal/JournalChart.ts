/**
 * Turns the account names of a journal (`assets:bank:招商銀行`) into a Danju chart of
 * accounts with numeric codes. Pure, and built for two passes over a large journal:
 * the first pass feeds every posting's account name to a {@link JournalChartBuilder}
 * (memory grows with the number of accounts, never with the number of entries), then
 * {@link JournalChartBuilder.build} assigns the codes, and the second pass asks
 * {@link JournalChart.postingAccountCode} which leaf each posting goes to.
 *
 * Conventions (documented for users in the journal import guide):
 * - Category and balance direction come from the top-level name, as hledger's
 *   conventions name them (case-insensitive): `assets`/`asset`/資產/资产 → asset,
 *   debit; `liabilities`/`liability`/負債/负债 → liability, credit;
 *   `equity`/權益/权益/所有者權益/所有者权益 → equity, credit;
 *   `income`/`revenue`/`revenues`/收入 → profit and loss, credit;
 *   `expenses`/`expense`/費用/费用/支出 → profit and loss, debit. Any other top-level
 *   name is treated as an asset (debit), numbered with the assets.
 * - Codes follow the scheme {@link journalCodeScheme} `[4,3,3,3,3,3,3,3]`: a level-1
 *   code is the category digit and three digits (1001… assets, 2001… liabilities,
 *   4001… equity, 6001–6400 income, 6401–6999 expenses); each lower level appends three
 *   digits (001–999). Siblings are numbered in code-point order of their names, so the
 *   same set of names always gets the same codes whatever order the journal uses.
 * - Only leaves take postings in Danju. An account that has sub-accounts and also
 *   postings of its own (hledger allows it) gets a generated leaf child that takes
 *   those postings. The child is named like the account's last segment: postings to
 *   `assets:bank` next to `assets:bank:cmb` go to a generated `assets:bank:bank`,
 *   whose trial-balance path is `[assets, bank, bank]`. It always gets the first code
 *   under its parent (`…001`), before the real children. When a real child already
 *   has that name, the generated one is named `NAME (2)`, `NAME (3)` …, the first that
 *   is free.
 *
 * @since 0.1.0
 */
import { Limits } from "@danju/core"
import { Either } from "effect"
import type { AccountCategory, BalanceDirection } from "../Account"
import { JournalFeatureUnsupported, JournalLimitExceeded } from "./JournalErrors"

/**
 * The code scheme of account sets created from a journal: four digits at level 1,
 * three at each of the levels below, up to `Limits.accountLevelsMax` levels.
 *
 * @since 0.1.0
 */
export const journalCodeScheme: ReadonlyArray<number> = [4, ...Array.from({ length: Limits.accountLevelsMax - 1 }, () => 3)]

/**
 * One account of a chart built from a journal, in the shape of a chart template row.
 *
 * @since 0.1.0
 */
export interface JournalChartAccount {
  readonly code: string
  /** The last segment of the journal name (for a generated leaf: see the module doc). */
  readonly name: string
  /** Names from the level-1 account down to this one. */
  readonly path: ReadonlyArray<string>
  /**
   * The journal account name whose postings this account holds or sums: its own name,
   * or for a generated leaf the name of its parent.
   */
  readonly fullName: string
  readonly parentCode: string | null
  readonly level: number
  readonly category: AccountCategory
  readonly direction: BalanceDirection
  /** True when the account has no sub-accounts (only leaves take postings). */
  readonly leaf: boolean
  /** True for the leaf generated to hold the own postings of an account with sub-accounts. */
  readonly generated: boolean
}

/**
 * A chart built from a journal's account names.
 *
 * @since 0.1.0
 */
export interface JournalChart {
  /** Every account, parents before children, in code order. */
  readonly accounts: ReadonlyArray<JournalChartAccount>
  /** The leaf code a posting to the journal account `fullName` goes to; undefined for a name never posted to. */
  readonly postingAccountCode: (fullName: string) => string | undefined
}

/**
 * Collects account names (first pass) and builds the chart.
 *
 * @since 0.1.0
 */
export interface JournalChartBuilder {
  /**
   * Records that the journal posts to `fullName` (first seen at `line`), creating its
   * ancestors. Fails when the name is deeper than `Limits.accountLevelsMax`, has a
   * segment longer than `Limits.textLengthMax`, or the chart would exceed
   * `Limits.accountsPerSetMax`.
   */
  readonly addPostingAccount: (fullName: string, line: number) => Either.Either<void, JournalLimitExceeded>
  /** Assigns the codes. Fails when a category or a parent runs out of codes. */
  readonly build: () => Either.Either<JournalChart, JournalFeatureUnsupported | JournalLimitExceeded>
}

interface Node {
  readonly name: string
  readonly fullName: string
  readonly path: ReadonlyArray<string>
  readonly line: number
  readonly children: Map<string, Node>
  posted: boolean
}

interface CategoryRule {
  readonly category: AccountCategory
  readonly direction: BalanceDirection
  /** First and last level-1 code of the range. */
  readonly first: number
  readonly last: number
}

const assetRule: CategoryRule = { category: "asset", direction: "debit", first: 1001, last: 1999 }
const liabilityRule: CategoryRule = { category: "liability", direction: "credit", first: 2001, last: 2999 }
const equityRule: CategoryRule = { category: "equity", direction: "credit", first: 4001, last: 4999 }
const incomeRule: CategoryRule = { category: "profitAndLoss", direction: "credit", first: 6001, last: 6400 }
const expenseRule: CategoryRule = { category: "profitAndLoss", direction: "debit", first: 6401, last: 6999 }

const topLevelRules: ReadonlyMap<string, CategoryRule> = new Map([
  ...["assets", "asset", "資產", "资产"].map((name) => [name, assetRule] as const),
  ...["liabilities", "liability", "負債", "负债"].map((name) => [name, liabilityRule] as const),
  ...["equity", "權益", "权益", "所有者權益", "所有者权益"].map((name) => [name, equityRule] as const),
  ...["income", "revenue", "revenues", "收入"].map((name) => [name, incomeRule] as const),
  ...["expenses", "expense", "費用", "费用", "支出"].map((name) => [name, expenseRule] as const)
])

/**
 * The category rule of a top-level journal account name; unknown names are assets.
 *
 * @since 0.1.0
 */
export const journalAccountCategory = (
  topLevelName: string
): { readonly category: AccountCategory; readonly direction: BalanceDirection } => {
  const rule = topLevelRules.get(topLevelName.trim().toLowerCase()) ?? assetRule
  return { category: rule.category, direction: rule.direction }
}

const ruleOf = (topLevelName: string): CategoryRule => topLevelRules.get(topLevelName.trim().toLowerCase()) ?? assetRule

const byCodePoint = (left: string, right: string): number => (left < right ? -1 : left > right ? 1 : 0)

/** Codes per level below level 1 (three digits: 001–999). */
const childCodesMax = 999

const pad3 = (value: number): string => String(value).padStart(3, "0")

/**
 * Makes a chart builder for one journal.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { makeJournalChartBuilder } from "@danju/ledger"
 *
 * const builder = makeJournalChartBuilder()
 * builder.addPostingAccount("資產:銀行", 3)
 * builder.addPostingAccount("資產:銀行:招商", 7)
 * const chart = Either.getOrThrow(builder.build())
 * chart.postingAccountCode("資產:銀行") // "1001001001": the generated leaf 資產:銀行:銀行
 * chart.postingAccountCode("資產:銀行:招商") // "1001001002"
 * ```
 * @since 0.1.0
 */
export const makeJournalChartBuilder = (): JournalChartBuilder => {
  const roots = new Map<string, Node>()
  const byFullName = new Map<string, Node>()
  let nodeCount = 0

  const addPostingAccount = (fullName: string, line: number): Either.Either<void, JournalLimitExceeded> => {
    const known = byFullName.get(fullName)
    if (known !== undefined) {
      known.posted = true
      return Either.void
    }
    const segments = fullName.split(":")
    if (segments.length > Limits.accountLevelsMax) {
      return Either.left(new JournalLimitExceeded({ line, limit: "accountLevelsMax", maximum: Limits.accountLevelsMax }))
    }
    if (segments.some((segment) => segment.length > Limits.textLengthMax)) {
      return Either.left(new JournalLimitExceeded({ line, limit: "textLengthMax", maximum: Limits.textLengthMax }))
    }
    let siblings = roots
    let node: Node | undefined
    for (let level = 0; level < segments.length; level++) {
      const segment = segments[level]!
      node = siblings.get(segment)
      if (node === undefined) {
        if (nodeCount + 1 > Limits.accountsPerSetMax) {
          return Either.left(new JournalLimitExceeded({ line, limit: "accountsPerSetMax", maximum: Limits.accountsPerSetMax }))
        }
        const path = segments.slice(0, level + 1)
        node = { name: segment, fullName: path.join(":"), path, line, children: new Map(), posted: false }
        siblings.set(segment, node)
        byFullName.set(node.fullName, node)
        nodeCount++
      }
      siblings = node.children
    }
    node!.posted = true
    return Either.void
  }

  const build = (): Either.Either<JournalChart, JournalFeatureUnsupported | JournalLimitExceeded> => {
    const accounts: Array<JournalChartAccount> = []
    const postingCodes = new Map<string, string>()
    let generatedCount = 0
    for (const node of byFullName.values()) if (node.posted && node.children.size > 0) generatedCount++
    if (nodeCount + generatedCount > Limits.accountsPerSetMax) {
      return Either.left(new JournalLimitExceeded({ line: 1, limit: "accountsPerSetMax", maximum: Limits.accountsPerSetMax }))
    }

    const visit = (node: Node, code: string, parentCode: string | null, rule: CategoryRule): JournalFeatureUnsupported | undefined => {
      const level = node.path.length
      const hasChildren = node.children.size > 0
      accounts.push({
        code,
        name: node.name,
        path: node.path,
        fullName: node.fullName,
        parentCode,
        level,
        category: rule.category,
        direction: rule.direction,
        leaf: !hasChildren,
        generated: false
      })
      if (!hasChildren) {
        postingCodes.set(node.fullName, code)
        return undefined
      }
      let sequence = 0
      if (node.posted) {
        let name = node.name
        for (let suffix = 2; node.children.has(name); suffix++) name = `${node.name} (${suffix})`
        sequence++
        const leafCode = code + pad3(sequence)
        accounts.push({
          code: leafCode,
          name,
          path: [...node.path, name],
          fullName: node.fullName,
          parentCode: code,
          level: level + 1,
          category: rule.category,
          direction: rule.direction,
          leaf: true,
          generated: true
        })
        postingCodes.set(node.fullName, leafCode)
      }
      if (sequence + node.children.size > childCodesMax) {
        return new JournalFeatureUnsupported({
          line: node.line,
          feature: `more than ${childCodesMax} sub-accounts under ${node.fullName}`
        })
      }
      const names = [...node.children.keys()].sort(byCodePoint)
      for (const name of names) {
        sequence++
        const failure = visit(node.children.get(name)!, code + pad3(sequence), code, rule)
        if (failure !== undefined) return failure
      }
      return undefined
    }

    // Level 1: numbered within each category's range, in name order.
    const nextCode = new Map<CategoryRule, number>()
    const topNames = [...roots.keys()].sort(byCodePoint)
    const topByRule = [assetRule, liabilityRule, equityRule, incomeRule, expenseRule].map((rule) => ({
      rule,
      names: topNames.filter((name) => ruleOf(name) === rule)
    }))
    for (const { rule, names } of topByRule) {
      for (const name of names) {
        const code = nextCode.get(rule) ?? rule.first
        const node = roots.get(name)!
        if (code > rule.last) {
          return Either.left(
            new JournalFeatureUnsupported({
              line: node.line,
              feature: `more than ${rule.last - rule.first + 1} top-level accounts of the ${rule.category} (${rule.direction}) range`
            })
          )
        }
        nextCode.set(rule, code + 1)
        const failure = visit(node, String(code), null, rule)
        if (failure !== undefined) return Either.left(failure)
      }
    }
    accounts.sort((left, right) => byCodePoint(left.code, right.code))
    return Either.right({ accounts, postingAccountCode: (fullName) => postingCodes.get(fullName) })
  }

  return { addPostingAccount, build }
}
