import { Either } from "effect"
import type { Dec } from "@danju/core"
import { Dec as Decimal, Limits } from "@danju/core"
import type { AccountCategory } from "../Account"
import { FormulaInvalid } from "../errors"

// The report formula language (報表公式) of the financial statements. Small on purpose:
//
//   formula  := sum
//   sum      := product (("+" | "-") product)*
//   product  := unary ("*" unary)*
//   unary    := ("-" | "+") unary | primary
//   primary  := NUMBER | call | "(" sum ")"
//   call     := NAME "(" [argument ("," argument)*] ")"      arguments: "strings" or sums
//
// Functions:
//   ACCT("code", "kind" [, "side"])   one account (its sub-tree included)
//   CAT("category", "kind" [, "side"]) every level-1 account of a category
//   LINE("id")                         another line of the same statement (same column)
//
// Kinds: balances `opening`, `closing`, `yearOpening`; movements `debit`, `credit`,
// `ytdDebit`, `ytdCredit`; net movements `net`, `ytdNet`. Balances and net movements are
// signed on the account's own direction (a credit account's credit balance is
// positive), or on the side given as the third argument ("debit": debit − credit,
// "credit": credit − debit). CAT sums accounts of both directions, so it needs the side
// for balances and net movements. Movements are the raw debit or credit totals and take
// no side. There is no division: statements add and subtract.

/**
 * The figures a formula can read of an account.
 *
 * @since 0.1.0
 */
export type FigureKind = "opening" | "closing" | "yearOpening" | "debit" | "credit" | "net" | "ytdDebit" | "ytdCredit" | "ytdNet"

const figureKinds: ReadonlySet<string> = new Set<FigureKind>([
  "opening",
  "closing",
  "yearOpening",
  "debit",
  "credit",
  "net",
  "ytdDebit",
  "ytdCredit",
  "ytdNet"
])

const movementKinds: ReadonlySet<string> = new Set<FigureKind>(["debit", "credit", "ytdDebit", "ytdCredit"])

const categories: ReadonlySet<string> = new Set<AccountCategory>(["asset", "liability", "common", "equity", "cost", "profitAndLoss"])

/**
 * A parsed formula.
 *
 * @since 0.1.0
 */
export type FormulaNode =
  | { readonly type: "number"; readonly value: Dec; readonly position: number }
  | {
    readonly type: "account"
    readonly code: string
    readonly kind: FigureKind
    readonly side: "debit" | "credit" | null
    readonly position: number
  }
  | {
    readonly type: "category"
    readonly category: AccountCategory
    readonly kind: FigureKind
    readonly side: "debit" | "credit" | null
    readonly position: number
  }
  | { readonly type: "line"; readonly id: string; readonly position: number }
  | { readonly type: "negate"; readonly operand: FormulaNode; readonly position: number }
  | {
    readonly type: "binary"
    readonly operator: "+" | "-" | "*"
    readonly left: FormulaNode
    readonly right: FormulaNode
    readonly position: number
  }

type Token =
  | { readonly type: "number"; readonly text: string; readonly position: number }
  | { readonly type: "string"; readonly text: string; readonly position: number }
  | { readonly type: "name"; readonly text: string; readonly position: number }
  | { readonly type: "punctuation"; readonly text: "+" | "-" | "*" | "(" | ")" | ","; readonly position: number }
  | { readonly type: "end"; readonly text: ""; readonly position: number }

class ParseFailure {
  constructor(readonly error: FormulaInvalid) {}
}

