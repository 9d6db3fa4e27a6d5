// Proves that amounts are exact and strict: parsing refuses floats, exponents and
// oversized input with a typed reason; arithmetic never mixes commodities and never
// rounds by itself; rounding modes behave as named; and allocation/distribution always
// add up to the total, each part within one minor unit of its exact share.
import { assert, describe, it } from "@effect/vitest"
import { Decimal } from "decimal.js"
import { Either, Equal, Schema } from "effect"
import * as fc from "fast-check"
import {
  AllocationInvalid,
  Amount,
  AmountFromString,
  AmountInvalid,
  CNY,
  Commodity,
  CommodityMismatch,
  Dec,
  DecimalFromString,
  decimal,
  decimalToString,
  isMoney,
  isQuantity
} from "../src/Amount"
import { Limits } from "../src/Limits"

const USD = Commodity.currency("USD")
const KG = Commodity.unit("kg", 3)

const cny = (text: string) => Amount.of(text, CNY)
const rightOf = <A, E>(either: Either.Either<A, E>): A => {
  if (Either.isLeft(either)) assert.fail(`expected Right, got Left ${String(either.left)}`)
  return either.right
}
const leftOf = <A, E>(either: Either.Either<A, E>): E => {
  if (Either.isRight(either)) assert.fail(`expected Left, got Right ${String(either.right)}`)
  return either.left
}

/** A CNY amount from a random count of 分 within the edge limit. */
const cnyArbitrary = fc
  .bigInt({ min: -(10n ** 18n) + 1n, max: 10n ** 18n - 1n })
  .map((units) => Amount.fromMinorUnits(units, CNY))

describe("Dec", () => {
  it("is isolated from the global Decimal configuration", () => {
    assert.strictEqual(Decimal.precision, 20)
    assert.strictEqual(new Dec(1).div(3).toString().length, "0.".length + 40)
    assert.strictEqual(new Dec("1e-39").toString(), "0.000000000000000000000000000000000000001")
  })

  it("decimal() accepts safe integers and plain strings and refuses floats", () => {
    assert.strictEqual(decimal(42).toString(), "42")
    assert.strictEqual(decimal("-0.50").toString(), "-0.5")
    assert.throws(() => decimal(0.1))
    assert.throws(() => decimal("1e5"))
    assert.throws(() => decimal(new Decimal(NaN)))
    assert.instanceOf(decimal(new Decimal("1.5")), Dec)
  })

  it("decimalToString never uses exponent notation", () => {
    assert.strictEqual(decimalToString(new Dec("1e50")), "1" + "0".repeat(50))
    assert.strictEqual(decimalToString(new Dec("-1.25e45")), "-125" + "0".repeat(43))
    assert.strictEqual(decimalToString(new Dec("1.5e-45")), "0." + "0".repeat(44) + "15")
  })
})

describe("DecimalFromString", () => {
  const decode = Schema.decodeUnknownEither(DecimalFromString)

  it("decodes plain decimals and encodes without exponent", () => {
    assert.strictEqual(rightOf(decode("12.30")).toString(), "12.3")
    assert.strictEqual(rightOf(decode("-0.000001")).toString(), "-0.000001")
    assert.strictEqual(Schema.encodeSync(DecimalFromString)(new Dec("1e-30")), "0." + "0".repeat(29) + "1")
  })

  it("rejects floats and non-numbers", () => {
    for (const input of ["1e5", "NaN", "Infinity", "-Infinity", "0x1f", " 1", "1 ", "+1", "1.", ".5", "", "1,000", "--1"]) {
      assert.isTrue(Either.isLeft(decode(input)), input)
    }
    assert.isTrue(Either.isLeft(decode(12.3)))
    assert.isTrue(Either.isLeft(decode("1".repeat(Limits.amountDigitsMax + 1))))
  })
})

describe("Commodity", () => {
  it("builds currencies and units and validates them", () => {
    assert.deepStrictEqual({ ...CNY }, { code: "CNY", kind: "currency", scale: 2 })
    assert.deepStrictEqual({ ...KG }, { code: "kg", kind: "unit", scale: 3 })
    assert.throws(() => Commodity.currency(""))
    assert.throws(() => Commodity.unit("box", -1))
    assert.throws(() => Commodity.unit("box", Limits.amountScaleMax + 1))
    assert.isFalse(Commodity.equals(CNY, Commodity.currency("CNY", 4)))
  })
})

