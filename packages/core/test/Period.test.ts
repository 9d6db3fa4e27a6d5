// Proves that a fiscal calendar maps every date to exactly one period whose date range
// contains it, that consecutive periods tile time without gaps or overlaps (the
// 13-period adjustment period sharing the last month's dates), that period stepping is
// invertible, and that invalid periods and dates are refused with typed reasons.
import { assert, describe, it } from "@effect/vitest"
import { Either, Schema } from "effect"
import * as fc from "fast-check"
import { LocalDate } from "../src/LocalDate"
import type { FiscalCalendar } from "../src/Period"
import { FiscalCalendar as Calendars, Period, PeriodFromString, PeriodInvalid } from "../src/Period"

const natural = Calendars.natural(2020)
const aprilThirteen = Calendars.make({ startYear: 2020, startMonth: 4, periodsPerYear: 13 })

const calendarArbitrary: fc.Arbitrary<FiscalCalendar> = fc
  .record({
    startYear: fc.integer({ min: 1990, max: 2030 }),
    startMonth: fc.integer({ min: 1, max: 12 }),
    periodsPerYear: fc.constantFrom(12 as const, 13 as const)
  })
  .map(Calendars.make)

const dateFrom = (calendar: FiscalCalendar, dayOffset: number) =>
  LocalDate.addDays(LocalDate.of(calendar.startYear, calendar.startMonth, 1), dayOffset)

const range = (calendar: FiscalCalendar, period: Period) => Either.getOrThrow(Calendars.dateRange(calendar, period))

describe("FiscalCalendar.periodOf and dateRange", () => {
  it("maps natural months to periods 1–12", () => {
    assert.deepStrictEqual(Either.getOrThrow(Calendars.periodOf(natural, "2026-03-31")), Period.make(2026, 3))
    assert.deepStrictEqual(Either.getOrThrow(Calendars.periodOf(natural, "2026/12/01")), Period.make(2026, 12))
    assert.deepStrictEqual(range(natural, Period.make(2024, 2)), { first: "2024-02-01", last: "2024-02-29" })
    assert.deepStrictEqual(range(natural, Period.make(2025, 2)), { first: "2025-02-01", last: "2025-02-28" })
  })

  it("names a fiscal year by the calendar year it starts in", () => {
    assert.deepStrictEqual(Either.getOrThrow(Calendars.periodOf(aprilThirteen, "2026-04-01")), Period.make(2026, 1))
    assert.deepStrictEqual(Either.getOrThrow(Calendars.periodOf(aprilThirteen, "2026-03-15")), Period.make(2025, 12))
    assert.deepStrictEqual(range(aprilThirteen, Period.make(2025, 10)), { first: "2026-01-01", last: "2026-01-31" })
  })

  it("gives the adjustment period 13 the dates of period 12, and never maps a date to it", () => {
    assert.deepStrictEqual(range(aprilThirteen, Period.make(2025, 13)), range(aprilThirteen, Period.make(2025, 12)))
    assert.deepStrictEqual(Either.getOrThrow(Calendars.periodOf(aprilThirteen, "2026-03-31")), Period.make(2025, 12))
  })

  it("refuses dates and periods before the first fiscal year, and period 13 on 12-period calendars", () => {
    const early = Calendars.periodOf(natural, "2019-12-31")
    assert.isTrue(Either.isLeft(early) && early.left.reason === "beforeCalendarStart")
    const badText = Calendars.periodOf(natural, "2026-02-30")
    assert.isTrue(Either.isLeft(badText) && badText.left.reason === "noSuchDay")
    const reasons = [
      [natural, Period.make(2019, 12), "beforeCalendarStart"],
      [natural, Period.make(2026, 13), "numberOutOfRange"],
      [aprilThirteen, { fiscalYear: 2026, number: 14 }, "numberOutOfRange"],
      [aprilThirteen, { fiscalYear: 9999, number: 1 }, "yearOutOfRange"]
    ] as const
    for (const [calendar, period, reason] of reasons) {
      const result = Calendars.dateRange(calendar, period)
      assert.isTrue(Either.isLeft(result) && result.left.reason === reason, `${Period.format(period)} ${reason}`)
    }
    assert.throws(() => Calendars.make({ startYear: 2026, startMonth: 13, periodsPerYear: 12 }))
  })

  it("lists the periods of a year", () => {
    assert.deepStrictEqual(Calendars.periodsOfYear(aprilThirteen, 2026).map(Period.format).slice(-2), ["2026-12", "2026-13"])
    assert.strictEqual(Calendars.periodsOfYear(natural, 2026).length, 12)
    assert.deepStrictEqual(Calendars.firstPeriod(aprilThirteen), Period.make(2020, 1))
  })
})

