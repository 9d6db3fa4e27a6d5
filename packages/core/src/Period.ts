/**
 * Accounting periods (會計期間) of an account set. A {@link Period} is a fiscal year and a
 * period number; a {@link FiscalCalendar} says when fiscal years start and how many
 * periods they have, and maps every date to exactly one period.
 *
 * - Periods are calendar months. Fiscal year `Y` starts on day 1 of `startMonth` of
 *   calendar year `Y` (a fiscal year is named by the calendar year in which it starts):
 *   with `startMonth: 4`, FY2026 runs 2026-04-01..2027-03-31 and period 1 is April.
 *   Chinese account sets use `startMonth: 1`, so period `n` is month `n`.
 * - With `periodsPerYear: 13`, period 13 is an adjustment period (調整期) for year-end
 *   entries: it has no days of its own and shares the dates of the last month (period
 *   12). Dates always map to periods 1–12; period 13 is chosen explicitly.
 * - `startYear` is the first fiscal year of the books (啟用年度): dates and periods
 *   before it are refused.
 * - The text form is `YYYY-PP` (`"2026-03"`, `"2026-13"`): fiscal year and period
 *   number, which is the calendar month only when `startMonth` is 1.
 *
 * @since 0.1.0
 */
import { Either, ParseResult, Schema } from "effect"
import { Limits } from "./Limits"
import { DateInvalid, LocalDate } from "./LocalDate"

/**
 * One accounting period: a fiscal year and a period number (1–12, or 13 for the
 * adjustment period).
 *
 * @since 0.1.0
 */
export interface Period {
  readonly fiscalYear: number
  readonly number: number
}

/**
 * Schema of a {@link Period} as a structure (`{ fiscalYear: 2026, number: 3 }`). It
 * checks ranges, not a particular calendar: check against one with
 * {@link FiscalCalendar.checkPeriod}.
 *
 * @since 0.1.0
 */
export const PeriodSchema = Schema.Struct({
  fiscalYear: Schema.Int.pipe(Schema.between(Limits.calendarYearMin, Limits.calendarYearMax)),
  number: Schema.Int.pipe(Schema.between(1, 13))
}).annotations({ identifier: "Period" })

/**
 * A period that is not acceptable. `reason`, checked in this order: `syntax` (text not
 * `YYYY-PP`), `yearOutOfRange`, `numberOutOfRange` (0, 14, or 13 on a 12-period
 * calendar), `beforeCalendarStart` (before the calendar's first fiscal year).
 *
 * @since 0.1.0
 */
export class PeriodInvalid extends Schema.TaggedError<PeriodInvalid>()("PeriodInvalid", {
  input: Schema.String,
  reason: Schema.Literal("syntax", "yearOutOfRange", "numberOutOfRange", "beforeCalendarStart")
}) {
  override get message(): string {
    const explanation = {
      syntax: "is not a period in the form YYYY-PP",
      yearOutOfRange: `has a fiscal year outside ${Limits.calendarYearMin} to ${Limits.calendarYearMax}`,
      numberOutOfRange: "has a period number the fiscal calendar does not have",
      beforeCalendarStart: "is before the first fiscal year of the calendar"
    }[this.reason]
    return `Period ${JSON.stringify(this.input)} ${explanation}`
  }
}

/**
 * How an account set divides time into periods: the first fiscal year of the books,
 * the month (1–12) in which each fiscal year starts, and 12 or 13 periods a year.
 *
 * @since 0.1.0
 */
export interface FiscalCalendar {
  readonly startYear: number
  readonly startMonth: number
  readonly periodsPerYear: 12 | 13
}

/**
 * Schema of a {@link FiscalCalendar}, for account-set settings read from storage or HTTP.
 *
 * @since 0.1.0
 */
export const FiscalCalendarSchema = Schema.Struct({
  startYear: Schema.Int.pipe(Schema.between(Limits.calendarYearMin, Limits.calendarYearMax - 1)),
  startMonth: Schema.Int.pipe(Schema.between(1, 12)),
  periodsPerYear: Schema.Literal(12, 13)
}).annotations({ identifier: "FiscalCalendar" })

const formatPeriod = (period: Period): string =>
  `${String(period.fiscalYear).padStart(4, "0")}-${String(period.number).padStart(2, "0")}`

const makePeriod = (fiscalYear: number, number: number): Period => Object.freeze({ fiscalYear, number })

/** Position of a period on a line of consecutive periods of one calendar. */
const ordinal = (periodsPerYear: number, period: Period): number =>
  period.fiscalYear * periodsPerYear + period.number - 1

