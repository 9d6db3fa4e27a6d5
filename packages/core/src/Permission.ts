/**
 * Permissions, roles and the pure permission check services run before acting.
 *
 * Everything here is data: each package declares its own permissions
 * (`"ledger.voucher.audit"`) and default roles as plain values, and an application
 * merges them into one {@link PermissionTable}. The check itself is a pure function of
 * (table, actor, permission, organisation), so it needs no storage and no services.
 *
 * @since 0.1.0
 */
import { Either, Schema } from "effect"
import { Limits } from "./Limits"
import type { Actor } from "./Operator"
import { OperatorId, OrganisationId, RoleName } from "./Operator"

// One segment: a lowercase start, then letters and digits, optionally kebab-separated
// (`social-insurance`), so permissions stay readable and never contain the wildcard.
const segment = "[a-z][a-zA-Z0-9]*(?:-[a-zA-Z0-9]+)*"
const permissionPattern = new RegExp(`^${segment}\\.${segment}\\.${segment}$`)
const grantWildcardPattern = new RegExp(`^${segment}(?:\\.${segment})?\\.\\*$`)

/**
 * A permission `<package>.<aggregate>.<action>`, e.g. `"ledger.voucher.audit"` or
 * `"gsp.purchaseOrder.approve"`. A template-literal type, so packages declare their
 * permissions as plain string constants; the schema checks the exact three-segment form.
 *
 * @example
 * ```ts
 * import type { Permission } from "@danju/core"
 *
 * export const VoucherAudit = "ledger.voucher.audit" satisfies Permission
 * ```
 * @since 0.1.0
 */
export const Permission = Schema.TemplateLiteral(Schema.String, ".", Schema.String, ".", Schema.String).pipe(
  Schema.maxLength(Limits.codeLengthMax * 3),
  Schema.pattern(permissionPattern)
).annotations({ identifier: "Permission" })

/** @see {@link Permission} @since 0.1.0 */
export type Permission = typeof Permission.Type

/**
 * What a role is granted: one permission, a wildcard over a package (`"ledger.*"`) or an
 * aggregate (`"ledger.voucher.*"`), or `"*"` (every permission; administrators).
 *
 * @since 0.1.0
 */
export const PermissionGrant = Schema.Union(
  Permission,
  Schema.Literal("*"),
  Schema.TemplateLiteral(Schema.String, ".*").pipe(
    Schema.maxLength(Limits.codeLengthMax * 3),
    Schema.pattern(grantWildcardPattern)
  )
).annotations({ identifier: "PermissionGrant" })

/** @see {@link PermissionGrant} @since 0.1.0 */
export type PermissionGrant = typeof PermissionGrant.Type

/**
 * A named set of grants. Packages ship default roles; applications may add their own.
 *
 * @example
 * ```ts
 * import { RoleName, type Role } from "@danju/core"
 *
 * const checker: Role = {
 *   name: RoleName.make("checker"),
 *   permissions: ["ledger.voucher.audit", "ledger.voucher.unaudit"]
 * }
 * ```
 * @since 0.1.0
 */
export const Role = Schema.Struct({
  name: RoleName,
  description: Schema.optional(Schema.String.pipe(Schema.maxLength(Limits.textLengthMax))),
  permissions: Schema.Array(PermissionGrant).pipe(Schema.maxItems(Limits.permissionsPerRoleMax))
}).annotations({ identifier: "Role" })

/** @see {@link Role} @since 0.1.0 */
export type Role = typeof Role.Type

/**
 * Role name → grants. Encodes as a JSON object, so a table can be stored or shipped as
 * configuration. Build one with {@link makePermissionTable} to merge duplicate roles.
 *
 * @since 0.1.0
 */
export const PermissionTable = Schema.Record({
  key: RoleName,
  value: Schema.Array(PermissionGrant).pipe(Schema.maxItems(Limits.permissionsPerRoleMax))
}).pipe(
  Schema.filter((table) => Object.keys(table).length <= Limits.rolesPerTableMax, {
    message: () => `A permission table holds at most ${Limits.rolesPerTableMax} roles`
  })
).annotations({ identifier: "PermissionTable" })

/** @see {@link PermissionTable} @since 0.1.0 */
export type PermissionTable = typeof PermissionTable.Type

/**
 * The actor holds no role granting the permission.
 *
 * @since 0.1.0
 */
export class PermissionDenied extends Schema.TaggedError<PermissionDenied>()("PermissionDenied", {
  operatorId: OperatorId,
  permission: Permission,
  organisationId: OrganisationId
}) {
  override get message(): string {
    return `Operator ${this.operatorId} lacks permission ${this.permission} in organisation ${this.organisationId}`
  }
}

