// Proves that business calendars know mainland-China holidays and make-up workdays
// (2024–2026 checked against the State Council notices), working hours with a lunch
// break, custom days and time zones; that adding business time and measuring it are
// inverse; that elapsed time is monotonic, additive, zero across holidays and reduced by
// pauses; and that searches are bounded with a typed error.
import { assert, describe, it } from "@effect/vitest"
import { Either } from "effect"
import * as fc from "fast-check"
import {
  BusinessCalendar,
  BusinessCalendarInvalid,
  BusinessCalendarSearchExceeded
} from "../src/BusinessCalendar"
import { Limits } from "../src/Limits"
import { LocalDate } from "../src/LocalDate"

const office = BusinessCalendar.chinaOfficeHours
const beijing = (text: string) => Date.parse(`${text}+08:00`)
const hour = 3_600_000
const minute = 60_000
const right = <A, E>(either: Either.Either<A, E>): A => {
  if (Either.isLeft(either)) assert.fail(`expected Right, got ${String(either.left)}`)
  return either.right
}
const add = (start: number, duration: number) => right(BusinessCalendar.addBusinessDuration(office, start, duration))
const elapsed = (start: number, end: number, pauses: ReadonlyArray<{ start: number; end?: number }> = []) =>
  right(BusinessCalendar.businessElapsed(office, start, end, pauses))

describe("public holidays and make-up workdays (chinese-days data)", () => {
  const working = (text: string) => BusinessCalendar.isWorkingDay(office, LocalDate.of(...(text.split("-").map(Number) as [number, number, number])))

  it("covers 2004 to at least 2026", () => {
    assert.strictEqual(BusinessCalendar.publicHolidayYears.first, 2004)
    assert.isAtLeast(BusinessCalendar.publicHolidayYears.last, 2026)
  })

  it("2025 National Day: 10-01..08 off, 09-28 (Sunday) and 10-11 (Saturday) worked", () => {
    for (let day = 1; day <= 8; day++) assert.isFalse(working(`2025-10-${String(day).padStart(2, "0")}`), `2025-10-0${day}`)
    assert.isTrue(working("2025-09-28"))
    assert.isTrue(working("2025-10-11"))
    assert.isTrue(working("2025-10-09"))
    assert.isFalse(working("2025-10-12"))
  })

  it("2024 Spring Festival: 02-10..17 off, 02-04 and 02-18 worked", () => {
    assert.isFalse(working("2024-02-10"))
    assert.isFalse(working("2024-02-16"))
    assert.isFalse(working("2024-02-17"))
    assert.isTrue(working("2024-02-04"))
    assert.isTrue(working("2024-02-18"))
  })

  it("2026: Spring Festival 02-15..23 off with 02-14 and 02-28 worked; National Day 10-01..07 off with 10-10 worked", () => {
    assert.isFalse(working("2026-02-16"))
    assert.isFalse(working("2026-02-23"))
    assert.isTrue(working("2026-02-14"))
    assert.isTrue(working("2026-02-28"))
    assert.isFalse(working("2026-10-07"))
    assert.isTrue(working("2026-10-10"))
    assert.isTrue(working("2026-01-04"))
    assert.isFalse(working("2026-01-02"))
  })

  it("counts a make-up Sunday with Monday's hours", () => {
    assert.isTrue(BusinessCalendar.isBusinessInstant(office, beijing("2025-09-28T09:00:00")))
    assert.strictEqual(elapsed(beijing("2025-09-28T00:00:00"), beijing("2025-09-29T00:00:00")), 7.5 * hour)
  })
})

