/**
 * Business calendars for service-level timers: when is the office open, and how much
 * open time lies between two instants. A calendar has working-hour intervals per weekday
 * (several per day, e.g. 08:30–12:00 and 13:30–17:30), mainland-China public holidays
 * and make-up working days (調休) from the `chinese-days` data, custom extra holidays and
 * workdays, and a time zone (`Asia/Shanghai` unless said otherwise).
 *
 * Everything here is pure: instants are epoch milliseconds (or `Date` values) passed in
 * by the caller — take "now" from Effect's `Clock` — and results are epoch milliseconds.
 * Every search walks at most `Limits.businessCalendarSearchDaysMax` days, spending
 * constant work per day, and fails with {@link BusinessCalendarSearchExceeded} beyond.
 *
 * Holiday data: the `chinese-days` package ships the State Council's arrangements for
 * 2004 to the last year it knows ({@link BusinessCalendar.publicHolidayYears}); later
 * years count only weekends until the package is updated. Its lookup functions read the
 * host's time zone (west of UTC they shift dates by a day), so Danju reads its shipped
 * data table instead.
 *
 * @since 0.1.0
 */
import { TZDate } from "@date-fns/tz"
import holidayData from "chinese-days/dist/chinese-days.json" with { type: "json" }
import { Either, ParseResult, Schema } from "effect"
import { Limits } from "./Limits"
import type { LocalDate } from "./LocalDate"
import { LocalDate as LocalDates, LocalDateSchema } from "./LocalDate"

/**
 * A point in time: epoch milliseconds or a `Date`. Results are always epoch
 * milliseconds.
 *
 * @since 0.1.0
 */
export type Instant = number | Date

const publicHolidays = holidayData.holidays as Readonly<Record<string, string>>
const makeUpWorkdays = holidayData.workdays as Readonly<Record<string, string>>

const dataYears = Object.keys(publicHolidays).map((date) => Number(date.slice(0, 4)))

// ── definition ──────────────────────────────────────────────────────────────

