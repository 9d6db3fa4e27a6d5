/**
 * Approval chains (審批流): declarative, data-only definitions of the ordered steps a
 * document (單據) goes through, and a pure engine that moves a document's approval state
 * one action at a time.
 *
 * A definition is plain JSON-encodable data: each step names the role that acts, what it
 * does (fill, approve, execute, review), whether one holder of the role decides (`anyOf`,
 * 或簽) or several must countersign (`allOf`, 會簽), the guards (pure predicates on the
 * document) that must pass, where a rejection sends the document back to, and whether an
 * operator who acted on an earlier step may act on this one (by default not:
 * 自己錄入的憑證自己不能審核 — the maker is never the checker).
 *
 * The engine, {@link transition}, takes (definition, state, actor, action, time, guards,
 * document) and returns the next state plus exactly one audit record draft, or a typed
 * error. It does no I/O: services persist the state, append the audit record in the same
 * database transaction, and run the effects a package attaches to a resolved step (a
 * stock-in moves inventory) — {@link ApprovalTransition.resolvedStep} tells them which.
 *
 * Lifecycle:
 *
 * ```text
 *  draft ──submit──▶ inProgress ──approve (last step)──▶ completed
 *    │  ▲               │  │  ▲
 *    │  └───withdraw────┘  │  └─ reject to an earlier step (stays inProgress)
 *    │                     └─ reject to draft / the first step ──▶ rejected ──submit──▶ …
 *    └──cancel──▶ cancelled ◀──cancel── rejected
 * ```
 *
 * @since 0.1.0
 */
import { Either, ParseResult, Schema } from "effect"
import type { AuditDraft } from "./AuditLog"
import { Limits } from "./Limits"
import type { Actor } from "./Operator"
import { OperatorId, OrganisationId, RoleName } from "./Operator"
import { OrganisationMismatch } from "./Permission"

// ─── definitions ─────────────────────────────────────────────────────────────

/**
 * Name of a step, unique within its chain (`"purchaseOrder"`, `"qualityAcceptance"`).
 *
 * @since 0.1.0
 */
export const StepName = Schema.String.pipe(
  Schema.minLength(1),
  Schema.maxLength(Limits.codeLengthMax)
).annotations({ identifier: "StepName" })

/** @see {@link StepName} @since 0.1.0 */
export type StepName = typeof StepName.Type

/**
 * Name under which a guard is registered in a {@link GuardRegistry}; definitions refer to
 * guards by name so that they stay data.
 *
 * @since 0.1.0
 */
export const GuardName = Schema.String.pipe(
  Schema.minLength(1),
  Schema.maxLength(Limits.codeLengthMax)
).annotations({ identifier: "GuardName" })

/** @see {@link GuardName} @since 0.1.0 */
export type GuardName = typeof GuardName.Type

/**
 * What the role does at a step. Informational for the engine (every step is completed by
 * `approve`, the first by `submit`), but shown to users and used by packages to attach
 * effects: `fill` enters data, `approve` decides, `execute` carries out (moves stock,
 * posts), `review` checks what was executed (出庫復核).
 *
 * @since 0.1.0
 */
export const StepAction = Schema.Literal("fill", "approve", "execute", "review")

/** @see {@link StepAction} @since 0.1.0 */
export type StepAction = typeof StepAction.Type

/**
 * `anyOf` (或簽): one holder of the role completes the step. `allOf` (會簽): the step
 * completes when `countersignCount` distinct holders of the role approved, or every
 * operator of the step's `operators` list did.
 *
 * @since 0.1.0
 */
export const StepMode = Schema.Literal("anyOf", "allOf")

/** @see {@link StepMode} @since 0.1.0 */
export type StepMode = typeof StepMode.Type

/**
 * Where a rejection sends the document: back to draft (the maker edits and resubmits),
 * or back to a named earlier step (naming the first step is the same as draft).
 *
 * @since 0.1.0
 */
export const RejectTarget = Schema.Union(
  Schema.Struct({ to: Schema.Literal("draft") }),
  Schema.Struct({ to: Schema.Literal("step"), step: StepName })
).annotations({ identifier: "RejectTarget" })

/** @see {@link RejectTarget} @since 0.1.0 */
export type RejectTarget = typeof RejectTarget.Type

/**
 * One step of a chain. Optional fields have defaults the engine applies: `onReject`
 * `{ to: "draft" }`, `makerMayAct` `false`, no guards, no deadline.
 *
 * @since 0.1.0
 */
export const ApprovalStep = Schema.Struct({
  name: StepName,
  role: RoleName,
  action: StepAction,
  mode: StepMode,
  /** `allOf` only: how many distinct holders of the role must approve. */
  countersignCount: Schema.optional(
    Schema.Int.pipe(Schema.between(1, Limits.countersignOperatorsMax))
  ),
  /** Named operators: `anyOf` — only they may act; `allOf` — all of them must approve. */
  operators: Schema.optional(
    Schema.Array(OperatorId).pipe(Schema.minItems(1), Schema.maxItems(Limits.countersignOperatorsMax))
  ),
  /** Guards checked, in this order, before each approval (or submission) of the step. */
  guards: Schema.optional(Schema.Array(GuardName).pipe(Schema.maxItems(Limits.guardsPerStepMax))),
  onReject: Schema.optional(RejectTarget),
  /**
   * Whether an operator who acted on an earlier step (the maker included) may act on
   * this one. Default `false`: maker–checker separation.
   */
  makerMayAct: Schema.optional(Schema.Boolean),
  /** Minutes the step may stay pending after it became current. */
  deadlineMinutes: Schema.optional(Schema.Int.pipe(Schema.between(1, Limits.stepDeadlineMinutesMax)))
}).annotations({ identifier: "ApprovalStep" })

/** @see {@link ApprovalStep} @since 0.1.0 */
export type ApprovalStep = typeof ApprovalStep.Type

