import type { Permission, PermissionTable, Role } from "@danju/core"
import { makePermissionTable, RoleName } from "@danju/core"

/**
 * Every permission the ledger checks, one per command family.
 *
 * @since 0.1.0
 */
export const LedgerPermission = {
  accountSetCreate: "ledger.accountSet.create",
  accountSetManage: "ledger.accountSet.manage",
  accountManage: "ledger.account.manage",
  openingManage: "ledger.opening.manage",
  voucherCreate: "ledger.voucher.create",
  voucherAudit: "ledger.voucher.audit",
  voucherSign: "ledger.voucher.sign",
  voucherPost: "ledger.voucher.post",
  voucherUnpost: "ledger.voucher.unpost",
  voucherReverse: "ledger.voucher.reverse",
  voucherRenumber: "ledger.voucher.renumber",
  voucherImport: "ledger.voucher.import",
  periodClose: "ledger.period.close",
  periodReopen: "ledger.period.reopen",
  reportRead: "ledger.report.read",
  /** Keep the summary library (摘要庫) and stored voucher templates (模式憑證). */
  libraryManage: "ledger.library.manage",
  backupCreate: "ledger.backup.create",
  backupRestore: "ledger.backup.restore"
} as const satisfies Record<string, Permission>

/** @since 0.1.0 */
export type LedgerPermission = (typeof LedgerPermission)[keyof typeof LedgerPermission]

/**
 * The ledger's default roles, as a Kingdee account set ships them: the administrator
 * (everything, including unposting and reopening), the accountant who makes vouchers
 * (制單), the supervisor who audits and posts (審核/過賬) and closes periods, the
 * cashier who signs (出納), and a read-only viewer.
 *
 * @since 0.1.0
 */
export const ledgerRoles: ReadonlyArray<Role> = [
  { name: RoleName.make("administrator"), description: "系統管理員: everything", permissions: ["*"] },
  {
    name: RoleName.make("accountant"),
    description: "制單: makes vouchers, keeps the chart, the summary library and voucher templates",
    permissions: [
      LedgerPermission.voucherCreate,
      LedgerPermission.accountManage,
      LedgerPermission.openingManage,
      LedgerPermission.voucherReverse,
      LedgerPermission.reportRead,
      LedgerPermission.libraryManage
    ]
  },
  {
    name: RoleName.make("supervisor"),
    description: "審核: audits, posts and closes periods",
    permissions: [
      LedgerPermission.voucherAudit,
      LedgerPermission.voucherPost,
      LedgerPermission.voucherRenumber,
      LedgerPermission.periodClose,
      LedgerPermission.reportRead,
      LedgerPermission.backupCreate
    ]
  },
  { name: RoleName.make("cashier"), description: "出納: signs cash and bank vouchers", permissions: [LedgerPermission.voucherSign, LedgerPermission.reportRead] },
  { name: RoleName.make("viewer"), description: "查詢: reads reports", permissions: [LedgerPermission.reportRead] }
]

/** The default permission table of the ledger. @since 0.1.0 */
export const ledgerPermissionTable: PermissionTable = makePermissionTable(ledgerRoles)