describe("Period", () => {
  it("formats and parses YYYY-PP", () => {
    assert.strictEqual(Period.format(Period.make(2026, 3)), "2026-03")
    assert.deepStrictEqual(Either.getOrThrow(Period.parse("2026-3")), Period.make(2026, 3))
    assert.deepStrictEqual(Either.getOrThrow(Period.parse("2026-13")), Period.make(2026, 13))
    const cases = [
      ["2026-03-01", undefined, "syntax"],
      ["202603", undefined, "syntax"],
      ["2026-00", undefined, "numberOutOfRange"],
      ["2026-14", undefined, "numberOutOfRange"],
      ["2026-13", natural, "numberOutOfRange"],
      ["0999-01", undefined, "yearOutOfRange"],
      ["2019-05", natural, "beforeCalendarStart"]
    ] as const
    for (const [input, calendar, reason] of cases) {
      const result = Period.parse(input, calendar)
      assert.isTrue(Either.isLeft(result) && result.left instanceof PeriodInvalid && result.left.reason === reason, input)
    }
    assert.strictEqual(Schema.encodeSync(PeriodFromString)(Schema.decodeUnknownSync(PeriodFromString)("2026-7")), "2026-07")
  })

  it("steps over year ends and through the adjustment period", () => {
    assert.deepStrictEqual(Period.next(natural, Period.make(2025, 12)), Period.make(2026, 1))
    assert.deepStrictEqual(Period.next(aprilThirteen, Period.make(2025, 12)), Period.make(2025, 13))
    assert.deepStrictEqual(Period.next(aprilThirteen, Period.make(2025, 13)), Period.make(2026, 1))
    assert.deepStrictEqual(Period.previous(natural, Period.make(2026, 1)), Period.make(2025, 12))
    assert.deepStrictEqual(Period.add(natural, Period.make(2026, 3), -15), Period.make(2024, 12))
    assert.strictEqual(Period.diff(aprilThirteen, Period.make(2025, 1), Period.make(2026, 1)), 13)
    assert.strictEqual(Period.compare(Period.make(2025, 13), Period.make(2026, 1)), -1)
    assert.strictEqual(Period.compare(Period.make(2026, 2), Period.make(2026, 2)), 0)
    assert.isTrue(Period.equals(Period.make(2026, 2), Period.make(2026, 2)))
  })
})

describe("Period properties", () => {
  it.prop(
    "every date maps to exactly one period whose range contains it",
    [calendarArbitrary, fc.integer({ min: 0, max: 20 * 366 })],
    ([calendar, offset]) => {
      const date = dateFrom(calendar, offset)
      const period = Either.getOrThrow(Calendars.periodOf(calendar, date))
      assert.isAtMost(period.number, 12)
      const { first, last } = range(calendar, period)
      assert.isTrue(first <= date && date <= last)
      // Exactly one: the neighbouring periods' ranges do not contain the date.
      const before = Period.previous(calendar, period)
      const after = Period.next(calendar, period)
      for (const neighbour of [before, after]) {
        const other = Calendars.dateRange(calendar, neighbour)
        if (Either.isRight(other) && neighbour.number !== 13 && !(period.number === 12 && neighbour.number === 13)) {
          assert.isFalse(other.right.first <= date && date <= other.right.last)
        }
      }
    }
  )

  it.prop(
    "add(p, n) then add(−n) is the identity, and diff measures it",
    [calendarArbitrary, fc.integer({ min: 1, max: 13 }), fc.integer({ min: -500, max: 500 })],
    ([calendar, number, count]) => {
      const period = Period.make(calendar.startYear + 50, Math.min(number, calendar.periodsPerYear))
      const moved = Period.add(calendar, period, count)
      assert.deepStrictEqual(Period.add(calendar, moved, -count), period)
      assert.strictEqual(Period.diff(calendar, period, moved), count)
      assert.strictEqual(Period.compare(period, moved), -Math.sign(count) as -1 | 0 | 1)
    }
  )

  it.prop(
    "ranges of consecutive periods are contiguous (the adjustment period repeats period 12)",
    [calendarArbitrary, fc.integer({ min: 0, max: 200 })],
    ([calendar, index]) => {
      const period = Period.add(calendar, Calendars.firstPeriod(calendar), index)
      const following = Period.next(calendar, period)
      const current = range(calendar, period)
      const next = range(calendar, following)
      if (following.number === 13) {
        assert.deepStrictEqual(next, current)
      } else {
        const previousMonth = period.number === 13 ? range(calendar, Period.make(period.fiscalYear, 12)) : current
        assert.strictEqual(LocalDate.addDays(previousMonth.last, 1), next.first)
        assert.strictEqual(LocalDate.parts(next.first).day, 1)
      }
    }
  )
})
