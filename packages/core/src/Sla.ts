/**
 * Service-level (SLA) timers: a versioned {@link SlaPolicy} of targets (response
 * within 45 natural minutes, resolution within 4 working days …) and, per ticket and
 * target, an {@link SlaClock} recording when it started, when it was paused (waiting on
 * the customer) and when it stopped. Deadlines, warning instants, remaining time and
 * status are derived, never counted: they are pure functions of (policy, calendar,
 * clock history, now), so a change of policy, priority or calendar is applied by
 * recomputing from the history (as Zammad does), and a pause is never lost when a
 * ticket goes from paused straight to done (stopping closes the open pause).
 *
 * Two clocks: `"business"` counts the working time of a {@link BusinessCalendar};
 * `"natural"` counts wall-clock time 24×7 (95598 fault repair: arrival on site 45 min).
 * Store `deadline` and `warnAt` from {@link Sla.schedule} in indexed columns so that
 * overdue lists are range queries; recompute them on every clock event.
 *
 * @since 0.1.0
 */
import { Either, ParseResult, Schema } from "effect"
import type { BusinessCalendarSearchExceeded, Instant, PauseInterval } from "./BusinessCalendar"
import { BusinessCalendar } from "./BusinessCalendar"
import { Limits } from "./Limits"

const millisecondsPerDay = 86_400_000

// ── policy ──────────────────────────────────────────────────────────────────

const ElapsedDuration = Schema.TaggedStruct("Elapsed", {
  milliseconds: Schema.Int.pipe(Schema.between(0, Limits.businessCalendarSearchDaysMax * millisecondsPerDay))
})
const WorkingDaysDuration = Schema.TaggedStruct("WorkingDays", {
  days: Schema.Int.pipe(Schema.between(0, Limits.businessCalendarSearchDaysMax))
})

/**
 * Schema of an {@link SlaDuration}.
 *
 * @since 0.1.0
 */
export const SlaDurationSchema = Schema.Union(ElapsedDuration, WorkingDaysDuration).annotations({
  identifier: "SlaDuration"
})

/**
 * How long a target allows. `Elapsed`: an amount of time on the target's clock (business
 * milliseconds on a business clock, wall-clock milliseconds on a natural clock).
 * `WorkingDays`: until the close of business of the n-th working day after the start
 * date — the start date itself does not count, as in "answer within 4 working days";
 * only on business clocks.
 *
 * @since 0.1.0
 */
export type SlaDuration = typeof SlaDurationSchema.Type

/**
 * Constructors of {@link SlaDuration}s.
 *
 * @example
 * ```ts
 * import { SlaDuration } from "@danju/core"
 *
 * SlaDuration.minutes(45)    // { _tag: "Elapsed", milliseconds: 2_700_000 }
 * SlaDuration.workingDays(4) // { _tag: "WorkingDays", days: 4 }
 * ```
 * @since 0.1.0
 */
export const SlaDuration = {
  milliseconds: (milliseconds: number): SlaDuration => ElapsedDuration.make({ milliseconds }),
  minutes: (minutes: number): SlaDuration => ElapsedDuration.make({ milliseconds: minutes * 60_000 }),
  hours: (hours: number): SlaDuration => ElapsedDuration.make({ milliseconds: hours * 3_600_000 }),
  workingDays: (days: number): SlaDuration => WorkingDaysDuration.make({ days }),
  schema: SlaDurationSchema
} as const

/**
 * When a target turns from on track to warning: at a `fraction` of its allowance used
 * (Znuny-style "notify at 80 %"), or `milliseconds` of the target's clock before the
 * deadline (95598 lists: "2 days before").
 *
 * @since 0.1.0
 */
export const SlaWarning = Schema.Union(
  Schema.TaggedStruct("Fraction", {
    fraction: Schema.Number.pipe(Schema.greaterThan(0), Schema.lessThanOrEqualTo(1))
  }),
  Schema.TaggedStruct("LeadTime", {
    milliseconds: Schema.Int.pipe(Schema.between(0, Limits.businessCalendarSearchDaysMax * millisecondsPerDay))
  })
).annotations({ identifier: "SlaWarning" })

/** @see {@link SlaWarning} @since 0.1.0 */
export type SlaWarning = typeof SlaWarning.Type

/**
 * Which time a target counts: working time of the business calendar, or natural
 * (wall-clock, 24×7) time.
 *
 * @since 0.1.0
 */
export const SlaClockKind = Schema.Literal("business", "natural")

/** @see {@link SlaClockKind} @since 0.1.0 */
export type SlaClockKind = typeof SlaClockKind.Type