const fromOrdinal = (periodsPerYear: number, value: number): Period =>
  makePeriod(Math.floor(value / periodsPerYear), (((value % periodsPerYear) + periodsPerYear) % periodsPerYear) + 1)

const periodPattern = /^([0-9]{4})-([0-9]{1,2})$/

/**
 * Functions on {@link Period}s. Stepping (`next`, `previous`, `add`, `diff`) needs the
 * calendar's `periodsPerYear` because period 13 exists only on 13-period calendars.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { FiscalCalendar, Period } from "@danju/core"
 *
 * const calendar = FiscalCalendar.make({ startYear: 2024, startMonth: 1, periodsPerYear: 12 })
 * const march = Either.getOrThrow(Period.parse("2026-03"))
 * Period.format(Period.add(calendar, march, 10)) // "2027-01"
 * ```
 * @since 0.1.0
 */
export const Period = {
  /** A period from a fiscal year and a number (1–13); throws on numbers out of range. */
  make: (fiscalYear: number, number: number): Period => {
    Schema.validateSync(PeriodSchema)({ fiscalYear, number })
    return makePeriod(fiscalYear, number)
  },
  /** Text form `YYYY-PP` (`"2026-03"`). */
  format: formatPeriod,
  /**
   * Parses `YYYY-PP` (`"2026-03"`, `"2026-3"`); with a calendar, also checks the period
   * exists on it.
   */
  parse: (input: string, calendar?: FiscalCalendar): Either.Either<Period, PeriodInvalid> => {
    const match = periodPattern.exec(input)
    if (match === null) {
      return Either.left(new PeriodInvalid({ input: input.slice(0, Limits.codeLengthMax), reason: "syntax" }))
    }
    const period = makePeriod(Number(match[1]), Number(match[2]))
    return calendar === undefined ? checkRange(input, period, 13) : checkPeriod(calendar, period, input)
  },
  /** −1, 0 or 1 in time order (period 13 comes after 12 and before the next year's 1). */
  compare: (left: Period, right: Period): -1 | 0 | 1 =>
    left.fiscalYear !== right.fiscalYear
      ? (left.fiscalYear < right.fiscalYear ? -1 : 1)
      : left.number === right.number
      ? 0
      : left.number < right.number
      ? -1
      : 1,
  /** True when both name the same period. */
  equals: (left: Period, right: Period): boolean =>
    left.fiscalYear === right.fiscalYear && left.number === right.number,
  /** The period `count` periods later (earlier when negative). */
  add: (calendar: Pick<FiscalCalendar, "periodsPerYear">, period: Period, count: number): Period =>
    fromOrdinal(calendar.periodsPerYear, ordinal(calendar.periodsPerYear, period) + count),
  /** The following period (12 → 13 on a 13-period calendar, else 12 → next year's 1). */
  next: (calendar: Pick<FiscalCalendar, "periodsPerYear">, period: Period): Period =>
    fromOrdinal(calendar.periodsPerYear, ordinal(calendar.periodsPerYear, period) + 1),
  /** The preceding period. */
  previous: (calendar: Pick<FiscalCalendar, "periodsPerYear">, period: Period): Period =>
    fromOrdinal(calendar.periodsPerYear, ordinal(calendar.periodsPerYear, period) - 1),
  /** Number of periods from `from` to `to` (negative when `to` is earlier). */
  diff: (calendar: Pick<FiscalCalendar, "periodsPerYear">, from: Period, to: Period): number =>
    ordinal(calendar.periodsPerYear, to) - ordinal(calendar.periodsPerYear, from),
  /** The structural schema. */
  schema: PeriodSchema
} as const

const checkRange = (input: string, period: Period, numberMax: number): Either.Either<Period, PeriodInvalid> => {
  if (period.fiscalYear < Limits.calendarYearMin || period.fiscalYear > Limits.calendarYearMax) {
    return Either.left(new PeriodInvalid({ input, reason: "yearOutOfRange" }))
  }
  if (!Number.isInteger(period.number) || period.number < 1 || period.number > numberMax) {
    return Either.left(new PeriodInvalid({ input, reason: "numberOutOfRange" }))
  }
  return Either.right(period)
}

/** Last fiscal year whose months all fall within the supported calendar years. */
const lastFiscalYear = (calendar: FiscalCalendar): number =>
  calendar.startMonth === 1 ? Limits.calendarYearMax : Limits.calendarYearMax - 1

const checkPeriod = (
  calendar: FiscalCalendar,
  period: Period,
  input: string = formatPeriod(period)
): Either.Either<Period, PeriodInvalid> => {
  if (!Number.isInteger(period.fiscalYear) || period.fiscalYear > lastFiscalYear(calendar)) {
    return Either.left(new PeriodInvalid({ input, reason: "yearOutOfRange" }))
  }
  return Either.flatMap(checkRange(input, period, calendar.periodsPerYear), (checked) =>
    checked.fiscalYear < calendar.startYear
      ? Either.left(new PeriodInvalid({ input, reason: "beforeCalendarStart" }))
      : Either.right(checked))
}

