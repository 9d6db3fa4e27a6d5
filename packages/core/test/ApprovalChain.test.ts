// Proves the approval-chain engine: definitions are validated with one result per
// problem; every transition error is returned with its data and in the documented check
// order; countersign, rejection, withdrawal, cancellation, guards and deadlines behave
// as documented; and, over random definitions, actors and action sequences, no forbidden
// actor ever changes the state, a step resolves at most once per round, every state
// change has exactly one audit record, and completion needs every step resolved in order.
import { assert, describe, it } from "@effect/vitest"
import { Either, FastCheck as fc, Schema } from "effect"
import type {
  ApprovalAction,
  ApprovalAuditRecordDraft,
  ApprovalChainDefinition,
  ApprovalChainDefinitionProblem,
  ApprovalError,
  ApprovalState,
  ApprovalStep,
  ApprovalTransition,
  GuardRegistry
} from "../src/ApprovalChain"
import {
  AlreadyVoted,
  ApprovalAuditRecordDraft as ApprovalAuditRecordDraftSchema,
  ApprovalChainDefinition as ApprovalChainDefinitionSchema,
  ApprovalChainDefinitionInvalid,
  ApprovalState as ApprovalStateSchema,
  ApprovalStateMismatch,
  CancelNotAllowed,
  decodeApprovalChainDefinition,
  DocumentNotDraft,
  DocumentNotInProgress,
  GuardFailed,
  initialApprovalState,
  OperatorNotAssigned,
  overdueSteps,
  pendingStep,
  RejectReasonRequired,
  RejectTargetInvalid,
  requiredApprovals,
  RoleRequired,
  SelfApprovalForbidden,
  StepAlreadyResolved,
  StepDeadlinePassed,
  StepNotCurrent,
  toAuditDraft,
  transition,
  validateApprovalChainDefinition,
  WithdrawNotAllowed
} from "../src/ApprovalChain"
import { Limits } from "../src/Limits"
import type { Actor } from "../src/Operator"
import { OperatorId, OrganisationId, RoleName } from "../src/Operator"
import { OrganisationMismatch } from "../src/Permission"

// ─── fixtures ────────────────────────────────────────────────────────────────

const organisationId = OrganisationId.make("pharma-co")
const otherOrganisationId = OrganisationId.make("other-co")
const role = (name: string) => RoleName.make(name)
const operator = (name: string) => OperatorId.make(name)
const actor = (name: string, ...roles: Array<string>): Actor => ({
  operatorId: operator(name),
  organisationId,
  roles: roles.map((name) => role(name))
})

const alice = actor("alice", "clerk")
const bob = actor("bob", "manager")
const carol = actor("carol", "manager")
const mallory = actor("mallory", "manager")
const dave = actor("dave", "clerk", "manager")
const erin = actor("erin", "inspector")
const olga: Actor = { ...actor("olga", "manager"), organisationId: otherOrganisationId }

interface PurchaseDocument {
  readonly supplierLicenceValid: boolean
  readonly nearExpiry: boolean
}

const goodDocument: PurchaseDocument = { supplierLicenceValid: true, nearExpiry: false }

const guards: GuardRegistry<PurchaseDocument> = {
  supplierLicenceValid: {
    severity: "block",
    check: (document) => document.supplierLicenceValid ? Either.void : Either.left("supplier licence expired")
  },
  nearExpiry: {
    severity: "warn",
    check: (document) => document.nearExpiry ? Either.left("lot expires within 90 days") : Either.void
  }
}

// Purchase in, shortened: clerk fills, a manager approves (guards, 60-minute deadline),
// two further managers countersign (a rejection there goes back to the approval), an
// inspector executes the receipt.
const purchase: ApprovalChainDefinition = {
  name: "gsp.purchaseIn",
  steps: [
    { name: "order", role: role("clerk"), action: "fill", mode: "anyOf" },
    {
      name: "approval",
      role: role("manager"),
      action: "approve",
      mode: "anyOf",
      guards: ["supplierLicenceValid", "nearExpiry"],
      deadlineMinutes: 60
    },
    {
      name: "committee",
      role: role("manager"),
      action: "review",
      mode: "allOf",
      countersignCount: 2,
      onReject: { to: "step", step: "approval" }
    },
    { name: "receipt", role: role("inspector"), action: "execute", mode: "anyOf" }
  ]
}

const t0 = 1_700_000_000_000
const minute = 60_000

type Move = readonly [Actor, ApprovalAction]

interface Run {
  readonly state: ApprovalState
  readonly audits: ReadonlyArray<ApprovalAuditRecordDraft>
  readonly transitions: ReadonlyArray<ApprovalTransition>
}

const apply = (
  state: ApprovalState,
  by: Actor,
  action: ApprovalAction,
  options: {
    readonly definition?: ApprovalChainDefinition
    readonly now?: number
    readonly document?: PurchaseDocument
  } = {}
): Either.Either<ApprovalTransition, ApprovalError> =>
  transition({
    definition: options.definition ?? purchase,
    state,
    actor: by,
    action,
    now: options.now ?? t0 + state.version * minute,
    guards,
    document: options.document ?? goodDocument
  })

// Plays moves one minute apart; every move must succeed.
const run = (
  moves: ReadonlyArray<Move>,
  definition: ApprovalChainDefinition = purchase,
  start: ApprovalState = initialApprovalState({ definition, organisationId })
): Run => {
  let state = start
  const audits: Array<ApprovalAuditRecordDraft> = []
  const transitions: Array<ApprovalTransition> = []
  for (const [by, action] of moves) {
    const result = apply(state, by, action, { definition })
    if (Either.isLeft(result)) {
      throw new Error(`fixture move ${action.kind} by ${by.operatorId} failed: ${result.left.message}`)
    }
    state = result.right.state
    audits.push(result.right.audit)
    transitions.push(result.right)
  }
  return { state, audits, transitions }
}

