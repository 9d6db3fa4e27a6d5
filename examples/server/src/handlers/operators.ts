/**
 * Handlers of the `operators` group.
 *
 * @since 0.1.0
 */
import { HttpApiBuilder } from "@effect/platform"
import { Limits } from "@danju/core"
import { createOperator, OperatorStore } from "@danju/core/sql"
import { Effect } from "effect"
import { Api } from "../api"
import { CurrentSession } from "@danju/core/http"
import { OperatorCreate, OperatorRead } from "../permissions"
import { requirePermission } from "./authentication"

const pageSizeDefault = Math.min(100, Limits.pageSizeMax)

/**
 * List and create operators of the caller's organisation; both check a permission first.
 *
 * @since 0.1.0
 */
export const OperatorsLive = HttpApiBuilder.group(Api, "operators", (handlers) =>
  Effect.gen(function*() {
    const store = yield* OperatorStore
    return handlers
      .handle("list", ({ urlParams }) =>
        Effect.gen(function*() {
          yield* requirePermission(OperatorRead)
          const session = yield* CurrentSession
          const operators = yield* store.listOperators(session.actor.organisationId, {
            limit: urlParams.limit ?? pageSizeDefault,
            ...(urlParams.after === undefined ? {} : { afterLogin: urlParams.after })
          })
          return { operators }
        }).pipe(Effect.catchTag("SqlError", (error) => Effect.die(error))))
      .handle("create", ({ payload }) =>
        Effect.gen(function*() {
          yield* requirePermission(OperatorCreate)
          const session = yield* CurrentSession
          return yield* createOperator({
            organisationId: session.actor.organisationId,
            login: payload.login,
            displayName: payload.displayName,
            password: payload.password,
            roles: payload.roles,
            createdBy: session.actor.operatorId
          })
        }).pipe(
          Effect.catchTag("SqlError", (error) => Effect.die(error)),
          Effect.provideService(OperatorStore, store)
        ))
  }))
