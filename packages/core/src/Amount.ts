/**
 * Exact amounts of money and quantities. Every number Danju keeps for money, grain,
 * drugs or any other counted thing is a decimal held by {@link Dec} — an isolated
 * `decimal.js` constructor with 40 significant digits and half-up rounding — paired
 * with the {@link Commodity} it counts (a currency such as CNY, or a unit such as kg).
 *
 * Rules this module enforces:
 * - no JS floats: numbers are accepted only as safe integers, text only in plain
 *   fixed-point notation (no exponents, NaN or Infinity);
 * - rounding happens only where the caller asks ({@link Amount.round}), with an explicit
 *   mode — half-up (四捨五入) by default;
 * - amounts of different commodities never mix: `plus`, `minus`, `compare` and
 *   {@link Amount.sum} return `Either` with a typed {@link CommodityMismatch}; the
 *   `…OrThrow` variants throw the same error as a defect, for callers that already
 *   established both sides share one commodity;
 * - {@link Amount.allocate} and {@link Amount.distribute} hand out the remainder in minor
 *   units so that the parts always add up to the total exactly.
 *
 * @since 0.1.0
 */
import { Decimal } from "decimal.js"
import { Either, Equal, Hash, ParseResult, Schema } from "effect"
import { Limits } from "./Limits"

/**
 * The only Decimal constructor Danju uses: 40 significant digits, half-up rounding, and
 * plain (never exponent) notation across the range amounts can take. It is a clone, so
 * nothing an application does to the global `Decimal` configuration changes Danju's
 * arithmetic.
 *
 * @example
 * ```ts
 * import { Dec } from "@danju/core"
 *
 * new Dec("0.1").plus("0.2").toString() // "0.3"
 * ```
 * @since 0.1.0
 */
export const Dec = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40
})

/**
 * An exact decimal value created by {@link Dec}. Values from other Decimal
 * constructors are accepted where a `Dec` is expected and are re-created with `Dec`
 * before any arithmetic, so their configuration never leaks in.
 *
 * @since 0.1.0
 */
export type Dec = Decimal

/**
 * What a decimal may be created from: a Decimal, a plain fixed-point string
 * (`"-12.30"`), or a safe integer. Non-integer JS numbers are refused because they are
 * binary floats.
 *
 * @since 0.1.0
 */
export type DecimalInput = Decimal | string | number

// Plain fixed-point decimal: optional minus, digits, optional fraction. No "+", no
// exponent, no hex/binary prefixes, no surrounding whitespace.
const plainDecimalPattern = /^-?[0-9]+(\.[0-9]+)?$/

/** Number of significant digits written in a plain decimal string (leading zeros of the integer part do not count). */
const digitCount = (text: string): number => {
  const unsigned = text.startsWith("-") ? text.slice(1) : text
  const [integerPart = "", fractionPart = ""] = unsigned.split(".")
  return integerPart.replace(/^0+/, "").length + fractionPart.length
}

/** Why a decimal string was refused, or the decimal it denotes. */
const decodePlainDecimal = (text: string): Either.Either<Dec, "syntax" | "tooManyDigits"> => {
  // The length check first bounds the work the pattern does on hostile input.
  if (text.length > Limits.amountDigitsMax * 2 + 2 || !plainDecimalPattern.test(text)) {
    return Either.left("syntax")
  }
  if (digitCount(text) > Limits.amountDigitsMax) return Either.left("tooManyDigits")
  return Either.right(new Dec(text))
}

/**
 * Formats a decimal in plain fixed-point notation, whatever its exponent; decimal.js
 * would switch to exponent notation outside its `toExpNeg`/`toExpPos` window.
 */
const plainString = (value: Decimal): string => {
  const text = value.toString()
  // Fast path: decimal.js writes exponent notation only outside toExpNeg..toExpPos.
  if (!text.includes("e")) return text
  const match = /^(-?)([0-9])(?:\.([0-9]+))?e([+-][0-9]+)$/.exec(text)
  if (match === null) return text
  const sign = match[1] ?? ""
  const digits = (match[2] ?? "") + (match[3] ?? "")
  const exponent = Number(match[4])
  if (exponent >= 0) {
    const integerLength = exponent + 1
    return digits.length <= integerLength
      ? sign + digits + "0".repeat(integerLength - digits.length)
      : sign + digits.slice(0, integerLength) + "." + digits.slice(integerLength)
  }
  return sign + "0." + "0".repeat(-exponent - 1) + digits
}