const submit: ApprovalAction = { kind: "submit" }
const approve: ApprovalAction = { kind: "approve" }
const submitted: ReadonlyArray<Move> = [[alice, submit]]
const approved: ReadonlyArray<Move> = [...submitted, [bob, approve]]
const voted: ReadonlyArray<Move> = [...approved, [carol, approve]]
const completed: ReadonlyArray<Move> = [...voted, [mallory, approve], [erin, approve]]

const leftOf = (result: Either.Either<ApprovalTransition, ApprovalError>): ApprovalError => {
  if (Either.isRight(result)) throw new Error(`expected an error, got state ${JSON.stringify(result.right.state)}`)
  return result.left
}

const rightOf = (result: Either.Either<ApprovalTransition, ApprovalError>): ApprovalTransition => {
  if (Either.isLeft(result)) throw new Error(`expected success, got ${result.left._tag}: ${result.left.message}`)
  return result.right
}

// ─── definitions ─────────────────────────────────────────────────────────────

describe("validateApprovalChainDefinition", () => {
  const step = (name: string, extra: Partial<ApprovalStep> = {}): ApprovalStep => ({
    name,
    role: role("manager"),
    action: "approve",
    mode: "anyOf",
    ...extra
  })
  const fill = step("fill", { role: role("clerk"), action: "fill" })
  const rows: ReadonlyArray<{
    readonly name: ApprovalChainDefinitionProblem
    readonly steps: ReadonlyArray<ApprovalStep>
    readonly step?: string
  }> = [
    { name: "stepsEmpty", steps: [] },
    { name: "stepsTooMany", steps: Array.from({ length: Limits.approvalStepsMax + 1 }, (_, index) => step(`s${index}`)) },
    { name: "stepNameDuplicate", steps: [fill, step("a"), step("a")], step: "a" },
    { name: "roleEmpty", steps: [fill, step("a", { role: "" as RoleName })], step: "a" },
    { name: "firstStepCountersign", steps: [step("fill", { mode: "allOf", countersignCount: 2 })], step: "fill" },
    { name: "countersignCountOnAnyOf", steps: [fill, step("a", { countersignCount: 2 })], step: "a" },
    { name: "countersignRequirementMissing", steps: [fill, step("a", { mode: "allOf" })], step: "a" },
    {
      name: "countersignRequirementAmbiguous",
      steps: [fill, step("a", { mode: "allOf", countersignCount: 1, operators: [operator("bob")] })],
      step: "a"
    },
    {
      name: "operatorsDuplicate",
      steps: [fill, step("a", { mode: "allOf", operators: [operator("bob"), operator("bob")] })],
      step: "a"
    },
    {
      name: "rejectTargetUnknown",
      steps: [fill, step("a", { onReject: { to: "step", step: "nowhere" } })],
      step: "a"
    },
    {
      name: "rejectTargetNotEarlier",
      steps: [fill, step("a", { onReject: { to: "step", step: "b" } }), step("b")],
      step: "a"
    },
    { name: "guardUnknown", steps: [fill, step("a", { guards: ["nearExpiry", "missing"] })], step: "a" }
  ]

  it.each(rows)("reports $name", ({ name, step, steps }) => {
    const result = validateApprovalChainDefinition({ name: "chain", steps }, guards)
    assert.isTrue(Either.isLeft(result))
    if (Either.isLeft(result)) {
      assert.instanceOf(result.left, ApprovalChainDefinitionInvalid)
      assert.strictEqual(result.left.problem, name)
      assert.strictEqual(result.left.step, step)
    }
  })

  it("accepts the purchase chain and skips guard names without a registry", () => {
    assert.deepStrictEqual(validateApprovalChainDefinition(purchase, guards), Either.right(purchase))
    const unknownGuard = { name: "chain", steps: [fill, step("a", { guards: ["missing"] })] }
    assert.isTrue(Either.isRight(validateApprovalChainDefinition(unknownGuard)))
  })

  it("reports a step rejecting to itself as not earlier", () => {
    const result = validateApprovalChainDefinition({
      name: "chain",
      steps: [fill, step("a", { onReject: { to: "step", step: "a" } })]
    })
    assert.isTrue(Either.isLeft(result) && result.left.problem === "rejectTargetNotEarlier")
  })
})

describe("decodeApprovalChainDefinition", () => {
  it("decodes a definition stored as JSON and round-trips it", () => {
    const json = JSON.parse(JSON.stringify(Schema.encodeSync(ApprovalChainDefinitionSchema)(purchase)))
    assert.deepStrictEqual(decodeApprovalChainDefinition(json, guards), Either.right(purchase))
  })

  it("reports schema problems as ApprovalChainDefinitionInvalid with problem 'schema'", () => {
    const result = decodeApprovalChainDefinition({ name: "broken", steps: [{ name: "a", role: "clerk" }] })
    assert.isTrue(Either.isLeft(result))
    if (Either.isLeft(result)) {
      assert.strictEqual(result.left.definitionName, "broken")
      assert.strictEqual(result.left.problem, "schema")
      assert.isString(result.left.detail)
    }
  })

  it("reports structural problems after decoding", () => {
    const result = decodeApprovalChainDefinition({
      name: "dup",
      steps: [
        { name: "a", role: "clerk", action: "fill", mode: "anyOf" },
        { name: "a", role: "manager", action: "approve", mode: "anyOf" }
      ]
    })
    assert.isTrue(Either.isLeft(result) && result.left.problem === "stepNameDuplicate")
  })

  it("names an unnamed input", () => {
    const result = decodeApprovalChainDefinition(42)
    assert.isTrue(Either.isLeft(result) && result.left.definitionName === "(unnamed)")
  })
})

// ─── errors, one row each ────────────────────────────────────────────────────

