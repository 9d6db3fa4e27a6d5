/**
 * The `auth` group: log in for a bearer token, log out, and who am I.
 *
 * @since 0.1.0
 */
import { HttpApiEndpoint, HttpApiGroup, HttpApiSchema, OpenApi } from "@effect/platform"
import { Limits, Operator, OrganisationId } from "@danju/core"
import { Authentication, OperatorDisabledProblem, problem } from "@danju/core/http"
import { LoginFailed, LoginRateLimited } from "@danju/core/sql"
import { Schema } from "effect"

/**
 * `POST /auth/login` body.
 *
 * @since 0.1.0
 */
export const LoginRequest = Schema.Struct({
  login: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(Limits.codeLengthMax)),
  password: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(Limits.passwordLengthMax)),
  organisation: Schema.optional(OrganisationId).annotations({
    description: "Organisation the operator expects to act in; a mismatch fails like a wrong password"
  })
}).annotations({ identifier: "LoginRequest" })

/**
 * An operator as the API shows it (never the password hash).
 *
 * @since 0.1.0
 */
export const OperatorView = Schema.Struct(Operator.fields).annotations({ identifier: "Operator" })

const idleTimeoutMinutes = Schema.Number.annotations({
  description: "The session also ends after this many minutes without a request (each request moves the deadline on)"
})

/**
 * `POST /auth/login` answer: the bearer token (shown once), when it expires however busy,
 * and after how many idle minutes it ends earlier.
 *
 * @since 0.1.0
 */
export const LoginResponse = Schema.Struct({
  token: Schema.String.annotations({ description: "Send as Authorization: Bearer <token>" }),
  expiresAt: Schema.DateTimeUtc.annotations({ description: "The end of the session's lifetime, however busy" }),
  idleTimeoutMinutes,
  operator: OperatorView
}).annotations({ identifier: "LoginResponse" })

/**
 * `GET /auth/me` answer.
 *
 * @since 0.1.0
 */
export const Me = Schema.Struct({
  operator: OperatorView,
  expiresAt: Schema.DateTimeUtc,
  idleTimeoutMinutes
}).annotations({ identifier: "Me" })

/** 401 problem of a failed login. @since 0.1.0 */
export const LoginFailedProblem = problem(LoginFailed, { status: 401, title: "Login failed" })

/** 429 problem of a locked login; the response also carries `Retry-After`. @since 0.1.0 */
export const LoginRateLimitedProblem = problem(LoginRateLimited, {
  status: 429,
  title: "Too many failed logins",
  description: "Too many failed logins for this login name; the Retry-After header says when to try again."
})

/**
 * Login and session endpoints.
 *
 * @since 0.1.0
 */
export class AuthApi extends HttpApiGroup.make("auth")
  .add(
    HttpApiEndpoint.post("login", "/auth/login")
      .setPayload(LoginRequest)
      .addSuccess(LoginResponse)
      .addError(LoginFailedProblem)
      .addError(OperatorDisabledProblem)
      .addError(LoginRateLimitedProblem)
      .annotate(OpenApi.Summary, "Log in and receive a bearer token")
  )
  .add(
    HttpApiEndpoint.post("logout", "/auth/logout")
      .addSuccess(HttpApiSchema.NoContent)
      .middleware(Authentication)
      .annotate(OpenApi.Summary, "End the current session")
  )
  .add(
    HttpApiEndpoint.get("me", "/auth/me")
      .addSuccess(Me)
      .middleware(Authentication)
      .annotate(OpenApi.Summary, "The operator of the current session")
  )
  .annotate(OpenApi.Description, "Sessions: log in, log out, current operator")
{}
