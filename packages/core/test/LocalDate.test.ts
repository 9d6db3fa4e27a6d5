// Proves that LocalDate parses only real dates (leap years, month lengths, both
// separators), rejects the rest with a typed reason, and that its day arithmetic agrees
// with the proleptic Gregorian calendar (checked against JS Date in UTC as an oracle).
import { assert, describe, it } from "@effect/vitest"
import { Either, Schema } from "effect"
import * as fc from "fast-check"
import { Limits } from "../src/Limits"
import { DateInvalid, LocalDate, LocalDateFromInput, LocalDateSchema } from "../src/LocalDate"

const dateArbitrary = fc
  .integer({
    min: LocalDate.toEpochDay(LocalDate.of(Limits.calendarYearMin, 1, 1)),
    max: LocalDate.toEpochDay(LocalDate.of(Limits.calendarYearMax, 12, 31))
  })
  .map(LocalDate.fromEpochDay)

describe("LocalDate.parse", () => {
  it("accepts dashes and slashes and returns the canonical form", () => {
    assert.deepStrictEqual(LocalDate.parse("2026-03-05"), Either.right(LocalDate.of(2026, 3, 5)))
    assert.strictEqual(Either.getOrThrow(LocalDate.parse("2026/03/05")), "2026-03-05")
    assert.strictEqual(Either.getOrThrow(LocalDate.parse("2026/3/5")), "2026-03-05")
    assert.strictEqual(Either.getOrThrow(LocalDate.parse("2024-02-29")), "2024-02-29")
    assert.strictEqual(Either.getOrThrow(LocalDate.parse("2000-02-29")), "2000-02-29")
  })

  it("rejects with a typed reason", () => {
    const cases: ReadonlyArray<readonly [string, DateInvalid["reason"]]> = [
      ["2026-03-05T00:00:00Z", "syntax"],
      ["2026/03-05", "syntax"],
      ["26-03-05", "syntax"],
      ["", "syntax"],
      ["0999-12-31", "yearOutOfRange"],
      ["2025-02-29", "noSuchDay"],
      ["1900-02-29", "noSuchDay"],
      ["2026-13-01", "noSuchDay"],
      ["2026-04-31", "noSuchDay"],
      ["2026-00-10", "noSuchDay"]
    ]
    for (const [input, reason] of cases) {
      const result = LocalDate.parse(input)
      assert.isTrue(Either.isLeft(result) && result.left.reason === reason, input)
    }
  })

  it("schemas accept canonical text strictly and lenient text when asked", () => {
    assert.isTrue(Either.isRight(Schema.decodeUnknownEither(LocalDateSchema)("2026-03-05")))
    assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(LocalDateSchema)("2026/03/05")))
    assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(LocalDateSchema)("2026-02-30")))
    assert.strictEqual(Schema.decodeUnknownSync(LocalDateFromInput)("2026/3/5"), "2026-03-05")
  })
})

describe("LocalDate arithmetic", () => {
  it("knows month lengths and leap years", () => {
    assert.strictEqual(LocalDate.daysInMonth(2024, 2), 29)
    assert.strictEqual(LocalDate.daysInMonth(2025, 2), 28)
    assert.strictEqual(LocalDate.daysInMonth(1900, 2), 28)
    assert.strictEqual(LocalDate.daysInMonth(2026, 4), 30)
    assert.strictEqual(LocalDate.daysInMonth(2026, 12), 31)
    assert.isTrue(LocalDate.isLeapYear(2000))
    assert.isFalse(LocalDate.isLeapYear(2100))
  })

  it("adds days across months, years and leap days", () => {
    assert.strictEqual(LocalDate.addDays(LocalDate.of(2024, 2, 28), 1), "2024-02-29")
    assert.strictEqual(LocalDate.addDays(LocalDate.of(2024, 2, 29), 1), "2024-03-01")
    assert.strictEqual(LocalDate.addDays(LocalDate.of(2025, 12, 31), 1), "2026-01-01")
    assert.strictEqual(LocalDate.addDays(LocalDate.of(2026, 1, 1), -1), "2025-12-31")
    assert.strictEqual(LocalDate.diffDays(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 1)), 365)
    assert.strictEqual(LocalDate.toEpochDay(LocalDate.of(1970, 1, 1)), 0)
    assert.throws(() => LocalDate.addDays(LocalDate.of(Limits.calendarYearMax, 12, 31), 1))
  })

  it("knows the day of the week", () => {
    assert.strictEqual(LocalDate.dayOfWeek(LocalDate.of(2025, 10, 1)), 3)
    assert.strictEqual(LocalDate.dayOfWeek(LocalDate.of(2025, 9, 28)), 7)
    assert.strictEqual(LocalDate.dayOfWeek(LocalDate.of(2026, 2, 14)), 6)
    assert.strictEqual(LocalDate.dayOfWeek(LocalDate.of(1970, 1, 1)), 4)
  })

  it.prop("day numbers agree with the UTC calendar of JS Date", [dateArbitrary], ([date]) => {
    const { day, month, year } = LocalDate.parts(date)
    const oracle = new Date(0)
    oracle.setUTCFullYear(year, month - 1, day)
    assert.strictEqual(LocalDate.toEpochDay(date), Math.round(oracle.getTime() / 86_400_000))
    assert.strictEqual(LocalDate.dayOfWeek(date), oracle.getUTCDay() === 0 ? 7 : oracle.getUTCDay())
  })

  it.prop("parse, epoch day and compare are consistent", [dateArbitrary, dateArbitrary], ([left, right]) => {
    assert.strictEqual(Either.getOrThrow(LocalDate.parse(left)), left)
    assert.strictEqual(LocalDate.fromEpochDay(LocalDate.toEpochDay(left)), left)
    assert.strictEqual(
      LocalDate.compare(left, right),
      Math.sign(LocalDate.diffDays(right, left)) as -1 | 0 | 1
    )
  })
})
