// Proves the SLA rules: policies are validated; clocks accept only well-ordered
// start/pause/resume/stop events and keep hold time when stopped while paused;
// deadlines and warning instants follow the target's clock (natural 24×7 or business
// hours with holidays), move by exactly the paused business time, disappear while
// paused, and the status at any instant is onTrack, warning or breached accordingly.
import { assert, describe, it } from "@effect/vitest"
import { Either } from "effect"
import * as fc from "fast-check"
import { BusinessCalendar } from "../src/BusinessCalendar"
import type { SlaClockTransitionInvalid, SlaPolicy } from "../src/Sla"
import { Sla, SlaClock, SlaDuration, SlaPolicyInvalid, SlaTargetUnknown } from "../src/Sla"

const office = BusinessCalendar.chinaOfficeHours
const beijing = (text: string) => Date.parse(`${text}+08:00`)
const minute = 60_000
const hour = 60 * minute
const right = <A, E>(either: Either.Either<A, E>): A => {
  if (Either.isLeft(either)) assert.fail(`expected Right, got ${String(either.left)}`)
  return either.right
}

const policy: SlaPolicy = right(
  Sla.makePolicy({
    name: "state-grid-95598",
    version: 1,
    clock: "business",
    warning: { _tag: "Fraction", fraction: 0.8 },
    targets: [
      { kind: "arrival", duration: SlaDuration.minutes(45), clock: "natural" },
      { kind: "response", duration: SlaDuration.hours(2) },
      {
        kind: "complaintAnswer",
        duration: SlaDuration.workingDays(4),
        warning: { _tag: "LeadTime", milliseconds: 15 * hour }
      }
    ]
  })
)

const statusUnder = (currentPolicy: SlaPolicy, clock: SlaClock, now: number) =>
  right(Sla.status(currentPolicy, office, clock, now))
const statusAt = (clock: SlaClock, now: number) => statusUnder(policy, clock, now)

describe("Sla.makePolicy", () => {
  it("rejects invalid policies with typed reasons", () => {
    const base = { name: "p", version: 1, clock: "natural" as const, warning: { _tag: "Fraction" as const, fraction: 0.5 } }
    const reason = (input: Parameters<typeof Sla.makePolicy>[0]) => {
      const result = Sla.makePolicy(input)
      if (Either.isRight(result)) assert.fail("expected an invalid policy")
      assert.instanceOf(result.left, SlaPolicyInvalid)
      return result.left.reason
    }
    assert.strictEqual(reason({ ...base, targets: [] }), "definition")
    assert.strictEqual(
      reason({ ...base, warning: { _tag: "Fraction", fraction: 1.5 }, targets: [{ kind: "a", duration: SlaDuration.minutes(1) }] }),
      "definition"
    )
    assert.strictEqual(
      reason({ ...base, targets: [{ kind: "a", duration: SlaDuration.minutes(1) }, { kind: "a", duration: SlaDuration.minutes(2) }] }),
      "duplicateKind"
    )
    assert.strictEqual(reason({ ...base, targets: [{ kind: "a", duration: SlaDuration.workingDays(4) }] }), "workingDaysOnNaturalClock")
  })

  it("reports a clock whose target the policy lacks", () => {
    const result = Sla.schedule(policy, office, SlaClock.start("revisit", 0))
    assert.isTrue(Either.isLeft(result) && result.left instanceof SlaTargetUnknown && result.left.kind === "revisit")
  })
})

describe("SlaClock transitions", () => {
  const start = beijing("2025-09-30T09:00:00")
  const reason = (result: Either.Either<SlaClock, SlaClockTransitionInvalid>) => {
    if (Either.isRight(result)) assert.fail("expected an invalid transition")
    return result.left.reason
  }

  it("pauses, resumes and stops in time order", () => {
    const started = SlaClock.start("response", start)
    const paused = right(SlaClock.pause(started, start + hour))
    assert.isTrue(SlaClock.isPaused(paused))
    const resumed = right(SlaClock.resume(paused, start + 2 * hour))
    assert.deepStrictEqual(resumed.pauses, [{ start: start + hour, end: start + 2 * hour }])
    const stopped = right(SlaClock.stop(resumed, start + 3 * hour))
    assert.isTrue(SlaClock.isStopped(stopped))
    assert.strictEqual(stopped.stoppedAt, start + 3 * hour)
  })

  it("keeps the hold time when a paused clock is stopped", () => {
    const paused = right(SlaClock.pause(SlaClock.start("response", start), start + hour))
    const stopped = right(SlaClock.stop(paused, new Date(start + 5 * hour)))
    assert.deepStrictEqual(stopped.pauses, [{ start: start + hour, end: start + 5 * hour }])
    assert.isFalse(SlaClock.isPaused(stopped))
  })

  it("refuses events that do not fit", () => {
    const started = SlaClock.start("response", start)
    const paused = right(SlaClock.pause(started, start + hour))
    assert.strictEqual(reason(SlaClock.pause(paused, start + 2 * hour)), "alreadyPaused")
    assert.strictEqual(reason(SlaClock.resume(started, start + 2 * hour)), "notPaused")
    assert.strictEqual(reason(SlaClock.resume(paused, start + 30 * minute)), "beforeLastEvent")
    assert.strictEqual(reason(SlaClock.pause(started, start - 1)), "beforeLastEvent")
    const stopped = right(SlaClock.stop(started, start + hour))
    assert.strictEqual(reason(SlaClock.pause(stopped, start + 2 * hour)), "stopped")
    assert.strictEqual(reason(SlaClock.stop(stopped, start + 2 * hour)), "stopped")
  })
})