/**
 * A chain: ordered steps. The first step is the maker's (`submit` completes it); the
 * document takes effect only when the last step resolves. `version` (default 1) is pinned
 * in each document's state, so documents started on one version finish on it.
 * `deadlinesBlock` (default `false`) makes an overdue step refuse approvals; otherwise
 * deadlines are informational ({@link overdueSteps}).
 *
 * @example
 * ```ts
 * import { RoleName, type ApprovalChainDefinition } from "@danju/core"
 *
 * // GSP location move: keeper fills, warehouse supervisor approves (never the keeper).
 * export const locationMove: ApprovalChainDefinition = {
 *   name: "gsp.locationMove",
 *   steps: [
 *     { name: "request", role: RoleName.make("keeper"), action: "fill", mode: "anyOf" },
 *     {
 *       name: "approval",
 *       role: RoleName.make("warehouseSupervisor"),
 *       action: "approve",
 *       mode: "anyOf",
 *       guards: ["targetZoneCompatible"],
 *       deadlineMinutes: 240
 *     }
 *   ]
 * }
 * ```
 * @since 0.1.0
 */
export const ApprovalChainDefinition = Schema.Struct({
  name: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(Limits.codeLengthMax)),
  version: Schema.optional(Schema.Int.pipe(Schema.greaterThanOrEqualTo(1))),
  steps: Schema.Array(ApprovalStep).pipe(Schema.minItems(1), Schema.maxItems(Limits.approvalStepsMax)),
  deadlinesBlock: Schema.optional(Schema.Boolean)
}).annotations({ identifier: "ApprovalChainDefinition" })

/** @see {@link ApprovalChainDefinition} @since 0.1.0 */
export type ApprovalChainDefinition = typeof ApprovalChainDefinition.Type

/**
 * Why a definition is invalid, in the order {@link validateApprovalChainDefinition}
 * checks.
 *
 * @since 0.1.0
 */
export const ApprovalChainDefinitionProblem = Schema.Literal(
  "schema",
  "stepsEmpty",
  "stepsTooMany",
  "stepNameDuplicate",
  "roleEmpty",
  "firstStepCountersign",
  "countersignCountOnAnyOf",
  "countersignRequirementMissing",
  "countersignRequirementAmbiguous",
  "operatorsDuplicate",
  "rejectTargetUnknown",
  "rejectTargetNotEarlier",
  "guardUnknown"
)

/** @see {@link ApprovalChainDefinitionProblem} @since 0.1.0 */
export type ApprovalChainDefinitionProblem = typeof ApprovalChainDefinitionProblem.Type

/**
 * A definition breaks a structural rule; `step` names the offending step and `detail`
 * carries the schema message or the unknown name.
 *
 * @since 0.1.0
 */
export class ApprovalChainDefinitionInvalid extends Schema.TaggedError<ApprovalChainDefinitionInvalid>()(
  "ApprovalChainDefinitionInvalid",
  {
    definitionName: Schema.String,
    problem: ApprovalChainDefinitionProblem,
    step: Schema.optional(Schema.String),
    detail: Schema.optional(Schema.String)
  }
) {
  override get message(): string {
    const where = this.step === undefined ? "" : ` at step ${this.step}`
    const detail = this.detail === undefined ? "" : `: ${this.detail}`
    return `Approval chain ${this.definitionName} is invalid${where} (${this.problem})${detail}`
  }
}

const definitionInvalid = (
  definition: { readonly name: string },
  problem: ApprovalChainDefinitionProblem,
  step?: string,
  detail?: string
) =>
  Either.left(
    new ApprovalChainDefinitionInvalid({
      definitionName: definition.name,
      problem,
      ...(step === undefined ? {} : { step }),
      ...(detail === undefined ? {} : { detail })
    })
  )

/**
 * Checks the rules a schema cannot express. Check order (first failure wins):
 * 1. `stepsEmpty` — no step;
 * 2. `stepsTooMany` — more than `Limits.approvalStepsMax` steps;
 * then, step by step in order:
 * 3. `stepNameDuplicate` — a step name used twice;
 * 4. `roleEmpty` — an empty role name;
 * 5. `firstStepCountersign` — the first step (the maker's) is `allOf`;
 * 6. `countersignCountOnAnyOf` — `countersignCount` on an `anyOf` step;
 * 7. `countersignRequirementMissing` — `allOf` with neither `countersignCount` nor `operators`;
 * 8. `countersignRequirementAmbiguous` — `allOf` with both;
 * 9. `operatorsDuplicate` — an operator named twice in `operators`;
 * 10. `rejectTargetUnknown` — `onReject` names a step that does not exist;
 * 11. `rejectTargetNotEarlier` — `onReject` names this step or a later one;
 * 12. `guardUnknown` — a guard name missing from `guards`, when a registry is given.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { RoleName, validateApprovalChainDefinition } from "@danju/core"
 *
 * const result = validateApprovalChainDefinition({
 *   name: "duplicate",
 *   steps: [
 *     { name: "a", role: RoleName.make("clerk"), action: "fill", mode: "anyOf" },
 *     { name: "a", role: RoleName.make("manager"), action: "approve", mode: "anyOf" }
 *   ]
 * })
 * Either.isLeft(result) // true: stepNameDuplicate
 * ```
 * @since 0.1.0
 */