describe("working hours", () => {
  it("opens at interval starts and closes at interval ends", () => {
    const open = (text: string) => BusinessCalendar.isBusinessInstant(office, beijing(text))
    assert.isTrue(open("2025-09-30T08:30:00.000"))
    assert.isFalse(open("2025-09-30T08:29:59.999"))
    assert.isTrue(open("2025-09-30T11:59:59.999"))
    assert.isFalse(open("2025-09-30T12:00:00.000"))
    assert.isFalse(open("2025-09-30T13:00:00.000"))
    assert.isTrue(open("2025-09-30T13:30:00.000"))
    assert.isFalse(open("2025-09-30T17:30:00.000"))
    assert.isFalse(open("2025-10-01T10:00:00.000"))
    assert.isFalse(open("2025-10-04T10:00:00.000"))
  })

  it("adds business time across the lunch break, nights, weekends and holidays", () => {
    assert.strictEqual(add(beijing("2025-09-30T11:00:00"), 2 * hour), beijing("2025-09-30T14:30:00"))
    assert.strictEqual(add(beijing("2025-09-30T17:00:00"), hour), beijing("2025-10-09T09:00:00"))
    assert.strictEqual(add(beijing("2025-09-26T17:00:00"), hour), beijing("2025-09-28T09:00:00"))
    assert.strictEqual(add(beijing("2025-09-30T07:00:00"), 30 * minute), beijing("2025-09-30T09:00:00"))
  })

  it("ends on a closing time when the duration uses an interval up exactly", () => {
    assert.strictEqual(add(beijing("2025-09-30T16:30:00"), hour), beijing("2025-09-30T17:30:00"))
    assert.strictEqual(add(beijing("2025-09-30T08:30:00"), 7.5 * hour), beijing("2025-09-30T17:30:00"))
  })

  it("adding zero returns the start, even when closed", () => {
    assert.strictEqual(add(beijing("2025-10-02T03:00:00"), 0), beijing("2025-10-02T03:00:00"))
  })

  it("finds the next opening", () => {
    const next = (text: string) => right(BusinessCalendar.nextBusinessInstant(office, beijing(text)))
    assert.strictEqual(next("2025-09-30T10:00:00"), beijing("2025-09-30T10:00:00"))
    assert.strictEqual(next("2025-09-30T12:15:00"), beijing("2025-09-30T13:30:00"))
    assert.strictEqual(next("2025-09-30T18:00:00"), beijing("2025-10-09T08:30:00"))
    assert.strictEqual(next("2025-10-11T18:00:00"), beijing("2025-10-13T08:30:00"))
  })

  it("measures elapsed business time with pauses", () => {
    assert.strictEqual(elapsed(beijing("2025-09-30T11:00:00"), beijing("2025-09-30T14:00:00")), 1.5 * hour)
    assert.strictEqual(elapsed(beijing("2025-09-30T09:00:00"), beijing("2025-10-09T09:00:00")), 7.5 * hour)
    assert.strictEqual(elapsed(beijing("2025-09-30T14:00:00"), beijing("2025-09-30T09:00:00")), 0)
    const pauses = [
      { start: beijing("2025-09-30T09:30:00"), end: beijing("2025-09-30T10:00:00") },
      { start: beijing("2025-09-30T09:45:00"), end: beijing("2025-09-30T10:30:00") },
      { start: beijing("2025-09-30T16:00:00") }
    ]
    assert.strictEqual(elapsed(beijing("2025-09-30T09:00:00"), beijing("2025-09-30T17:00:00"), pauses), 30 * minute + 1.5 * hour + 2.5 * hour)
    assert.strictEqual(
      right(BusinessCalendar.businessElapsed(office, new Date(beijing("2025-09-30T09:00:00")), new Date(beijing("2025-09-30T10:00:00")))),
      hour
    )
  })

  it("adds working days, not counting the start date", () => {
    const from = LocalDate.of(2025, 9, 30)
    assert.strictEqual(right(BusinessCalendar.addWorkingDays(office, from, 1)), "2025-10-09")
    assert.strictEqual(right(BusinessCalendar.addWorkingDays(office, from, 3)), "2025-10-11")
    assert.strictEqual(right(BusinessCalendar.addWorkingDays(office, from, 4)), "2025-10-13")
    assert.strictEqual(right(BusinessCalendar.addWorkingDays(office, from, 0)), from)
  })
})