const tokenize = (formula: string): Array<Token> => {
  const fail = (position: number, reason: FormulaInvalid["reason"]) => {
    throw new ParseFailure(new FormulaInvalid({ formula, position, reason }))
  }
  const tokens: Array<Token> = []
  let index = 0
  while (index < formula.length) {
    const character = formula[index]!
    if (character === " " || character === "\t" || character === "\n" || character === "\r") {
      index++
    } else if (/[0-9.]/.test(character)) {
      const start = index
      while (index < formula.length && /[0-9.]/.test(formula[index]!)) index++
      const text = formula.slice(start, index)
      if (!/^[0-9]+(\.[0-9]+)?$/.test(text)) fail(start, "numberInvalid")
      tokens.push({ type: "number", text, position: start })
    } else if (character === "\"") {
      const start = index
      const close = formula.indexOf("\"", index + 1)
      if (close === -1) fail(start, "unterminatedString")
      tokens.push({ type: "string", text: formula.slice(start + 1, close), position: start })
      index = close + 1
    } else if (/[A-Za-z_]/.test(character)) {
      const start = index
      while (index < formula.length && /[A-Za-z0-9_]/.test(formula[index]!)) index++
      tokens.push({ type: "name", text: formula.slice(start, index), position: start })
    } else if ("+-*(),".includes(character)) {
      tokens.push({ type: "punctuation", text: character as "+", position: index })
      index++
    } else {
      fail(index, "unexpectedCharacter")
    }
  }
  tokens.push({ type: "end", text: "", position: formula.length })
  return tokens
}

const parseTokens = (formula: string, tokens: ReadonlyArray<Token>): FormulaNode => {
  let index = 0
  const fail = (position: number, reason: FormulaInvalid["reason"]): never => {
    throw new ParseFailure(new FormulaInvalid({ formula, position, reason }))
  }
  const peek = () => tokens[index]!
  const unexpected = (token: Token): never => fail(token.position, token.type === "end" ? "unexpectedEnd" : "unexpectedToken")
  const expect = (text: string) => {
    const token = peek()
    if (token.type !== "punctuation" || token.text !== text) unexpected(token)
    index++
    return token
  }

  const sum = (depth: number): FormulaNode => {
    let left = product(depth)
    while (true) {
      const token = peek()
      if (token.type !== "punctuation" || (token.text !== "+" && token.text !== "-")) return left
      index++
      left = { type: "binary", operator: token.text, left, right: product(depth), position: token.position }
    }
  }
  const product = (depth: number): FormulaNode => {
    let left = unary(depth)
    while (true) {
      const token = peek()
      if (token.type !== "punctuation" || token.text !== "*") return left
      index++
      left = { type: "binary", operator: "*", left, right: unary(depth), position: token.position }
    }
  }
  const unary = (depth: number): FormulaNode => {
    const token = peek()
    if (depth > Limits.formulaDepthMax) fail(token.position, "tooDeep")
    if (token.type === "punctuation" && (token.text === "-" || token.text === "+")) {
      index++
      const operand = unary(depth + 1)
      return token.text === "-" ? { type: "negate", operand, position: token.position } : operand
    }
    return primary(depth)
  }
  const primary = (depth: number): FormulaNode => {
    const token = peek()
    if (token.type === "number") {
      index++
      return { type: "number", value: new Decimal(token.text), position: token.position }
    }
    if (token.type === "punctuation" && token.text === "(") {
      index++
      const inner = sum(depth + 1)
      expect(")")
      return inner
    }
    if (token.type === "name") return call(token, depth)
    return unexpected(token)
  }
  const call = (name: Token, depth: number): FormulaNode => {
    index++
    expect("(")
    const argumentsList: Array<{ readonly value: string | FormulaNode; readonly position: number }> = []
    if (!(peek().type === "punctuation" && peek().text === ")")) {
      while (true) {
        const token = peek()
        if (token.type === "string") {
          index++
          argumentsList.push({ value: token.text, position: token.position })
        } else {
          argumentsList.push({ value: sum(depth + 1), position: token.position })
        }
        const separator = peek()
        if (separator.type === "punctuation" && separator.text === ",") {
          index++
          continue
        }
        break
      }
    }
    const close = expect(")")
    // Every argument is a string literal; the count depends on the function.
    const text = (minimum: number, maximum: number): Array<string> => {
      if (argumentsList.length < minimum) fail(close.position, "argumentCount")
      if (argumentsList.length > maximum) fail(argumentsList[maximum]!.position, "argumentCount")
      return argumentsList.map((argument) => (typeof argument.value === "string" ? argument.value : fail(argument.position, "argumentType")))
    }
    const kindAndSide = (kindIndex: number, sideRequired: boolean): { kind: FigureKind; side: "debit" | "credit" | null } => {
      const kindArgument = argumentsList[kindIndex]!
      const kind = kindArgument.value as string
      if (!figureKinds.has(kind)) fail(kindArgument.position, "unknownKind")
      const sideArgument = argumentsList[kindIndex + 1]
      if (sideArgument === undefined) {
        if (sideRequired && !movementKinds.has(kind)) fail(close.position, "argumentCount")
        return { kind: kind as FigureKind, side: null }
      }
      if (movementKinds.has(kind)) fail(sideArgument.position, "argumentType")
      if (sideArgument.value !== "debit" && sideArgument.value !== "credit") fail(sideArgument.position, "unknownSide")
      return { kind: kind as FigureKind, side: sideArgument.value as "debit" | "credit" }
    }
    switch (name.text) {
      case "ACCT": {
        const [code] = text(2, 3)
        if (!/^[0-9]+$/.test(code!)) fail(argumentsList[0]!.position, "argumentType")
        return { type: "account", code: code!, ...kindAndSide(1, false), position: name.position }
      }
      case "CAT": {
        const [category] = text(2, 3)
        if (!categories.has(category!)) fail(argumentsList[0]!.position, "unknownCategory")
        return { type: "category", category: category as AccountCategory, ...kindAndSide(1, true), position: name.position }
      }
      case "LINE": {
        const [id] = text(1, 1)
        return { type: "line", id: id!, position: name.position }
      }
      default:
        return fail(name.position, "unknownFunction")
    }
  }

  const node = sum(0)
  const rest = peek()
  if (rest.type !== "end") unexpected(rest)
  return node
}