/** Pads the fraction of a plain decimal string to at least `scale` digits; never removes digits. */
const padScale = (text: string, scale: number): string => {
  if (scale === 0) return text
  const point = text.indexOf(".")
  if (point === -1) return text + "." + "0".repeat(scale)
  const fractionLength = text.length - point - 1
  return fractionLength >= scale ? text : text + "0".repeat(scale - fractionLength)
}

/**
 * Creates a {@link Dec} from trusted input (literals, values already validated).
 * Invalid input is a programmer error and throws; use {@link DecimalFromString} or
 * {@link Amount.parse} for input from outside.
 *
 * @example
 * ```ts
 * import { decimal } from "@danju/core"
 *
 * decimal("12.30").times(3).toString() // "36.9"
 * ```
 * @since 0.1.0
 */
export const decimal = (input: DecimalInput): Dec => {
  if (typeof input === "number") {
    if (!Number.isSafeInteger(input)) {
      throw new RangeError(`decimal: ${input} is not a safe integer; pass a decimal string instead of a float`)
    }
    return new Dec(input)
  }
  if (typeof input === "string") {
    const decoded = decodePlainDecimal(input)
    if (Either.isLeft(decoded)) {
      throw new RangeError(`decimal: ${JSON.stringify(input.slice(0, 80))} is not a plain decimal (${decoded.left})`)
    }
    return decoded.right
  }
  if (!input.isFinite()) throw new RangeError(`decimal: ${input.toString()} is not finite`)
  return input instanceof Dec ? input : new Dec(input)
}

/**
 * Formats any decimal in plain fixed-point notation (`"0.00000001"`, never `"1e-8"`).
 *
 * @since 0.1.0
 */
export const decimalToString = (value: Decimal): string => plainString(value)

/**
 * Fixed-point text with exactly `scale` digits after the point, rounding half-up (四捨五入)
 * when the value has more: `decimalToFixed(new Dec("24736.5"), 2)` is `"24736.50"`.
 * The explicit rounding point for reports and exports.
 *
 * @since 0.1.0
 */
export const decimalToFixed = (value: Decimal, scale: number): string =>
  padScale(plainString(value.toDecimalPlaces(scale, Decimal.ROUND_HALF_UP)), scale)

/**
 * Schema of a {@link Dec} value in memory (finite decimal.js instances only).
 *
 * @since 0.1.0
 */
export const DecimalFromSelf: Schema.Schema<Dec> = Schema.declare(
  (input: unknown): input is Dec => Decimal.isDecimal(input) && (input as Decimal).isFinite(),
  {
    identifier: "DecimalFromSelf",
    description: "a finite decimal.js value",
    pretty: () => (value: Dec) => `Dec(${plainString(value)})`,
    equivalence: () => (left: Dec, right: Dec) => left.equals(right)
  }
)

/**
 * Decimal in plain fixed-point text (`"-1234.50"`) ⇄ {@link Dec}, for HTTP bodies, CSV
 * files and database columns (PostgreSQL NUMERIC arrives as such a string). Refuses
 * floats in exponent form (`"1e5"`), `"NaN"`, `"Infinity"`, hex, surrounding spaces, and
 * more than `Limits.amountDigitsMax` digits. Encodes without exponent notation.
 *
 * @example
 * ```ts
 * import { Schema } from "effect"
 * import { DecimalFromString } from "@danju/core"
 *
 * Schema.decodeUnknownSync(DecimalFromString)("12.30").toString() // "12.3"
 * Schema.decodeUnknownEither(DecimalFromString)("1e5") // Left: not a plain decimal
 * ```
 * @since 0.1.0
 */