const HourMinute = Schema.String.pipe(
  Schema.pattern(/^(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/, { message: () => "Expected a time HH:MM from 00:00 to 24:00" })
)

/**
 * One working interval of a day in local time, `start` inclusive, `end` exclusive;
 * `"24:00"` ends at midnight.
 *
 * @since 0.1.0
 */
export const WorkingInterval = Schema.Struct({ start: HourMinute, end: HourMinute }).annotations({
  identifier: "WorkingInterval"
})

/** @see {@link WorkingInterval} @since 0.1.0 */
export type WorkingInterval = typeof WorkingInterval.Type

const DayHours = Schema.Array(WorkingInterval).pipe(Schema.maxItems(Limits.businessIntervalsPerDayMax))
const closed = () => [] as ReadonlyArray<WorkingInterval>

/**
 * The stored form of a business calendar (policy data, versioned by the application).
 * Missing weekdays are closed; `publicHolidays: "chinaMainland"` (the default) applies
 * the State Council holidays and make-up workdays; a make-up workday falling on a
 * weekday without hours (usually a Saturday or Sunday) gets `makeUpWorkdayHours`, which
 * default to Monday's hours. Extra holidays win over everything, then extra workdays.
 *
 * @since 0.1.0
 */
export const BusinessCalendarDefinition = Schema.Struct({
  name: Schema.optionalWith(Schema.String.pipe(Schema.maxLength(Limits.codeLengthMax)), { default: () => "" }),
  timeZone: Schema.optionalWith(Schema.String.pipe(Schema.minLength(1), Schema.maxLength(Limits.codeLengthMax)), {
    default: () => "Asia/Shanghai"
  }),
  weeklyHours: Schema.Struct({
    monday: Schema.optionalWith(DayHours, { default: closed }),
    tuesday: Schema.optionalWith(DayHours, { default: closed }),
    wednesday: Schema.optionalWith(DayHours, { default: closed }),
    thursday: Schema.optionalWith(DayHours, { default: closed }),
    friday: Schema.optionalWith(DayHours, { default: closed }),
    saturday: Schema.optionalWith(DayHours, { default: closed }),
    sunday: Schema.optionalWith(DayHours, { default: closed })
  }),
  publicHolidays: Schema.optionalWith(Schema.Literal("chinaMainland", "none"), { default: () => "chinaMainland" as const }),
  extraHolidays: Schema.optionalWith(Schema.Array(LocalDateSchema), { default: () => [] }),
  extraWorkdays: Schema.optionalWith(Schema.Array(LocalDateSchema), { default: () => [] }),
  makeUpWorkdayHours: Schema.optional(DayHours)
}).annotations({ identifier: "BusinessCalendarDefinition" })

/** @see {@link BusinessCalendarDefinition} @since 0.1.0 */
export type BusinessCalendarDefinition = typeof BusinessCalendarDefinition.Type

// ── errors ──────────────────────────────────────────────────────────────────

/**
 * A calendar definition that cannot be used. `reason`, checked in this order:
 * `definition` (the data does not match {@link BusinessCalendarDefinition}),
 * `timeZone` (not an IANA zone), `interval` (an interval does not end after it starts),
 * `intervalsOverlap` (a day's intervals overlap or are out of order),
 * `tooManyExtraDays`, `extraDayConflict` (a date is both an extra holiday and an extra
 * workday). `detail` names the offending part.
 *
 * @since 0.1.0
 */
export class BusinessCalendarInvalid extends Schema.TaggedError<BusinessCalendarInvalid>()("BusinessCalendarInvalid", {
  reason: Schema.Literal("definition", "timeZone", "interval", "intervalsOverlap", "tooManyExtraDays", "extraDayConflict"),
  detail: Schema.String
}) {
  override get message(): string {
    return `Invalid business calendar (${this.reason}): ${this.detail}`
  }
}

/**
 * A calendar search walked `Limits.businessCalendarSearchDaysMax` days without an
 * answer: a calendar with (almost) no working time, or a duration or span too long.
 *
 * @since 0.1.0
 */
export class BusinessCalendarSearchExceeded
  extends Schema.TaggedError<BusinessCalendarSearchExceeded>()("BusinessCalendarSearchExceeded", {
    calendar: Schema.String,
    fromInstant: Schema.Number,
    daysSearched: Schema.Number
  })
{
  override get message(): string {
    const from = Number.isFinite(this.fromInstant) ? new Date(this.fromInstant).toISOString() : String(this.fromInstant)
    return `Business calendar ${JSON.stringify(this.calendar)} found no answer within ${this.daysSearched} days from ${from}`
  }
}

// ── compiled calendar ───────────────────────────────────────────────────────

/** An interval in minutes since local midnight, `[start, end)`. */
type MinuteInterval = readonly [start: number, end: number]

const calendarTypeId: unique symbol = Symbol.for("@danju/core/BusinessCalendar")

/**
 * A validated, ready-to-use business calendar (build one with
 * {@link BusinessCalendar.make}). Its `definition` is the data it was built from.
 *
 * @since 0.1.0
 */
export interface BusinessCalendar {
  readonly [calendarTypeId]: {
    /** Hours per ISO weekday, index 0 = Monday. */
    readonly weekly: ReadonlyArray<ReadonlyArray<MinuteInterval>>
    readonly makeUpHours: ReadonlyArray<MinuteInterval>
    readonly extraHolidays: ReadonlySet<string>
    readonly extraWorkdays: ReadonlySet<string>
  }
  readonly definition: BusinessCalendarDefinition
  readonly name: string
  readonly timeZone: string
  /** True when every instant is business time (24×7, no holidays): sums are plain arithmetic. */
  readonly alwaysOpen: boolean
}

const minutesOf = (text: string): number => Number(text.slice(0, 2)) * 60 + Number(text.slice(3, 5))

const isTimeZone = (timeZone: string): boolean => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone })
    return true
  } catch {
    return false
  }
}

const weekdayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const

const compile = (definition: BusinessCalendarDefinition): Either.Either<BusinessCalendar, BusinessCalendarInvalid> => {
  const invalid = (reason: BusinessCalendarInvalid["reason"], detail: string) =>
    Either.left(new BusinessCalendarInvalid({ reason, detail }))
  if (!isTimeZone(definition.timeZone)) return invalid("timeZone", definition.timeZone)
  const compileDay = (
    label: string,
    hours: ReadonlyArray<WorkingInterval>
  ): Either.Either<ReadonlyArray<MinuteInterval>, BusinessCalendarInvalid> => {
    const intervals = hours.map(({ end, start }) => [minutesOf(start), minutesOf(end)] as const)
    for (const [index, [start, end]] of intervals.entries()) {
      if (end <= start) return invalid("interval", `${label}: ${hours[index]?.start}–${hours[index]?.end}`)
      const previous = intervals[index - 1]
      if (previous !== undefined && start < previous[1]) return invalid("intervalsOverlap", label)
    }
    return Either.right(intervals)
  }
  const weekly: Array<ReadonlyArray<MinuteInterval>> = []
  for (const name of weekdayNames) {
    const day = compileDay(name, definition.weeklyHours[name])
    if (Either.isLeft(day)) return Either.left(day.left)
    weekly.push(day.right)
  }
  const makeUp: Either.Either<ReadonlyArray<MinuteInterval>, BusinessCalendarInvalid> =
    definition.makeUpWorkdayHours === undefined
    ? Either.right(weekly[0] ?? [])
    : compileDay("makeUpWorkdayHours", definition.makeUpWorkdayHours)
  if (Either.isLeft(makeUp)) return Either.left(makeUp.left)
  if (definition.extraHolidays.length + definition.extraWorkdays.length > Limits.businessCalendarExtraDaysMax) {
    return invalid("tooManyExtraDays", `at most ${Limits.businessCalendarExtraDaysMax}`)
  }
  const extraHolidays = new Set<string>(definition.extraHolidays)
  const conflict = definition.extraWorkdays.find((date) => extraHolidays.has(date))
  if (conflict !== undefined) return invalid("extraDayConflict", conflict)
  const alwaysOpen = definition.publicHolidays === "none" && extraHolidays.size === 0 &&
    weekly.every((day) => day.length === 1 && day[0]?.[0] === 0 && day[0][1] === 24 * 60)
  return Either.right({
    [calendarTypeId]: {
      weekly,
      makeUpHours: makeUp.right,
      extraHolidays,
      extraWorkdays: new Set<string>(definition.extraWorkdays)
    },
    definition,
    name: definition.name,
    timeZone: definition.timeZone,
    alwaysOpen
  })
}

const make = (input: typeof BusinessCalendarDefinition.Encoded): Either.Either<BusinessCalendar, BusinessCalendarInvalid> =>
  Either.flatMap(
    Either.mapLeft(
      Schema.decodeUnknownEither(BusinessCalendarDefinition)(input),
      (error) => new BusinessCalendarInvalid({ reason: "definition", detail: ParseResult.TreeFormatter.formatErrorSync(error) })
    ),
    compile
  )

// ── day and instant helpers ─────────────────────────────────────────────────

const toMillis = (instant: Instant): number => {
  const millis = typeof instant === "number" ? instant : instant.getTime()
  if (!Number.isFinite(millis)) throw new RangeError("BusinessCalendar: the instant is not a valid time")
  return millis
}

/** Working hours of one local date, in minutes, after holidays and make-up days. */
const hoursOn = (calendar: BusinessCalendar, date: LocalDate): ReadonlyArray<MinuteInterval> => {
  const compiled = calendar[calendarTypeId]
  if (compiled.extraHolidays.has(date)) return []
  const own = compiled.weekly[LocalDates.dayOfWeek(date) - 1] ?? []
  const workingDayHours = own.length > 0 ? own : compiled.makeUpHours
  if (compiled.extraWorkdays.has(date)) return workingDayHours
  if (calendar.definition.publicHolidays === "chinaMainland") {
    if (publicHolidays[date] !== undefined) return []
    if (makeUpWorkdays[date] !== undefined) return workingDayHours
  }
  return own
}