/**
 * Parses a report formula, or says where and why it is invalid.
 *
 * @example
 * ```ts
 * import { parseFormula } from "@danju/ledger"
 *
 * parseFormula(`ACCT("1001", "closing") + ACCT("1002", "closing") - ACCT("1231", "closing")`) // Right(node)
 * parseFormula(`ACCT("1001", "closing"`) // Left(FormulaInvalid { position: 22, reason: "unexpectedEnd" })
 * ```
 *
 * @since 0.1.0
 */
export const parseFormula = (formula: string): Either.Either<FormulaNode, FormulaInvalid> => {
  if (formula.length > Limits.formulaLengthMax) {
    return Either.left(new FormulaInvalid({ formula: formula.slice(0, Limits.formulaLengthMax), position: Limits.formulaLengthMax, reason: "tooLong" }))
  }
  try {
    return Either.right(parseTokens(formula, tokenize(formula)))
  } catch (failure) {
    if (failure instanceof ParseFailure) return Either.left(failure.error)
    throw failure
  }
}

/**
 * The lines a formula refers to with `LINE`, with their positions.
 *
 * @since 0.1.0
 */
export const lineReferences = (node: FormulaNode): Array<{ readonly id: string; readonly position: number }> => {
  switch (node.type) {
    case "line":
      return [{ id: node.id, position: node.position }]
    case "negate":
      return lineReferences(node.operand)
    case "binary":
      return [...lineReferences(node.left), ...lineReferences(node.right)]
    default:
      return []
  }
}

/**
 * What evaluation reads: account and category figures and other lines' values.
 *
 * @since 0.1.0
 */
export interface FormulaContext {
  readonly account: (code: string, kind: FigureKind, side: "debit" | "credit" | null) => Dec
  readonly category: (category: AccountCategory, kind: FigureKind, side: "debit" | "credit" | null) => Dec
  readonly line: (id: string) => Dec
}

/**
 * Evaluates a parsed formula. Exact decimal arithmetic throughout.
 *
 * @since 0.1.0
 */
export const evaluateFormula = (node: FormulaNode, context: FormulaContext): Dec => {
  switch (node.type) {
    case "number":
      return node.value
    case "account":
      return context.account(node.code, node.kind, node.side)
    case "category":
      return context.category(node.category, node.kind, node.side)
    case "line":
      return context.line(node.id)
    case "negate":
      return evaluateFormula(node.operand, context).negated()
    case "binary": {
      const left = evaluateFormula(node.left, context)
      const right = evaluateFormula(node.right, context)
      return node.operator === "+" ? left.plus(right) : node.operator === "-" ? left.minus(right) : left.times(right)
    }
  }
}