/**
 * Builds fiscal calendars and maps dates to periods and back.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { FiscalCalendar, Period } from "@danju/core"
 *
 * const aprilYears = FiscalCalendar.make({ startYear: 2025, startMonth: 4, periodsPerYear: 13 })
 * const period = Either.getOrThrow(FiscalCalendar.periodOf(aprilYears, "2026-03-15"))
 * Period.format(period) // "2025-12"
 * Either.getOrThrow(FiscalCalendar.dateRange(aprilYears, Period.make(2025, 13)))
 * // { first: "2026-03-01", last: "2026-03-31" }: the adjustment period shares March
 * ```
 * @since 0.1.0
 */
export const FiscalCalendar = {
  /** Validates a calendar; throws on an invalid one (decode settings with the schema). */
  make: (input: FiscalCalendar): FiscalCalendar => Object.freeze(Schema.validateSync(FiscalCalendarSchema)(input)),
  /** Twelve natural months starting in January of `startYear`: the Chinese default. */
  natural: (startYear: number): FiscalCalendar =>
    Object.freeze(Schema.validateSync(FiscalCalendarSchema)({ startYear, startMonth: 1, periodsPerYear: 12 })),
  /**
   * The period a date belongs to (never the adjustment period 13). Accepts a
   * {@link LocalDate} or date text (`YYYY-MM-DD`, `YYYY/MM/DD`).
   */
  periodOf: (calendar: FiscalCalendar, date: LocalDate | string): Either.Either<Period, DateInvalid> =>
    Either.flatMap(LocalDate.parse(date), (checked) => {
      const { month, year } = LocalDate.parts(checked)
      const monthsSinceYearZero = year * 12 + (month - 1) - (calendar.startMonth - 1)
      const fiscalYear = Math.floor(monthsSinceYearZero / 12)
      if (fiscalYear < calendar.startYear) {
        return Either.left(new DateInvalid({ input: date, reason: "beforeCalendarStart" }))
      }
      return Either.right(makePeriod(fiscalYear, monthsSinceYearZero - fiscalYear * 12 + 1))
    }),
  /**
   * First and last day of a period, both inclusive. Period 13 of a 13-period calendar
   * returns the range of period 12.
   */
  dateRange: (
    calendar: FiscalCalendar,
    period: Period
  ): Either.Either<{ readonly first: LocalDate; readonly last: LocalDate }, PeriodInvalid> =>
    Either.map(checkPeriod(calendar, period), (checked) => {
      const monthIndex = calendar.startMonth - 1 + Math.min(checked.number, 12) - 1
      const year = checked.fiscalYear + Math.floor(monthIndex / 12)
      const month = (monthIndex % 12) + 1
      return {
        first: LocalDate.of(year, month, 1),
        last: LocalDate.of(year, month, LocalDate.daysInMonth(year, month))
      }
    }),
  /** Checks that a period exists on a calendar (number, year, not before `startYear`). */
  checkPeriod: (calendar: FiscalCalendar, period: Period): Either.Either<Period, PeriodInvalid> =>
    checkPeriod(calendar, period),
  /** The first period of the books: period 1 of `startYear`. */
  firstPeriod: (calendar: FiscalCalendar): Period => makePeriod(calendar.startYear, 1),
  /** All periods of a fiscal year, in order (12 or 13). */
  periodsOfYear: (calendar: FiscalCalendar, fiscalYear: number): ReadonlyArray<Period> =>
    Array.from({ length: calendar.periodsPerYear }, (_, index) => makePeriod(fiscalYear, index + 1)),
  /** The schema of stored calendars. */
  schema: FiscalCalendarSchema
} as const

/**
 * Period text `YYYY-PP` ⇄ {@link Period}, for URLs, query strings and CSV columns.
 *
 * @since 0.1.0
 */
export const PeriodFromString: Schema.Schema<Period, string> = Schema.transformOrFail(
  Schema.String,
  Schema.typeSchema(PeriodSchema),
  {
    strict: true,
    decode: (input, _options, ast) =>
      Either.match(Period.parse(input), {
        onLeft: (error) => ParseResult.fail(new ParseResult.Type(ast, input, error.message)),
        onRight: (period) => ParseResult.succeed(period)
      }),
    encode: (period) => ParseResult.succeed(formatPeriod(period))
  }
).annotations({ identifier: "PeriodFromString" })