/**
 * One target of a policy: its kind (`"response"`, `"dispatch"`, `"arrival"`,
 * `"resolution"` …), what it allows, and optionally its own clock and warning (else the
 * policy's).
 *
 * @since 0.1.0
 */
export const SlaTarget = Schema.Struct({
  kind: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(Limits.codeLengthMax)),
  duration: SlaDurationSchema,
  clock: Schema.optional(SlaClockKind),
  warning: Schema.optional(SlaWarning)
}).annotations({ identifier: "SlaTarget" })

/** @see {@link SlaTarget} @since 0.1.0 */
export type SlaTarget = typeof SlaTarget.Type

/**
 * A named, versioned set of SLA targets with a default clock and warning. Policies are
 * data: keep old versions so that a ticket's deadlines can be explained later.
 *
 * @since 0.1.0
 */
export const SlaPolicySchema = Schema.Struct({
  name: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(Limits.codeLengthMax)),
  version: Schema.Int.pipe(Schema.positive()),
  clock: SlaClockKind,
  warning: SlaWarning,
  targets: Schema.Array(SlaTarget).pipe(Schema.minItems(1), Schema.maxItems(Limits.slaTargetsPerPolicyMax))
}).annotations({ identifier: "SlaPolicy" })

/** @see {@link SlaPolicySchema} @since 0.1.0 */
export type SlaPolicy = typeof SlaPolicySchema.Type

// ── clock ───────────────────────────────────────────────────────────────────

/**
 * Schema of an {@link SlaClock}; instants are epoch milliseconds.
 *
 * @since 0.1.0
 */
export const SlaClockSchema = Schema.Struct({
  kind: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(Limits.codeLengthMax)),
  startedAt: Schema.Number,
  pauses: Schema.Array(Schema.Struct({ start: Schema.Number, end: Schema.optional(Schema.Number) })).pipe(
    Schema.maxItems(Limits.slaPausesPerClockMax)
  ),
  stoppedAt: Schema.optional(Schema.Number)
}).annotations({ identifier: "SlaClock" })

/**
 * The running record of one target on one ticket: start, pauses (the last one may be
 * open) and stop. Change it only through {@link SlaClock.pause}, `resume` and `stop`,
 * which keep events in time order.
 *
 * @since 0.1.0
 */
export type SlaClock = typeof SlaClockSchema.Type

// ── errors ──────────────────────────────────────────────────────────────────

/**
 * A policy definition that cannot be used. `reason`, checked in this order:
 * `definition` (does not match the schema), `duplicateKind` (two targets of one kind),
 * `workingDaysOnNaturalClock` (working days need a business clock).
 *
 * @since 0.1.0
 */
export class SlaPolicyInvalid extends Schema.TaggedError<SlaPolicyInvalid>()("SlaPolicyInvalid", {
  reason: Schema.Literal("definition", "duplicateKind", "workingDaysOnNaturalClock"),
  detail: Schema.String
}) {
  override get message(): string {
    return `Invalid SLA policy (${this.reason}): ${this.detail}`
  }
}

/**
 * The policy has no target of the clock's kind.
 *
 * @since 0.1.0
 */
export class SlaTargetUnknown extends Schema.TaggedError<SlaTargetUnknown>()("SlaTargetUnknown", {
  policy: Schema.String,
  kind: Schema.String
}) {
  override get message(): string {
    return `SLA policy ${JSON.stringify(this.policy)} has no target ${JSON.stringify(this.kind)}`
  }
}

/**
 * A clock event that does not fit the clock's state. `reason`: `stopped` (the clock has
 * stopped), `alreadyPaused`, `notPaused` (resume without pause), `beforeLastEvent` (the
 * instant is earlier than the clock's last event), `tooManyPauses` (over
 * `Limits.slaPausesPerClockMax`).
 *
 * @since 0.1.0
 */
export class SlaClockTransitionInvalid
  extends Schema.TaggedError<SlaClockTransitionInvalid>()("SlaClockTransitionInvalid", {
    kind: Schema.String,
    action: Schema.Literal("pause", "resume", "stop"),
    reason: Schema.Literal("stopped", "alreadyPaused", "notPaused", "beforeLastEvent", "tooManyPauses")
  })
{
  override get message(): string {
    return `Cannot ${this.action} SLA clock ${JSON.stringify(this.kind)}: ${this.reason}`
  }
}

/**
 * Every failure a schedule or status computation can report.
 *
 * @since 0.1.0
 */
