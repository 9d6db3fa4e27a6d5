/**
 * `danju operator create`: adds an operator and prints it as JSON (never the password).
 *
 * @since 0.1.0
 */
import type { OrganisationId, RoleName } from "@danju/core"
import { AuditLogSql, createOperator, OperatorStoreSql } from "@danju/core/sql"
import { Console, Effect, Layer } from "effect"
import { migratedDatabaseLayer } from "../database"

/**
 * What `operator create` was given.
 *
 * @since 0.1.0
 */
export interface CreateOperatorCommand {
  readonly databaseUrl: string
  readonly organisationId: OrganisationId
  readonly login: string
  readonly displayName: string
  readonly password: string
  readonly roles: ReadonlyArray<RoleName>
}

/**
 * Creates the operator in a migrated database.
 *
 * @since 0.1.0
 */
export const runCreateOperator = (command: CreateOperatorCommand) =>
  createOperator({
    organisationId: command.organisationId,
    login: command.login,
    displayName: command.displayName,
    password: command.password,
    roles: command.roles,
    createdBy: "system:cli"
  }).pipe(
    Effect.flatMap((operator) =>
      Console.log(JSON.stringify({
        id: operator.id,
        organisationId: operator.organisationId,
        login: operator.login,
        displayName: operator.displayName,
        roles: operator.roles
      }))
    ),
    Effect.provide(
      Layer.mergeAll(OperatorStoreSql.layer, AuditLogSql.layer()).pipe(Layer.provideMerge(migratedDatabaseLayer(command.databaseUrl)))
    )
  )