describe("Amount.parse", () => {
  it("accepts plain text within the commodity's scale", () => {
    assert.strictEqual(rightOf(Amount.parse("12.3", CNY)).toString(), "12.30")
    assert.strictEqual(rightOf(Amount.parse("12.3000", CNY)).toString(), "12.30")
    assert.strictEqual(rightOf(Amount.parse("-0.00", CNY)).toString(), "0.00")
    assert.strictEqual(rightOf(Amount.parse(Limits.amountAbsoluteMax, Commodity.unit("box", 0))).toString(), Limits.amountAbsoluteMax)
  })

  it("rejects with a typed reason, in the documented order", () => {
    const cases: ReadonlyArray<readonly [string, AmountInvalid["reason"]]> = [
      ["", "syntax"],
      ["NaN", "syntax"],
      ["Infinity", "syntax"],
      ["1e5", "syntax"],
      ["1.5E+3", "syntax"],
      ["12,30", "syntax"],
      ["1".repeat(Limits.amountDigitsMax + 1), "tooManyDigits"],
      ["0.001", "tooManyDecimals"],
      ["1000000000000000000", "tooLarge"],
      ["-1000000000000000000.00", "tooLarge"]
    ]
    for (const [input, reason] of cases) {
      const error = leftOf(Amount.parse(input, CNY))
      assert.instanceOf(error, AmountInvalid)
      assert.strictEqual(error.reason, reason, input)
      assert.include(error.message, JSON.stringify(input))
    }
  })

  it("AmountFromString decodes at an edge with the same rules", () => {
    const schema = AmountFromString(CNY)
    assert.strictEqual(Schema.decodeUnknownSync(schema)("7.5").toString(), "7.50")
    assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(schema)("7.555")))
    assert.strictEqual(Schema.encodeSync(schema)(cny("7.5")), "7.50")
  })
})

describe("Amount arithmetic", () => {
  it("adds, subtracts and compares within one commodity", () => {
    assert.strictEqual(rightOf(cny("0.10").plus(cny("0.20"))).toString(), "0.30")
    assert.strictEqual(rightOf(cny("0.10").minus(cny("0.25"))).toString(), "-0.15")
    assert.strictEqual(rightOf(cny("1").compare(cny("2"))), -1)
    assert.strictEqual(cny("2").compareOrThrow(cny("2.00")), 0)
    assert.isTrue(cny("12.3").equals(cny("12.30")))
    assert.isTrue(Equal.equals(cny("12.3"), cny("12.30")))
  })

  it("refuses to combine different commodities", () => {
    const error = leftOf(cny("1").plus(Amount.of("1", USD)))
    assert.instanceOf(error, CommodityMismatch)
    assert.strictEqual(error.left.code, "CNY")
    assert.strictEqual(error.right.code, "USD")
    assert.isTrue(Either.isLeft(cny("1").minus(Amount.of("1", Commodity.currency("CNY", 4)))))
    assert.isTrue(Either.isLeft(cny("1").compare(Amount.of("1", KG))))
    assert.throws(() => cny("1").plusOrThrow(Amount.of("1", USD)))
    assert.isFalse(cny("1").equals(Amount.of("1", USD)))
  })

  it("negates, takes magnitudes and reports signs without negative zero", () => {
    assert.strictEqual(cny("5").negate().toString(), "-5.00")
    assert.strictEqual(cny("-5").abs().toString(), "5.00")
    assert.isFalse(cny("0").negate().isNegative())
    assert.isTrue(cny("0").negate().isZero())
    assert.isTrue(cny("-0.01").isNegative())
    assert.isTrue(cny("0.01").isPositive())
  })

  it("multiplies exactly and rounds only when asked", () => {
    const product = Amount.of("3.333", KG).times("12.5")
    assert.strictEqual(product.toString(), "41.6625")
    assert.strictEqual(product.round(2).toString(), "41.660")
    assert.strictEqual(product.round().toString(), "41.663")
    assert.strictEqual(cny("10").times(3).toString(), "30.00")
    assert.throws(() => cny("10").times(1.1))
  })

  it("rounds with the named modes", () => {
    const cases: ReadonlyArray<readonly [string, Parameters<Amount["round"]>[1], string]> = [
      ["2.345", "halfUp", "2.35"],
      ["-2.345", "halfUp", "-2.35"],
      ["2.345", "halfEven", "2.34"],
      ["2.355", "halfEven", "2.36"],
      ["2.349", "down", "2.34"],
      ["-2.349", "down", "-2.34"],
      ["2.341", "up", "2.35"],
      ["-2.341", "up", "-2.35"]
    ]
    for (const [input, mode, expected] of cases) {
      assert.strictEqual(cny(input).round(2, mode).toString(), expected, `${input} ${mode}`)
    }
    assert.strictEqual(cny("2.5").round(0).toString(), "3.00")
    assert.throws(() => cny("1").round(-1))
  })

  it("converts to and from minor units", () => {
    assert.strictEqual(cny("-12.34").toMinorUnits(), -1234n)
    assert.strictEqual(Amount.fromMinorUnits(1234n, KG).toString(), "1.234")
    assert.throws(() => cny("1").times("0.001").toMinorUnits())
  })

  it("sums one commodity and refuses a stranger", () => {
    assert.strictEqual(rightOf(Amount.sum(CNY, [cny("1.10"), cny("2.20"), cny("-0.30")])).toString(), "3.00")
    assert.strictEqual(rightOf(Amount.sum(CNY, [])).toString(), "0.00")
    assert.instanceOf(leftOf(Amount.sum(CNY, [cny("1"), Amount.of("1", USD)])), CommodityMismatch)
  })

  it("tells money from quantities and serialises to JSON", () => {
    assert.isTrue(isMoney(cny("1")))
    assert.isTrue(isQuantity(Amount.of("1", KG)))
    assert.deepStrictEqual(JSON.parse(JSON.stringify(cny("1.5"))), {
      value: "1.50",
      commodity: { code: "CNY", kind: "currency", scale: 2 }
    })
  })
})

