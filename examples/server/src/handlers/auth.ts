/**
 * Handlers of the `auth` group.
 *
 * @since 0.1.0
 */
import { HttpApiBuilder } from "@effect/platform"
import { Limits } from "@danju/core"
import { login, logout } from "@danju/core/sql"
import { DateTime, Effect, Redacted } from "effect"
import { Api } from "../api"
import { CurrentSession } from "@danju/core/http"

/**
 * Login, logout and `me`. Database failures are defects here (500 with a logged
 * reference): the client can do nothing about them but retry.
 *
 * @since 0.1.0
 */
export const AuthLive = HttpApiBuilder.group(Api, "auth", (handlers) =>
  Effect.succeed(
    handlers
      .handle("login", ({ payload }) =>
        login({ login: payload.login, password: payload.password, organisationId: payload.organisation }).pipe(
          Effect.map((session) => ({
            token: session.token,
            expiresAt: DateTime.unsafeMake(session.expiresAt),
            idleTimeoutMinutes: Limits.sessionIdleMinutes,
            operator: session.operator
          })),
          Effect.catchTag("SqlError", (error) => Effect.die(error))
        ))
      .handle("logout", () =>
        Effect.flatMap(CurrentSession, (session) => logout(Redacted.value(session.token))).pipe(
          Effect.catchTag("SqlError", (error) => Effect.die(error))
        ))
      .handle("me", () =>
        Effect.map(CurrentSession, (session) => ({
          operator: session.operator,
          expiresAt: DateTime.unsafeMake(session.expiresAt),
          idleTimeoutMinutes: Limits.sessionIdleMinutes
        })))
  ))