describe("natural-clock targets (fault repair arrival, 45 min)", () => {
  // 03:00 on National Day: natural time runs regardless of holidays and office hours.
  const start = beijing("2025-10-01T03:00:00")
  const clock = SlaClock.start("arrival", start)

  it("schedules the warning at 80 % and the deadline at 45 min", () => {
    const timetable = right(Sla.schedule(policy, office, clock))
    assert.strictEqual(timetable.clock, "natural")
    assert.strictEqual(timetable.budgetMilliseconds, 45 * minute)
    assert.strictEqual(timetable.warnAt, start + 36 * minute)
    assert.strictEqual(timetable.deadline, start + 45 * minute)
    assert.strictEqual(right(Sla.deadline(policy, office, clock)), start + 45 * minute)
  })

  it("is on track, then warning, then breached", () => {
    assert.strictEqual(statusAt(clock, start + 35 * minute).status, "onTrack")
    assert.strictEqual(statusAt(clock, start + 36 * minute).status, "warning")
    assert.strictEqual(statusAt(clock, start + 45 * minute).status, "warning")
    const late = statusAt(clock, start + 50 * minute)
    assert.strictEqual(late.status, "breached")
    assert.strictEqual(late.breachedAt, start + 45 * minute)
    assert.strictEqual(late.remainingMilliseconds, -5 * minute)
    assert.strictEqual(right(Sla.remaining(policy, office, clock, start + 10 * minute)), 35 * minute)
  })

  it("freezes a stopped clock at its stop", () => {
    const metInTime = right(SlaClock.stop(clock, start + 40 * minute))
    const later = statusAt(metInTime, start + 10 * hour)
    assert.strictEqual(later.status, "warning")
    assert.isTrue(later.stopped)
    assert.strictEqual(later.elapsedMilliseconds, 40 * minute)
    const metLate = right(SlaClock.stop(clock, start + 50 * minute))
    assert.strictEqual(statusAt(metLate, start + 10 * hour).status, "breached")
  })
})

describe("business-clock targets", () => {
  it("counts office hours across the National Day holiday", () => {
    // 30 min on Tuesday 09-30, then 1 h 30 min from 08:30 on Thursday 10-09.
    const clock = SlaClock.start("response", beijing("2025-09-30T17:00:00"))
    assert.strictEqual(right(Sla.deadline(policy, office, clock)), beijing("2025-10-09T10:00:00"))
    const during = statusAt(clock, beijing("2025-10-05T12:00:00"))
    assert.strictEqual(during.status, "onTrack")
    assert.strictEqual(during.remainingMilliseconds, 90 * minute)
  })

  it("moves the deadline by the paused business time and has none while paused", () => {
    const start = beijing("2025-09-30T09:00:00")
    const paused = right(SlaClock.pause(SlaClock.start("response", start), beijing("2025-09-30T09:30:00")))
    assert.isUndefined(right(Sla.deadline(policy, office, paused)))
    const whilePaused = statusAt(paused, beijing("2025-09-30T16:00:00"))
    assert.strictEqual(whilePaused.status, "onTrack")
    assert.isTrue(whilePaused.paused)
    assert.strictEqual(whilePaused.remainingMilliseconds, 90 * minute)
    // Resumed at 14:00: paused for 09:30–12:00 (2.5 h of office time) and lunch is not counted.
    const resumed = right(SlaClock.resume(paused, beijing("2025-09-30T14:00:00")))
    assert.strictEqual(right(Sla.deadline(policy, office, resumed)), beijing("2025-09-30T15:30:00"))
  })

  it("keeps a deadline that passed before a pause", () => {
    const start = beijing("2025-09-30T09:00:00")
    const paused = right(SlaClock.pause(SlaClock.start("response", start), beijing("2025-09-30T14:00:00")))
    assert.strictEqual(right(Sla.deadline(policy, office, paused)), beijing("2025-09-30T11:00:00"))
    const report = statusAt(paused, beijing("2025-09-30T16:00:00"))
    assert.strictEqual(report.status, "breached")
    assert.strictEqual(report.breachedAt, beijing("2025-09-30T11:00:00"))
  })

  it("answers a complaint by the close of the 4th working day, warning 2 office days before", () => {
    // Working days after 09-30: 10-09 (Thu), 10-10 (Fri), 10-11 (make-up Saturday), 10-13 (Mon).
    const clock = SlaClock.start("complaintAnswer", beijing("2025-09-30T10:00:00"))
    const timetable = right(Sla.schedule(policy, office, clock))
    assert.strictEqual(timetable.deadline, beijing("2025-10-13T17:30:00"))
    assert.strictEqual(timetable.warnAt, beijing("2025-10-10T17:30:00"))
    assert.strictEqual(statusAt(clock, beijing("2025-10-11T09:00:00")).status, "warning")
    assert.strictEqual(statusAt(clock, beijing("2025-10-13T17:30:00")).status, "warning")
    assert.strictEqual(statusAt(clock, beijing("2025-10-13T17:30:00.001")).status, "breached")
  })

  it("recomputes retroactively when the policy changes", () => {
    const clock = SlaClock.start("response", beijing("2025-09-30T09:00:00"))
    const stricter = right(Sla.makePolicy({ ...policy, version: 2, targets: [{ kind: "response", duration: SlaDuration.hours(1) }] }))
    assert.strictEqual(right(Sla.deadline(stricter, office, clock)), beijing("2025-09-30T10:00:00"))
    assert.strictEqual(right(Sla.deadline(policy, office, clock)), beijing("2025-09-30T11:00:00"))
  })
})

