// Proves the report formula language: every FormulaInvalid reason is reported at its
// position (one row per reason, in the order the parser meets them), valid formulas
// evaluate exactly with the documented signs, and template compilation finds unknown
// lines and cycles.
import { assert, describe, it } from "@effect/vitest"
import { Either } from "effect"
import { Dec } from "@danju/core"
import type { FormulaInvalid } from "../../src/domain/errors"
import { compileStatement } from "../../src/domain/reports/FinancialStatements"
import type { StatementTemplate } from "../../src/domain/reports/FinancialStatements"
import { evaluateFormula, parseFormula } from "../../src/domain/reports/Formula"

const rows: ReadonlyArray<readonly [reason: FormulaInvalid["reason"], formula: string, position: number]> = [
  ["tooLong", "1" + "+1".repeat(1_000), 2_000],
  ["unexpectedCharacter", `ACCT("1001", "closing") / 2`, 24],
  ["unterminatedString", `ACCT("1001`, 5],
  ["numberInvalid", "1.2.3 + 1", 0],
  ["unexpectedToken", `ACCT("1001", "closing") ACCT("1002", "closing")`, 24],
  ["unexpectedEnd", `ACCT("1001", "closing") +`, 25],
  ["tooDeep", "(".repeat(40) + "1" + ")".repeat(40), 33],
  ["unknownFunction", `SUM("1001")`, 0],
  ["argumentCount", `ACCT("1001")`, 11],
  ["argumentType", `ACCT(1001, "closing")`, 5],
  ["unknownKind", `ACCT("1001", "balance")`, 13],
  ["unknownSide", `ACCT("1001", "closing", "left")`, 24],
  ["unknownCategory", `CAT("income", "net", "credit")`, 4]
]

const template = (lines: StatementTemplate["lines"]): StatementTemplate => ({
  id: "test",
  name: "test",
  kind: "custom",
  columns: [{ id: "value", label: "value", basis: "asIs" }],
  lines
})

describe("report formulas", () => {
  it("reports each FormulaInvalid reason at its position", () => {
    for (const [reason, formula, position] of rows) {
      const parsed = parseFormula(formula)
      assert.isTrue(Either.isLeft(parsed), reason)
      const error = (parsed as Either.Left<FormulaInvalid, unknown>).left
      assert.deepStrictEqual([error._tag, error.reason, error.position], ["FormulaInvalid", reason, position], formula.slice(0, 60))
      assert.include(error.message, `at position ${position}`)
    }
  })

  it("refuses a side on movement kinds and asks CAT for a side on balances", () => {
    const side = parseFormula(`ACCT("1001", "debit", "credit")`)
    assert.deepStrictEqual(Either.isLeft(side) && [side.left.reason, side.left.position], ["argumentType", 22])
    const category = parseFormula(`CAT("asset", "closing")`)
    assert.deepStrictEqual(Either.isLeft(category) && [category.left.reason, category.left.position], ["argumentCount", 22])
    assert.isTrue(Either.isRight(parseFormula(`CAT("asset", "debit")`)))
  })

  it("finds unknown lines and cycles when a template compiles", () => {
    const unknown = compileStatement(template([{ id: "a", label: "a", formula: `LINE("b")` }]))
    assert.deepStrictEqual(Either.isLeft(unknown) && [unknown.left.reason, unknown.left.formula, unknown.left.position], ["unknownLine", `LINE("b")`, 0])
    const cycle = compileStatement(template([
      { id: "a", label: "a", formula: `1 + LINE("b")` },
      { id: "b", label: "b", formula: `LINE("a")` }
    ]))
    assert.deepStrictEqual(Either.isLeft(cycle) && [cycle.left.reason, cycle.left.formula], ["cycle", `LINE("a")`])
    const ordered = compileStatement(template([
      { id: "total", label: "total", formula: `LINE("a") + LINE("b")` },
      { id: "a", label: "a", formula: "1" },
      { id: "heading", label: "heading", formula: null },
      { id: "b", label: "b", formula: "2" }
    ]))
    assert.isTrue(Either.isRight(ordered))
    const order = Either.getOrThrow(ordered).order
    assert.isBelow(order.indexOf("a"), order.indexOf("total"))
    assert.isBelow(order.indexOf("b"), order.indexOf("total"))
  })

  it("evaluates exactly, with precedence, unary minus and sides", () => {
    const node = Either.getOrThrow(parseFormula(`ACCT("1001", "closing") + 2 * -ACCT("1602", "closing") - (0.1 + 0.2) + ACCT("1602", "closing", "debit")`))
    const seen: Array<string> = []
    const value = evaluateFormula(node, {
      account: (code, kind, side) => {
        seen.push(`${code}:${kind}:${side ?? "own"}`)
        return code === "1001" ? new Dec("100.10") : side === "debit" ? new Dec("-3") : new Dec("3")
      },
      category: () => new Dec(0),
      line: () => new Dec(0)
    })
    // 100.10 + 2 × −3 − 0.3 + (−3) = 90.8, exactly (no binary float drift on 0.1 + 0.2).
    assert.strictEqual(value.toString(), "90.8")
    assert.deepStrictEqual(seen, ["1001:closing:own", "1602:closing:own", "1602:closing:debit"])
  })
})