const localDateOf = (calendar: BusinessCalendar, millis: number): LocalDate => {
  const zoned = new TZDate(millis, calendar.timeZone)
  return LocalDates.of(zoned.getFullYear(), zoned.getMonth() + 1, zoned.getDate())
}

const instantAt = (calendar: BusinessCalendar, date: LocalDate, minutes: number): number => {
  const { day, month, year } = LocalDates.parts(date)
  // Hour 24 rolls over to the next day's midnight, as JS dates do.
  return new TZDate(year, month - 1, day, Math.floor(minutes / 60), minutes % 60, calendar.timeZone).getTime()
}

/** A date's working intervals as instants `[start, end)`, in order. */
const intervalsOn = (calendar: BusinessCalendar, date: LocalDate): Array<readonly [number, number]> => {
  const result: Array<readonly [number, number]> = []
  for (const [start, end] of hoursOn(calendar, date)) {
    const from = instantAt(calendar, date, start)
    const to = instantAt(calendar, date, end)
    // A daylight-saving jump can swallow an interval; skip it rather than count time backwards.
    if (to > from) result.push([from, to])
  }
  return result
}

const exceeded = (calendar: BusinessCalendar, from: number, days: number) =>
  Either.left(new BusinessCalendarSearchExceeded({ calendar: calendar.name, fromInstant: from, daysSearched: days }))

/** Business milliseconds in `[from, to)`; `to` must not be before `from`. */
const businessBetween = (
  calendar: BusinessCalendar,
  from: number,
  to: number
): Either.Either<number, BusinessCalendarSearchExceeded> => {
  if (to <= from) return Either.right(0)
  if (calendar.alwaysOpen) return Either.right(to - from)
  const firstDate = localDateOf(calendar, from)
  const days = LocalDates.diffDays(firstDate, localDateOf(calendar, to)) + 1
  if (days > Limits.businessCalendarSearchDaysMax) return exceeded(calendar, from, Limits.businessCalendarSearchDaysMax)
  let total = 0
  for (let offset = 0; offset < days; offset++) {
    for (const [start, end] of intervalsOn(calendar, LocalDates.addDays(firstDate, offset))) {
      const overlap = Math.min(end, to) - Math.max(start, from)
      if (overlap > 0) total += overlap
    }
  }
  return Either.right(total)
}

/**
 * A pause of an SLA clock or any interval to leave out of elapsed business time. An
 * absent `end` means the pause is still running.
 *
 * @since 0.1.0
 */
export interface PauseInterval {
  readonly start: Instant
  readonly end?: Instant | undefined
}

/** Sorted, merged, non-empty pause intervals as milliseconds. */
const mergePauses = (pauses: ReadonlyArray<PauseInterval>): Array<[number, number]> => {
  if (pauses.length > Limits.slaPausesPerClockMax) {
    throw new RangeError(`BusinessCalendar: more than ${Limits.slaPausesPerClockMax} pauses`)
  }
  const intervals = pauses
    .map((pause): [number, number] => [toMillis(pause.start), pause.end === undefined ? Infinity : toMillis(pause.end)])
    .filter(([start, end]) => end > start)
    .sort((left, right) => left[0] - right[0])
  const merged: Array<[number, number]> = []
  for (const interval of intervals) {
    const last = merged[merged.length - 1]
    if (last !== undefined && interval[0] <= last[1]) last[1] = Math.max(last[1], interval[1])
    else merged.push([interval[0], interval[1]])
  }
  return merged
}

// ── public operations ───────────────────────────────────────────────────────

