/**
 * Proves audit coverage: every state-changing ledger command leaves an audit record in its
 * account set's hash chain naming the operator who ran it and the action — create account
 * set, add / update / delete accounts, dimension values, openings, enable, voucher create,
 * import (recorded as posted), edit and delete drafts, audit, unaudit, sign, post, unpost,
 * reverse, difference voucher, renumber, the summary library and voucher templates,
 * P&L carry-forward, FX revaluation, close / reopen period, close / reopen year, backup
 * and restore. Each command runs as an operator of its own, so the record's actor can only
 * match if the command wrote it; the chain verifies afterwards.
 *
 * Runtime: about 2 s per dialect (service calls, no HTTP).
 */
import type { Actor, AuditRecord, Period } from "@danju/core"
import { AuditLog, Dec, LocalDateSchema, OperatorId, OrganisationId, RoleName } from "@danju/core"
import { AccountSetCode, LedgerBackup, LedgerLibrary, LedgerService, PeriodEndService, VoucherInput } from "@danju/ledger"
import type { AccountInput } from "@danju/ledger"
import { ledgerSqlLayer } from "@danju/ledger/storage"
import { describeEachDialect } from "@danju/core/testing"
import { assert } from "@effect/vitest"
import { Effect, Schema, Stream } from "effect"
import { migrationSets } from "../../src/database"

const organisation = OrganisationId.make("audit-org")
const as = (name: string, role: string): Actor => ({
  operatorId: OperatorId.make(name),
  organisationId: organisation,
  roles: [RoleName.make(role)]
})

const accounts: ReadonlyArray<AccountInput> = [
  { code: "1001", name: "庫存現金", category: "asset", direction: "debit", isCash: true },
  { code: "1002", name: "銀行存款", category: "asset", direction: "debit", isBank: true },
  { code: "100201", name: "工行人民幣戶", isBank: true },
  { code: "100202", name: "中行美元戶", isBank: true, foreignCurrency: "USD", revalue: true },
  { code: "4001", name: "實收資本", category: "equity", direction: "credit" },
  { code: "4103", name: "本年利潤", category: "equity", direction: "credit" },
  { code: "4104", name: "利潤分配", category: "equity", direction: "credit" },
  { code: "410415", name: "未分配利潤" },
  { code: "6001", name: "主營業務收入", category: "profitAndLoss", direction: "credit" },
  { code: "6601", name: "銷售費用", category: "profitAndLoss", direction: "debit" },
  { code: "6603", name: "財務費用", category: "profitAndLoss", direction: "debit" },
  { code: "660302", name: "匯兌損益" }
]

const december: Period = { fiscalYear: 2026, number: 12 }

const line = (summary: string, accountCode: string, side: "debit" | "credit", amount: string, extra: Record<string, unknown> = {}) => ({
  summary,
  accountCode,
  [side]: amount,
  ...extra
})

const voucher = (input: unknown) => Schema.decodeUnknownSync(VoucherInput)(input)

const expense = (date: string, amount: string) =>
  voucher({ date, lines: [line("支付廣告費用", "6601", "debit", amount), line("支付廣告費用", "1001", "credit", amount)] })

const usdDeposit = (date: string) =>
  voucher({
    date,
    lines: [
      line("購入美元存款", "100202", "debit", "7000.00", { currency: "USD", exchangeRate: "7", originalAmount: "1000" }),
      line("購入美元存款", "100201", "credit", "7000.00")
    ]
  })