/**
 * The actor acts in one organisation but the resource belongs to another. Checked before
 * any permission: not even `"*"` crosses organisations.
 *
 * @since 0.1.0
 */
export class OrganisationMismatch extends Schema.TaggedError<OrganisationMismatch>()("OrganisationMismatch", {
  operatorId: OperatorId,
  actorOrganisationId: OrganisationId,
  resourceOrganisationId: OrganisationId
}) {
  override get message(): string {
    return `Operator ${this.operatorId} acts in organisation ${this.actorOrganisationId} ` +
      `but the resource belongs to organisation ${this.resourceOrganisationId}`
  }
}

/**
 * Builds a table from roles; a role named twice gets the union of its grants (so a
 * package's default role can be extended by the application without restating it).
 *
 * @example
 * ```ts
 * import { RoleName, makePermissionTable } from "@danju/core"
 *
 * const table = makePermissionTable([
 *   { name: RoleName.make("administrator"), permissions: ["*"] },
 *   { name: RoleName.make("accountant"), permissions: ["ledger.voucher.create"] },
 *   { name: RoleName.make("accountant"), permissions: ["ledger.report.*"] }
 * ])
 * // table.accountant = ["ledger.voucher.create", "ledger.report.*"]
 * ```
 * @since 0.1.0
 */
export const makePermissionTable = (roles: Iterable<Role>): PermissionTable => {
  const table: Record<RoleName, Array<PermissionGrant>> = {}
  for (const role of roles) {
    const grants = table[role.name] ?? []
    for (const grant of role.permissions) {
      if (!grants.includes(grant)) grants.push(grant)
    }
    table[role.name] = grants
  }
  return table
}

/**
 * Merges tables (package defaults, then application overrides) by the union of grants.
 *
 * @since 0.1.0
 */
export const mergePermissionTables = (...tables: ReadonlyArray<PermissionTable>): PermissionTable =>
  makePermissionTable(
    tables.flatMap((table) =>
      Object.entries(table).map(([name, permissions]) => ({ name: name as RoleName, permissions }))
    )
  )

/**
 * Whether one grant covers a permission: equal, a prefix wildcard ending in `.*` whose
 * prefix matches whole segments, or `"*"`.
 *
 * @since 0.1.0
 */
export const grantCovers = (grant: PermissionGrant, permission: Permission): boolean => {
  if (grant === "*") return true
  if (grant.endsWith(".*")) return permission.startsWith(grant.slice(0, -1))
  return grant === permission
}

/**
 * Whether the actor may use a permission on a resource of an organisation: same
 * organisation, and one of the actor's roles grants it. Roles missing from the table grant
 * nothing.
 *
 * @example
 * ```ts
 * import { OperatorId, OrganisationId, RoleName, can } from "@danju/core"
 *
 * const organisationId = OrganisationId.make("mess-hall")
 * const table = { [RoleName.make("checker")]: ["ledger.voucher.*" as const] }
 * const actor = { operatorId: OperatorId.make("op-2"), organisationId, roles: [RoleName.make("checker")] }
 * can(table, actor, "ledger.voucher.audit", organisationId) // true
 * can(table, actor, "ledger.period.close", organisationId)  // false
 * ```
 * @since 0.1.0
 */
export const can = (
  table: PermissionTable,
  actor: Actor,
  permission: Permission,
  organisationId: OrganisationId
): boolean => Either.isRight(authorize(table, actor, permission, organisationId))

/**
 * The permission check with a reason. Check order:
 * 1. `OrganisationMismatch` — the actor's organisation differs from the resource's;
 * 2. `PermissionDenied` — no role of the actor grants the permission.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { OperatorId, OrganisationId, RoleName, authorize } from "@danju/core"
 *
 * const organisationId = OrganisationId.make("mess-hall")
 * const actor = { operatorId: OperatorId.make("op-1"), organisationId, roles: [RoleName.make("clerk")] }
 * const result = authorize({}, actor, "ledger.voucher.audit", organisationId)
 * if (Either.isLeft(result)) console.log(result.left.message)
 * ```
 * @since 0.1.0
 */
export const authorize = (
  table: PermissionTable,
  actor: Actor,
  permission: Permission,
  organisationId: OrganisationId
): Either.Either<void, PermissionDenied | OrganisationMismatch> => {
  if (actor.organisationId !== organisationId) {
    return Either.left(
      new OrganisationMismatch({
        operatorId: actor.operatorId,
        actorOrganisationId: actor.organisationId,
        resourceOrganisationId: organisationId
      })
    )
  }
  const granted = actor.roles.some((role) =>
    (table[role] ?? []).some((grant) => grantCovers(grant, permission))
  )
  return granted
    ? Either.void
    : Either.left(new PermissionDenied({ operatorId: actor.operatorId, permission, organisationId }))
}