describe("transition errors", () => {
  const duplicate: ApprovalChainDefinition = {
    name: "dup",
    steps: [
      { name: "a", role: role("clerk"), action: "fill", mode: "anyOf" },
      { name: "a", role: role("manager"), action: "approve", mode: "anyOf" }
    ]
  }
  const named: ApprovalChainDefinition = {
    name: "named",
    steps: [
      { name: "order", role: role("clerk"), action: "fill", mode: "anyOf" },
      { name: "approval", role: role("manager"), action: "approve", mode: "anyOf", operators: [operator("carol")] }
    ]
  }
  const strictDeadlines: ApprovalChainDefinition = { ...purchase, deadlinesBlock: true }
  const stateAfter = (moves: ReadonlyArray<Move>, definition: ApprovalChainDefinition = purchase) =>
    run(moves, definition).state

  const rows: ReadonlyArray<{
    readonly name: string
    readonly definition?: ApprovalChainDefinition
    readonly state: () => ApprovalState
    readonly actor: Actor
    readonly action: ApprovalAction
    readonly now?: number
    readonly document?: PurchaseDocument
    readonly expected: ApprovalError
  }> = [
    {
      name: "ApprovalChainDefinitionInvalid",
      definition: duplicate,
      state: () => initialApprovalState({ definition: duplicate, organisationId }),
      actor: alice,
      action: submit,
      expected: new ApprovalChainDefinitionInvalid({ definitionName: "dup", problem: "stepNameDuplicate", step: "a" })
    },
    {
      name: "ApprovalStateMismatch (other version)",
      definition: { ...purchase, version: 2 },
      state: () => initialApprovalState({ definition: purchase, organisationId }),
      actor: alice,
      action: submit,
      expected: new ApprovalStateMismatch({ definitionName: "gsp.purchaseIn", problem: "definitionVersion" })
    },
    {
      name: "ApprovalStateMismatch (inconsistent)",
      state: () => ({ ...initialApprovalState({ definition: purchase, organisationId }), status: "inProgress" }),
      actor: bob,
      action: approve,
      expected: new ApprovalStateMismatch({ definitionName: "gsp.purchaseIn", problem: "inconsistent" })
    },
    {
      name: "OrganisationMismatch",
      state: () => stateAfter(submitted),
      actor: olga,
      action: approve,
      expected: new OrganisationMismatch({
        operatorId: operator("olga"),
        actorOrganisationId: otherOrganisationId,
        resourceOrganisationId: organisationId
      })
    },
    {
      name: "DocumentNotDraft",
      state: () => stateAfter(submitted),
      actor: alice,
      action: submit,
      expected: new DocumentNotDraft({ status: "inProgress", action: "submit" })
    },
    {
      name: "DocumentNotInProgress",
      state: () => stateAfter([]),
      actor: bob,
      action: approve,
      expected: new DocumentNotInProgress({ status: "draft", action: "approve" })
    },
    {
      name: "DocumentNotInProgress (completed)",
      state: () => stateAfter(completed),
      actor: erin,
      action: approve,
      expected: new DocumentNotInProgress({ status: "completed", action: "approve" })
    },
    {
      name: "StepAlreadyResolved",
      state: () => stateAfter(submitted),
      actor: bob,
      action: { kind: "approve", step: "order" },
      expected: new StepAlreadyResolved({ step: "order", currentStep: "approval" })
    },
    {
      name: "StepNotCurrent",
      state: () => stateAfter(submitted),
      actor: erin,
      action: { kind: "approve", step: "receipt" },
      expected: new StepNotCurrent({ step: "receipt", currentStep: "approval" })
    },
    {
      name: "WithdrawNotAllowed (not the maker)",
      state: () => stateAfter(submitted),
      actor: bob,
      action: { kind: "withdraw" },
      expected: new WithdrawNotAllowed({ operatorId: operator("bob"), reason: "notMaker" })
    },
    {
      name: "WithdrawNotAllowed (already acted on)",
      state: () => stateAfter(approved),
      actor: alice,
      action: { kind: "withdraw" },
      expected: new WithdrawNotAllowed({ operatorId: operator("alice"), reason: "alreadyActedOn" })
    },
    {
      name: "RoleRequired",
      state: () => stateAfter(submitted),
      actor: erin,
      action: approve,
      expected: new RoleRequired({ step: "approval", role: role("manager"), operatorId: operator("erin") })
    },
    {
      name: "CancelNotAllowed",
      state: () => stateAfter([...submitted, [bob, { kind: "reject", comment: "wrong supplier" }]]),
      actor: dave,
      action: { kind: "cancel" },
      expected: new CancelNotAllowed({ operatorId: operator("dave"), maker: operator("alice") })
    },
    {
      name: "OperatorNotAssigned",
      definition: named,
      state: () => stateAfter(submitted, named),
      actor: bob,
      action: approve,
      expected: new OperatorNotAssigned({ step: "approval", operatorId: operator("bob") })
    },
    {
      name: "SelfApprovalForbidden (the maker)",
      state: () => stateAfter([[dave, submit]]),
      actor: dave,
      action: approve,
      expected: new SelfApprovalForbidden({ step: "approval", operatorId: operator("dave") })
    },
    {
      name: "SelfApprovalForbidden (actor of an earlier step)",
      state: () => stateAfter(approved),
      actor: bob,
      action: approve,
      expected: new SelfApprovalForbidden({ step: "committee", operatorId: operator("bob") })
    },
    {
      name: "AlreadyVoted",
      state: () => stateAfter(voted),
      actor: carol,
      action: approve,
      expected: new AlreadyVoted({ step: "committee", operatorId: operator("carol") })
    },
    {
      name: "RejectReasonRequired",
      state: () => stateAfter(submitted),
      actor: bob,
      action: { kind: "reject", comment: "   " },
      expected: new RejectReasonRequired({ step: "approval" })
    },
    {
      name: "RejectTargetInvalid",
      state: () => stateAfter(approved),
      actor: carol,
      action: { kind: "reject", comment: "no", rejectTo: { to: "step", step: "receipt" } },
      expected: new RejectTargetInvalid({ step: "committee", target: "receipt" })
    },
    {
      name: "StepDeadlinePassed",
      definition: strictDeadlines,
      state: () => stateAfter(submitted, strictDeadlines),
      actor: bob,
      action: approve,
      now: t0 + 61 * minute,
      expected: new StepDeadlinePassed({ step: "approval", dueAt: t0 + 60 * minute, at: t0 + 61 * minute })
    },
    {
      name: "GuardFailed",
      state: () => stateAfter(submitted),
      actor: bob,
      action: approve,
      document: { supplierLicenceValid: false, nearExpiry: true },
      expected: new GuardFailed({ guard: "supplierLicenceValid", step: "approval", reason: "supplier licence expired" })
    }
  ]

  it.each(rows)("$name", ({ action, actor: by, definition, document, expected, now, state }) => {
    const before = state()
    const result = apply(before, by, action, {
      ...(definition === undefined ? {} : { definition }),
      ...(now === undefined ? {} : { now }),
      ...(document === undefined ? {} : { document })
    })
    assert.deepStrictEqual(leftOf(result), expected)
    assert.isString(leftOf(result).message)
  })

  it("lists a registry-less guard as an invalid definition before anything else", () => {
    const result = transition({
      definition: purchase,
      state: run(submitted).state,
      actor: olga,
      action: approve,
      now: t0,
      guards: {},
      document: goodDocument
    })
    assert.deepStrictEqual(
      leftOf(result),
      new ApprovalChainDefinitionInvalid({
        definitionName: "gsp.purchaseIn",
        problem: "guardUnknown",
        step: "approval",
        detail: "supplierLicenceValid"
      })
    )
  })
})