describe("Amount.allocate and distribute", () => {
  const strings = (parts: ReadonlyArray<Amount>) => parts.map(String)

  it("hands out the remainder by largest remainder, ties to the lower index", () => {
    assert.deepStrictEqual(strings(rightOf(Amount.distribute(cny("100"), 3))), ["33.34", "33.33", "33.33"])
    assert.deepStrictEqual(strings(rightOf(Amount.distribute(cny("-100"), 3))), ["-33.34", "-33.33", "-33.33"])
    assert.deepStrictEqual(strings(rightOf(Amount.distribute(cny("0.05"), 2))), ["0.03", "0.02"])
    assert.deepStrictEqual(strings(rightOf(Amount.allocate(cny("100"), [1, 2, 3]))), ["16.67", "33.33", "50.00"])
    assert.deepStrictEqual(strings(rightOf(Amount.allocate(cny("0.05"), ["0.3", "0.7"]))), ["0.02", "0.03"])
    assert.deepStrictEqual(strings(rightOf(Amount.allocate(cny("10"), [0, 1]))), ["0.00", "10.00"])
    assert.deepStrictEqual(strings(rightOf(Amount.allocate(Amount.of("1", KG), [new Dec(1), new Dec(2)]))), ["0.333", "0.667"])
  })

  it("rejects invalid allocations with typed reasons", () => {
    const reason = (either: Either.Either<unknown, AllocationInvalid>) => leftOf(either).reason
    assert.strictEqual(reason(Amount.allocate(cny("1"), [])), "noParts")
    assert.strictEqual(reason(Amount.distribute(cny("1"), 0)), "noParts")
    assert.strictEqual(reason(Amount.distribute(cny("1"), Limits.allocationPartsMax + 1)), "tooManyParts")
    assert.strictEqual(reason(Amount.allocate(cny("1"), [Number.NaN])), "ratioInvalid")
    assert.strictEqual(reason(Amount.allocate(cny("1"), ["1e3"])), "ratioInvalid")
    assert.strictEqual(reason(Amount.allocate(cny("1"), [1, -1])), "ratioNegative")
    assert.strictEqual(reason(Amount.allocate(cny("1"), [0, 0])), "ratiosZero")
    assert.strictEqual(reason(Amount.allocate(cny("1").times("0.001"), [1])), "totalNotRounded")
  })

  it.prop(
    "parts sum to the total and each is within one minor unit of its exact share",
    [cnyArbitrary, fc.array(fc.nat({ max: 1_000_000 }), { minLength: 1, maxLength: 20 })],
    ([total, weights]) => {
      fc.pre(weights.some((weight) => weight > 0))
      const parts = rightOf(Amount.allocate(total, weights))
      assert.isTrue(rightOf(Amount.sum(CNY, parts)).equals(total))
      const weightSum = weights.reduce((sum, weight) => sum + weight, 0)
      parts.forEach((part, index) => {
        const exact = total.value.times(weights[index] ?? 0).div(weightSum)
        assert.isTrue(part.value.minus(exact).abs().lessThan("0.01"))
      })
    }
  )

  it.prop(
    "distribution sums to the total and parts differ by at most one minor unit",
    [cnyArbitrary, fc.integer({ min: 1, max: 50 })],
    ([total, count]) => {
      const parts = rightOf(Amount.distribute(total, count))
      assert.strictEqual(parts.length, count)
      assert.isTrue(rightOf(Amount.sum(CNY, parts)).equals(total))
      const values = parts.map((part) => part.value)
      assert.isTrue(Dec.max(...values).minus(Dec.min(...values)).lessThanOrEqualTo("0.01"))
    }
  )
})

describe("Amount laws", () => {
  it.prop("addition is commutative", [cnyArbitrary, cnyArbitrary], ([a, b]) => {
    assert.isTrue(a.plusOrThrow(b).equals(b.plusOrThrow(a)))
  })

  it.prop("addition is associative", [cnyArbitrary, cnyArbitrary, cnyArbitrary], ([a, b, c]) => {
    assert.isTrue(a.plusOrThrow(b).plusOrThrow(c).equals(a.plusOrThrow(b.plusOrThrow(c))))
  })

  it.prop("a + (−a) = 0", [cnyArbitrary], ([a]) => {
    const sum = a.plusOrThrow(a.negate())
    assert.isTrue(sum.isZero())
    assert.isFalse(sum.isNegative())
  })

  it.prop("canonical text round-trips through parse and toString", [cnyArbitrary], ([a]) => {
    const text = a.toString()
    assert.match(text, /^-?(0|[1-9][0-9]*)\.[0-9]{2}$/)
    assert.strictEqual(rightOf(Amount.parse(text, CNY)).toString(), text)
  })
})
