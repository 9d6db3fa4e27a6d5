// Proves that operator, organisation and role identifiers are validated and branded at
// the edge, that operators round-trip through JSON, and that only enabled operators
// become actors.
import { assert, describe, it } from "@effect/vitest"
import { Either, Schema } from "effect"
import { Limits } from "../src/Limits"
import { Actor, actorOf, hasRole, Operator, OperatorDisabled, OperatorId, OrganisationId, RoleName } from "../src/Operator"

const operatorJson = {
  id: "op-1",
  organisationId: "mess-hall",
  login: "zhang.san",
  displayName: "張三",
  roles: ["accountant", "cashier"],
  disabled: false
}

describe("identifiers", () => {
  const rows: ReadonlyArray<{ name: string; isValid: (input: unknown) => boolean; input: string; accepted: boolean }> = [
    { name: "OperatorId", isValid: Schema.is(OperatorId), input: "op-1", accepted: true },
    { name: "OperatorId empty", isValid: Schema.is(OperatorId), input: "", accepted: false },
    { name: "OperatorId too long", isValid: Schema.is(OperatorId), input: "x".repeat(Limits.codeLengthMax + 1), accepted: false },
    { name: "OrganisationId", isValid: Schema.is(OrganisationId), input: "賬套-01", accepted: true },
    { name: "OrganisationId empty", isValid: Schema.is(OrganisationId), input: "", accepted: false },
    { name: "RoleName", isValid: Schema.is(RoleName), input: "qualityManager", accepted: true },
    { name: "RoleName kebab and snake", isValid: Schema.is(RoleName), input: "qa-clerk_2", accepted: true },
    { name: "RoleName starting with a digit", isValid: Schema.is(RoleName), input: "2nd", accepted: false },
    { name: "RoleName with a space", isValid: Schema.is(RoleName), input: "quality manager", accepted: false },
    { name: "RoleName with a wildcard", isValid: Schema.is(RoleName), input: "admin*", accepted: false }
  ]
  it.each(rows)("$name: accepted $accepted", ({ accepted, input, isValid }) => {
    assert.strictEqual(isValid(input), accepted)
  })
})

describe("Operator", () => {
  it("decodes from JSON and encodes back unchanged", () => {
    const operator = Schema.decodeUnknownSync(Operator)(operatorJson)
    assert.instanceOf(operator, Operator)
    assert.deepStrictEqual(operator.roles, [RoleName.make("accountant"), RoleName.make("cashier")])
    assert.deepStrictEqual(Schema.encodeSync(Operator)(operator), operatorJson)
  })

  it("rejects more roles than Limits.rolesPerOperatorMax", () => {
    const roles = Array.from({ length: Limits.rolesPerOperatorMax + 1 }, (_, index) => `role${index}`)
    assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(Operator)({ ...operatorJson, roles })))
  })

  it("rejects an empty login", () => {
    assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(Operator)({ ...operatorJson, login: "" })))
  })
})

describe("actorOf", () => {
  it("builds the actor of an enabled operator", () => {
    const operator = Schema.decodeUnknownSync(Operator)(operatorJson)
    const actor = actorOf(operator)
    assert.deepStrictEqual(actor, Either.right({
      operatorId: OperatorId.make("op-1"),
      organisationId: OrganisationId.make("mess-hall"),
      roles: [RoleName.make("accountant"), RoleName.make("cashier")]
    }))
    assert.isTrue(Either.isRight(Schema.decodeUnknownEither(Actor)(Either.getOrThrow(actor))))
  })

  it("refuses a disabled operator with OperatorDisabled", () => {
    const operator = Schema.decodeUnknownSync(Operator)({ ...operatorJson, disabled: true })
    const actor = actorOf(operator)
    assert.isTrue(Either.isLeft(actor))
    if (Either.isLeft(actor)) {
      assert.instanceOf(actor.left, OperatorDisabled)
      assert.strictEqual(actor.left.operatorId, "op-1")
      assert.strictEqual(actor.left.message, "Operator op-1 is disabled and cannot act")
    }
  })
})

describe("hasRole", () => {
  it("matches role names exactly", () => {
    const actor: Actor = {
      operatorId: OperatorId.make("op-1"),
      organisationId: OrganisationId.make("mess-hall"),
      roles: [RoleName.make("accountant")]
    }
    assert.isTrue(hasRole(actor, RoleName.make("accountant")))
    assert.isFalse(hasRole(actor, RoleName.make("account")))
    assert.isFalse(hasRole(actor, RoleName.make("Accountant")))
  })
})