describe("transition check order", () => {
  const rows: ReadonlyArray<{
    readonly name: string
    readonly moves: ReadonlyArray<Move>
    readonly actor: Actor
    readonly action: ApprovalAction
    readonly document?: PurchaseDocument
    readonly expected: ApprovalError["_tag"]
  }> = [
    {
      name: "organisation before status",
      moves: [],
      actor: olga,
      action: approve,
      expected: "OrganisationMismatch"
    },
    {
      name: "status before role",
      moves: [],
      actor: erin,
      action: approve,
      expected: "DocumentNotInProgress"
    },
    {
      name: "expected step before role",
      moves: submitted,
      actor: erin,
      action: { kind: "approve", step: "order" },
      expected: "StepAlreadyResolved"
    },
    {
      name: "role before maker–checker",
      moves: submitted,
      actor: alice,
      action: approve,
      expected: "RoleRequired"
    },
    {
      name: "maker–checker before a missing reject reason",
      moves: [[dave, submit]],
      actor: dave,
      action: { kind: "reject" },
      expected: "SelfApprovalForbidden"
    },
    {
      name: "already voted before a missing reject reason",
      moves: voted,
      actor: carol,
      action: { kind: "reject" },
      expected: "AlreadyVoted"
    },
    {
      name: "maker–checker before guards",
      moves: [[dave, submit]],
      actor: dave,
      action: approve,
      document: { supplierLicenceValid: false, nearExpiry: false },
      expected: "SelfApprovalForbidden"
    }
  ]

  it.each(rows)("$name", ({ action, actor: by, document, expected, moves }) => {
    const result = apply(run(moves).state, by, action, document === undefined ? {} : { document })
    assert.strictEqual(leftOf(result)._tag, expected)
  })

  it("deadline before guards", () => {
    const strict: ApprovalChainDefinition = { ...purchase, deadlinesBlock: true }
    const result = apply(run(submitted, strict).state, bob, approve, {
      definition: strict,
      now: t0 + 2 * 60 * minute,
      document: { supplierLicenceValid: false, nearExpiry: false }
    })
    assert.strictEqual(leftOf(result)._tag, "StepDeadlinePassed")
  })

  it("a blocking guard that comes first wins over later ones", () => {
    const twoBlocks: GuardRegistry<PurchaseDocument> = {
      ...guards,
      nearExpiry: { severity: "block", check: () => Either.left("second") }
    }
    const result = transition({
      definition: purchase,
      state: run(submitted).state,
      actor: bob,
      action: approve,
      now: t0,
      guards: twoBlocks,
      document: { supplierLicenceValid: false, nearExpiry: true }
    })
    assert.strictEqual((leftOf(result) as GuardFailed).guard, "supplierLicenceValid")
  })
})

// ─── behaviour ───────────────────────────────────────────────────────────────