describeEachDialect("audit coverage of ledger commands", migrationSets, (it) => {
  it.effect("every state-changing command appends a record naming its actor and action", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      const library = yield* LedgerLibrary
      const periodEnd = yield* PeriodEndService
      const backups = yield* LedgerBackup
      const auditLog = yield* AuditLog
      const code = AccountSetCode.make("audited")
      const administrator = as("administrator-1", "administrator")
      let scope = ""
      let seen = 0
      const missing: Array<string> = []

      /** Runs a command as `actor` and checks the chain grew by records of that actor with the action. */
      const expect = <A, E, R>(label: string, actor: Actor, actions: ReadonlyArray<string>, command: Effect.Effect<A, E, R>, inScope?: () => string) =>
        Effect.gen(function*() {
          const result = yield* command
          const target = inScope?.() ?? scope
          const records: ReadonlyArray<AuditRecord> = yield* auditLog.read({ scope: target, limit: 1000 })
          const fresh = target === scope ? records.slice(seen) : records
          if (target === scope) seen = records.length
          for (const action of actions) {
            if (!fresh.some((record) => record.action === action && record.actor === actor.operatorId)) {
              missing.push(`${label}: no "${action}" record by ${actor.operatorId} (new: ${fresh.map((record) => `${record.action}/${record.actor}`).join(", ") || "none"})`)
            }
          }
          return result
        })

      const created = yield* ledger.createAccountSet(administrator, {
        code,
        name: "審計覆蓋",
        startPeriod: december,
        options: { allowUnpost: true },
        accounts
      })
      scope = `ledger:${created.id}`
      const first = yield* auditLog.read({ scope, limit: 1000 })
      seen = first.length
      if (!first.some((record) => record.action === "create" && record.actor === administrator.operatorId)) missing.push("create account set")

      const chart = as("chart-keeper", "accountant")
      yield* expect("add accounts", chart, ["add"], ledger.addAccounts(chart, code, [{ code: "6602", name: "管理費用", category: "profitAndLoss", direction: "debit" }]))
      yield* expect("update account", chart, ["update"], ledger.updateAccount(chart, code, "6602", { name: "管理費用（改）" }))
      yield* expect("delete account", chart, ["delete"], ledger.deleteAccounts(chart, code, ["6602"]))
      yield* expect("dimension values", chart, ["upsert"], ledger.addDimensionValues(chart, code, [{ type: "department", code: "D1", name: "廚房", disabled: false }]))
      const opener = as("opener", "accountant")
      yield* expect("openings", opener, ["set"], ledger.setOpeningBalances(opener, code, [
        { accountCode: "1001", balance: Dec("5000.00") },
        { accountCode: "100201", balance: Dec("100000.00") },
        { accountCode: "4001", balance: Dec("105000.00") }
      ]))
      const enabler = as("enabler", "administrator")
      yield* expect("enable", enabler, ["enable"], ledger.enableAccountSet(enabler, code))

      const maker = as("maker-1", "accountant")
      const checker = as("checker-1", "supervisor")
      const cashier = as("cashier-1", "cashier")
      const importer = as("importer-1", "administrator")
      yield* expect("voucher import", importer, ["import"], ledger.recordVouchers(importer, code, [usdDeposit("2026-12-05")], { status: "posted" }))
      const late = yield* expect("voucher create", maker, ["create"], ledger.createVoucher(maker, code, expense("2026-12-20", "300.00")))
      const early = yield* expect("voucher create", maker, ["create"], ledger.createVoucher(maker, code, expense("2026-12-10", "200.00")))
      const renumberer = as("renumberer", "supervisor")
      yield* expect("renumber", renumberer, ["renumber"], periodEnd.renumberVouchers(renumberer, code, { period: december, order: "date" }))
      const ids = [late.id, early.id]
      yield* expect("audit", checker, ["audit"], ledger.auditVouchers(checker, code, ids))
      yield* expect("unaudit", checker, ["unaudit"], ledger.unauditVouchers(checker, code, ids))
      yield* expect("audit again", checker, ["audit"], ledger.auditVouchers(checker, code, ids))
      yield* expect("sign", cashier, ["sign"], ledger.signVouchers(cashier, code, ids))
      const poster = as("poster", "supervisor")
      yield* expect("post", poster, ["post"], ledger.postVouchers(poster, code, ids))
      const unposter = as("unposter", "administrator")
      yield* expect("unpost", unposter, ["unpost"], ledger.unpostVouchers(unposter, code, [late.id]))
      yield* ledger.postVouchers(poster, code, [late.id])
      const reverser = as("reverser", "accountant")
      const reversal = yield* expect("reverse", reverser, ["create"], ledger.reverseVoucher(reverser, code, late.id, Schema.decodeSync(LocalDateSchema)("2026-12-28")))
      yield* ledger.auditVouchers(checker, code, [reversal.id])
      yield* ledger.postVouchers(poster, code, [reversal.id])

      const editor = as("editor", "accountant")
      const wrong = yield* ledger.createVoucher(maker, code, expense("2026-12-11", "50.00"))
      yield* expect("edit draft", editor, ["edit"], ledger.editVoucher(editor, code, wrong.id, expense("2026-12-11", "55.00")))
      const deleter = as("deleter", "accountant")
      yield* expect("delete draft", deleter, ["delete"], ledger.deleteVouchers(deleter, code, [wrong.id]))
      const corrector = as("corrector", "accountant")
      const correction = yield* expect("difference voucher", corrector, ["create"], ledger.correctVoucher(corrector, code, early.id, {
        date: Schema.decodeSync(LocalDateSchema)("2026-12-28"),
        lines: [{ lineNumber: 1, amount: new Dec("210.00") }, { lineNumber: 2, amount: new Dec("210.00") }]
      }))
      yield* ledger.deleteVouchers(corrector, code, [correction.id])

      const librarian = as("librarian", "accountant")
      yield* expect("add summary", librarian, ["add"], library.addSummary(librarian, code, { code: "90", text: "支付廣告費用" }))
      yield* expect("update summary", librarian, ["update"], library.updateSummary(librarian, code, "90", { text: "支付宣傳費用" }))
      yield* expect("delete summary", librarian, ["delete"], library.deleteSummary(librarian, code, "90"))
      yield* expect("save voucher template", librarian, ["create"], library.saveVoucherTemplate(librarian, code, {
        id: "advert",
        name: "廣告費",
        description: "",
        lines: [
          { summary: "支付廣告費用", accountCode: "6601", side: "debit" },
          { summary: "支付廣告費用", accountCode: "1001", side: "credit" }
        ]
      }))
      yield* expect("rename voucher template", librarian, ["rename"], library.renameVoucherTemplate(librarian, code, "advert", { name: "廣告費（改）" }))
      yield* expect("delete voucher template", librarian, ["delete"], library.deleteVoucherTemplate(librarian, code, "advert"))

      const revaluer = as("revaluer", "accountant")
      const revalued = yield* expect(
        "revaluation",
        revaluer,
        ["revalueForeignCurrency", "create"],
        periodEnd.revalueForeignCurrency(revaluer, code, { period: december, rates: { USD: Dec("7.1") } })
      )
      yield* ledger.auditVouchers(checker, code, [revalued.voucher!.id])
      yield* ledger.postVouchers(poster, code, [revalued.voucher!.id])
      const carrier = as("carrier", "accountant")
      const carried = yield* expect("carry-forward", carrier, ["carryForwardProfitAndLoss", "create"], periodEnd.carryForwardProfitAndLoss(carrier, code, { period: december }))
      yield* ledger.auditVouchers(checker, code, [carried.id])
      yield* ledger.postVouchers(poster, code, [carried.id])

      const closer = as("closer", "supervisor")
      const reopener = as("reopener", "administrator")
      yield* expect("close period", closer, ["close"], periodEnd.closePeriod(closer, code, { period: december }))
      yield* expect("reopen period", reopener, ["reopen"], periodEnd.reopenPeriod(reopener, code))
      yield* expect("close period again", closer, ["close"], periodEnd.closePeriod(closer, code, { period: december }))
      yield* expect("close year", closer, ["closeYear"], periodEnd.closeYear(closer, code, { fiscalYear: 2026 }))
      yield* expect("reopen year", reopener, ["reopenYear"], periodEnd.reopenYear(reopener, code))

      const backer = as("backer", "supervisor")
      const chunks: Array<string> = []
      yield* expect("backup", backer, ["backup"], backups.backup(backer, code, (chunk) => Effect.sync(() => void chunks.push(chunk))))
      const restorer = as("restorer", "administrator")
      const lines = Stream.make(chunks.join("")).pipe(Stream.splitLines)
      let restoredScope = ""
      yield* expect(
        "restore",
        restorer,
        ["restore"],
        Effect.tap(backups.restore(restorer, lines, { as: AccountSetCode.make("audited-copy") }), () =>
          Effect.map(ledger.getAccountSet(restorer, "audited-copy"), (set) => {
            restoredScope = `ledger:${set.id}`
          })),
        () => restoredScope
      )

      assert.deepStrictEqual(missing, [])
      // The chain of the books verifies with every record in place.
      assert.isAbove(yield* auditLog.verify(scope), 25)
    }), { timeout: 120_000 })
}, () => ledgerSqlLayer())