export const DecimalFromString: Schema.Schema<Dec, string> = Schema.transformOrFail(
  Schema.String,
  DecimalFromSelf,
  {
    strict: true,
    decode: (text, _options, ast) =>
      Either.match(decodePlainDecimal(text), {
        onLeft: (reason) =>
          ParseResult.fail(
            new ParseResult.Type(
              ast,
              text,
              reason === "syntax"
                ? "Expected a plain decimal such as \"-1234.50\" (no exponent, NaN or Infinity)"
                : `Expected at most ${Limits.amountDigitsMax} digits`
            )
          ),
        onRight: (value) => ParseResult.succeed(value)
      }),
    encode: (value) => ParseResult.succeed(plainString(value))
  }
).annotations({ identifier: "DecimalFromString" })

// ── Commodity ───────────────────────────────────────────────────────────────

/**
 * Whether a commodity is money (`"currency"`) or a counted or weighed thing (`"unit"`).
 *
 * @since 0.1.0
 */
export type CommodityKind = "currency" | "unit"

/**
 * What an amount counts: a currency (CNY, scale 2) or a unit (kg scale 3, 斤, box
 * scale 0). The scale is the number of decimals of one minor unit: it is the default
 * rounding scale, the unit in which allocation hands out remainders and the number of
 * decimals `toString` prints. Two commodities are the same only if code, kind and scale
 * all match.
 *
 * @since 0.1.0
 */
export interface Commodity<K extends CommodityKind = CommodityKind> {
  readonly code: string
  readonly kind: K
  readonly scale: number
}

/**
 * Schema of a {@link Commodity}: a code of 1 to `Limits.codeLengthMax` characters, a
 * kind, and an integer scale from 0 to `Limits.amountScaleMax`.
 *
 * @since 0.1.0
 */
export const CommoditySchema = Schema.Struct({
  code: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(Limits.codeLengthMax)),
  kind: Schema.Literal("currency", "unit"),
  scale: Schema.Int.pipe(Schema.between(0, Limits.amountScaleMax))
}).annotations({ identifier: "Commodity" })

const makeCommodity = <K extends CommodityKind>(code: string, kind: K, scale: number): Commodity<K> => {
  Schema.validateSync(CommoditySchema)({ code, kind, scale })
  return Object.freeze({ code, kind, scale })
}

/**
 * Constructors and helpers for {@link Commodity}. Invalid codes or scales are programmer
 * errors and throw; decode stored commodities with {@link CommoditySchema}.
 *
 * @example
 * ```ts
 * import { Commodity } from "@danju/core"
 *
 * const usd = Commodity.currency("USD")     // scale 2
 * const kilogram = Commodity.unit("kg", 3)  // grams are the minor unit
 * ```
 * @since 0.1.0
 */
export const Commodity = {
  /** A currency; scale 2 (分) unless said otherwise. */
  currency: (code: string, scale = 2): Commodity<"currency"> => makeCommodity(code, "currency", scale),
  /** A unit of measure with its own scale (kg 3, 斤 2, box 0). */
  unit: (code: string, scale: number): Commodity<"unit"> => makeCommodity(code, "unit", scale),
  /** True when both commodities have the same code, kind and scale. */
  equals: (left: Commodity, right: Commodity): boolean =>
    left.code === right.code && left.kind === right.kind && left.scale === right.scale,
  /** The schema of stored commodities. */
  schema: CommoditySchema
} as const

/**
 * Renminbi, scale 2 (元, 角, 分): the default currency of every Danju account set.
 *
 * @since 0.1.0
 */
export const CNY: Commodity<"currency"> = Commodity.currency("CNY", 2)

// ── errors ──────────────────────────────────────────────────────────────────

/**
 * Text that is not an acceptable amount. `reason` says which rule failed, checked in this
 * order: `syntax` (not plain fixed-point: exponent, NaN, Infinity, spaces, empty),
 * `tooManyDigits` (more than `Limits.amountDigitsMax`), `tooManyDecimals` (finer than
 * the commodity's scale), `tooLarge` (beyond `Limits.amountAbsoluteMax`).
 *
 * @since 0.1.0
 */