describe("transition behaviour", () => {
  it("runs the purchase chain to completion with one audit record per transition", () => {
    const { audits, state, transitions } = run(completed)
    assert.strictEqual(state.status, "completed")
    assert.strictEqual(state.currentStep, 4)
    assert.strictEqual(state.maker, operator("alice"))
    assert.strictEqual(state.version, 5)
    assert.deepStrictEqual(
      state.stepResolutions.map((resolution) => [resolution.step, resolution.operatorIds]),
      [
        ["order", [operator("alice")]],
        ["approval", [operator("bob")]],
        ["committee", [operator("carol"), operator("mallory")]],
        ["receipt", [operator("erin")]]
      ]
    )
    assert.deepStrictEqual(transitions.map((item) => item.resolvedStep), [
      "order",
      "approval",
      undefined,
      "committee",
      "receipt"
    ])
    assert.deepStrictEqual(audits.map((audit) => [audit.action, audit.step, audit.fromState, audit.toState]), [
      ["submit", "order", { status: "draft", step: "order" }, { status: "inProgress", step: "approval" }],
      ["approve", "approval", { status: "inProgress", step: "approval" }, {
        status: "inProgress",
        step: "committee"
      }],
      ["approve", "committee", { status: "inProgress", step: "committee" }, {
        status: "inProgress",
        step: "committee"
      }],
      ["approve", "committee", { status: "inProgress", step: "committee" }, {
        status: "inProgress",
        step: "receipt"
      }],
      ["approve", "receipt", { status: "inProgress", step: "receipt" }, { status: "completed", step: null }]
    ])
    assert.deepStrictEqual(audits.map((audit) => audit.version), [1, 2, 3, 4, 5])
    assert.deepStrictEqual(audits.map((audit) => audit.at), [0, 1, 2, 3, 4].map((index) => t0 + index * minute))
    assert.deepStrictEqual(audits[1]?.roles, [role("manager")])
    assert.strictEqual(pendingStep(purchase, state), undefined)
  })

  it("yields audit records and states that encode to JSON and decode back", () => {
    const { audits, state } = run(voted)
    const stateJson = JSON.parse(JSON.stringify(Schema.encodeSync(ApprovalStateSchema)(state)))
    assert.deepStrictEqual(Schema.decodeUnknownSync(ApprovalStateSchema)(stateJson), state)
    for (const audit of audits) {
      const auditJson = JSON.parse(JSON.stringify(Schema.encodeSync(ApprovalAuditRecordDraftSchema)(audit)))
      assert.deepStrictEqual(Schema.decodeUnknownSync(ApprovalAuditRecordDraftSchema)(auditJson), audit)
    }
  })

  it("maps an approval audit record onto the audit log's generic draft", () => {
    const { audits } = run(completed)
    const first = toAuditDraft(audits[0]!, { aggregate: "gsp.purchaseOrder", aggregateId: "PO-1" })
    assert.deepStrictEqual(
      [first.at, first.actor, first.aggregate, first.aggregateId, first.action, first.fromState, first.toState],
      [t0, "alice", "gsp.purchaseOrder", "PO-1", "submit", "draft/order", "inProgress/approval"]
    )
    assert.strictEqual(toAuditDraft(audits.at(-1)!, { aggregate: "a", aggregateId: "b" }).toState, "completed")
    assert.deepStrictEqual(JSON.parse(JSON.stringify(first.payload)), first.payload)
  })

  it("records failing warn guards as warnings without blocking", () => {
    const result = rightOf(apply(run(submitted).state, bob, { kind: "approve", comment: "ok, sell first" }, {
      document: { supplierLicenceValid: true, nearExpiry: true }
    }))
    const warning = { guard: "nearExpiry", step: "approval", reason: "lot expires within 90 days" }
    assert.deepStrictEqual(result.warnings, [warning])
    assert.deepStrictEqual(result.audit.warnings, [warning])
    assert.strictEqual(result.audit.comment, "ok, sell first")
    assert.strictEqual(result.state.status, "inProgress")
  })

  it("a countersign vote keeps the step pending until enough distinct holders approved", () => {
    const afterFirstVote = run(voted).state
    assert.strictEqual(pendingStep(purchase, afterFirstVote)?.name, "committee")
    assert.deepStrictEqual(afterFirstVote.votes.map((vote) => vote.operatorId), [operator("carol")])
    assert.strictEqual(requiredApprovals(purchase.steps[2]!), 2)
  })

  it("a named countersign list needs every named operator, in any order", () => {
    const listed: ApprovalChainDefinition = {
      name: "listed",
      steps: [
        { name: "order", role: role("clerk"), action: "fill", mode: "anyOf" },
        {
          name: "board",
          role: role("manager"),
          action: "approve",
          mode: "allOf",
          operators: [operator("carol"), operator("bob"), operator("mallory")]
        }
      ]
    }
    const { state } = run([[alice, submit], [mallory, approve], [bob, approve], [carol, approve]], listed)
    assert.strictEqual(state.status, "completed")
    assert.deepStrictEqual(state.stepResolutions[1]?.operatorIds, [operator("mallory"), operator("bob"), operator("carol")])
    const early = run([[alice, submit], [mallory, approve], [bob, approve]], listed).state
    assert.strictEqual(early.status, "inProgress")
  })

  it("rejecting to an earlier step keeps the resolutions before it and starts a new round", () => {
    const { audits, state } = run([...voted, [mallory, { kind: "reject", comment: "price too high" }]])
    assert.strictEqual(state.status, "inProgress")
    assert.strictEqual(pendingStep(purchase, state)?.name, "approval")
    assert.deepStrictEqual(state.stepResolutions.map((resolution) => resolution.step), ["order"])
    assert.deepStrictEqual(state.votes, [])
    assert.strictEqual(state.round, 1)
    assert.deepStrictEqual(audits.at(-1)?.toState, { status: "inProgress", step: "approval" })
    assert.strictEqual(audits.at(-1)?.comment, "price too high")
    // The step can be redone, by the previous approver too: rejection cleared that resolution.
    const redone = run([[bob, approve], [carol, approve], [mallory, approve], [erin, approve]], purchase, state)
    assert.strictEqual(redone.state.status, "completed")
  })

  it("rejecting to draft (default or rejectTo) leaves a rejected document the maker resubmits", () => {
    const rejected = run([...submitted, [bob, { kind: "reject", comment: "missing licence copy" }]]).state
    assert.strictEqual(rejected.status, "rejected")
    assert.strictEqual(rejected.currentStep, 0)
    assert.deepStrictEqual(rejected.stepResolutions, [])
    const overridden = run([...approved, [carol, { kind: "reject", comment: "restart", rejectTo: { to: "draft" } }]])
    assert.strictEqual(overridden.state.status, "rejected")
    const toFirstStep = run([
      ...approved,
      [carol, { kind: "reject", comment: "restart", rejectTo: { to: "step", step: "order" } }]
    ])
    assert.strictEqual(toFirstStep.state.status, "rejected")
    const resubmitted = run([[alice, submit], [bob, approve]], purchase, rejected).state
    assert.strictEqual(pendingStep(purchase, resubmitted)?.name, "committee")
    assert.strictEqual(resubmitted.round, 1)
  })

  it("the maker stays the maker when a colleague resubmits, and neither may check", () => {
    const rejected = run([...submitted, [bob, { kind: "reject", comment: "fix" }]]).state
    const resubmitted = run([[dave, submit]], purchase, rejected).state
    assert.strictEqual(resubmitted.maker, operator("alice"))
    assert.strictEqual(leftOf(apply(resubmitted, dave, approve))._tag, "SelfApprovalForbidden")
  })

  it("the maker named at creation is the maker even if someone else submits", () => {
    const start = initialApprovalState({ definition: purchase, organisationId, maker: operator("dave") })
    const state = run([[alice, submit]], purchase, start).state
    assert.strictEqual(state.maker, operator("dave"))
    assert.strictEqual(leftOf(apply(state, dave, approve))._tag, "SelfApprovalForbidden")
  })

  it("makerMayAct lets the maker act on that step", () => {
    const relaxed: ApprovalChainDefinition = {
      name: "relaxed",
      steps: [
        { name: "order", role: role("clerk"), action: "fill", mode: "anyOf" },
        { name: "confirm", role: role("manager"), action: "approve", mode: "anyOf", makerMayAct: true }
      ]
    }
    assert.strictEqual(run([[dave, submit], [dave, approve]], relaxed).state.status, "completed")
  })

  it("withdraw takes a submitted document back to draft before anyone acted", () => {
    const { audits, state } = run([...submitted, [alice, { kind: "withdraw", comment: "typo" }]])
    assert.strictEqual(state.status, "draft")
    assert.strictEqual(state.round, 1)
    assert.deepStrictEqual(audits.at(-1)?.fromState, { status: "inProgress", step: "approval" })
    assert.deepStrictEqual(audits.at(-1)?.toState, { status: "draft", step: "order" })
    assert.strictEqual(run([[alice, submit]], purchase, state).state.status, "inProgress")
  })

  it("cancel abandons a draft or a rejected document for good", () => {
    const fromDraft = run([[alice, { kind: "cancel" }]]).state
    assert.strictEqual(fromDraft.status, "cancelled")
    const rejected = run([...submitted, [bob, { kind: "reject", comment: "duplicate order" }]]).state
    const fromRejected = run([[alice, { kind: "cancel" }]], purchase, rejected)
    assert.strictEqual(fromRejected.state.status, "cancelled")
    assert.deepStrictEqual(fromRejected.audits[0]?.toState, { status: "cancelled", step: null })
    assert.strictEqual(leftOf(apply(fromDraft, alice, submit))._tag, "DocumentNotDraft")
    assert.strictEqual(leftOf(apply(fromDraft, bob, approve))._tag, "DocumentNotInProgress")
    assert.strictEqual(leftOf(apply(run(submitted).state, alice, { kind: "cancel" }))._tag, "DocumentNotDraft")
  })

  it("a one-step chain completes on submission", () => {
    const single: ApprovalChainDefinition = {
      name: "note",
      steps: [{ name: "record", role: role("clerk"), action: "fill", mode: "anyOf" }]
    }
    const { audits, state } = run([[alice, submit]], single)
    assert.strictEqual(state.status, "completed")
    assert.deepStrictEqual(audits[0]?.toState, { status: "completed", step: null })
  })

  it("a failed transition returns no state and leaves the input untouched", () => {
    const before = run(submitted).state
    const snapshot = JSON.stringify(before)
    assert.isTrue(Either.isLeft(apply(before, erin, approve)))
    assert.strictEqual(JSON.stringify(before), snapshot)
  })
})