describe("SLA properties", () => {
  const instant = fc.integer({ min: beijing("2024-01-01T00:00:00"), max: beijing("2026-11-30T00:00:00") })
  const budget = fc.integer({ min: 1, max: 20 * 7.5 * hour })
  const pauseSteps = fc.array(fc.tuple(fc.integer({ min: 0, max: 3 * 24 * hour }), fc.integer({ min: 1, max: 2 * 24 * hour })), {
    maxLength: 4
  })

  const policyWith = (milliseconds: number): SlaPolicy =>
    right(
      Sla.makePolicy({
        name: "property",
        version: 1,
        clock: "business",
        warning: { _tag: "Fraction", fraction: 0.5 },
        targets: [{ kind: "resolution", duration: SlaDuration.milliseconds(milliseconds) }]
      })
    )

  const clockWith = (start: number, steps: ReadonlyArray<readonly [number, number]>) => {
    let clock = SlaClock.start("resolution", start)
    let cursor = start
    for (const [gap, length] of steps) {
      clock = right(SlaClock.pause(clock, cursor + gap))
      clock = right(SlaClock.resume(clock, cursor + gap + length))
      cursor += gap + length
    }
    return clock
  }

  it.prop("without pauses the deadline is start + budget in business time", [instant, budget], ([start, milliseconds]) => {
    const deadline = right(Sla.deadline(policyWith(milliseconds), office, SlaClock.start("resolution", start)))
    assert.strictEqual(deadline, right(BusinessCalendar.addBusinessDuration(office, start, milliseconds)))
  })

  it.prop(
    "at the deadline exactly the budget of unpaused business time has elapsed",
    [instant, budget, pauseSteps],
    ([start, milliseconds, steps]) => {
      const currentPolicy = policyWith(milliseconds)
      const clock = clockWith(start, steps)
      const timetable = right(Sla.schedule(currentPolicy, office, clock))
      assert.isDefined(timetable.deadline)
      assert.isDefined(timetable.warnAt)
      const deadline = timetable.deadline ?? 0
      assert.isAtMost(timetable.warnAt ?? Infinity, deadline)
      const atDeadline = statusUnder(currentPolicy, clock, deadline)
      assert.strictEqual(atDeadline.elapsedMilliseconds, milliseconds)
      assert.notStrictEqual(atDeadline.status, "breached")
      assert.strictEqual(statusUnder(currentPolicy, clock, deadline + 1).status, "breached")
      // Pauses subtract: net elapsed equals gross elapsed minus the paused business time.
      const gross = right(BusinessCalendar.businessElapsed(office, start, deadline))
      const paused = clock.pauses.reduce(
        (sum, pause) => sum + right(BusinessCalendar.businessElapsed(office, pause.start, Math.min(pause.end ?? deadline, deadline))),
        0
      )
      assert.strictEqual(gross - paused, milliseconds)
    }
  )

  it.prop("remaining time never increases as now advances", [instant, budget, fc.integer({ min: 0, max: 30 * 24 * hour })], ([start, milliseconds, step]) => {
    const currentPolicy = policyWith(milliseconds)
    const clock = SlaClock.start("resolution", start)
    const earlier = right(Sla.remaining(currentPolicy, office, clock, start + step))
    const later = right(Sla.remaining(currentPolicy, office, clock, start + step + hour))
    assert.isAtMost(later, earlier)
  })
})
