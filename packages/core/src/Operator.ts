/**
 * Operators (操作員) and the actors of commands. An operator is a login that belongs to
 * one organisation — an account set (賬套) or a company scope — and holds roles; the
 * {@link Actor} is the slice of an operator that every command carries, so that rules,
 * permission checks and audit records all name who acted.
 *
 * @since 0.1.0
 */
import { Either, Schema } from "effect"
import { Limits } from "./Limits"

/**
 * Identifier of an operator. Branded so that an operator id is never passed where an
 * organisation id or a role name is expected.
 *
 * @example
 * ```ts
 * import { OperatorId } from "@danju/core"
 *
 * const id = OperatorId.make("op-0001")
 * ```
 * @since 0.1.0
 */
export const OperatorId = Schema.String.pipe(
  Schema.minLength(1),
  Schema.maxLength(Limits.codeLengthMax),
  Schema.brand("OperatorId")
).annotations({ identifier: "OperatorId" })

/** @see {@link OperatorId} @since 0.1.0 */
export type OperatorId = typeof OperatorId.Type

/**
 * Identifier of an organisation: the scope of data an operator may touch — one account
 * set (賬套) of the ledger or one company of the other packages.
 *
 * @since 0.1.0
 */
export const OrganisationId = Schema.String.pipe(
  Schema.minLength(1),
  Schema.maxLength(Limits.codeLengthMax),
  Schema.brand("OrganisationId")
).annotations({ identifier: "OrganisationId" })

/** @see {@link OrganisationId} @since 0.1.0 */
export type OrganisationId = typeof OrganisationId.Type

/**
 * Name of a role (`purchasingClerk`, `qualityManager`, `administrator`). Letters, digits,
 * `-` and `_`, starting with a letter, so that names are stable keys in JSON and URLs.
 *
 * @since 0.1.0
 */
export const RoleName = Schema.String.pipe(
  Schema.minLength(1),
  Schema.maxLength(Limits.codeLengthMax),
  Schema.pattern(/^[A-Za-z][A-Za-z0-9_-]*$/),
  Schema.brand("RoleName")
).annotations({ identifier: "RoleName" })

/** @see {@link RoleName} @since 0.1.0 */
export type RoleName = typeof RoleName.Type

/**
 * The roles an operator or actor holds, bounded by `Limits.rolesPerOperatorMax`.
 *
 * @since 0.1.0
 */
export const RoleNames = Schema.Array(RoleName).pipe(Schema.maxItems(Limits.rolesPerOperatorMax))

/**
 * A person who logs in and acts on documents. Disabled operators keep their history
 * (records are never deleted) but can no longer act.
 *
 * @example
 * ```ts
 * import { Operator, OperatorId, OrganisationId, RoleName } from "@danju/core"
 *
 * const clerk = Operator.make({
 *   id: OperatorId.make("op-1"),
 *   organisationId: OrganisationId.make("mess-hall"),
 *   login: "zhang.san",
 *   displayName: "張三",
 *   roles: [RoleName.make("accountant")],
 *   disabled: false
 * })
 * ```
 * @since 0.1.0
 */
export class Operator extends Schema.Class<Operator>("Operator")({
  id: OperatorId,
  organisationId: OrganisationId,
  login: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(Limits.codeLengthMax)),
  displayName: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(Limits.textLengthMax)),
  roles: RoleNames,
  disabled: Schema.Boolean
}) {}

/**
 * Who performs a command: the operator, the organisation they act in, and the roles they
 * held at that moment (recorded as such in audit records, because roles change later).
 *
 * @since 0.1.0
 */
export const Actor = Schema.Struct({
  operatorId: OperatorId,
  organisationId: OrganisationId,
  roles: RoleNames
}).annotations({ identifier: "Actor" })

/** @see {@link Actor} @since 0.1.0 */
export type Actor = typeof Actor.Type

/**
 * A disabled operator tried to act.
 *
 * @since 0.1.0
 */
export class OperatorDisabled extends Schema.TaggedError<OperatorDisabled>()("OperatorDisabled", {
  operatorId: OperatorId
}) {
  override get message(): string {
    return `Operator ${this.operatorId} is disabled and cannot act`
  }
}

/**
 * Turns an operator into the actor of a command, refusing disabled operators, so that
 * services never build an actor for someone who may no longer act.
 *
 * @example
 * ```ts
 * import { Either } from "effect"
 * import { Operator, OperatorId, OrganisationId, actorOf } from "@danju/core"
 *
 * const operator = Operator.make({
 *   id: OperatorId.make("op-1"),
 *   organisationId: OrganisationId.make("mess-hall"),
 *   login: "li.si",
 *   displayName: "李四",
 *   roles: [],
 *   disabled: false
 * })
 * const actor = actorOf(operator) // Either.right({ operatorId: "op-1", ... })
 * ```
 * @since 0.1.0
 */
export const actorOf = (operator: Operator): Either.Either<Actor, OperatorDisabled> =>
  operator.disabled
    ? Either.left(new OperatorDisabled({ operatorId: operator.id }))
    : Either.right({
      operatorId: operator.id,
      organisationId: operator.organisationId,
      roles: operator.roles
    })

/**
 * Whether the actor holds a role (exact name; roles do not nest).
 *
 * @since 0.1.0
 */
export const hasRole = (actor: Actor, role: RoleName): boolean => actor.roles.includes(role)