export const validateApprovalChainDefinition = (
  definition: ApprovalChainDefinition,
  guards?: GuardRegistry<never>
): Either.Either<ApprovalChainDefinition, ApprovalChainDefinitionInvalid> => {
  const steps = definition.steps
  if (steps.length === 0) return definitionInvalid(definition, "stepsEmpty")
  if (steps.length > Limits.approvalStepsMax) return definitionInvalid(definition, "stepsTooMany")
  const seen = new Set<string>()
  for (const [index, step] of steps.entries()) {
    if (seen.has(step.name)) return definitionInvalid(definition, "stepNameDuplicate", step.name)
    seen.add(step.name)
    if (step.role.length === 0) return definitionInvalid(definition, "roleEmpty", step.name)
    if (index === 0 && step.mode === "allOf") {
      return definitionInvalid(definition, "firstStepCountersign", step.name)
    }
    if (step.mode === "anyOf" && step.countersignCount !== undefined) {
      return definitionInvalid(definition, "countersignCountOnAnyOf", step.name)
    }
    if (step.mode === "allOf" && step.countersignCount === undefined && step.operators === undefined) {
      return definitionInvalid(definition, "countersignRequirementMissing", step.name)
    }
    if (step.mode === "allOf" && step.countersignCount !== undefined && step.operators !== undefined) {
      return definitionInvalid(definition, "countersignRequirementAmbiguous", step.name)
    }
    if (step.operators !== undefined && new Set(step.operators).size !== step.operators.length) {
      return definitionInvalid(definition, "operatorsDuplicate", step.name)
    }
    if (step.onReject !== undefined && step.onReject.to === "step") {
      const target = step.onReject.step
      const targetIndex = steps.findIndex((candidate) => candidate.name === target)
      if (targetIndex === -1) return definitionInvalid(definition, "rejectTargetUnknown", step.name, target)
      if (targetIndex >= index) return definitionInvalid(definition, "rejectTargetNotEarlier", step.name, target)
    }
    if (guards !== undefined) {
      for (const guard of step.guards ?? []) {
        if (!Object.hasOwn(guards, guard)) return definitionInvalid(definition, "guardUnknown", step.name, guard)
      }
    }
  }
  return Either.right(definition)
}

/**
 * Decodes a stored or configured definition (JSON) and validates it, reporting both
 * schema and structural problems as {@link ApprovalChainDefinitionInvalid}.
 *
 * @example
 * ```ts
 * import { decodeApprovalChainDefinition } from "@danju/core"
 *
 * declare const storedJson: string
 * const definition = decodeApprovalChainDefinition(JSON.parse(storedJson))
 * ```
 * @since 0.1.0
 */
export const decodeApprovalChainDefinition = (
  input: unknown,
  guards?: GuardRegistry<never>
): Either.Either<ApprovalChainDefinition, ApprovalChainDefinitionInvalid> =>
  Schema.decodeUnknownEither(ApprovalChainDefinition)(input).pipe(
    Either.mapLeft((error) =>
      new ApprovalChainDefinitionInvalid({
        definitionName: nameOf(input),
        problem: "schema",
        detail: ParseResult.TreeFormatter.formatErrorSync(error)
      })
    ),
    Either.flatMap((definition) => validateApprovalChainDefinition(definition, guards))
  )

const nameOf = (input: unknown): string =>
  typeof input === "object" && input !== null && "name" in input && typeof input.name === "string" &&
    input.name.length > 0
    ? input.name.slice(0, Limits.codeLengthMax)
    : "(unnamed)"

// ─── guards ──────────────────────────────────────────────────────────────────

/**
 * `block` stops the action with {@link GuardFailed}; `warn` lets it through and records
 * a {@link GuardWarning} in the result and the audit record.
 *
 * @since 0.1.0
 */
export const GuardSeverity = Schema.Literal("block", "warn")

/** @see {@link GuardSeverity} @since 0.1.0 */
export type GuardSeverity = typeof GuardSeverity.Type

/**
 * A pure predicate on the document: `Either.void` when it holds, `Either.left(reason)`
 * with a reason a user can read when it does not.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import type { Guard } from "@danju/core"
 *
 * interface PurchaseOrder { readonly supplierLicenceExpired: boolean }
 *
 * const supplierLicenceValid: Guard<PurchaseOrder> = {
 *   severity: "block",
 *   check: (order) => order.supplierLicenceExpired ? Either.left("supplier licence expired") : Either.void
 * }
 * ```
 * @since 0.1.0
 */
export interface Guard<Document> {
  readonly severity: GuardSeverity
  readonly check: (document: Document) => Either.Either<void, string>
}

/**
 * Guards by name. Packages register theirs; definitions refer to them by name.
 *
 * @since 0.1.0
 */
export type GuardRegistry<Document> = { readonly [name: string]: Guard<Document> }

/**
 * A `warn` guard did not hold; the action went through anyway.
 *
 * @since 0.1.0
 */
export const GuardWarning = Schema.Struct({
  guard: GuardName,
  step: StepName,
  reason: Schema.String.pipe(Schema.maxLength(Limits.textLengthMax))
}).annotations({ identifier: "GuardWarning" })

/** @see {@link GuardWarning} @since 0.1.0 */
export type GuardWarning = typeof GuardWarning.Type

// ─── state ───────────────────────────────────────────────────────────────────

/**
 * Milliseconds since the Unix epoch; time is a parameter of the engine, never read.
 *
 * @since 0.1.0
 */
export const EpochMilliseconds = Schema.Int.pipe(Schema.nonNegative()).annotations({
  identifier: "EpochMilliseconds"
})

/**
 * `draft`: not yet submitted. `inProgress`: some step is pending. `completed`: every step
 * resolved (terminal). `rejected`: sent back to the maker, may be resubmitted.
 * `cancelled`: abandoned before submission or after a rejection (terminal).
 *
 * @since 0.1.0
 */
export const ApprovalStatus = Schema.Literal("draft", "inProgress", "completed", "rejected", "cancelled")

/** @see {@link ApprovalStatus} @since 0.1.0 */
export type ApprovalStatus = typeof ApprovalStatus.Type

/**
 * A resolved step of the current round: who resolved it (several operators for a
 * countersign step) and when.
 *
 * @since 0.1.0
 */
export const StepResolution = Schema.Struct({
  step: StepName,
  operatorIds: Schema.Array(OperatorId).pipe(Schema.minItems(1), Schema.maxItems(Limits.countersignOperatorsMax)),
  at: EpochMilliseconds
}).annotations({ identifier: "StepResolution" })

/** @see {@link StepResolution} @since 0.1.0 */
export type StepResolution = typeof StepResolution.Type

/**
 * An approval recorded on a countersign (`allOf`) step that has not yet resolved.
 *
 * @since 0.1.0
 */
export const CountersignVote = Schema.Struct({
  operatorId: OperatorId,
  at: EpochMilliseconds
}).annotations({ identifier: "CountersignVote" })

/** @see {@link CountersignVote} @since 0.1.0 */
export type CountersignVote = typeof CountersignVote.Type

