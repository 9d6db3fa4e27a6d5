import { Either } from "effect"
import type { Dec } from "@danju/core"
import type { Account, AccountCategory } from "../Account"
import { FormulaInvalid } from "../errors"
import type { BalanceMovement } from "../TrialBalance"
import type { Figures, ReportHeader, ReportRangeSpec } from "./common"
import { computeFigures, emptyFigures, headerOf, rollUpFigures, zero } from "./common"
import type { FigureKind, FormulaNode } from "./Formula"
import { evaluateFormula, lineReferences, parseFormula } from "./Formula"

/**
 * A line of a statement template: a heading (no formula) or a figure.
 *
 * @since 0.1.0
 */
export interface StatementLine {
  /** Unique within the template; other lines refer to it with `LINE("id")`. */
  readonly id: string
  readonly label: string
  /** Null for a heading line. */
  readonly formula: string | null
  /** Indentation level when printed (0 = flush). */
  readonly indent?: number
}

/**
 * A column of a statement. Every line's formula is evaluated once per column; the basis
 * shifts what the figure kinds read:
 * - `asIs` — kinds as written;
 * - `yearOpening` — balances (`opening`, `closing`, `yearOpening`) read the balance at the
 *   start of the year and movements read zero (the balance sheet's 年初余額 column);
 * - `yearToDate` — `debit`, `credit`, `net` read `ytdDebit`, `ytdCredit`, `ytdNet` (the
 *   income statement's 本年累計金額 column).
 *
 * @since 0.1.0
 */
export interface StatementColumn {
  readonly id: string
  readonly label: string
  readonly basis: "asIs" | "yearOpening" | "yearToDate"
}

/**
 * A financial statement defined by formulas over accounts (報表模板).
 *
 * @since 0.1.0
 */
export interface StatementTemplate {
  readonly id: string
  readonly name: string
  readonly kind: "balanceSheet" | "incomeStatement" | "custom"
  readonly columns: ReadonlyArray<StatementColumn>
  readonly lines: ReadonlyArray<StatementLine>
  /** Two lines that must be equal in every column (資產總計 = 負債和所有者權益總計). */
  readonly check?: { readonly left: string; readonly right: string }
}

/**
 * A template whose formulas parsed, whose `LINE` references resolve, and which has no
 * cycles; `order` evaluates every line after the lines it refers to.
 *
 * @since 0.1.0
 */
export interface CompiledStatement {
  readonly template: StatementTemplate
  readonly formulas: ReadonlyMap<string, FormulaNode>
  readonly order: ReadonlyArray<string>
}

/**
 * Parses every formula of a template and checks its line references: unknown lines are
 * `unknownLine`, a line reaching itself through others is `cycle` (both at the position
 * of the offending `LINE`). The first problem in line order is returned.
 *
 * @since 0.1.0
 */
export const compileStatement = (template: StatementTemplate): Either.Either<CompiledStatement, FormulaInvalid> => {
  const formulas = new Map<string, FormulaNode>()
  const sources = new Map<string, string>()
  for (const line of template.lines) {
    if (line.formula === null) continue
    const parsed = parseFormula(line.formula)
    if (Either.isLeft(parsed)) return Either.left(parsed.left)
    formulas.set(line.id, parsed.right)
    sources.set(line.id, line.formula)
  }
  const ids = new Set(template.lines.map((line) => line.id))
  for (const [id, node] of formulas) {
    for (const reference of lineReferences(node)) {
      if (!ids.has(reference.id)) {
        return Either.left(new FormulaInvalid({ formula: sources.get(id)!, position: reference.position, reason: "unknownLine" }))
      }
    }
  }
  // Depth-first order; a line met again while still open closes a cycle.
  const order: Array<string> = []
  const state = new Map<string, "open" | "done">()
  const visit = (id: string): FormulaInvalid | undefined => {
    state.set(id, "open")
    const node = formulas.get(id)
    if (node !== undefined) {
      for (const reference of lineReferences(node)) {
        const seen = state.get(reference.id)
        if (seen === "open") return new FormulaInvalid({ formula: sources.get(id)!, position: reference.position, reason: "cycle" })
        if (seen === undefined) {
          const problem = visit(reference.id)
          if (problem !== undefined) return problem
        }
      }
    }
    state.set(id, "done")
    order.push(id)
    return undefined
  }
  for (const line of template.lines) {
    if (state.has(line.id)) continue
    const problem = visit(line.id)
    if (problem !== undefined) return Either.left(problem)
  }
  return Either.right({ template, formulas, order })
}

/**
 * One printed line of a statement: its value per column (null on headings).
 *
 * @since 0.1.0
 */
export interface StatementRow {
  readonly id: string
  readonly label: string
  readonly indent: number
  readonly values: Readonly<Record<string, Dec | null>>
}

/**
 * A financial statement (資產負債表, 利潤表, or a custom one).
 *
 * @since 0.1.0
 */