const isBusinessInstant = (calendar: BusinessCalendar, instant: Instant): boolean => {
  const millis = toMillis(instant)
  if (calendar.alwaysOpen) return true
  return intervalsOn(calendar, localDateOf(calendar, millis)).some(([start, end]) => start <= millis && millis < end)
}

const nextBusinessInstant = (
  calendar: BusinessCalendar,
  instant: Instant
): Either.Either<number, BusinessCalendarSearchExceeded> => {
  const millis = toMillis(instant)
  if (calendar.alwaysOpen) return Either.right(millis)
  const firstDate = localDateOf(calendar, millis)
  for (let offset = 0; offset < Limits.businessCalendarSearchDaysMax; offset++) {
    for (const [start, end] of intervalsOn(calendar, LocalDates.addDays(firstDate, offset))) {
      if (end > millis) return Either.right(Math.max(start, millis))
    }
  }
  return exceeded(calendar, millis, Limits.businessCalendarSearchDaysMax)
}

const addBusinessDuration = (
  calendar: BusinessCalendar,
  start: Instant,
  durationMilliseconds: number
): Either.Either<number, BusinessCalendarSearchExceeded> => {
  const from = toMillis(start)
  if (!Number.isSafeInteger(durationMilliseconds) || durationMilliseconds < 0) {
    throw new RangeError(`addBusinessDuration: ${durationMilliseconds} is not a non-negative whole number of milliseconds`)
  }
  if (durationMilliseconds === 0 || calendar.alwaysOpen) return Either.right(from + durationMilliseconds)
  let remaining = durationMilliseconds
  const firstDate = localDateOf(calendar, from)
  for (let offset = 0; offset < Limits.businessCalendarSearchDaysMax; offset++) {
    for (const [intervalStart, intervalEnd] of intervalsOn(calendar, LocalDates.addDays(firstDate, offset))) {
      if (intervalEnd <= from) continue
      const available = intervalEnd - Math.max(intervalStart, from)
      // `<=`: a deadline that uses up an interval exactly is that interval's end (17:30
      // on Friday), not the next opening.
      if (remaining <= available) return Either.right(Math.max(intervalStart, from) + remaining)
      remaining -= available
    }
  }
  return exceeded(calendar, from, Limits.businessCalendarSearchDaysMax)
}

const businessElapsed = (
  calendar: BusinessCalendar,
  start: Instant,
  end: Instant,
  pauses: ReadonlyArray<PauseInterval> = []
): Either.Either<number, BusinessCalendarSearchExceeded> => {
  const from = toMillis(start)
  const to = toMillis(end)
  if (to <= from) return Either.right(0)
  let total = 0
  let cursor = from
  for (const [pauseStart, pauseEnd] of [...mergePauses(pauses), [Infinity, Infinity] as [number, number]]) {
    if (pauseEnd <= cursor) continue
    const segmentEnd = Math.min(pauseStart, to)
    if (segmentEnd > cursor) {
      const segment = businessBetween(calendar, cursor, segmentEnd)
      if (Either.isLeft(segment)) return segment
      total += segment.right
    }
    cursor = Math.max(cursor, pauseEnd)
    if (cursor >= to) break
  }
  return Either.right(total)
}

const addWorkingDays = (
  calendar: BusinessCalendar,
  date: LocalDate,
  days: number
): Either.Either<LocalDate, BusinessCalendarSearchExceeded> => {
  if (!Number.isSafeInteger(days) || days < 0) {
    throw new RangeError(`addWorkingDays: ${days} is not a non-negative whole number`)
  }
  if (days === 0) return Either.right(date)
  let found = 0
  for (let offset = 1; offset <= Limits.businessCalendarSearchDaysMax; offset++) {
    const candidate = LocalDates.addDays(date, offset)
    if (hoursOn(calendar, candidate).length > 0 && ++found === days) return Either.right(candidate)
  }
  return exceeded(calendar, instantAt(calendar, date, 0), Limits.businessCalendarSearchDaysMax)
}