export class AmountInvalid extends Schema.TaggedError<AmountInvalid>()("AmountInvalid", {
  input: Schema.String,
  reason: Schema.Literal("syntax", "tooManyDigits", "tooManyDecimals", "tooLarge")
}) {
  override get message(): string {
    const explanation = {
      syntax: "is not a plain decimal such as -1234.50",
      tooManyDigits: `has more than ${Limits.amountDigitsMax} digits`,
      tooManyDecimals: "has more decimals than its commodity allows",
      tooLarge: `is larger in magnitude than ${Limits.amountAbsoluteMax}`
    }[this.reason]
    return `Amount ${JSON.stringify(this.input)} ${explanation}`
  }
}

/**
 * Two amounts of different commodities were combined (added, subtracted, compared or
 * summed) — e.g. CNY with USD, or kg with 斤.
 *
 * @since 0.1.0
 */
export class CommodityMismatch extends Schema.TaggedError<CommodityMismatch>()("CommodityMismatch", {
  left: CommoditySchema,
  right: CommoditySchema
}) {
  override get message(): string {
    const show = (commodity: Commodity) => `${commodity.code} (${commodity.kind}, scale ${commodity.scale})`
    return `Cannot combine ${show(this.left)} with ${show(this.right)}`
  }
}

/**
 * An allocation could not be made. Checked in this order: `noParts` (no ratios, or
 * fewer than one part), `tooManyParts` (over `Limits.allocationPartsMax`),
 * `ratioInvalid` (a ratio is not a finite decimal), `ratioNegative`, `ratiosZero` (all
 * ratios are zero), `totalNotRounded` (the total is finer than its commodity's minor
 * unit: round it first).
 *
 * @since 0.1.0
 */
export class AllocationInvalid extends Schema.TaggedError<AllocationInvalid>()("AllocationInvalid", {
  reason: Schema.Literal("noParts", "tooManyParts", "ratioInvalid", "ratioNegative", "ratiosZero", "totalNotRounded")
}) {
  override get message(): string {
    return {
      noParts: "An allocation needs at least one part",
      tooManyParts: `An allocation may have at most ${Limits.allocationPartsMax} parts`,
      ratioInvalid: "Allocation ratios must be finite decimals",
      ratioNegative: "Allocation ratios must not be negative",
      ratiosZero: "At least one allocation ratio must be greater than zero",
      totalNotRounded: "The total to allocate has more decimals than its commodity's minor unit; round it first"
    }[this.reason]
  }
}

// ── Amount ──────────────────────────────────────────────────────────────────

/**
 * Rounding modes for {@link Amount.round}: `halfUp` (四捨五入, ties away from zero, the
 * default), `halfEven` (banker's rounding), `down` (towards zero, truncation), `up` (away
 * from zero).
 *
 * @since 0.1.0
 */
export type RoundingMode = "halfUp" | "halfEven" | "down" | "up"

const roundingModes: Record<RoundingMode, Decimal.Rounding> = {
  halfUp: Decimal.ROUND_HALF_UP,
  halfEven: Decimal.ROUND_HALF_EVEN,
  down: Decimal.ROUND_DOWN,
  up: Decimal.ROUND_UP
}

const zero = new Dec(0)
const amountAbsoluteMax = new Dec(Limits.amountAbsoluteMax)
const amountTypeId: unique symbol = Symbol.for("@danju/core/Amount")

const assertScale = (scale: number): void => {
  if (!Number.isInteger(scale) || scale < 0 || scale > Limits.amountScaleMax) {
    throw new RangeError(`scale ${scale} is not an integer from 0 to ${Limits.amountScaleMax}`)
  }
}

/** 10^scale as a bigint, for conversions to and from minor units. */
const minorUnitsPerMajor = (scale: number): bigint => 10n ** BigInt(scale)

