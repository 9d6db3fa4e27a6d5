// Proves the permission format, wildcard grants matching whole segments only, table
// building by union, and the check order of authorize: OrganisationMismatch before
// PermissionDenied, so not even an administrator crosses organisations.
import { assert, describe, it } from "@effect/vitest"
import { Either, FastCheck as fc, Schema } from "effect"
import { Limits } from "../src/Limits"
import type { Actor } from "../src/Operator"
import { OperatorId, OrganisationId, RoleName } from "../src/Operator"
import type { PermissionGrant } from "../src/Permission"
import {
  authorize,
  can,
  grantCovers,
  makePermissionTable,
  mergePermissionTables,
  Permission,
  PermissionDenied,
  PermissionGrant as PermissionGrantSchema,
  PermissionTable,
  OrganisationMismatch
} from "../src/Permission"

const organisationId = OrganisationId.make("pharma-co")
const otherOrganisationId = OrganisationId.make("other-co")
const role = RoleName.make

const table = makePermissionTable([
  { name: role("administrator"), permissions: ["*"] },
  { name: role("accountant"), permissions: ["ledger.voucher.create", "ledger.report.*"] },
  { name: role("checker"), permissions: ["ledger.voucher.audit"] },
  { name: role("qualityManager"), permissions: ["gsp.*"] }
])

const actorWith = (...roles: Array<string>): Actor => ({
  operatorId: OperatorId.make("op-1"),
  organisationId,
  roles: roles.map((name) => role(name))
})

describe("Permission format", () => {
  it.each(([
    ["ledger.voucher.audit", true],
    ["social-insurance.enrollment.submit", true],
    ["gsp.purchaseOrder.approve", true],
    ["ledger.voucher", false],
    ["ledger.voucher.audit.extra", false],
    ["Ledger.voucher.audit", false],
    ["ledger..audit", false],
    ["ledger.voucher.*", false],
    ["*", false],
    ["", false]
  ] as const).map(([input, accepted]) => ({ input, accepted })))("$input is a permission: $accepted", ({ input, accepted }) => {
    assert.strictEqual(Either.isRight(Schema.decodeUnknownEither(Permission)(input)), accepted)
  })

  it.each(([
    ["*", true],
    ["ledger.*", true],
    ["ledger.voucher.*", true],
    ["ledger.voucher.audit", true],
    ["ledger*", false],
    [".*", false],
    ["ledger.voucher.audit.*", false],
    ["*.voucher.audit", false]
  ] as const).map(([input, accepted]) => ({ input, accepted })))("$input is a grant: $accepted", ({ input, accepted }) => {
    assert.strictEqual(Either.isRight(Schema.decodeUnknownEither(PermissionGrantSchema)(input)), accepted)
  })
})

describe("grantCovers", () => {
  it.each(([
    ["*", "ledger.voucher.audit", true],
    ["ledger.*", "ledger.voucher.audit", true],
    ["ledger.voucher.*", "ledger.voucher.audit", true],
    ["ledger.voucher.audit", "ledger.voucher.audit", true],
    ["ledger.voucher.audit", "ledger.voucher.post", false],
    ["ledger.*", "ledgerx.voucher.audit", false],
    ["ledger.voucher.*", "ledger.voucherLine.create", false],
    ["gsp.*", "ledger.voucher.audit", false]
  ] as const).map(([grant, permission, covered]) => ({ grant, permission, covered })))("$grant covers $permission: $covered", ({ grant, permission, covered }) => {
    assert.strictEqual(grantCovers(grant, permission), covered)
  })

  const segment = fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,6}$/)
  const permission = fc.tuple(segment, segment, segment).map(([a, b, c]) => `${a}.${b}.${c}` as Permission)

  it.prop("a package wildcard covers exactly the permissions of that package", {
    grantPackage: segment,
    permission
  }, ({ grantPackage, permission }) => {
    assert.strictEqual(
      grantCovers(`${grantPackage}.*`, permission),
      permission.split(".")[0] === grantPackage
    )
  })

  it.prop("'*' covers every well-formed permission", { permission }, ({ permission }) => {
    assert.isTrue(Either.isRight(Schema.decodeUnknownEither(Permission)(permission)))
    assert.isTrue(grantCovers("*", permission))
  })
})