export interface FinancialStatement extends ReportHeader {
  readonly report: "balanceSheet" | "incomeStatement" | "statement"
  readonly template: string
  readonly name: string
  readonly columns: ReadonlyArray<{ readonly id: string; readonly label: string }>
  readonly rows: ReadonlyArray<StatementRow>
  /** The template's check (assets = liabilities + equity) in every column; null without a check. */
  readonly balanced: boolean | null
  /** Account codes the formulas name that the chart lacks (read as zero). */
  readonly missingAccounts: ReadonlyArray<string>
}

const shiftKind = (kind: FigureKind, basis: StatementColumn["basis"]): FigureKind | "zero" => {
  if (basis === "asIs") return kind
  if (basis === "yearToDate") return kind === "debit" ? "ytdDebit" : kind === "credit" ? "ytdCredit" : kind === "net" ? "ytdNet" : kind
  return kind === "opening" || kind === "closing" || kind === "yearOpening" ? "yearOpening" : "zero"
}

const figureOf = (figures: Figures, kind: FigureKind | "zero"): { readonly value: Dec; readonly signed: boolean } => {
  switch (kind) {
    case "zero":
      return { value: zero, signed: false }
    case "opening":
      return { value: figures.opening, signed: true }
    case "closing":
      return { value: figures.closing, signed: true }
    case "yearOpening":
      return { value: figures.yearOpening, signed: true }
    case "debit":
      return { value: figures.debit, signed: false }
    case "credit":
      return { value: figures.credit, signed: false }
    case "net":
      return { value: figures.debit.minus(figures.credit), signed: true }
    case "ytdDebit":
      return { value: figures.yearToDateDebit, signed: false }
    case "ytdCredit":
      return { value: figures.yearToDateCredit, signed: false }
    case "ytdNet":
      return { value: figures.yearToDateDebit.minus(figures.yearToDateCredit), signed: true }
  }
}

/**
 * Builds a statement: every line evaluated in every column over the figures of the
 * range (from balance rows starting at `openingBaseKey(accountSet, from)`). Pure.
 *
 * @example
 * ```ts
 * import { buildFinancialStatement, compileStatement, smallEnterpriseBalanceSheet } from "@danju/ledger"
 * import { Either } from "effect"
 *
 * const compiled = Either.getOrThrow(compileStatement(smallEnterpriseBalanceSheet))
 * const sheet = buildFinancialStatement({ accountSet, from, to, commodity: "CNY", includeUnposted: false }, compiled, { accounts, rows })
 * sheet.balanced // true
 * ```
 *
 * @since 0.1.0
 */
export const buildFinancialStatement = (
  spec: ReportRangeSpec,
  compiled: CompiledStatement,
  snapshot: { readonly accounts: ReadonlyArray<Account>; readonly rows: ReadonlyArray<BalanceMovement> }
): FinancialStatement => {
  const accountsByCode = new Map(snapshot.accounts.map((account) => [account.code as string, account]))
  const figures = rollUpFigures(computeFigures(spec, snapshot.rows, (row) => row.accountCode), accountsByCode)
  const missing = new Set<string>()
  const sided = (value: { readonly value: Dec; readonly signed: boolean }, side: "debit" | "credit") =>
    value.signed && side === "credit" ? value.value.negated() : value.value
  const template = compiled.template
  const values = new Map<string, Map<string, Dec>>()
  for (const column of template.columns) {
    const lineValues = new Map<string, Dec>()
    values.set(column.id, lineValues)
    const context = {
      account: (code: string, kind: FigureKind, side: "debit" | "credit" | null) => {
        const account = accountsByCode.get(code)
        if (account === undefined) {
          missing.add(code)
          return zero
        }
        return sided(figureOf(figures.get(code) ?? emptyFigures, shiftKind(kind, column.basis)), side ?? account.direction)
      },
      category: (category: AccountCategory, kind: FigureKind, side: "debit" | "credit" | null) => {
        let total = zero
        for (const account of snapshot.accounts) {
          if (account.parentCode !== null || account.category !== category) continue
          total = total.plus(sided(figureOf(figures.get(account.code) ?? emptyFigures, shiftKind(kind, column.basis)), side ?? "debit"))
        }
        return total
      },
      line: (id: string) => lineValues.get(id) ?? zero
    }
    for (const id of compiled.order) {
      const node = compiled.formulas.get(id)
      if (node !== undefined) lineValues.set(id, evaluateFormula(node, context))
    }
  }
  const rows = template.lines.map((line): StatementRow => ({
    id: line.id,
    label: line.label,
    indent: line.indent ?? 0,
    values: Object.fromEntries(template.columns.map((column) => [column.id, line.formula === null ? null : values.get(column.id)!.get(line.id) ?? zero]))
  }))
  const check = template.check
  const balanced = check === undefined
    ? null
    : template.columns.every((column) => {
      const columnValues = values.get(column.id)!
      return (columnValues.get(check.left) ?? zero).equals(columnValues.get(check.right) ?? zero)
    })
  return {
    report: template.kind === "custom" ? "statement" : template.kind,
    ...headerOf(spec),
    template: template.id,
    name: template.name,
    columns: template.columns.map((column) => ({ id: column.id, label: column.label })),
    rows,
    balanced,
    missingAccounts: [...missing].sort()
  }
}