/**
 * An immutable exact amount of one {@link Commodity}: a {@link Money} when the commodity
 * is a currency, a {@link Quantity} when it is a unit. Arithmetic is exact (40
 * significant digits) and never rounds by itself; call {@link Amount.round} at the
 * rounding points your rules define.
 *
 * Operations that combine two amounts come in two forms: `plus`, `minus`, `compare`
 * return `Either<…, CommodityMismatch>`; `plusOrThrow`, `minusOrThrow`,
 * `compareOrThrow` throw the `CommodityMismatch` (a defect) and are meant for code that
 * has already checked both sides share one commodity.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { Amount, CNY } from "@danju/core"
 *
 * const price = Amount.of("12.30", CNY)
 * const total = price.times(3).plusOrThrow(Amount.of("0.10", CNY))
 * total.toString() // "37.00"
 * Either.getOrThrow(Amount.parse("1e5", CNY)) // throws AmountInvalid (reason "syntax")
 * ```
 * @since 0.1.0
 */
export class Amount<K extends CommodityKind = CommodityKind> implements Equal.Equal {
  /** Marks amounts across copies of this module. */
  readonly [amountTypeId] = amountTypeId
  /** The exact value; never negative zero. */
  readonly value: Dec
  /** What the value counts. */
  readonly commodity: Commodity<K>

  private constructor(value: Dec, commodity: Commodity<K>) {
    // Negative zero would print as "0" but answer isNegative() === true.
    this.value = value.isZero() ? zero : value
    this.commodity = commodity
    Object.freeze(this)
  }

  /**
   * Creates an amount from trusted input, exactly, without rounding. Invalid input
   * (a float, exponent notation, NaN) throws; parse outside input with
   * {@link Amount.parse}.
   */
  static of<K extends CommodityKind>(value: DecimalInput, commodity: Commodity<K>): Amount<K> {
    return new Amount(decimal(value), commodity)
  }

  /** Zero of a commodity. */
  static zero<K extends CommodityKind>(commodity: Commodity<K>): Amount<K> {
    return new Amount(zero, commodity)
  }

  /**
   * Parses outside input strictly: plain fixed-point text, at most
   * `Limits.amountDigitsMax` digits, no finer than the commodity's scale (trailing zeros
   * are fine: `"12.3000"` is 12.30 CNY), magnitude at most `Limits.amountAbsoluteMax`.
   *
   * @example
   * ```ts
   * Amount.parse("12.30", CNY) // Right(12.30 CNY)
   * Amount.parse("12.345", CNY) // Left(AmountInvalid { reason: "tooManyDecimals" })
   * ```
   */
  static parse<K extends CommodityKind>(
    input: string,
    commodity: Commodity<K>
  ): Either.Either<Amount<K>, AmountInvalid> {
    const invalid = (reason: AmountInvalid["reason"]) =>
      Either.left(new AmountInvalid({ input: input.slice(0, Limits.textLengthMax), reason }))
    const decoded = decodePlainDecimal(input)
    if (Either.isLeft(decoded)) return invalid(decoded.left)
    const value = decoded.right
    if (value.decimalPlaces() > commodity.scale) return invalid("tooManyDecimals")
    if (value.abs().greaterThan(amountAbsoluteMax)) return invalid("tooLarge")
    return Either.right(new Amount(value, commodity))
  }

  /**
   * An amount from an integer count of minor units (分 for CNY, grams for kg at scale
   * 3), the form some storage layouts keep.
   */
  static fromMinorUnits<K extends CommodityKind>(units: bigint, commodity: Commodity<K>): Amount<K> {
    return new Amount(new Dec(units.toString()).div(minorUnitsPerMajor(commodity.scale).toString()), commodity)
  }

  /** True for values created by this class (also across duplicated module copies). */
  static isAmount(input: unknown): input is Amount {
    return typeof input === "object" && input !== null && amountTypeId in input
  }

  /**
   * Adds amounts of one commodity; the empty sum is zero.
   *
   * @example
   * ```ts
   * Amount.sum(CNY, [Amount.of("1.10", CNY), Amount.of("2.20", CNY)]) // Right(3.30 CNY)
   * ```
   */
  static sum<K extends CommodityKind>(
    commodity: Commodity<K>,
    amounts: Iterable<Amount>
  ): Either.Either<Amount<K>, CommodityMismatch> {
    let total = zero
    for (const amount of amounts) {
      if (!Commodity.equals(commodity, amount.commodity)) {
        return Either.left(new CommodityMismatch({ left: commodity, right: amount.commodity }))
      }
      total = total.plus(amount.value)
    }
    return Either.right(new Amount(total, commodity))
  }