export type SlaError = SlaTargetUnknown | BusinessCalendarSearchExceeded

// ── clock transitions ───────────────────────────────────────────────────────

const toMillis = (instant: Instant): number => {
  const millis = typeof instant === "number" ? instant : instant.getTime()
  if (!Number.isFinite(millis)) throw new RangeError("SlaClock: the instant is not a valid time")
  return millis
}

const openPause = (clock: SlaClock) => {
  const last = clock.pauses[clock.pauses.length - 1]
  return last !== undefined && last.end === undefined ? last : undefined
}

const lastEventAt = (clock: SlaClock): number => {
  const last = clock.pauses[clock.pauses.length - 1]
  return Math.max(clock.startedAt, last?.start ?? -Infinity, last?.end ?? -Infinity, clock.stoppedAt ?? -Infinity)
}

const transition = (
  clock: SlaClock,
  action: SlaClockTransitionInvalid["action"],
  at: Instant,
  apply: (millis: number) => SlaClock | SlaClockTransitionInvalid["reason"]
): Either.Either<SlaClock, SlaClockTransitionInvalid> => {
  const fail = (reason: SlaClockTransitionInvalid["reason"]) =>
    Either.left(new SlaClockTransitionInvalid({ kind: clock.kind, action, reason }))
  if (clock.stoppedAt !== undefined) return fail("stopped")
  const millis = toMillis(at)
  if (millis < lastEventAt(clock)) return fail("beforeLastEvent")
  const result = apply(millis)
  return typeof result === "string" ? fail(result) : Either.right(result)
}

/**
 * Starting, pausing, resuming and stopping SLA clocks. Transitions return the new clock
 * or a typed {@link SlaClockTransitionInvalid}; clocks are immutable.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { SlaClock } from "@danju/core"
 *
 * const started = SlaClock.start("resolution", Date.parse("2025-09-30T09:00:00+08:00"))
 * const waiting = Either.getOrThrow(SlaClock.pause(started, Date.parse("2025-09-30T10:00:00+08:00")))
 * const done = Either.getOrThrow(SlaClock.stop(waiting, Date.parse("2025-09-30T11:00:00+08:00")))
 * done.pauses // [{ start: …10:00, end: …11:00 }]: the hold time is kept
 * ```
 * @since 0.1.0
 */
export const SlaClock = {
  /** A running clock for a target kind. */
  start: (kind: string, at: Instant): SlaClock => ({ kind, startedAt: toMillis(at), pauses: [] }),
  /** Pauses a running clock (waiting on the customer or a third party). */
  pause: (clock: SlaClock, at: Instant): Either.Either<SlaClock, SlaClockTransitionInvalid> =>
    transition(clock, "pause", at, (millis) => {
      if (openPause(clock) !== undefined) return "alreadyPaused"
      if (clock.pauses.length >= Limits.slaPausesPerClockMax) return "tooManyPauses"
      return { ...clock, pauses: [...clock.pauses, { start: millis }] }
    }),
  /** Resumes a paused clock. */
  resume: (clock: SlaClock, at: Instant): Either.Either<SlaClock, SlaClockTransitionInvalid> =>
    transition(clock, "resume", at, (millis) => {
      const open = openPause(clock)
      if (open === undefined) return "notPaused"
      return { ...clock, pauses: [...clock.pauses.slice(0, -1), { start: open.start, end: millis }] }
    }),
  /** Stops the clock (target met or ticket closed); an open pause ends at the same instant. */
  stop: (clock: SlaClock, at: Instant): Either.Either<SlaClock, SlaClockTransitionInvalid> =>
    transition(clock, "stop", at, (millis) => {
      const open = openPause(clock)
      const pauses = open === undefined ? clock.pauses : [...clock.pauses.slice(0, -1), { start: open.start, end: millis }]
      return { ...clock, pauses, stoppedAt: millis }
    }),
  /** True while a pause is open. */
  isPaused: (clock: SlaClock): boolean => openPause(clock) !== undefined,
  /** True once stopped. */
  isStopped: (clock: SlaClock): boolean => clock.stoppedAt !== undefined,
  /** The stored form. */
  schema: SlaClockSchema
} as const

// ── derived schedule and status ─────────────────────────────────────────────

/**
 * The derived timetable of one clock under a policy. `budgetMilliseconds` is the
 * allowance on the target's clock; `deadline` and `warnAt` are instants, `undefined`
 * while the clock is paused before reaching them (time does not run, so there is no
 * instant yet).
 *
 * @since 0.1.0
 */