describe("deadlines", () => {
  it("are informational by default: overdueSteps reports, approval still passes", () => {
    const state = run(submitted).state
    assert.strictEqual(state.currentStepSince, t0)
    assert.deepStrictEqual(overdueSteps(purchase, state, t0 + 60 * minute), [])
    assert.deepStrictEqual(overdueSteps(purchase, state, t0 + 90 * minute), [
      { step: "approval", dueAt: t0 + 60 * minute, overdueMilliseconds: 30 * minute }
    ])
    const late = rightOf(apply(state, bob, approve, { now: t0 + 90 * minute }))
    assert.deepStrictEqual(overdueSteps(purchase, late.state, t0 + 10_000 * minute), [])
  })

  it("a draft and a step without a deadline are never overdue", () => {
    const draft = initialApprovalState({ definition: purchase, organisationId })
    assert.deepStrictEqual(overdueSteps(purchase, draft, t0 + 10_000 * minute), [])
    assert.deepStrictEqual(overdueSteps(purchase, run(approved).state, t0 + 10_000 * minute), [])
  })

  it("when deadlines block, rejection stays possible after the deadline", () => {
    const strict: ApprovalChainDefinition = { ...purchase, deadlinesBlock: true }
    const state = run(submitted, strict).state
    const result = apply(state, bob, { kind: "reject", comment: "too late" }, {
      definition: strict,
      now: t0 + 120 * minute
    })
    assert.strictEqual(rightOf(result).state.status, "rejected")
  })
})

// ─── properties ──────────────────────────────────────────────────────────────

const rolePool = ["r0", "r1", "r2"] as const
const operatorPool = ["o0", "o1", "o2", "o3", "o4", "o5"] as const

const stepArbitrary = (index: number): fc.Arbitrary<ApprovalStep> =>
  fc.record({
    role: fc.constantFrom(...rolePool),
    action: fc.constantFrom("fill" as const, "approve" as const, "execute" as const, "review" as const),
    countersign: index === 0
      ? fc.constant({ mode: "anyOf" as const })
      : fc.oneof(
        fc.constant({ mode: "anyOf" as const }),
        fc.integer({ min: 1, max: 3 }).map((count) => ({ mode: "allOf" as const, countersignCount: count })),
        fc.uniqueArray(fc.constantFrom(...operatorPool), { minLength: 1, maxLength: 3 }).map((names) => ({
          mode: "allOf" as const,
          operators: names.map(operator)
        })),
        fc.uniqueArray(fc.constantFrom(...operatorPool), { minLength: 1, maxLength: 3 }).map((names) => ({
          mode: "anyOf" as const,
          operators: names.map(operator)
        }))
      ),
    makerMayAct: fc.boolean(),
    onReject: index === 0
      ? fc.constant(undefined)
      : fc.option(fc.integer({ min: 0, max: index - 1 }), { nil: undefined }),
    guard: fc.constantFrom(undefined, "warnWhenFlagged", "blockWhenFlagged")
  }).map(({ action, countersign, guard, makerMayAct, onReject, role: roleName }) => ({
    name: `step${index}`,
    role: role(roleName),
    action,
    ...countersign,
    makerMayAct,
    ...(onReject === undefined ? {} : { onReject: { to: "step" as const, step: `step${onReject}` } }),
    ...(guard === undefined ? {} : { guards: [guard] })
  }))