  /**
   * Splits a total in proportion to non-negative ratios so that the parts add up to the
   * total exactly. Each part is the exact share rounded down to the commodity's minor
   * unit; the minor units left over go one each to the parts with the largest
   * remainders, ties to the lower index (largest-remainder method, deterministic). Every
   * part is therefore within one minor unit of its exact share. A negative total gives
   * the mirror image of the positive split.
   *
   * Ratios may be decimals, plain decimal strings or JS numbers (weights such as
   * `[1, 2, 3]`; a fractional number is read by its shortest decimal representation).
   *
   * @example
   * ```ts
   * const parts = Either.getOrThrow(Amount.allocate(Amount.of("100.00", CNY), [1, 1, 1]))
   * parts.map(String) // ["33.34", "33.33", "33.33"]
   * ```
   */
  static allocate<K extends CommodityKind>(
    total: Amount<K>,
    ratios: ReadonlyArray<DecimalInput>
  ): Either.Either<Array<Amount<K>>, AllocationInvalid> {
    const invalid = (reason: AllocationInvalid["reason"]) => Either.left(new AllocationInvalid({ reason }))
    if (ratios.length === 0) return invalid("noParts")
    if (ratios.length > Limits.allocationPartsMax) return invalid("tooManyParts")
    const weights: Array<Dec> = []
    for (const ratio of ratios) {
      const weight = typeof ratio === "number"
        ? (Number.isFinite(ratio) ? new Dec(ratio) : undefined)
        : typeof ratio === "string"
        ? Either.getOrUndefined(decodePlainDecimal(ratio))
        : (ratio.isFinite() ? new Dec(ratio) : undefined)
      if (weight === undefined) return invalid("ratioInvalid")
      weights.push(weight)
    }
    if (weights.some((weight) => weight.isNegative() && !weight.isZero())) return invalid("ratioNegative")
    if (weights.every((weight) => weight.isZero())) return invalid("ratiosZero")
    const scale = total.commodity.scale
    if (total.value.decimalPlaces() > scale) return invalid("totalNotRounded")

    // Integer arithmetic in bigint: shares and remainders are exact whatever the sizes.
    const totalUnits = BigInt(plainString(total.value.times(minorUnitsPerMajor(scale).toString())))
    const magnitude = totalUnits < 0n ? -totalUnits : totalUnits
    const ratioScale = Math.max(...weights.map((weight) => weight.decimalPlaces()))
    const integerWeights = weights.map((weight) => BigInt(plainString(weight.times(new Dec(10).pow(ratioScale)))))
    const weightSum = integerWeights.reduce((sum, weight) => sum + weight, 0n)
    const shares = integerWeights.map((weight) => magnitude * weight / weightSum)
    const remainders = integerWeights.map((weight) => magnitude * weight % weightSum)
    let leftOver = magnitude - shares.reduce((sum, share) => sum + share, 0n)
    const order = remainders
      .map((remainder, index) => ({ remainder, index }))
      .sort((left, right) =>
        left.remainder === right.remainder ? left.index - right.index : left.remainder > right.remainder ? -1 : 1
      )
    for (const { index } of order) {
      if (leftOver === 0n) break
      shares[index] = (shares[index] ?? 0n) + 1n
      leftOver -= 1n
    }
    return Either.right(
      shares.map((share) => Amount.fromMinorUnits(totalUnits < 0n ? -share : share, total.commodity))
    )
  }

  /**
   * Splits a total into `parts` equal shares that add up to it exactly; the earlier parts
   * get the left-over minor units (¥100.00 / 3 → 33.34, 33.33, 33.33).
   *
   * @example
   * ```ts
   * Either.getOrThrow(Amount.distribute(Amount.of("-0.05", CNY), 2)).map(String) // ["-0.03", "-0.02"]
   * ```
   */
  static distribute<K extends CommodityKind>(
    total: Amount<K>,
    parts: number
  ): Either.Either<Array<Amount<K>>, AllocationInvalid> {
    if (!Number.isSafeInteger(parts) || parts < 1) return Either.left(new AllocationInvalid({ reason: "noParts" }))
    if (parts > Limits.allocationPartsMax) return Either.left(new AllocationInvalid({ reason: "tooManyParts" }))
    return Amount.allocate(total, Array.from({ length: parts }, () => 1))
  }

