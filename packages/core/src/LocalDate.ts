/**
 * Calendar dates without time or time zone (`"2026-03-31"`): voucher dates, period
 * boundaries, holidays, expiry dates. Date arithmetic here is pure integer arithmetic on
 * day numbers (days since 1970-01-01, proleptic Gregorian), so no JS `Date`, host time
 * zone or daylight-saving rule can shift a date by one.
 *
 * A {@link LocalDate} is a branded canonical string `YYYY-MM-DD`; canonical strings sort
 * in date order, so they can be compared and stored as text. Years run from
 * `Limits.calendarYearMin` to `Limits.calendarYearMax`.
 *
 * @since 0.1.0
 */
import type { Brand } from "effect"
import { Either, ParseResult, Schema } from "effect"
import { Limits } from "./Limits"

/**
 * A calendar date in canonical `YYYY-MM-DD` form, known to exist (no 2025-02-29).
 *
 * @since 0.1.0
 */
export type LocalDate = string & Brand.Brand<"LocalDate">

/**
 * The input is not a date Danju accepts. `reason`, checked in this order: `syntax`
 * (not `YYYY-MM-DD` or `YYYY/MM/DD`), `yearOutOfRange` (outside
 * `Limits.calendarYearMin`..`Limits.calendarYearMax`), `noSuchDay` (month 13, 2025-02-29
 * …), `beforeCalendarStart` (before the first day of a fiscal calendar).
 *
 * @since 0.1.0
 */
export class DateInvalid extends Schema.TaggedError<DateInvalid>()("DateInvalid", {
  input: Schema.String,
  reason: Schema.Literal("syntax", "yearOutOfRange", "noSuchDay", "beforeCalendarStart")
}) {
  override get message(): string {
    const explanation = {
      syntax: "is not a date in the form YYYY-MM-DD",
      yearOutOfRange: `is outside the years ${Limits.calendarYearMin} to ${Limits.calendarYearMax}`,
      noSuchDay: "is not a day of the calendar",
      beforeCalendarStart: "is before the first fiscal year of the calendar"
    }[this.reason]
    return `Date ${JSON.stringify(this.input)} ${explanation}`
  }
}

/**
 * Year, month (1–12) and day of month of a {@link LocalDate}.
 *
 * @since 0.1.0
 */
export interface LocalDateParts {
  readonly year: number
  readonly month: number
  readonly day: number
}

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31

const pad = (value: number, width: number): string => String(value).padStart(width, "0")

const format = (year: number, month: number, day: number): LocalDate =>
  `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` as LocalDate

const validate = (
  input: string,
  year: number,
  month: number,
  day: number
): Either.Either<LocalDate, DateInvalid> => {
  if (!Number.isInteger(year) || year < Limits.calendarYearMin || year > Limits.calendarYearMax) {
    return Either.left(new DateInvalid({ input, reason: "yearOutOfRange" }))
  }
  if (
    !Number.isInteger(month) || !Number.isInteger(day) || month < 1 || month > 12 || day < 1 ||
    day > daysInMonth(year, month)
  ) {
    return Either.left(new DateInvalid({ input, reason: "noSuchDay" }))
  }
  return Either.right(format(year, month, day))
}

// Four-digit year, one- or two-digit month and day, "-" or "/" used consistently.
const datePattern = /^([0-9]{4})([-/])([0-9]{1,2})\2([0-9]{1,2})$/

const parse = (input: string): Either.Either<LocalDate, DateInvalid> => {
  const match = datePattern.exec(input)
  if (match === null) return Either.left(new DateInvalid({ input: input.slice(0, Limits.codeLengthMax), reason: "syntax" }))
  return validate(input, Number(match[1]), Number(match[3]), Number(match[4]))
}

const parts = (date: LocalDate): LocalDateParts => ({
  year: Number(date.slice(0, 4)),
  month: Number(date.slice(5, 7)),
  day: Number(date.slice(8, 10))
})

// Day-number conversions after Howard Hinnant's `days_from_civil`/`civil_from_days`
// (eras of 400 years, March-based years so that leap days fall at the end).
const toEpochDay = (date: LocalDate): number => {
  const { year: calendarYear, month, day } = parts(date)
  const year = calendarYear - (month <= 2 ? 1 : 0)
  const era = Math.floor(year / 400)
  const yearOfEra = year - era * 400
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146097 + dayOfEra - 719468
}