/**
 * The approval state of one document, stored beside it. `currentStep` is the index of the
 * pending step (0 while draft or rejected, `steps.length` once completed);
 * `stepResolutions` lists the steps resolved in the current round, in chain order — a
 * rejection to step k drops the resolutions of k and later. `maker` is the operator who
 * first submitted (or created) the document. `round` counts rejections and withdrawals;
 * `version` counts successful transitions (optimistic concurrency for the service).
 * The full history of actors lives in the audit records each transition yields.
 *
 * @since 0.1.0
 */
export const ApprovalState = Schema.Struct({
  definitionName: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(Limits.codeLengthMax)),
  definitionVersion: Schema.Int.pipe(Schema.greaterThanOrEqualTo(1)),
  organisationId: OrganisationId,
  status: ApprovalStatus,
  currentStep: Schema.Int.pipe(Schema.between(0, Limits.approvalStepsMax)),
  currentStepSince: Schema.optional(EpochMilliseconds),
  stepResolutions: Schema.Array(StepResolution).pipe(Schema.maxItems(Limits.approvalStepsMax)),
  votes: Schema.Array(CountersignVote).pipe(Schema.maxItems(Limits.countersignOperatorsMax)),
  maker: Schema.optional(OperatorId),
  round: Schema.Int.pipe(Schema.nonNegative()),
  version: Schema.Int.pipe(Schema.nonNegative())
}).annotations({ identifier: "ApprovalState" })

/** @see {@link ApprovalState} @since 0.1.0 */
export type ApprovalState = typeof ApprovalState.Type

/**
 * The state of a new document: a draft of the given organisation on the given chain.
 * Pass `maker` when the creator of the draft is known; otherwise the first submitter
 * becomes the maker.
 *
 * @example
 * ```ts
 * import { OrganisationId, initialApprovalState } from "@danju/core"
 *
 * declare const definition: import("@danju/core").ApprovalChainDefinition
 * const state = initialApprovalState({ definition, organisationId: OrganisationId.make("pharma-co") })
 * ```
 * @since 0.1.0
 */
export const initialApprovalState = (options: {
  readonly definition: ApprovalChainDefinition
  readonly organisationId: OrganisationId
  readonly maker?: OperatorId
}): ApprovalState => ({
  definitionName: options.definition.name,
  definitionVersion: options.definition.version ?? 1,
  organisationId: options.organisationId,
  status: "draft",
  currentStep: 0,
  stepResolutions: [],
  votes: [],
  ...(options.maker === undefined ? {} : { maker: options.maker }),
  round: 0,
  version: 0
})

/**
 * The step waiting for an action, or `undefined` once completed or cancelled. While the
 * document is a draft (or rejected) this is the first step, completed by `submit`.
 *
 * @since 0.1.0
 */
export const pendingStep = (
  definition: ApprovalChainDefinition,
  state: ApprovalState
): ApprovalStep | undefined =>
  state.status === "completed" || state.status === "cancelled" ? undefined : definition.steps[state.currentStep]

// ─── actions and results ─────────────────────────────────────────────────────

/**
 * What an actor does:
 * - `submit` — the maker completes the first step (from draft or rejected);
 * - `approve` — complete the pending step, or add a countersign vote;
 * - `reject` — send the document back (needs a `comment`; `rejectTo` overrides the
 *   step's `onReject` and may name any earlier step or draft);
 * - `withdraw` (撤回) — the maker takes a submitted document back to draft before anyone
 *   acted on it;
 * - `cancel` (作廢) — the maker abandons a draft or rejected document.
 *
 * `step` optionally names the step the actor believes is pending (what their screen
 * showed); a mismatch fails with {@link StepAlreadyResolved} or {@link StepNotCurrent}
 * instead of acting on a step they did not see.
 *
 * @since 0.1.0
 */
export const ApprovalAction = Schema.Struct({
  kind: Schema.Literal("submit", "approve", "reject", "withdraw", "cancel"),
  step: Schema.optional(StepName),
  comment: Schema.optional(Schema.String.pipe(Schema.maxLength(Limits.textLengthMax))),
  rejectTo: Schema.optional(RejectTarget)
}).annotations({ identifier: "ApprovalAction" })

/** @see {@link ApprovalAction} @since 0.1.0 */
export type ApprovalAction = typeof ApprovalAction.Type

/** Kind of an {@link ApprovalAction}. @since 0.1.0 */
export type ApprovalActionKind = ApprovalAction["kind"]

/**
 * Where a document stands: its status and pending step (`null` once completed or
 * cancelled).
 *
 * @since 0.1.0
 */
export const ApprovalPosition = Schema.Struct({
  status: ApprovalStatus,
  step: Schema.NullOr(StepName)
}).annotations({ identifier: "ApprovalPosition" })

/** @see {@link ApprovalPosition} @since 0.1.0 */
export type ApprovalPosition = typeof ApprovalPosition.Type

/**
 * The audit record of one transition, to be appended by the service (which adds the
 * document reference and the hash chain). `roles` are the actor's roles at that moment;
 * `step` is the step acted on; `version` is the state version after the transition.
 *
 * @since 0.1.0
 */
export const ApprovalAuditRecordDraft = Schema.Struct({
  definitionName: Schema.String,
  definitionVersion: Schema.Int,
  organisationId: OrganisationId,
  operatorId: OperatorId,
  roles: Schema.Array(RoleName),
  at: EpochMilliseconds,
  action: ApprovalAction.fields.kind,
  step: StepName,
  fromState: ApprovalPosition,
  toState: ApprovalPosition,
  comment: Schema.optional(Schema.String),
  warnings: Schema.Array(GuardWarning),
  round: Schema.Int,
  version: Schema.Int
}).annotations({ identifier: "ApprovalAuditRecordDraft" })

/** @see {@link ApprovalAuditRecordDraft} @since 0.1.0 */
export type ApprovalAuditRecordDraft = typeof ApprovalAuditRecordDraft.Type

/**
 * A successful transition: the next state, its one audit record, the guard warnings, and
 * the step this transition resolved (if any) so the service can run that step's effects.
 *
 * @since 0.1.0
 */