  /** Adds an amount of the same commodity. */
  plus(other: Amount): Either.Either<Amount<K>, CommodityMismatch> {
    return this.sameCommodity(other) ? Either.right(new Amount(this.value.plus(other.value), this.commodity)) : this.mismatch(other)
  }

  /** Subtracts an amount of the same commodity. */
  minus(other: Amount): Either.Either<Amount<K>, CommodityMismatch> {
    return this.sameCommodity(other) ? Either.right(new Amount(this.value.minus(other.value), this.commodity)) : this.mismatch(other)
  }

  /** {@link Amount.plus}, throwing `CommodityMismatch` as a defect. */
  plusOrThrow(other: Amount): Amount<K> {
    return Either.getOrThrowWith(this.plus(other), (error) => error)
  }

  /** {@link Amount.minus}, throwing `CommodityMismatch` as a defect. */
  minusOrThrow(other: Amount): Amount<K> {
    return Either.getOrThrowWith(this.minus(other), (error) => error)
  }

  /** The amount with the opposite sign (紅字: red-ink reversal amounts). */
  negate(): Amount<K> {
    return new Amount(this.value.negated(), this.commodity)
  }

  /** The magnitude. */
  abs(): Amount<K> {
    return new Amount(this.value.abs(), this.commodity)
  }

  /**
   * Multiplies by a factor (a price, a rate, a count) exactly, to 40 significant digits;
   * round the result explicitly.
   *
   * @example
   * ```ts
   * Amount.of("12.35", CNY).times("0.13").toString() // "1.6055": exact, unrounded
   * Amount.of("12.35", CNY).times("0.13").round().toString() // "1.61"
   * ```
   */
  times(factor: DecimalInput): Amount<K> {
    return new Amount(this.value.times(decimal(factor)), this.commodity)
  }

  /** True when the value is zero. */
  isZero(): boolean {
    return this.value.isZero()
  }

  /** True when the value is below zero. */
  isNegative(): boolean {
    return this.value.isNegative() && !this.value.isZero()
  }

  /** True when the value is above zero. */
  isPositive(): boolean {
    return this.value.isPositive() && !this.value.isZero()
  }

  /** −1, 0 or 1 as this amount is less than, equal to or greater than `other`. */
  compare(other: Amount): Either.Either<-1 | 0 | 1, CommodityMismatch> {
    return this.sameCommodity(other) ? Either.right(this.value.comparedTo(other.value) as -1 | 0 | 1) : this.mismatch(other)
  }

  /** {@link Amount.compare}, throwing `CommodityMismatch` as a defect. */
  compareOrThrow(other: Amount): -1 | 0 | 1 {
    return Either.getOrThrowWith(this.compare(other), (error) => error)
  }

  /** True when both amounts have the same commodity and the same value (12.3 equals 12.30). */
  equals(other: Amount): boolean {
    return this.sameCommodity(other) && this.value.equals(other.value)
  }

  /**
   * Rounds to `scale` decimals (default: the commodity's scale) with an explicit mode
   * (default `halfUp`, 四捨五入: 2.345 → 2.35, −2.345 → −2.35).
   *
   * @example
   * ```ts
   * Amount.of("2.345", CNY).round().toString() // "2.35"
   * Amount.of("2.345", CNY).round(2, "halfEven").toString() // "2.34"
   * ```
   */
  round(scale: number = this.commodity.scale, mode: RoundingMode = "halfUp"): Amount<K> {
    assertScale(scale)
    return new Amount(this.value.toDecimalPlaces(scale, roundingModes[mode]), this.commodity)
  }

  /** True when the value has no more decimals than the commodity's scale. */
  isRounded(): boolean {
    return this.value.decimalPlaces() <= this.commodity.scale
  }

