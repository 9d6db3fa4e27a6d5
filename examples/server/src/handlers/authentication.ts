/**
 * The live bearer middleware and the permission check handlers use.
 *
 * @since 0.1.0
 */
import type { Permission } from "@danju/core"
import { authorize } from "@danju/core"
import { authenticate, OperatorStore } from "@danju/core/sql"
import { Effect, Layer, Redacted } from "effect"
import { Authentication, CurrentSession } from "@danju/core/http"
import { permissionTable } from "../permissions"

/**
 * Resolves the bearer token through the {@link OperatorStore}: unknown, expired, revoked
 * or disabled-operator sessions fail with the 401 `SessionInvalid` problem.
 *
 * @since 0.1.0
 */
export const AuthenticationLive = Layer.effect(
  Authentication,
  Effect.gen(function*() {
    const store = yield* OperatorStore
    return Authentication.of({
      bearer: (token) =>
        authenticate(Redacted.value(token)).pipe(
          Effect.map((authenticated) => ({
            actor: authenticated.actor,
            operator: authenticated.operator,
            expiresAt: authenticated.session.expiresAt,
            token
          })),
          Effect.catchTag("SqlError", (error) => Effect.die(error)),
          Effect.provideService(OperatorStore, store)
        )
    })
  })
)

/**
 * Fails with `PermissionDenied` (403) unless the caller's roles grant the permission in
 * their own organisation.
 *
 * @since 0.1.0
 */
export const requirePermission = (permission: Permission) =>
  Effect.flatMap(CurrentSession, (session) =>
    authorize(permissionTable, session.actor, permission, session.actor.organisationId))