export interface SlaSchedule {
  readonly kind: string
  readonly clock: SlaClockKind
  readonly budgetMilliseconds: number
  readonly warnAt: number | undefined
  readonly deadline: number | undefined
}

/**
 * Where a clock stands at an instant. `breached` once the evaluation instant is after
 * the deadline (`breachedAt` is the deadline); `warning` from `warnAt` on; else
 * `onTrack`. A stopped clock is evaluated at its stop, so a target met in time stays
 * `onTrack` and one met late stays `breached`. `elapsedMilliseconds` and
 * `remainingMilliseconds` are on the target's clock, net of pauses; remaining is
 * negative once overdue.
 *
 * @since 0.1.0
 */
export interface SlaStatus extends SlaSchedule {
  readonly status: "onTrack" | "warning" | "breached"
  readonly breachedAt: number | undefined
  readonly elapsedMilliseconds: number
  readonly remainingMilliseconds: number
  readonly paused: boolean
  readonly stopped: boolean
}

const checkPolicy = (policy: SlaPolicy): Either.Either<SlaPolicy, SlaPolicyInvalid> => {
  const seen = new Set<string>()
  for (const target of policy.targets) {
    if (seen.has(target.kind)) return Either.left(new SlaPolicyInvalid({ reason: "duplicateKind", detail: target.kind }))
    seen.add(target.kind)
  }
  for (const target of policy.targets) {
    if (target.duration._tag === "WorkingDays" && (target.clock ?? policy.clock) === "natural") {
      return Either.left(new SlaPolicyInvalid({ reason: "workingDaysOnNaturalClock", detail: target.kind }))
    }
  }
  return Either.right(policy)
}

const calendarFor = (clockKind: SlaClockKind, calendar: BusinessCalendar): BusinessCalendar =>
  clockKind === "natural" ? BusinessCalendar.alwaysOpen : calendar

/** The allowance in milliseconds of the target's clock. */
const budgetOf = (
  target: SlaTarget,
  calendar: BusinessCalendar,
  startedAt: number
): Either.Either<number, BusinessCalendarSearchExceeded> => {
  if (target.duration._tag === "Elapsed") return Either.right(target.duration.milliseconds)
  const startDate = BusinessCalendar.localDateOf(calendar, startedAt)
  return Either.flatMap(BusinessCalendar.addWorkingDays(calendar, startDate, target.duration.days), (lastDay) => {
    const intervals = BusinessCalendar.workingIntervalsOn(calendar, lastDay)
    // Close of business of the last working day (`addWorkingDays(…, 0)` may return a
    // closed start date: then the allowance is what is left of that day, possibly zero).
    const close = intervals[intervals.length - 1]?.[1] ?? startedAt
    return BusinessCalendar.businessElapsed(calendar, startedAt, Math.max(close, startedAt))
  })
}

/**
 * The instant at which `budget` of active (unpaused) time has been used, or `undefined`
 * when an open pause begins before that.
 */
const instantWhenUsed = (
  calendar: BusinessCalendar,
  startedAt: number,
  pauses: ReadonlyArray<PauseInterval>,
  budget: number
): Either.Either<number | undefined, BusinessCalendarSearchExceeded> => {
  const sorted = pauses
    .map((pause) => [toMillis(pause.start), pause.end === undefined ? Infinity : toMillis(pause.end)] as const)
    .sort((left, right) => left[0] - right[0])
  let cursor = startedAt
  let remaining = budget
  for (const [pauseStart, pauseEnd] of sorted) {
    if (pauseEnd <= cursor) continue
    if (pauseStart > cursor) {
      const segment = BusinessCalendar.businessElapsed(calendar, cursor, pauseStart)
      if (Either.isLeft(segment)) return segment
      if (remaining <= segment.right) return BusinessCalendar.addBusinessDuration(calendar, cursor, remaining)
      remaining -= segment.right
    }
    if (pauseEnd === Infinity) return Either.right(undefined)
    cursor = pauseEnd
  }
  return BusinessCalendar.addBusinessDuration(calendar, cursor, remaining)
}

const findTarget = (policy: SlaPolicy, kind: string): Either.Either<SlaTarget, SlaTargetUnknown> => {
  const target = policy.targets.find((candidate) => candidate.kind === kind)
  return target === undefined ? Either.left(new SlaTargetUnknown({ policy: policy.name, kind })) : Either.right(target)
}