  /**
   * The value as an integer count of minor units. Throws (a defect) when the value is
   * finer than the minor unit: round first.
   */
  toMinorUnits(): bigint {
    if (!this.isRounded()) {
      throw new RangeError(`toMinorUnits: ${plainString(this.value)} is finer than scale ${this.commodity.scale}`)
    }
    return BigInt(plainString(this.value.times(minorUnitsPerMajor(this.commodity.scale).toString())))
  }

  /**
   * Fixed-point text padded to the commodity's scale (`"12.30"`), never in exponent
   * notation. Digits beyond the scale (an unrounded product) are kept, never rounded
   * away. The commodity code is not included.
   */
  toString(): string {
    return padScale(plainString(this.value), this.commodity.scale)
  }

  /** JSON form: the fixed-point value and the commodity. */
  toJSON(): { readonly value: string; readonly commodity: Commodity<K> } {
    return { value: this.toString(), commodity: this.commodity }
  }

  /** Structural equality for Effect's `Equal.equals`, `HashMap` and `HashSet`. */
  [Equal.symbol](that: Equal.Equal): boolean {
    return Amount.isAmount(that) && this.equals(that)
  }

  /** Hash consistent with {@link Amount.equals}. */
  [Hash.symbol](): number {
    // Not cached: amounts are frozen, and the string is short.
    return Hash.string(`${this.commodity.code}/${this.commodity.kind}/${this.commodity.scale}/${plainString(this.value)}`)
  }

  private sameCommodity(other: Amount): boolean {
    return Commodity.equals(this.commodity, other.commodity)
  }

  private mismatch(other: Amount): Either.Either<never, CommodityMismatch> {
    return Either.left(new CommodityMismatch({ left: this.commodity, right: other.commodity }))
  }
}

/**
 * An amount of money: an {@link Amount} whose commodity is a currency.
 *
 * @since 0.1.0
 */
export type Money = Amount<"currency">

/**
 * A quantity of goods: an {@link Amount} whose commodity is a unit of measure.
 *
 * @since 0.1.0
 */
export type Quantity = Amount<"unit">

/**
 * Narrows an amount to {@link Money}.
 *
 * @since 0.1.0
 */
export const isMoney = (amount: Amount): amount is Money => amount.commodity.kind === "currency"

/**
 * Narrows an amount to {@link Quantity}.
 *
 * @since 0.1.0
 */
export const isQuantity = (amount: Amount): amount is Quantity => amount.commodity.kind === "unit"

/**
 * Schema of an {@link Amount} in memory.
 *
 * @since 0.1.0
 */
export const AmountFromSelf: Schema.Schema<Amount> = Schema.declare(
  (input: unknown): input is Amount => Amount.isAmount(input),
  { identifier: "AmountFromSelf", equivalence: () => (left: Amount, right: Amount) => left.equals(right) }
)

/**
 * Fixed-point text ⇄ {@link Amount} of a known commodity, with the strict rules of
 * {@link Amount.parse}; encodes with `toString` (padded to the commodity's scale).
 *
 * @example
 * ```ts
 * const Price = AmountFromString(CNY)
 * Schema.decodeUnknownSync(Price)("12.3").toString() // "12.30"
 * ```
 * @since 0.1.0
 */
export const AmountFromString = <K extends CommodityKind>(
  commodity: Commodity<K>
): Schema.Schema<Amount<K>, string> =>
  Schema.transformOrFail(
    Schema.String,
    Schema.declare((input: unknown): input is Amount<K> =>
      Amount.isAmount(input) && Commodity.equals(input.commodity, commodity)
    ),
    {
      strict: true,
      decode: (text, _options, ast) =>
        Either.match(Amount.parse(text, commodity), {
          onLeft: (error) => ParseResult.fail(new ParseResult.Type(ast, text, error.message)),
          onRight: (amount) => ParseResult.succeed(amount)
        }),
      encode: (amount) => ParseResult.succeed(amount.toString())
    }
  ).annotations({ identifier: `AmountFromString(${commodity.code})` })