const definitionArbitrary: fc.Arbitrary<ApprovalChainDefinition> = fc.integer({ min: 1, max: 5 }).chain((count) =>
  fc.tuple(...Array.from({ length: count }, (_, index) => stepArbitrary(index))).map((steps) => ({
    name: "random",
    steps
  }))
)

interface FlaggedDocument {
  readonly flagged: boolean
}

const propertyGuards: GuardRegistry<FlaggedDocument> = {
  warnWhenFlagged: { severity: "warn", check: (document) => document.flagged ? Either.left("flagged") : Either.void },
  blockWhenFlagged: { severity: "block", check: (document) => document.flagged ? Either.left("flagged") : Either.void }
}

// Each operator of the pool holds a random subset of the roles; index 6 is an outsider.
const crewArbitrary: fc.Arbitrary<ReadonlyArray<Actor>> = fc.tuple(
  ...operatorPool.map((name) =>
    fc.subarray([...rolePool]).map((roles): Actor => ({
      operatorId: operator(name),
      organisationId,
      roles: roles.map((roleName) => role(roleName))
    }))
  )
).map((crew) => [...crew, { operatorId: operator("outsider"), organisationId: otherOrganisationId, roles: [...rolePool].map((name) => role(name)) }])

// A move is interpreted against the current state, so that random runs get far into
// the chain instead of failing on the first action: usually the actor is drawn from the
// holders of the pending step's role (makers and earlier actors included, to exercise
// maker–checker) and the kind is the one that moves forward; otherwise anything goes.
interface RandomMove {
  readonly actorPick: number
  readonly qualifiedActor: boolean
  readonly forwardKind: boolean
  readonly kind: ApprovalAction["kind"]
  readonly comment: string | undefined
  readonly rejectTo: number | undefined
  readonly stepHint: number | undefined
}

const moveArbitrary: fc.Arbitrary<RandomMove> = fc.record({
  actorPick: fc.nat({ max: 1_000 }),
  qualifiedActor: fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, { arbitrary: fc.constant(false), weight: 1 }),
  forwardKind: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 2 }),
  kind: fc.constantFrom("submit" as const, "approve" as const, "reject" as const, "withdraw" as const, "cancel" as const),
  comment: fc.oneof(
    { arbitrary: fc.constant("reason"), weight: 4 },
    { arbitrary: fc.constantFrom(undefined, ""), weight: 1 }
  ),
  rejectTo: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
  // Mostly no expectation; sometimes a (possibly stale or future) expected step.
  stepHint: fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 9 },
    { arbitrary: fc.integer({ min: 0, max: 5 }), weight: 1 }
  )
})

const interpret = (
  definition: ApprovalChainDefinition,
  state: ApprovalState,
  crew: ReadonlyArray<Actor>,
  move: RandomMove
): { readonly by: Actor; readonly action: ApprovalAction } => {
  const step = definition.steps[state.currentStep]
  const qualified = crew.filter((member) =>
    step !== undefined && member.organisationId === state.organisationId && member.roles.includes(step.role)
  )
  const pool = move.qualifiedActor && qualified.length > 0 ? qualified : crew
  const by = pool[move.actorPick % pool.length]!
  const kind = move.forwardKind
    ? state.status === "draft" || state.status === "rejected" ? "submit" : "approve"
    : move.kind
  return {
    by,
    action: {
      kind,
      ...(move.comment === undefined ? {} : { comment: move.comment }),
      ...(move.rejectTo === undefined ? {} : { rejectTo: { to: "step" as const, step: `step${move.rejectTo}` } }),
      ...(move.stepHint === undefined ? {} : { step: `step${move.stepHint}` })
    }
  }
}

// What the engine must refuse, computed from the state before the action.
const forbidden = (definition: ApprovalChainDefinition, state: ApprovalState, by: Actor, action: ApprovalAction) => {
  if (by.organisationId !== state.organisationId) return true
  if (action.kind === "withdraw") return state.maker !== by.operatorId
  const step = definition.steps[state.currentStep]
  if (step === undefined) return true
  if (!by.roles.includes(step.role)) return true
  if (action.kind === "cancel") return state.maker !== undefined && state.maker !== by.operatorId
  if (step.operators !== undefined && !step.operators.includes(by.operatorId)) return true
  if ((action.kind === "approve" || action.kind === "reject") && step.makerMayAct !== true) {
    const earlier = new Set([state.maker, ...state.stepResolutions.flatMap((resolution) => resolution.operatorIds)])
    if (earlier.has(by.operatorId)) return true
  }
  return false
}

// Invariants every reachable state keeps.
const assertStateInvariants = (
  definition: ApprovalChainDefinition,
  crew: ReadonlyArray<Actor>,
  state: ApprovalState
) => {
  const names = definition.steps.map((step) => step.name)
  assert.deepStrictEqual(
    state.stepResolutions.map((resolution) => resolution.step),
    names.slice(0, state.stepResolutions.length),
    "resolutions are the chain's prefix, in order, each step once"
  )
  const earlier = new Set<string>(state.maker === undefined ? [] : [state.maker])
  for (const [index, resolution] of state.stepResolutions.entries()) {
    const step = definition.steps[index]!
    assert.strictEqual(new Set(resolution.operatorIds).size, resolution.operatorIds.length, "distinct countersigners")
    assert.strictEqual(resolution.operatorIds.length, requiredApprovals(step), "resolved by exactly the required count")
    for (const operatorId of resolution.operatorIds) {
      const holder = crew.find((member) => member.operatorId === operatorId)
      assert.isTrue(holder !== undefined && holder.roles.includes(step.role), "resolvers hold the role")
      if (step.operators !== undefined) assert.include(step.operators, operatorId)
      if (index > 0 && step.makerMayAct !== true) {
        assert.isFalse(earlier.has(operatorId), "no maker or earlier actor resolves a checker step")
      }
    }
    for (const operatorId of resolution.operatorIds) earlier.add(operatorId)
  }
  if (state.status === "completed") {
    assert.deepStrictEqual(state.stepResolutions.map((resolution) => resolution.step), names)
  }
  if (state.status === "inProgress") {
    assert.strictEqual(state.stepResolutions.length, state.currentStep)
  }
}