const definitionOrThrow = (input: typeof BusinessCalendarDefinition.Encoded): BusinessCalendar =>
  Either.getOrThrowWith(make(input), (error) => error)

const officeHours: ReadonlyArray<WorkingInterval> = [
  { start: "08:30", end: "12:00" },
  { start: "13:30", end: "17:30" }
]
const allDay: ReadonlyArray<WorkingInterval> = [{ start: "00:00", end: "24:00" }]

/**
 * Business calendars: construction, the two calendars most Danju users need, and the
 * time arithmetic on them. Operations that search return `Either` with
 * {@link BusinessCalendarSearchExceeded}; invalid arguments (a negative duration, an
 * invalid `Date`) are programmer errors and throw.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { BusinessCalendar } from "@danju/core"
 *
 * const calendar = BusinessCalendar.chinaOfficeHours
 * // Tuesday 2025-09-30 17:00 Beijing time, plus 1 business hour:
 * const start = Date.parse("2025-09-30T17:00:00+08:00")
 * const due = Either.getOrThrow(BusinessCalendar.addBusinessDuration(calendar, start, 3_600_000))
 * new Date(due).toISOString() // "2025-10-09T01:00:00.000Z": 09:00 on Thursday 9 October, after 國慶
 * ```
 * @since 0.1.0
 */
export const BusinessCalendar = {
  /** Validates a definition and builds the calendar. */
  make,
  /** {@link BusinessCalendar.make} for definitions known to be valid; throws otherwise. */
  unsafeMake: definitionOrThrow,
  /**
   * Monday–Friday 08:30–12:00 and 13:30–17:30 in Asia/Shanghai, mainland public holidays
   * closed and make-up workdays open.
   */
  chinaOfficeHours: definitionOrThrow({
    name: "chinaOfficeHours",
    weeklyHours: {
      monday: officeHours,
      tuesday: officeHours,
      wednesday: officeHours,
      thursday: officeHours,
      friday: officeHours
    }
  }),
  /** 24×7 wall-clock time with no holidays, for limits counted in natural hours. */
  alwaysOpen: definitionOrThrow({
    name: "alwaysOpen",
    publicHolidays: "none",
    weeklyHours: {
      monday: allDay,
      tuesday: allDay,
      wednesday: allDay,
      thursday: allDay,
      friday: allDay,
      saturday: allDay,
      sunday: allDay
    }
  }),
  /** True when the calendar is open at the instant (interval starts count, ends do not). */
  isBusinessInstant,
  /** The instant itself when open, otherwise the next opening. */
  nextBusinessInstant,
  /**
   * The instant at which `durationMilliseconds` of business time after `start` have
   * passed. Zero returns `start`; a duration that ends exactly at a closing time returns
   * that closing time.
   */
  addBusinessDuration,
  /**
   * Business milliseconds from `start` to `end`, leaving out the given pauses
   * (overlapping pauses count once; a pause without end lasts to `end`). Zero when
   * `end` is not after `start`.
   */
  businessElapsed,
  /** True when the date has working hours (a working day) on this calendar. */
  isWorkingDay: (calendar: BusinessCalendar, date: LocalDate): boolean => hoursOn(calendar, date).length > 0,
  /**
   * The `days`-th working day after `date` (the date itself does not count, as in
   * "within 4 working days"); 0 returns `date`.
   */
  addWorkingDays,
  /** The working intervals of a date as instants `[start, end)`. */
  workingIntervalsOn: (calendar: BusinessCalendar, date: LocalDate): ReadonlyArray<readonly [number, number]> =>
    intervalsOn(calendar, date),
  /** The local date of an instant in the calendar's time zone. */
  localDateOf: (calendar: BusinessCalendar, instant: Instant): LocalDate => localDateOf(calendar, toMillis(instant)),
  /** First and last year of the bundled public-holiday data. */
  publicHolidayYears: { first: Math.min(...dataYears), last: Math.max(...dataYears) } as const
} as const