export interface ApprovalTransition {
  readonly state: ApprovalState
  readonly audit: ApprovalAuditRecordDraft
  readonly warnings: ReadonlyArray<GuardWarning>
  readonly resolvedStep: StepName | undefined
}

const positionText = (position: ApprovalPosition): string =>
  position.step === null ? position.status : `${position.status}/${position.step}`

/**
 * Turns an approval audit record into the generic {@link AuditDraft} the audit log
 * appends: `fromState`/`toState` become `"<status>/<step>"` (`"inProgress/approval"`,
 * `"completed"`), the rest goes into the payload.
 *
 * @example
 * ```ts
 * import { toAuditDraft, type ApprovalTransition } from "@danju/core"
 *
 * declare const result: ApprovalTransition
 * const draft = toAuditDraft(result.audit, { aggregate: "gsp.purchaseOrder", aggregateId: "PO-2025-0001" })
 * ```
 * @since 0.1.0
 */
export const toAuditDraft = (
  record: ApprovalAuditRecordDraft,
  target: { readonly aggregate: string; readonly aggregateId: string }
): AuditDraft => ({
  at: record.at,
  actor: record.operatorId,
  aggregate: target.aggregate,
  aggregateId: target.aggregateId,
  action: record.action,
  fromState: positionText(record.fromState),
  toState: positionText(record.toState),
  payload: Schema.encodeSync(ApprovalAuditRecordDraft)(record)
})

// ─── errors (in check order) ─────────────────────────────────────────────────

/**
 * The state belongs to another chain or version, or contradicts the definition (corrupt
 * or hand-edited storage).
 *
 * @since 0.1.0
 */
export class ApprovalStateMismatch extends Schema.TaggedError<ApprovalStateMismatch>()("ApprovalStateMismatch", {
  definitionName: Schema.String,
  problem: Schema.Literal("definitionName", "definitionVersion", "inconsistent")
}) {
  override get message(): string {
    return `Approval state does not match chain ${this.definitionName} (${this.problem})`
  }
}

/**
 * `submit` or `cancel` on a document that is not a draft or rejected.
 *
 * @since 0.1.0
 */
export class DocumentNotDraft extends Schema.TaggedError<DocumentNotDraft>()("DocumentNotDraft", {
  status: ApprovalStatus,
  action: ApprovalAction.fields.kind
}) {
  override get message(): string {
    return `Cannot ${this.action}: the document is ${this.status}, not a draft`
  }
}

/**
 * `approve`, `reject` or `withdraw` on a document that is not in progress.
 *
 * @since 0.1.0
 */
export class DocumentNotInProgress extends Schema.TaggedError<DocumentNotInProgress>()("DocumentNotInProgress", {
  status: ApprovalStatus,
  action: ApprovalAction.fields.kind
}) {
  override get message(): string {
    return `Cannot ${this.action}: the document is ${this.status}, not in progress`
  }
}

/**
 * The action names a step that already resolved in this round (a stale screen, or a
 * double click after the step moved on).
 *
 * @since 0.1.0
 */
export class StepAlreadyResolved extends Schema.TaggedError<StepAlreadyResolved>()("StepAlreadyResolved", {
  step: StepName,
  currentStep: Schema.NullOr(StepName)
}) {
  override get message(): string {
    return `Step ${this.step} is already resolved` +
      (this.currentStep === null ? "" : `; the pending step is ${this.currentStep}`)
  }
}

/**
 * The action names a step that is not pending and has not resolved (a later step, or one
 * unknown to the chain).
 *
 * @since 0.1.0
 */
export class StepNotCurrent extends Schema.TaggedError<StepNotCurrent>()("StepNotCurrent", {
  step: StepName,
  currentStep: Schema.NullOr(StepName)
}) {
  override get message(): string {
    return `Step ${this.step} is not pending` +
      (this.currentStep === null ? "" : `; the pending step is ${this.currentStep}`)
  }
}

/**
 * Only the maker may withdraw, and only before anyone acted after the submission.
 *
 * @since 0.1.0
 */
export class WithdrawNotAllowed extends Schema.TaggedError<WithdrawNotAllowed>()("WithdrawNotAllowed", {
  operatorId: OperatorId,
  reason: Schema.Literal("notMaker", "alreadyActedOn")
}) {
  override get message(): string {
    return this.reason === "notMaker"
      ? `Operator ${this.operatorId} cannot withdraw: only the maker may withdraw`
      : `Operator ${this.operatorId} cannot withdraw: the document was already acted on`
  }
}

/**
 * Only the maker may cancel a document once it has one.
 *
 * @since 0.1.0
 */
export class CancelNotAllowed extends Schema.TaggedError<CancelNotAllowed>()("CancelNotAllowed", {
  operatorId: OperatorId,
  maker: OperatorId
}) {
  override get message(): string {
    return `Operator ${this.operatorId} cannot cancel: only the maker ${this.maker} may cancel`
  }
}

/**
 * The actor does not hold the role of the pending step.
 *
 * @since 0.1.0
 */
export class RoleRequired extends Schema.TaggedError<RoleRequired>()("RoleRequired", {
  step: StepName,
  role: RoleName,
  operatorId: OperatorId
}) {
  override get message(): string {
    return `Step ${this.step} needs role ${this.role}, which operator ${this.operatorId} does not hold`
  }
}

/**
 * The step names its operators and the actor is not one of them.
 *
 * @since 0.1.0
 */
export class OperatorNotAssigned extends Schema.TaggedError<OperatorNotAssigned>()("OperatorNotAssigned", {
  step: StepName,
  operatorId: OperatorId
}) {
  override get message(): string {
    return `Operator ${this.operatorId} is not among the operators assigned to step ${this.step}`
  }
}

/**
 * Maker–checker: the actor made the document or acted on an earlier step, and the step
 * does not allow that (自己錄入的憑證自己不能審核).
 *
 * @since 0.1.0
 */