describe("transition properties", () => {
  it("forbidden actors never change the state; steps resolve once; one audit record per change", () => {
    // Counters prove the property is not vacuous: the random runs must complete chains,
    // refuse forbidden actors, countersign and pass through rejections.
    const seen = { completed: 0, forbiddenRefused: 0, rejections: 0, countersignVotes: 0 }
    const property = fc.property(
      definitionArbitrary,
      crewArbitrary,
      fc.boolean(),
      fc.array(moveArbitrary, { minLength: 5, maxLength: 40 }),
      (definition, crew, flagged, moves) => {
        let state = initialApprovalState({ definition, organisationId })
        let auditRecords = 0
        for (const [index, move] of moves.entries()) {
          const { action, by } = interpret(definition, state, crew, move)
          const now = t0 + index * minute
          const snapshot = JSON.stringify(state)
          const result = transition({
            definition,
            state,
            actor: by,
            action,
            now,
            guards: propertyGuards,
            document: { flagged }
          })
          assert.strictEqual(JSON.stringify(state), snapshot, "the input state is never mutated")
          if (forbidden(definition, state, by, action)) {
            assert.isTrue(Either.isLeft(result), `forbidden ${action.kind} by ${by.operatorId} succeeded`)
            seen.forbiddenRefused++
          }
          if (Either.isLeft(result)) continue

          const { audit, resolvedStep, state: next } = result.right
          auditRecords++
          if (action.kind === "reject") seen.rejections++
          if (next.votes.length > 0) seen.countersignVotes++
          // The one audit record describes exactly this change.
          assert.strictEqual(next.version, state.version + 1)
          assert.strictEqual(audit.version, next.version)
          assert.strictEqual(audit.operatorId, by.operatorId)
          assert.deepStrictEqual(audit.roles, by.roles)
          assert.strictEqual(audit.at, now)
          assert.strictEqual(audit.action, action.kind)
          assert.strictEqual(audit.fromState.status, state.status)
          assert.strictEqual(audit.fromState.step, pendingStep(definition, state)?.name ?? null)
          assert.strictEqual(audit.toState.status, next.status)
          assert.strictEqual(audit.toState.step, pendingStep(definition, next)?.name ?? null)

          const before = state.stepResolutions.map((resolution) => resolution.step)
          const after = next.stepResolutions.map((resolution) => resolution.step)
          if (action.kind === "submit" || action.kind === "approve") {
            // Forward moves add at most one resolution, for a step not already resolved.
            assert.deepStrictEqual(after.slice(0, before.length), before)
            assert.isAtMost(after.length - before.length, 1)
            assert.strictEqual(resolvedStep, after.length > before.length ? after.at(-1) : undefined)
            if (resolvedStep !== undefined) assert.notInclude(before, resolvedStep)
            // A blocking guard that fails never lets its step through.
            const guarded = definition.steps[state.currentStep]?.guards?.includes("blockWhenFlagged") === true
            assert.isFalse(flagged && guarded)
          } else {
            // Backward moves only drop resolutions.
            assert.deepStrictEqual(before.slice(0, after.length), after)
            assert.isUndefined(resolvedStep)
          }
          if (next.status === "completed") {
            // Completion only by resolving the last step.
            assert.strictEqual(resolvedStep, definition.steps.at(-1)?.name)
          }
          state = next
          assertStateInvariants(definition, crew, state)
        }
        assert.strictEqual(state.version, auditRecords, "every state change has exactly one audit record")
        if (state.status === "completed") seen.completed++
      }
    )
    fc.assert(property, { numRuns: 300 })
    assert.isAbove(seen.completed, 0)
    assert.isAbove(seen.forbiddenRefused, 0)
    assert.isAbove(seen.rejections, 0)
    assert.isAbove(seen.countersignVotes, 0)
  })

  it.prop(
    "with a distinct qualified operator for every approval, approving in order completes the chain",
    { definition: definitionArbitrary },
    ({ definition }) => {
      // Fresh operators per step, named after the step, holding that step's role.
      const unrestricted: ApprovalChainDefinition = {
        ...definition,
        steps: definition.steps.map(({ operators: _operators, ...step }) =>
          step.mode === "allOf" && step.countersignCount === undefined ? { ...step, countersignCount: 2 } : step
        )
      }
      let state = initialApprovalState({ definition: unrestricted, organisationId })
      for (const [index, step] of unrestricted.steps.entries()) {
        for (let vote = 0; vote < requiredApprovals(step); vote++) {
          const by: Actor = { operatorId: operator(`s${index}v${vote}`), organisationId, roles: [step.role] }
          const result = transition({
            definition: unrestricted,
            state,
            actor: by,
            action: { kind: index === 0 ? "submit" : "approve" },
            now: t0,
            guards: propertyGuards,
            document: { flagged: false }
          })
          state = rightOf(result).state
        }
      }
      assert.strictEqual(state.status, "completed")
      assert.deepStrictEqual(
        state.stepResolutions.map((resolution) => resolution.step),
        unrestricted.steps.map((step) => step.name)
      )
    },
    { fastCheck: { numRuns: 200 } }
  )

  it.prop(
    "every random definition the generator builds is valid and round-trips through JSON",
    { definition: definitionArbitrary },
    ({ definition }) => {
      assert.isTrue(Either.isRight(validateApprovalChainDefinition(definition, propertyGuards)))
      const json = JSON.parse(JSON.stringify(Schema.encodeSync(ApprovalChainDefinitionSchema)(definition)))
      assert.deepStrictEqual(decodeApprovalChainDefinition(json, propertyGuards), Either.right(definition))
    },
    { fastCheck: { numRuns: 100 } }
  )
})
