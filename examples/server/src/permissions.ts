/**
 * The permission table of this server: core's roles merged with each package's default
 * roles (`mergePermissionTables(core, ledger, …)`).
 *
 * @since 0.1.0
 */
import type { Permission, PermissionTable } from "@danju/core"
import { makePermissionTable, mergePermissionTables, RoleName } from "@danju/core"
import { ledgerPermissionTable } from "@danju/ledger"

/** Reading the operators of one's organisation. @since 0.1.0 */
export const OperatorRead = "core.operator.read" satisfies Permission
/** Creating operators in one's organisation. @since 0.1.0 */
export const OperatorCreate = "core.operator.create" satisfies Permission

/**
 * Roles known to the server. `administrator` may do everything; `maker` and `checker`
 * (the two sides of 制單/審核) get their permissions from the domain packages; the
 * ledger's roles (`accountant` makes vouchers, `supervisor` audits and posts, `cashier`
 * signs) come from `@danju/ledger`.
 *
 * @since 0.1.0
 */
export const roles = {
  administrator: RoleName.make("administrator"),
  maker: RoleName.make("maker"),
  checker: RoleName.make("checker"),
  accountant: RoleName.make("accountant"),
  supervisor: RoleName.make("supervisor"),
  cashier: RoleName.make("cashier")
} as const

/**
 * Role → grants for every request this server authorizes.
 *
 * @since 0.1.0
 */
export const permissionTable: PermissionTable = mergePermissionTables(
  makePermissionTable([
    { name: roles.administrator, permissions: ["*"] },
    { name: roles.maker, permissions: [] },
    { name: roles.checker, permissions: [] }
  ]),
  ledgerPermissionTable
)
