/**
 * The bearer-token security every Danju HTTP contract shares: a group with
 * `.middleware(Authentication)` gets the {@link CurrentSession} of the caller, or the
 * request ends with the 401 {@link SessionInvalidProblem}. Only the tag lives here; the
 * application (the reference server) provides the layer that checks tokens.
 *
 * @since 0.1.0
 */
import { HttpApiMiddleware, HttpApiSecurity } from "@effect/platform"
import { Context } from "effect"
import type { Redacted } from "effect"
import type { Actor, Operator } from "../Operator"
import { OperatorDisabled } from "../Operator"
import { OrganisationMismatch, PermissionDenied } from "../Permission"
import { SessionInvalid } from "../Session"
import { problem } from "./Problem"

/**
 * The authenticated caller of the current request.
 *
 * @since 0.1.0
 */
export interface Session {
  /** Who acts: handlers pass it to the services, which check permissions with it. */
  readonly actor: Actor
  readonly operator: Operator
  /** Expiry in epoch milliseconds. */
  readonly expiresAt: number
  /** The bearer token itself, kept only to end this session on logout. */
  readonly token: Redacted.Redacted<string>
}

/**
 * The caller of the current request, provided by {@link Authentication}.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { CurrentSession } from "@danju/core/http"
 *
 * const whoAmI = Effect.map(CurrentSession, (session) => session.actor.operatorId)
 * ```
 *
 * @since 0.1.0
 */
export class CurrentSession extends Context.Tag("@danju/core/http/CurrentSession")<CurrentSession, Session>() {}

/** 401 problem: no usable session token. @since 0.1.0 */
export const SessionInvalidProblem = problem(SessionInvalid, {
  status: 401,
  title: "Not authenticated",
  description: "The session token is missing, unknown, expired or revoked."
})

/** 403 problem: the actor lacks a permission. @since 0.1.0 */
export const PermissionDeniedProblem = problem(PermissionDenied, { status: 403, title: "Permission denied" })

/** 403 problem: the resource belongs to another organisation. @since 0.1.0 */
export const OrganisationMismatchProblem = problem(OrganisationMismatch, {
  status: 403,
  title: "Other organisation",
  description: "The resource belongs to another organisation than the caller's; not even an administrator crosses organisations."
})

/** 403 problem: the operator is disabled. @since 0.1.0 */
export const OperatorDisabledProblem = problem(OperatorDisabled, { status: 403, title: "Operator disabled" })

/**
 * Bearer authentication (`Authorization: Bearer <token>` from `POST /auth/login`).
 * Add it to a group with `.middleware(Authentication)`; the application provides the
 * layer that resolves tokens (the reference server checks them through its operator
 * store).
 *
 * @example
 * ```ts
 * import { HttpApiGroup } from "@effect/platform"
 * import { Authentication } from "@danju/core/http"
 *
 * class LedgerApi extends HttpApiGroup.make("ledger").middleware(Authentication) {}
 * ```
 *
 * @since 0.1.0
 */
export class Authentication extends HttpApiMiddleware.Tag<Authentication>()("Authentication", {
  failure: SessionInvalidProblem,
  provides: CurrentSession,
  security: { bearer: HttpApiSecurity.bearer }
}) {}