describe("PermissionTable", () => {
  it("merges a role named twice by the union of its grants, without duplicates", () => {
    const merged = makePermissionTable([
      { name: role("clerk"), permissions: ["gsp.purchaseOrder.create", "gsp.product.read"] },
      { name: role("clerk"), permissions: ["gsp.product.read", "gsp.partner.*"] }
    ])
    assert.deepStrictEqual(merged[role("clerk")], ["gsp.purchaseOrder.create", "gsp.product.read", "gsp.partner.*"])
  })

  it("merges package defaults with application overrides", () => {
    const defaults = makePermissionTable([{ name: role("checker"), permissions: ["ledger.voucher.audit"] }])
    const overrides = makePermissionTable([
      { name: role("checker"), permissions: ["ledger.voucher.unaudit"] },
      { name: role("auditor"), permissions: ["ledger.report.*"] }
    ])
    const merged = mergePermissionTables(defaults, overrides)
    assert.deepStrictEqual(merged[role("checker")], ["ledger.voucher.audit", "ledger.voucher.unaudit"])
    assert.deepStrictEqual(merged[role("auditor")], ["ledger.report.*"])
  })

  it("round-trips through JSON", () => {
    const json = JSON.parse(JSON.stringify(Schema.encodeSync(PermissionTable)(table)))
    assert.deepStrictEqual(Schema.decodeUnknownSync(PermissionTable)(json), table)
  })

  it("rejects more roles than Limits.rolesPerTableMax when decoded", () => {
    const oversized = Object.fromEntries(
      Array.from({ length: Limits.rolesPerTableMax + 1 }, (_, index) => [`role${index}`, ["ledger.voucher.read"]])
    )
    assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(PermissionTable)(oversized)))
  })

  it("rejects a malformed grant when decoded", () => {
    assert.isTrue(Either.isLeft(Schema.decodeUnknownEither(PermissionTable)({ clerk: ["ledger"] })))
  })
})

describe("authorize", () => {
  type Row = readonly [
    name: string,
    actor: Actor,
    permission: Permission,
    resourceOrganisationId: OrganisationId,
    expected: "allowed" | "PermissionDenied" | "OrganisationMismatch"
  ]
  const rows: ReadonlyArray<Row> = [
    ["exact grant", actorWith("checker"), "ledger.voucher.audit", organisationId, "allowed"],
    ["aggregate wildcard", actorWith("accountant"), "ledger.report.trialBalance", organisationId, "allowed"],
    ["package wildcard", actorWith("qualityManager"), "gsp.product.approve", organisationId, "allowed"],
    ["administrator", actorWith("administrator"), "callcenter.ticket.close", organisationId, "allowed"],
    ["one of several roles", actorWith("cashier", "checker"), "ledger.voucher.audit", organisationId, "allowed"],
    ["no grant", actorWith("accountant"), "ledger.voucher.audit", organisationId, "PermissionDenied"],
    ["role missing from the table", actorWith("stranger"), "ledger.voucher.audit", organisationId, "PermissionDenied"],
    ["no roles", actorWith(), "ledger.voucher.create", organisationId, "PermissionDenied"],
    ["other organisation", actorWith("checker"), "ledger.voucher.audit", otherOrganisationId, "OrganisationMismatch"],
    [
      "administrator in another organisation",
      actorWith("administrator"),
      "ledger.voucher.audit",
      otherOrganisationId,
      "OrganisationMismatch"
    ],
    [
      "mismatch reported before denial",
      actorWith("stranger"),
      "ledger.voucher.audit",
      otherOrganisationId,
      "OrganisationMismatch"
    ]
  ]

  it.each(rows.map(([name, actor, permission, resourceOrganisationId, expected]) => ({ name, actor, permission, resourceOrganisationId, expected })))("$name → $expected", ({ actor, permission, resourceOrganisationId, expected }) => {
    const result = authorize(table, actor, permission, resourceOrganisationId)
    assert.strictEqual(can(table, actor, permission, resourceOrganisationId), expected === "allowed")
    if (expected === "allowed") {
      assert.isTrue(Either.isRight(result))
      return
    }
    assert.isTrue(Either.isLeft(result))
    if (Either.isLeft(result)) assert.strictEqual(result.left._tag, expected)
  })

  it("PermissionDenied carries the operator, permission and organisation", () => {
    const result = authorize(table, actorWith("accountant"), "ledger.period.close", organisationId)
    assert.deepStrictEqual(
      result,
      Either.left(new PermissionDenied({
        operatorId: OperatorId.make("op-1"),
        permission: "ledger.period.close",
        organisationId
      }))
    )
    if (Either.isLeft(result)) {
      assert.strictEqual(result.left.message, "Operator op-1 lacks permission ledger.period.close in organisation pharma-co")
    }
  })

  it("OrganisationMismatch carries both organisations", () => {
    const result = authorize(table, actorWith("administrator"), "ledger.period.close", otherOrganisationId)
    assert.deepStrictEqual(
      result,
      Either.left(new OrganisationMismatch({
        operatorId: OperatorId.make("op-1"),
        actorOrganisationId: organisationId,
        resourceOrganisationId: otherOrganisationId
      }))
    )
  })

  it("a grant typed as data can be declared as a plain constant", () => {
    const grant: PermissionGrant = "ledger.voucher.*"
    const declared = "ledger.voucher.audit" satisfies Permission
    assert.isTrue(grantCovers(grant, declared))
  })
})