export class SelfApprovalForbidden extends Schema.TaggedError<SelfApprovalForbidden>()("SelfApprovalForbidden", {
  step: StepName,
  operatorId: OperatorId
}) {
  override get message(): string {
    return `Operator ${this.operatorId} made this document or acted on an earlier step and may not act on step ${this.step}`
  }
}

/**
 * The actor already voted on this countersign step; a vote is final.
 *
 * @since 0.1.0
 */
export class AlreadyVoted extends Schema.TaggedError<AlreadyVoted>()("AlreadyVoted", {
  step: StepName,
  operatorId: OperatorId
}) {
  override get message(): string {
    return `Operator ${this.operatorId} already approved countersign step ${this.step}`
  }
}

/**
 * A rejection without a reason; the reason is kept in the audit record.
 *
 * @since 0.1.0
 */
export class RejectReasonRequired extends Schema.TaggedError<RejectReasonRequired>()("RejectReasonRequired", {
  step: StepName
}) {
  override get message(): string {
    return `Rejecting step ${this.step} needs a reason`
  }
}

/**
 * `rejectTo` names a step that does not exist or is not earlier than the pending one.
 *
 * @since 0.1.0
 */
export class RejectTargetInvalid extends Schema.TaggedError<RejectTargetInvalid>()("RejectTargetInvalid", {
  step: StepName,
  target: StepName
}) {
  override get message(): string {
    return `Step ${this.step} cannot be rejected to ${this.target}: it is not an earlier step of the chain`
  }
}

/**
 * The pending step is past its deadline and the chain says deadlines block approvals.
 *
 * @since 0.1.0
 */
export class StepDeadlinePassed extends Schema.TaggedError<StepDeadlinePassed>()("StepDeadlinePassed", {
  step: StepName,
  dueAt: EpochMilliseconds,
  at: EpochMilliseconds
}) {
  override get message(): string {
    return `Step ${this.step} was due at ${new Date(this.dueAt).toISOString()} and can no longer be approved`
  }
}

/**
 * A `block` guard of the step does not hold for the document.
 *
 * @since 0.1.0
 */
export class GuardFailed extends Schema.TaggedError<GuardFailed>()("GuardFailed", {
  guard: GuardName,
  step: StepName,
  reason: Schema.String
}) {
  override get message(): string {
    return `Guard ${this.guard} of step ${this.step} failed: ${this.reason}`
  }
}

/**
 * Every error {@link transition} can return.
 *
 * @since 0.1.0
 */
export type ApprovalError =
  | ApprovalChainDefinitionInvalid
  | ApprovalStateMismatch
  | OrganisationMismatch
  | DocumentNotDraft
  | DocumentNotInProgress
  | StepAlreadyResolved
  | StepNotCurrent
  | WithdrawNotAllowed
  | CancelNotAllowed
  | RoleRequired
  | OperatorNotAssigned
  | SelfApprovalForbidden
  | AlreadyVoted
  | RejectReasonRequired
  | RejectTargetInvalid
  | StepDeadlinePassed
  | GuardFailed

// ─── deadlines ───────────────────────────────────────────────────────────────

/**
 * A pending step past its deadline.
 *
 * @since 0.1.0
 */
export interface OverdueStep {
  readonly step: StepName
  readonly dueAt: number
  readonly overdueMilliseconds: number
}

const minuteMilliseconds = 60_000

const dueAtOf = (step: ApprovalStep, state: ApprovalState): number | undefined =>
  step.deadlineMinutes === undefined || state.currentStepSince === undefined
    ? undefined
    : state.currentStepSince + step.deadlineMinutes * minuteMilliseconds

/**
 * Steps pending past their deadline at `now` — at most one, since steps run in order; a
 * draft has no deadline. Schedulers use this to remind or escalate; it never changes the
 * state.
 *
 * @example
 * ```ts
 * import { overdueSteps } from "@danju/core"
 *
 * declare const definition: import("@danju/core").ApprovalChainDefinition
 * declare const state: import("@danju/core").ApprovalState
 * for (const overdue of overdueSteps(definition, state, Date.parse("2025-01-06T09:00:00+08:00"))) {
 *   console.log(`${overdue.step} overdue by ${overdue.overdueMilliseconds} ms`)
 * }
 * ```
 * @since 0.1.0
 */
export const overdueSteps = (
  definition: ApprovalChainDefinition,
  state: ApprovalState,
  now: number
): ReadonlyArray<OverdueStep> => {
  if (state.status !== "inProgress") return []
  const step = definition.steps[state.currentStep]
  if (step === undefined) return []
  const dueAt = dueAtOf(step, state)
  return dueAt !== undefined && now > dueAt ? [{ step: step.name, dueAt, overdueMilliseconds: now - dueAt }] : []
}

// ─── the engine ──────────────────────────────────────────────────────────────

/**
 * Input of {@link transition}.
 *
 * @since 0.1.0
 */
export interface TransitionInput<Document> {
  readonly definition: ApprovalChainDefinition
  readonly state: ApprovalState
  readonly actor: Actor
  readonly action: ApprovalAction
  /** Time of the action in epoch milliseconds (from the Effect `Clock` in services). */
  readonly now: number
  readonly guards: GuardRegistry<Document>
  readonly document: Document
}

const stateConsistent = (definition: ApprovalChainDefinition, state: ApprovalState): boolean => {
  const steps = definition.steps
  const resolutionsArePrefix = state.stepResolutions.every((resolution, index) =>
    steps[index]?.name === resolution.step
  )
  switch (state.status) {
    case "draft":
    case "rejected":
    case "cancelled":
      return state.currentStep === 0 && state.stepResolutions.length === 0 && state.votes.length === 0
    case "inProgress": {
      const step = steps[state.currentStep]
      return state.currentStep >= 1 && step !== undefined && resolutionsArePrefix &&
        state.stepResolutions.length === state.currentStep &&
        state.votes.length < requiredApprovals(step) && (step.mode === "allOf" || state.votes.length === 0)
    }
    case "completed":
      return state.currentStep === steps.length && state.stepResolutions.length === steps.length &&
        resolutionsArePrefix && state.votes.length === 0
  }
}

