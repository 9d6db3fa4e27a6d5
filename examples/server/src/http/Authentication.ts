/**
 * The bearer-token security of the API: endpoints in a group with this middleware get
 * the {@link CurrentSession} of the caller, or the request ends with a 401 problem.
 *
 * @since 0.1.0
 */
import { HttpApiMiddleware, HttpApiSecurity } from "@effect/platform"
import type { Actor, Operator } from "@danju/core"
import { OperatorDisabled, OrganisationMismatch, PermissionDenied } from "@danju/core"
import { SessionInvalid } from "@danju/core/sql"
import { Context } from "effect"
import type { Redacted } from "effect"
import { problem } from "./Problem"

/**
 * The authenticated caller of the current request.
 *
 * @since 0.1.0
 */
export interface Session {
  readonly actor: Actor
  readonly operator: Operator
  readonly expiresAt: number
  /** The bearer token itself, kept only to end this session on logout. */
  readonly token: Redacted.Redacted<string>
}

/**
 * The caller of the current request, provided by {@link Authentication}.
 *
 * @since 0.1.0
 */
export class CurrentSession extends Context.Tag("@danju/server/CurrentSession")<CurrentSession, Session>() {}

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
  title: "Other organisation"
})

/** 403 problem: the operator is disabled. @since 0.1.0 */
export const OperatorDisabledProblem = problem(OperatorDisabled, { status: 403, title: "Operator disabled" })

/**
 * Bearer authentication (`Authorization: Bearer <token>` from `POST /auth/login`).
 * Add it to a group with `.middleware(Authentication)`.
 *
 * @example
 * ```ts
 * import { HttpApiGroup } from "@effect/platform"
 * import { Authentication } from "./Authentication"
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