describe("calendar definitions", () => {
  it("applies extra holidays and extra workdays over the public data", () => {
    const calendar = BusinessCalendar.unsafeMake({
      weeklyHours: { monday: [{ start: "09:00", end: "17:00" }], tuesday: [{ start: "09:00", end: "17:00" }] },
      extraHolidays: ["2025-09-29"],
      extraWorkdays: ["2025-10-01", "2025-10-04"],
      makeUpWorkdayHours: [{ start: "10:00", end: "12:00" }]
    })
    assert.isFalse(BusinessCalendar.isWorkingDay(calendar, LocalDate.of(2025, 9, 29)))
    assert.isTrue(BusinessCalendar.isWorkingDay(calendar, LocalDate.of(2025, 10, 1)))
    // Saturday 10-04 has no weekday hours, so the make-up hours apply.
    assert.strictEqual(
      right(BusinessCalendar.businessElapsed(calendar, beijing("2025-10-04T00:00:00"), beijing("2025-10-05T00:00:00"))),
      2 * hour
    )
    // Sunday 09-28 is a public make-up workday: make-up hours too.
    assert.isTrue(BusinessCalendar.isBusinessInstant(calendar, beijing("2025-09-28T11:00:00")))
    assert.isFalse(BusinessCalendar.isBusinessInstant(calendar, beijing("2025-09-28T09:30:00")))
  })

  it("ignores public holidays when told to", () => {
    const calendar = BusinessCalendar.unsafeMake({
      publicHolidays: "none",
      weeklyHours: { wednesday: [{ start: "09:00", end: "17:00" }] }
    })
    assert.isTrue(BusinessCalendar.isWorkingDay(calendar, LocalDate.of(2025, 10, 1)))
    assert.isFalse(BusinessCalendar.isWorkingDay(calendar, LocalDate.of(2025, 9, 28)))
  })

  it("works in the calendar's own time zone, across daylight-saving changes", () => {
    const newYork = BusinessCalendar.unsafeMake({
      timeZone: "America/New_York",
      publicHolidays: "none",
      weeklyHours: { friday: [{ start: "09:00", end: "17:00" }], monday: [{ start: "09:00", end: "17:00" }] }
    })
    // DST began on Sunday 2025-03-09: Friday 09:00 is UTC−5, Monday 17:00 is UTC−4.
    const start = Date.parse("2025-03-07T09:00:00-05:00")
    const end = Date.parse("2025-03-10T17:00:00-04:00")
    assert.strictEqual(right(BusinessCalendar.businessElapsed(newYork, start, end)), 16 * hour)
    assert.strictEqual(right(BusinessCalendar.addBusinessDuration(newYork, start, 9 * hour)), Date.parse("2025-03-10T10:00:00-04:00"))
    assert.strictEqual(BusinessCalendar.localDateOf(newYork, Date.parse("2025-03-08T03:00:00Z")), "2025-03-07")
  })

  it("treats a 24×7 calendar as wall-clock time", () => {
    const calendar = BusinessCalendar.alwaysOpen
    assert.isTrue(calendar.alwaysOpen)
    const start = beijing("2025-10-01T03:00:00")
    assert.strictEqual(right(BusinessCalendar.addBusinessDuration(calendar, start, 45 * minute)), start + 45 * minute)
    assert.strictEqual(right(BusinessCalendar.businessElapsed(calendar, start, start + 5 * hour, [{ start: start + hour, end: start + 2 * hour }])), 4 * hour)
    assert.isFalse(office.alwaysOpen)
  })

  it("rejects invalid definitions with typed reasons", () => {
    const reason = (input: Parameters<typeof BusinessCalendar.make>[0]) => {
      const result = BusinessCalendar.make(input)
      if (Either.isRight(result)) assert.fail("expected an invalid calendar")
      assert.instanceOf(result.left, BusinessCalendarInvalid)
      return result.left.reason
    }
    assert.strictEqual(reason({ weeklyHours: { monday: [{ start: "25:00", end: "26:00" }] } }), "definition")
    assert.strictEqual(reason({ weeklyHours: {}, extraHolidays: ["2025-02-29"] }), "definition")
    assert.strictEqual(reason({ timeZone: "Mars/Olympus", weeklyHours: {} }), "timeZone")
    assert.strictEqual(reason({ weeklyHours: { monday: [{ start: "12:00", end: "08:00" }] } }), "interval")
    assert.strictEqual(
      reason({ weeklyHours: { monday: [{ start: "08:00", end: "12:00" }, { start: "11:00", end: "13:00" }] } }),
      "intervalsOverlap"
    )
    assert.strictEqual(reason({ weeklyHours: {}, extraHolidays: ["2025-10-10"], extraWorkdays: ["2025-10-10"] }), "extraDayConflict")
  })

  it("bounds searches with a typed error", () => {
    const never = BusinessCalendar.unsafeMake({ name: "never", weeklyHours: {} })
    const start = beijing("2025-01-01T00:00:00")
    const result = BusinessCalendar.addBusinessDuration(never, start, 1)
    assert.isTrue(Either.isLeft(result) && result.left instanceof BusinessCalendarSearchExceeded)
    assert.isTrue(Either.isLeft(BusinessCalendar.nextBusinessInstant(never, start)))
    const span = BusinessCalendar.businessElapsed(office, start, start + (Limits.businessCalendarSearchDaysMax + 2) * 24 * hour)
    assert.isTrue(Either.isLeft(span) && span.left.daysSearched === Limits.businessCalendarSearchDaysMax)
    assert.throws(() => BusinessCalendar.addBusinessDuration(office, start, -1))
  })
})