const fromEpochDay = (epochDay: number): LocalDate => {
  if (!Number.isSafeInteger(epochDay)) throw new RangeError(`LocalDate: day number ${epochDay} is not an integer`)
  const shifted = epochDay + 719468
  const era = Math.floor(shifted / 146097)
  const dayOfEra = shifted - era * 146097
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365
  )
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153)
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  if (year < Limits.calendarYearMin || year > Limits.calendarYearMax) {
    throw new RangeError(`LocalDate: year ${year} is outside ${Limits.calendarYearMin}..${Limits.calendarYearMax}`)
  }
  return format(year, month, day)
}

/**
 * Schema of a canonical {@link LocalDate} (`YYYY-MM-DD`, an existing day, year within
 * the limits). Use {@link LocalDateFromInput} to also accept `YYYY/MM/DD` and one-digit
 * months and days.
 *
 * @since 0.1.0
 */
export const LocalDateSchema: Schema.Schema<LocalDate, string> = Schema.String.pipe(
  Schema.filter((input) => /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(input) && Either.isRight(parse(input)), {
    message: () => "Expected an existing date in the form YYYY-MM-DD"
  }),
  Schema.brand("LocalDate")
).annotations({ identifier: "LocalDate" })

/**
 * Lenient date text (`2026-3-5`, `2026/03/05`) ⇄ canonical {@link LocalDate}; encodes as
 * `YYYY-MM-DD`.
 *
 * @since 0.1.0
 */
export const LocalDateFromInput: Schema.Schema<LocalDate, string> = Schema.transformOrFail(
  Schema.String,
  Schema.typeSchema(LocalDateSchema),
  {
    strict: true,
    decode: (input, _options, ast) =>
      Either.match(parse(input), {
        onLeft: (error) => ParseResult.fail(new ParseResult.Type(ast, input, error.message)),
        onRight: (date) => ParseResult.succeed(date)
      }),
    encode: (date) => ParseResult.succeed(date)
  }
).annotations({ identifier: "LocalDateFromInput" })

/**
 * Functions on {@link LocalDate}s. `parse` and `make` return `Either` with a typed
 * {@link DateInvalid}; `of` and `addDays` throw on impossible dates as programmer
 * errors.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { LocalDate } from "@danju/core"
 *
 * const date = Either.getOrThrow(LocalDate.parse("2024/02/28"))  // "2024-02-28"
 * LocalDate.addDays(date, 1)                                      // "2024-02-29"
 * LocalDate.dayOfWeek(LocalDate.of(2025, 10, 1))                  // 3 (Wednesday)
 * ```
 * @since 0.1.0
 */
export const LocalDate = {
  /** Parses `YYYY-MM-DD` or `YYYY/MM/DD` (month and day may have one digit). */
  parse,
  /** The date of a year, month (1–12) and day, if it exists. */
  make: (year: number, month: number, day: number): Either.Either<LocalDate, DateInvalid> =>
    validate(`${year}-${month}-${day}`, year, month, day),
  /** {@link LocalDate.make} for dates known to exist; throws otherwise. */
  of: (year: number, month: number, day: number): LocalDate =>
    Either.getOrThrowWith(validate(`${year}-${month}-${day}`, year, month, day), (error) => error),
  /** Year, month and day. */
  parts,
  /** True for Gregorian leap years (2024, 2000; not 1900). */
  isLeapYear,
  /** Number of days of a month (1–12) of a year. */
  daysInMonth,
  /** Days since 1970-01-01 (negative before). */
  toEpochDay,
  /** The date a number of days after 1970-01-01; throws outside the supported years. */
  fromEpochDay,
  /** The date `days` later (earlier when negative); throws outside the supported years. */
  addDays: (date: LocalDate, days: number): LocalDate => fromEpochDay(toEpochDay(date) + days),
  /** Days from `from` to `to` (negative when `to` is earlier). */
  diffDays: (from: LocalDate, to: LocalDate): number => toEpochDay(to) - toEpochDay(from),
  /** −1, 0 or 1 in date order. */
  compare: (left: LocalDate, right: LocalDate): -1 | 0 | 1 => (left < right ? -1 : left > right ? 1 : 0),
  /** ISO day of the week: 1 Monday … 7 Sunday. */
  dayOfWeek: (date: LocalDate): number => {
    // 1970-01-01 was a Thursday (ISO 4).
    const remainder = ((toEpochDay(date) % 7) + 7) % 7
    return ((remainder + 3) % 7) + 1
  },
  /** Canonical schema. */
  schema: LocalDateSchema
} as const
