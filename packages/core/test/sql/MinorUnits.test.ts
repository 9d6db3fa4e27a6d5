// Proves the SQLite minor-unit shadow columns exact: for any decimal text Danju writes,
// the generated-column expression is either exactly value × 10^6 or NULL (never a
// rounded or clamped number), NULL exactly when the value has more than six decimals or
// more than twelve integer digits; and the text of a minor-unit sum converts back to the
// same decimal.
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import fc from "fast-check"
import { sql } from "kysely"
import { Dec, decimalToString } from "../../src/Amount"
import { Database, decimalTextOfMinorUnits, minorUnitScale, sqliteMinorUnitsSql } from "../../src/sql/index"
import { coreMigrations } from "../../src/sql/index"
import { describeEachDialect } from "../../src/testing/index"

const decimalText = fc.tuple(
  fc.boolean(),
  fc.bigInt({ min: 0n, max: 10n ** 16n }),
  fc.integer({ min: 0, max: 9 })
).map(([negative, digits, scale]) => decimalToString(new Dec(`${negative ? "-" : ""}${digits}`).div(new Dec(10).pow(scale))))

describe("decimalTextOfMinorUnits", () => {
  it("reads minor units back as the decimal they stand for", () => {
    assert.strictEqual(decimalTextOfMinorUnits("-1234500000"), "-1234.5")
    assert.strictEqual(decimalTextOfMinorUnits("5"), "0.000005")
    assert.strictEqual(decimalTextOfMinorUnits("0"), "0")
    assert.strictEqual(decimalTextOfMinorUnits("-700000"), "-0.7")
    fc.assert(fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (minor) => {
      const expected = new Dec(minor.toString()).div(new Dec(10).pow(minorUnitScale))
      assert.strictEqual(decimalTextOfMinorUnits(minor.toString()), decimalToString(expected))
    }))
  })
})

describeEachDialect("SQLite minor-unit expression", [coreMigrations], (it, dialect) => {
  if (dialect !== "sqlite") {
    it.effect("is SQLite's only (PostgreSQL sums NUMERIC natively)", () => Effect.sync(() => assert.strictEqual(dialect, "postgres")))
    return
  }
  it.effect("is exact or NULL for any decimal text", () =>
    Effect.gen(function*() {
      const database = yield* Database
      const minorOf = (text: string) =>
        database.query("minor units", (db) =>
          sql<{ minor: string | null }>`select cast(${sql.raw(sqliteMinorUnitsSql("value"))} as text) as minor from (select ${text} as value)`.execute(db))
      const samples = yield* Effect.sync(() => fc.sample(decimalText, { numRuns: 400, seed: 20261128 }))
      for (const text of [...samples, "0", "-0.5", "999999999999.999999", "1000000000000", "-1000000000000", "0.0000001", "12.3456789"]) {
        const { rows } = yield* minorOf(text)
        const value = new Dec(text)
        const [whole = "", fraction = ""] = text.replace("-", "").split(".")
        const exact = fraction.length <= minorUnitScale && whole.length <= 12
        if (exact) {
          assert.strictEqual(rows[0]!.minor, value.times(new Dec(10).pow(minorUnitScale)).toFixed(0), text)
          assert.strictEqual(decimalTextOfMinorUnits(rows[0]!.minor!), decimalToString(value), text)
        } else {
          assert.strictEqual(rows[0]!.minor, null, text)
        }
      }
    }))
})