describe("business time properties", () => {
  const instant = fc.integer({ min: beijing("2024-01-01T00:00:00"), max: beijing("2026-11-30T00:00:00") })
  const duration = fc.integer({ min: 0, max: 40 * 7.5 * hour })

  it.prop("elapsed(start, add(start, d)) = d", [instant, duration], ([start, d]) => {
    assert.strictEqual(elapsed(start, add(start, d)), d)
  })

  it.prop(
    "elapsed is monotonic in the end and additive over a split",
    [instant, fc.integer({ min: 0, max: 40 * 24 * hour }), fc.integer({ min: 0, max: 40 * 24 * hour })],
    ([start, first, second]) => {
      const middle = start + Math.min(first, second)
      const end = start + Math.max(first, second)
      assert.isAtMost(elapsed(start, middle), elapsed(start, end))
      assert.strictEqual(elapsed(start, middle) + elapsed(middle, end), elapsed(start, end))
    }
  )

  it.prop(
    "a full non-working day adds nothing",
    [instant, fc.integer({ min: 0, max: 1000 })],
    ([start, offset]) => {
      const firstDate = BusinessCalendar.localDateOf(office, start)
      // The first non-working day after the start (searching forward deterministically).
      let date = LocalDate.addDays(firstDate, 1 + (offset % 30))
      while (BusinessCalendar.isWorkingDay(office, date)) date = LocalDate.addDays(date, 1)
      const dayStart = beijing(`${date}T00:00:00`)
      const dayEnd = beijing(`${LocalDate.addDays(date, 1)}T00:00:00`)
      assert.strictEqual(elapsed(start, dayStart), elapsed(start, dayEnd))
    }
  )

  it("every public holiday of 2024–2026 adds nothing", () => {
    const start = beijing("2024-01-01T00:00:00")
    let checked = 0
    for (let date = LocalDate.of(2024, 1, 1); date < "2026-12-31"; date = LocalDate.addDays(date, 1)) {
      if (BusinessCalendar.isWorkingDay(office, date)) continue
      const dayStart = beijing(`${date}T00:00:00`)
      assert.strictEqual(elapsed(dayStart, dayStart + 24 * hour), 0, date)
      checked++
    }
    assert.isAbove(checked, 3 * 104)
    assert.isAbove(elapsed(start, start + 7 * 24 * hour), 0)
  })

  it.prop(
    "pauses subtract exactly their business time inside the span",
    [instant, fc.integer({ min: 0, max: 20 * 24 * hour }), fc.integer({ min: 0, max: 20 * 24 * hour }), fc.integer({ min: 0, max: 5 * 24 * hour })],
    ([start, spanLength, pauseOffset, pauseLength]) => {
      const end = start + spanLength
      const pause = { start: start + pauseOffset, end: start + pauseOffset + pauseLength }
      const inside = elapsed(Math.max(start, pause.start), Math.min(end, pause.end))
      assert.strictEqual(elapsed(start, end, [pause]), elapsed(start, end) - inside)
      assert.strictEqual(elapsed(start, end, [pause, pause]), elapsed(start, end, [pause]))
    }
  )
})