/**
 * Approvals that resolve a step: 1 for `anyOf`; the named operators or
 * `countersignCount` for `allOf`.
 *
 * @since 0.1.0
 */
export const requiredApprovals = (step: ApprovalStep): number =>
  step.mode === "anyOf" ? 1 : step.operators?.length ?? step.countersignCount ?? 1

const positionOf = (definition: ApprovalChainDefinition, state: ApprovalState): ApprovalPosition => ({
  status: state.status,
  step: pendingStep(definition, state)?.name ?? null
})

/**
 * Moves a document's approval state by one action. Pure: no I/O, no clock, no
 * randomness. On success it returns the next state (with `version` + 1) and exactly one
 * audit record draft; on failure a typed error and nothing to record.
 *
 * Check order (the first failing check is returned):
 * 1. `ApprovalChainDefinitionInvalid` — the definition fails
 *    {@link validateApprovalChainDefinition} against the given guard registry;
 * 2. `ApprovalStateMismatch` — the state is pinned to another chain name or version, or
 *    contradicts the definition;
 * 3. `OrganisationMismatch` — the actor acts in another organisation than the document's;
 * 4. `DocumentNotDraft` (`submit`, `cancel`: status must be draft or rejected) /
 *    `DocumentNotInProgress` (`approve`, `reject`, `withdraw`: status must be inProgress);
 * 5. `StepAlreadyResolved` / `StepNotCurrent` — `action.step` is given and is not the
 *    pending step;
 * 6. `withdraw` only: `WithdrawNotAllowed` — the actor is not the maker, or someone acted
 *    after the submission (a withdrawal passes no further check);
 * 7. `RoleRequired` — the actor lacks the pending step's role (for `submit` and `cancel`,
 *    the first step's role);
 * 8. `cancel` only: `CancelNotAllowed` — the document has a maker and the actor is someone
 *    else (a cancellation passes no further check);
 * 9. `OperatorNotAssigned` — the step names operators and the actor is not among them;
 * 10. `SelfApprovalForbidden` — `approve`/`reject` on a step with `makerMayAct` false by
 *     the maker or by an operator who resolved an earlier step in this round;
 * 11. `AlreadyVoted` — `approve`/`reject` on a countersign step the actor approved;
 * 12. `reject` only: `RejectReasonRequired` (empty comment), then `RejectTargetInvalid`
 *     (`rejectTo` step unknown or not earlier);
 * 13. `approve` only: `StepDeadlinePassed` — overdue and `deadlinesBlock` is set;
 * 14. `submit`/`approve` only: `GuardFailed` — the first `block` guard of the step, in
 *     declared order, that does not hold; failing `warn` guards become warnings.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { OperatorId, OrganisationId, RoleName, initialApprovalState, transition } from "@danju/core"
 * import type { ApprovalChainDefinition } from "@danju/core"
 *
 * const organisationId = OrganisationId.make("mess-hall")
 * const definition: ApprovalChainDefinition = {
 *   name: "voucher",
 *   steps: [
 *     { name: "entry", role: RoleName.make("accountant"), action: "fill", mode: "anyOf" },
 *     { name: "audit", role: RoleName.make("checker"), action: "approve", mode: "anyOf" }
 *   ]
 * }
 * const maker = { operatorId: OperatorId.make("op-1"), organisationId, roles: [RoleName.make("accountant")] }
 * const submitted = transition({
 *   definition,
 *   state: initialApprovalState({ definition, organisationId }),
 *   actor: maker,
 *   action: { kind: "submit" },
 *   now: 1_700_000_000_000,
 *   guards: {},
 *   document: {}
 * })
 * if (Either.isRight(submitted)) {
 *   submitted.right.state.status // "inProgress", pending step "audit"
 *   submitted.right.audit.toState // { status: "inProgress", step: "audit" }
 * }
 * ```
 * @since 0.1.0
 */