const schedule = (
  policy: SlaPolicy,
  calendar: BusinessCalendar,
  clock: SlaClock
): Either.Either<SlaSchedule, SlaError> =>
  Either.gen(function*() {
    const target = yield* findTarget(policy, clock.kind)
    const clockKind = target.clock ?? policy.clock
    const effectiveCalendar = calendarFor(clockKind, calendar)
    const budget = yield* budgetOf(target, effectiveCalendar, clock.startedAt)
    const warning = target.warning ?? policy.warning
    const warningBudget = warning._tag === "Fraction"
      ? Math.floor(budget * warning.fraction)
      : Math.max(0, budget - warning.milliseconds)
    const deadline = yield* instantWhenUsed(effectiveCalendar, clock.startedAt, clock.pauses, budget)
    const warnAt = yield* instantWhenUsed(effectiveCalendar, clock.startedAt, clock.pauses, warningBudget)
    return { kind: clock.kind, clock: clockKind, budgetMilliseconds: budget, warnAt, deadline }
  })

const status = (
  policy: SlaPolicy,
  calendar: BusinessCalendar,
  clock: SlaClock,
  now: Instant
): Either.Either<SlaStatus, SlaError> =>
  Either.gen(function*() {
    const timetable = yield* schedule(policy, calendar, clock)
    const evaluatedAt = Math.min(toMillis(now), clock.stoppedAt ?? Infinity)
    const elapsed = yield* BusinessCalendar.businessElapsed(
      calendarFor(timetable.clock, calendar),
      clock.startedAt,
      evaluatedAt,
      clock.pauses
    )
    const breached = timetable.deadline !== undefined && evaluatedAt > timetable.deadline
    const warned = timetable.warnAt !== undefined && evaluatedAt >= timetable.warnAt
    return {
      ...timetable,
      status: breached ? "breached" : warned ? "warning" : "onTrack",
      breachedAt: breached ? timetable.deadline : undefined,
      elapsedMilliseconds: elapsed,
      remainingMilliseconds: timetable.budgetMilliseconds - elapsed,
      paused: SlaClock.isPaused(clock) && (clock.stoppedAt === undefined),
      stopped: clock.stoppedAt !== undefined
    } satisfies SlaStatus
  })

/**
 * SLA computations. All are pure: the calendar and `now` are parameters (take `now`
 * from Effect's `Clock`). Each returns `Either` with {@link SlaTargetUnknown} when the
 * policy lacks the clock's target, or {@link BusinessCalendarSearchExceeded} when a
 * calendar search runs past its limit.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { BusinessCalendar, Sla, SlaClock, SlaDuration } from "@danju/core"
 *
 * const policy = Either.getOrThrow(Sla.makePolicy({
 *   name: "fault-repair-urban",
 *   version: 1,
 *   clock: "natural",
 *   warning: { _tag: "Fraction", fraction: 0.8 },
 *   targets: [{ kind: "arrival", duration: SlaDuration.minutes(45) }]
 * }))
 * const clock = SlaClock.start("arrival", Date.parse("2025-10-01T03:00:00+08:00"))
 * const now = Date.parse("2025-10-01T03:40:00+08:00")
 * Either.getOrThrow(Sla.status(policy, BusinessCalendar.chinaOfficeHours, clock, now)).status // "warning"
 * ```
 * @since 0.1.0
 */
export const Sla = {
  /** Decodes and checks a policy. */
  makePolicy: (input: typeof SlaPolicySchema.Encoded): Either.Either<SlaPolicy, SlaPolicyInvalid> =>
    Either.flatMap(
      Either.mapLeft(
        Schema.decodeUnknownEither(SlaPolicySchema)(input),
        (error) => new SlaPolicyInvalid({ reason: "definition", detail: ParseResult.TreeFormatter.formatErrorSync(error) })
      ),
      checkPolicy
    ),
  /** The target of a kind in a policy. */
  target: findTarget,
  /** Budget, warning instant and deadline of a clock: the values to store and index. */
  schedule,
  /** The deadline instant, or `undefined` while paused before it. */
  deadline: (
    policy: SlaPolicy,
    calendar: BusinessCalendar,
    clock: SlaClock
  ): Either.Either<number | undefined, SlaError> => Either.map(schedule(policy, calendar, clock), (result) => result.deadline),
  /** Milliseconds of the target's clock left at `now` (negative once overdue). */
  remaining: (
    policy: SlaPolicy,
    calendar: BusinessCalendar,
    clock: SlaClock,
    now: Instant
  ): Either.Either<number, SlaError> =>
    Either.map(status(policy, calendar, clock, now), (result) => result.remainingMilliseconds),
  /** Status at `now`: onTrack, warning or breached, with the figures behind it. */
  status
} as const