export const transition = <Document>(
  input: TransitionInput<Document>
): Either.Either<ApprovalTransition, ApprovalError> => {
  const { action, actor, definition, document, guards, now, state } = input

  // 1. definition
  const valid = validateApprovalChainDefinition(definition, guards)
  if (Either.isLeft(valid)) return Either.left(valid.left)

  // 2. state against definition
  if (state.definitionName !== definition.name) {
    return Either.left(new ApprovalStateMismatch({ definitionName: definition.name, problem: "definitionName" }))
  }
  if (state.definitionVersion !== (definition.version ?? 1)) {
    return Either.left(new ApprovalStateMismatch({ definitionName: definition.name, problem: "definitionVersion" }))
  }
  if (!stateConsistent(definition, state)) {
    return Either.left(new ApprovalStateMismatch({ definitionName: definition.name, problem: "inconsistent" }))
  }

  // 3. organisation
  if (actor.organisationId !== state.organisationId) {
    return Either.left(
      new OrganisationMismatch({
        operatorId: actor.operatorId,
        actorOrganisationId: actor.organisationId,
        resourceOrganisationId: state.organisationId
      })
    )
  }

  // 4. status
  const fromDraft = action.kind === "submit" || action.kind === "cancel"
  if (fromDraft && state.status !== "draft" && state.status !== "rejected") {
    return Either.left(new DocumentNotDraft({ status: state.status, action: action.kind }))
  }
  if (!fromDraft && state.status !== "inProgress") {
    return Either.left(new DocumentNotInProgress({ status: state.status, action: action.kind }))
  }

  // The status check passed and the state is consistent, so a step is pending.
  const stepIndex = state.currentStep
  const step = definition.steps[stepIndex]
  if (step === undefined) {
    return Either.left(new ApprovalStateMismatch({ definitionName: definition.name, problem: "inconsistent" }))
  }

  // 5. expected step
  if (action.step !== undefined && action.step !== step.name) {
    const resolved = state.stepResolutions.some((resolution) => resolution.step === action.step)
    return Either.left(
      resolved
        ? new StepAlreadyResolved({ step: action.step, currentStep: step.name })
        : new StepNotCurrent({ step: action.step, currentStep: step.name })
    )
  }

  const finish = (
    next: Omit<ApprovalState, "version">,
    warnings: ReadonlyArray<GuardWarning>,
    resolvedStep: StepName | undefined
  ): Either.Either<ApprovalTransition, never> => {
    const nextState: ApprovalState = { ...next, version: state.version + 1 }
    return Either.right({
      state: nextState,
      audit: {
        definitionName: definition.name,
        definitionVersion: state.definitionVersion,
        organisationId: state.organisationId,
        operatorId: actor.operatorId,
        roles: actor.roles,
        at: now,
        action: action.kind,
        step: step.name,
        fromState: positionOf(definition, state),
        toState: positionOf(definition, nextState),
        ...(action.comment === undefined ? {} : { comment: action.comment }),
        warnings,
        round: nextState.round,
        version: nextState.version
      },
      warnings,
      resolvedStep
    })
  }

  const backToDraft = (status: "draft" | "rejected" | "cancelled"): Omit<ApprovalState, "version"> => {
    const { currentStepSince: _dropped, ...rest } = state
    return {
      ...rest,
      status,
      currentStep: 0,
      stepResolutions: [],
      votes: [],
      round: status === "cancelled" ? state.round : state.round + 1
    }
  }

  // 6. withdraw: the maker only, before anyone acted after the submission
  if (action.kind === "withdraw") {
    if (state.maker !== actor.operatorId) {
      return Either.left(new WithdrawNotAllowed({ operatorId: actor.operatorId, reason: "notMaker" }))
    }
    if (stepIndex > 1 || state.votes.length > 0) {
      return Either.left(new WithdrawNotAllowed({ operatorId: actor.operatorId, reason: "alreadyActedOn" }))
    }
    return finish(backToDraft("draft"), [], undefined)
  }

  // 7. role
  if (!actor.roles.includes(step.role)) {
    return Either.left(new RoleRequired({ step: step.name, role: step.role, operatorId: actor.operatorId }))
  }

  // 8. cancel: the maker only, once there is one
  if (action.kind === "cancel") {
    if (state.maker !== undefined && state.maker !== actor.operatorId) {
      return Either.left(new CancelNotAllowed({ operatorId: actor.operatorId, maker: state.maker }))
    }
    return finish(backToDraft("cancelled"), [], undefined)
  }

  // 9. named operators
  if (step.operators !== undefined && !step.operators.includes(actor.operatorId)) {
    return Either.left(new OperatorNotAssigned({ step: step.name, operatorId: actor.operatorId }))
  }

  if (action.kind !== "submit") {
    // 10. maker–checker
    if (step.makerMayAct !== true) {
      const actedEarlier = state.maker === actor.operatorId ||
        state.stepResolutions.some((resolution) => resolution.operatorIds.includes(actor.operatorId))
      if (actedEarlier) {
        return Either.left(new SelfApprovalForbidden({ step: step.name, operatorId: actor.operatorId }))
      }
    }
    // 11. one vote per operator on a countersign step
    if (state.votes.some((vote) => vote.operatorId === actor.operatorId)) {
      return Either.left(new AlreadyVoted({ step: step.name, operatorId: actor.operatorId }))
    }
  }

  // 12. reject
  if (action.kind === "reject") {
    if (action.comment === undefined || action.comment.trim().length === 0) {
      return Either.left(new RejectReasonRequired({ step: step.name }))
    }
    const target = action.rejectTo ?? step.onReject ?? { to: "draft" as const }
    let targetIndex = 0
    if (target.to === "step") {
      targetIndex = definition.steps.findIndex((candidate) => candidate.name === target.step)
      if (targetIndex === -1 || targetIndex >= stepIndex) {
        return Either.left(new RejectTargetInvalid({ step: step.name, target: target.step }))
      }
    }
    if (targetIndex === 0) return finish(backToDraft("rejected"), [], undefined)
    return finish(
      {
        ...state,
        status: "inProgress",
        currentStep: targetIndex,
        currentStepSince: now,
        stepResolutions: state.stepResolutions.slice(0, targetIndex),
        votes: [],
        round: state.round + 1
      },
      [],
      undefined
    )
  }

  // 13. deadline
  if (action.kind === "approve" && definition.deadlinesBlock === true) {
    const dueAt = dueAtOf(step, state)
    if (dueAt !== undefined && now > dueAt) {
      return Either.left(new StepDeadlinePassed({ step: step.name, dueAt, at: now }))
    }
  }

  // 14. guards (check 1 proved every name is registered)
  const warnings: Array<GuardWarning> = []
  for (const guardName of step.guards ?? []) {
    const guard = Object.hasOwn(guards, guardName) ? guards[guardName] : undefined
    if (guard === undefined) return definitionInvalid(definition, "guardUnknown", step.name, guardName)
    const verdict = guard.check(document)
    if (Either.isLeft(verdict)) {
      if (guard.severity === "block") {
        return Either.left(new GuardFailed({ guard: guardName, step: step.name, reason: verdict.left }))
      }
      warnings.push({ guard: guardName, step: step.name, reason: verdict.left.slice(0, Limits.textLengthMax) })
    }
  }

  // Submit or approve: record the vote, and resolve the step when enough approved.
  const votes = [...state.votes, { operatorId: actor.operatorId, at: now }]
  if (votes.length < requiredApprovals(step)) {
    return finish({ ...state, votes }, warnings, undefined)
  }
  const stepResolutions = [
    ...state.stepResolutions,
    { step: step.name, operatorIds: votes.map((vote) => vote.operatorId), at: now }
  ]
  const maker = state.maker ?? (action.kind === "submit" ? actor.operatorId : undefined)
  const nextIndex = stepIndex + 1
  const completed = nextIndex === definition.steps.length
  return finish(
    {
      definitionName: state.definitionName,
      definitionVersion: state.definitionVersion,
      organisationId: state.organisationId,
      status: completed ? "completed" : "inProgress",
      currentStep: nextIndex,
      ...(completed ? {} : { currentStepSince: now }),
      stepResolutions,
      votes: [],
      ...(maker === undefined ? {} : { maker }),
      round: state.round
    },
    warnings,
    step.name
  )
}
