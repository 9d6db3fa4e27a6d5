// Proves the ledger service end to end on every dialect: an account set is created,
// opened and enabled; vouchers are made, refused by rule, audited by a second operator,
// posted; the trial balance shows hand-checked figures and balances; maintained
// balances equal a recomputation; reversal nets to zero; unpost restores balances;
// idempotent retries create one voucher; other organisations see nothing.
import { assert } from "@effect/vitest"
import { Effect } from "effect"
import { IdempotencyKey } from "@danju/core"
import { describeEachDialect } from "@danju/core/testing"
import { AccountSetNotFound } from "../src/domain/errors"
import { LedgerService } from "../src/LedgerService"
import { AccountSetCode } from "../src/domain/ids"
import { ledgerSqlLayer } from "../src/storage/index"
import { actor, administrator, cashier, checker, dec, maker, messAccounts, migrations, outsider, voucher } from "./support"

const makerAndChecker = actor("both", "accountant", "supervisor")

const setUp = (code: string) =>
  Effect.gen(function*() {
    const ledger = yield* LedgerService
    yield* ledger.createAccountSet(administrator, {
      code: AccountSetCode.make(code),
      name: "三連伙食賬",
      codeScheme: [4, 2, 2],
      startPeriod: { fiscalYear: 2026, number: 3 },
      options: { summaryLengthMin: 4 },
      accounts: messAccounts
    })
    yield* ledger.setOpeningBalances(administrator, code, [
      { accountCode: "1001", balance: dec("500.00") },
      { accountCode: "1002", balance: dec("12000.00") },
      { accountCode: "4001", balance: dec("12500.00") }
    ])
    yield* ledger.enableAccountSet(administrator, code)
  })

const buyFood = voucher({
  date: "2026-03-05",
  lines: [
    { summary: "購買伙食用品", accountCode: "4001", debit: "1234.56" },
    { summary: "購買伙食用品", accountCode: "1002", credit: "1234.56" }
  ]
})

const withdrawCash = voucher({
  date: "2026-03-02",
  lines: [
    { summary: "提取現金備用", accountCode: "1001", debit: "2000.00" },
    { summary: "提取現金備用", accountCode: "1002", credit: "2000.00" }
  ]
})

describeEachDialect("LedgerService", migrations, (it) => {
  it.effect("keeps a month of mess-hall books with hand-checked figures", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      yield* setUp("mess-month")
      const made = yield* ledger.recordVouchers(maker, "mess-month", [withdrawCash, buyFood])
      assert.deepStrictEqual(made.map((v) => [v.word, v.number, v.status]), [["記", 1, "draft"], ["記", 2, "draft"]])
      assert.strictEqual(made[0]!.lines[0]!.debit.toString(), "2000")

      const selfAudit = yield* Effect.flip(ledger.auditVouchers(maker, "mess-month", [made[0]!.id]))
      assert.strictEqual(selfAudit._tag, "PermissionDenied")
      // An operator holding both roles still may not audit what they made.
      const [own] = yield* ledger.recordVouchers(makerAndChecker, "mess-month", [withdrawCash])
      const ownAudit = yield* Effect.flip(ledger.auditVouchers(makerAndChecker, "mess-month", [own!.id]))
      assert.strictEqual(ownAudit._tag, "SelfAuditForbidden")

      yield* ledger.auditVouchers(checker, "mess-month", made.map((v) => v.id))
      const posted = yield* ledger.postVouchers(checker, "mess-month", made.map((v) => v.id))
      assert.deepStrictEqual(posted.map((v) => v.status), ["posted", "posted"])

      const report = yield* ledger.trialBalance(maker, "mess-month")
      assert.isTrue(report.balanced)
      const row = (code: string) => report.rows.find((r) => r.code === code)!
      // cash: 500 + 2000 = 2500; bank: 12000 − 2000 − 1234.56 = 8765.44; fund: 12500 − 1234.56 = 11265.44 credit
      assert.strictEqual(row("1001").closingDebit.toString(), "2500")
      assert.strictEqual(row("1002").closingDebit.toString(), "8765.44")
      assert.strictEqual(row("1002").periodCredit.toString(), "3234.56")
      assert.strictEqual(row("4001").closingCredit.toString(), "11265.44")
      assert.strictEqual(row("4001").openingCredit.toString(), "12500")
      assert.strictEqual(report.totals.closingDebit.toString(), "11265.44")

      const verification = yield* ledger.verify(administrator, "mess-month")
      assert.deepStrictEqual(verification.differences, [])
      assert.isAbove(verification.auditRecords, 5)
    }))

  it.effect("refuses an unbalanced voucher whole and writes nothing", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      yield* setUp("unbalanced")
      const error = yield* Effect.flip(ledger.recordVouchers(maker, "unbalanced", [
        withdrawCash,
        voucher({
          date: "2026-03-03",
          lines: [
            { summary: "購買伙食用品", accountCode: "4001", debit: "10.00" },
            { summary: "購買伙食用品", accountCode: "1002", credit: "10.01" }
          ]
        })
      ]))
      assert.strictEqual(error._tag, "VoucherUnbalanced")
      const listed = yield* ledger.listVouchers(maker, "unbalanced", { limit: 100 })
      assert.strictEqual(listed.length, 0)
      // The first voucher's number was not consumed either.
      const next = yield* ledger.createVoucher(maker, "unbalanced", withdrawCash)
      assert.strictEqual(next.number, 1)
    }))

  it.effect("nets a red-ink reversal to zero and unpost restores the balances", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      yield* setUp("reversal")
      const [original] = yield* ledger.recordVouchers(maker, "reversal", [buyFood])
      yield* ledger.auditVouchers(checker, "reversal", [original!.id])
      yield* ledger.postVouchers(checker, "reversal", [original!.id])
      const before = yield* ledger.trialBalance(maker, "reversal")

      const early = yield* Effect.flip(ledger.reverseVoucher(maker, "reversal", original!.id, voucher({ date: "2026-03-01", lines: [] }).date))
      assert.strictEqual(early._tag, "ReversalDateInvalid")
      const reversal = yield* ledger.reverseVoucher(maker, "reversal", original!.id, voucher({ date: "2026-03-20", lines: [] }).date)
      assert.strictEqual(reversal.lines[0]!.summary, "注銷 3月5日 記-1號憑證")
      assert.strictEqual(reversal.lines[0]!.debit.toString(), "-1234.56")
      yield* ledger.auditVouchers(checker, "reversal", [reversal.id])
      yield* ledger.postVouchers(checker, "reversal", [reversal.id])
      const again = yield* Effect.flip(ledger.reverseVoucher(maker, "reversal", original!.id, voucher({ date: "2026-03-21", lines: [] }).date))
      assert.strictEqual(again._tag, "VoucherAlreadyReversed")
      const ofReversal = yield* Effect.flip(ledger.reverseVoucher(maker, "reversal", reversal.id, voucher({ date: "2026-03-21", lines: [] }).date))
      assert.strictEqual(ofReversal._tag, "VoucherIsReversal")

      const after = yield* ledger.trialBalance(maker, "reversal")
      const closing = (report: typeof after, code: string) => report.rows.find((r) => r.code === code)!
      assert.strictEqual(closing(after, "1002").closingDebit.toString(), "12000")
      assert.strictEqual(closing(after, "4001").closingCredit.toString(), "12500")

      yield* ledger.unpostVouchers(administrator, "reversal", [reversal.id])
      const restored = yield* ledger.trialBalance(maker, "reversal")
      assert.deepStrictEqual(
        restored.rows.map((r) => [r.code, r.closingDebit.toString(), r.closingCredit.toString()]),
        before.rows.map((r) => [r.code, r.closingDebit.toString(), r.closingCredit.toString()])
      )
      assert.deepStrictEqual((yield* ledger.verify(administrator, "reversal")).differences, [])
    }))

  it.effect("creates one voucher for retries with the same idempotency key", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      yield* setUp("idempotent")
      const key = IdempotencyKey.make("client-key-1")
      const first = yield* ledger.createVoucher(maker, "idempotent", buyFood, { idempotencyKey: key })
      const second = yield* ledger.createVoucher(maker, "idempotent", buyFood, { idempotencyKey: key })
      assert.strictEqual(second.id, first.id)
      const conflict = yield* Effect.flip(ledger.createVoucher(maker, "idempotent", withdrawCash, { idempotencyKey: key }))
      assert.strictEqual(conflict._tag, "IdempotencyConflict")
      assert.strictEqual((yield* ledger.listVouchers(maker, "idempotent", { limit: 10 })).length, 1)
    }))

  it.effect("keeps other organisations out", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      yield* setUp("private")
      const error = yield* Effect.flip(ledger.trialBalance(outsider, "private"))
      // Not found, as if the books did not exist: nothing tells the outsider they do, or whose they are.
      assert.deepStrictEqual({ ...error }, { ...new AccountSetNotFound({ accountSet: "private" }) })
      assert.strictEqual((yield* ledger.listAccountSets(outsider)).length, 0)
    }))

  it.effect("lists account sets only for a role that may read the books (ledger.report.read)", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      yield* setUp("listed")
      assert.include((yield* ledger.listAccountSets(maker)).map((set) => set.code as string), "listed")
      const noLedgerRole = actor("nobody")
      const error = yield* Effect.flip(ledger.listAccountSets(noLedgerRole))
      assert.strictEqual(error._tag, "PermissionDenied")
      assert.strictEqual(error._tag === "PermissionDenied" ? error.permission : "", "ledger.report.read")
    }))

  it.effect("keeps the chart's rules: parents first, no children under disabled or used accounts, delete only unused", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      yield* setUp("chart")
      // A parent and its child in one call: the parent is created first and stops being a leaf.
      const added = yield* ledger.addAccounts(administrator, "chart", [{ code: "101201", name: "外埠存款" }, { code: "1012", name: "其他貨幣資金" }])
      assert.deepStrictEqual(added.map((account) => [account.code, account.leaf]).sort(), [["1012", false], ["101201", true]])
      const exists = yield* Effect.flip(ledger.addAccounts(administrator, "chart", [{ code: "1001", name: "again" }]))
      assert.deepStrictEqual([exists._tag, (exists as { reason?: string }).reason], ["AccountCodeInvalid", "exists"])
      const scheme = yield* Effect.flip(ledger.addAccounts(administrator, "chart", [{ code: "10019", name: "bad length" }]))
      assert.deepStrictEqual([scheme._tag, (scheme as { reason?: string }).reason], ["AccountCodeInvalid", "scheme"])
      const orphan = yield* Effect.flip(ledger.addAccounts(administrator, "chart", [{ code: "990101", name: "no parent" }]))
      assert.deepStrictEqual([orphan._tag, (orphan as { reason?: string }).reason], ["AccountCodeInvalid", "parentMissing"])
      // 1001 holds an opening balance: it cannot become a parent.
      const used = yield* Effect.flip(ledger.addAccounts(administrator, "chart", [{ code: "100101", name: "零錢" }]))
      assert.deepStrictEqual([used._tag, (used as { reason?: string }).reason], ["AccountCodeInvalid", "parentHasPostings"])
      yield* ledger.addAccounts(administrator, "chart", [{ code: "6602", name: "管理費用" }])
      yield* ledger.updateAccount(administrator, "chart", "6602", { disabled: true })
      const underDisabled = yield* Effect.flip(ledger.addAccounts(administrator, "chart", [{ code: "660201", name: "辦公費" }]))
      assert.deepStrictEqual([underDisabled._tag, (underDisabled as { reason?: string }).reason], ["AccountCodeInvalid", "parentDisabled"])
      const hasChildren = yield* Effect.flip(ledger.deleteAccounts(administrator, "chart", ["1012"]))
      assert.deepStrictEqual([hasChildren._tag, (hasChildren as { reason?: string }).reason], ["AccountCodeInvalid", "hasChildren"])
      const inUse = yield* Effect.flip(ledger.deleteAccounts(administrator, "chart", ["1001"]))
      assert.strictEqual(inUse._tag, "AccountInUse")
      assert.deepStrictEqual(yield* ledger.deleteAccounts(administrator, "chart", ["6602"]), ["6602"])
      assert.deepStrictEqual(yield* ledger.deleteAccounts(administrator, "chart", ["1012"], { withChildren: true }), ["1012", "101201"])
    }))

  it.effect("refuses openings that do not balance and openings on disabled accounts", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      yield* ledger.createAccountSet(administrator, { code: AccountSetCode.make("openings"), name: "openings", startPeriod: { fiscalYear: 2026, number: 4 }, accounts: messAccounts })
      yield* ledger.updateAccount(administrator, "openings", "6001", { disabled: true })
      const disabled = yield* Effect.flip(ledger.setOpeningBalances(administrator, "openings", [{ accountCode: "6001", balance: dec("1.00") }]))
      assert.strictEqual(disabled._tag, "AccountDisabled")
      yield* ledger.setOpeningBalances(administrator, "openings", [
        { accountCode: "1001", balance: dec("100.00"), yearToDateDebit: dec("300.00"), yearToDateCredit: dec("200.00") },
        { accountCode: "4001", balance: dec("99.99"), yearToDateCredit: dec("300.00"), yearToDateDebit: dec("200.00") }
      ])
      const unbalanced = yield* Effect.flip(ledger.enableAccountSet(administrator, "openings"))
      assert.strictEqual(unbalanced._tag, "OpeningBalancesUnbalanced")
      yield* ledger.setOpeningBalances(administrator, "openings", [
        { accountCode: "1001", balance: dec("100.00"), yearToDateDebit: dec("300.00"), yearToDateCredit: dec("200.00") },
        { accountCode: "4001", balance: dec("100.00"), yearToDateDebit: dec("200.00"), yearToDateCredit: dec("300.00") }
      ])
      yield* ledger.enableAccountSet(administrator, "openings")
      const locked = yield* Effect.flip(ledger.setOpeningBalances(administrator, "openings", []))
      assert.strictEqual(locked._tag, "AccountSetStatusInvalid")
      // Started in April: the year-to-date movements sit before the start period, so the
      // opening of April is the entered balance and the year opening excludes them.
      const report = yield* ledger.trialBalance(maker, "openings")
      assert.strictEqual(report.rows.find((row) => row.code === "1001")!.openingDebit.toString(), "100")
      const year = yield* ledger.trialBalance(maker, "openings", { from: { fiscalYear: 2026, number: 1 }, to: { fiscalYear: 2026, number: 4 } })
      const cash = year.rows.find((row) => row.code === "1001")!
      assert.deepStrictEqual([cash.openingDebit.toString(), cash.periodDebit.toString(), cash.periodCredit.toString(), cash.closingDebit.toString()], ["0", "300", "200", "100"])
      assert.isTrue(year.balanced)
    }))

  it.effect("requires the cashier's signature when the option holds", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      yield* ledger.createAccountSet(administrator, {
        code: AccountSetCode.make("signed"),
        name: "cashier",
        startPeriod: { fiscalYear: 2026, number: 1 },
        options: { cashierSignatureRequired: true },
        accounts: messAccounts
      })
      yield* ledger.enableAccountSet(administrator, "signed")
      const [made] = yield* ledger.recordVouchers(maker, "signed", [withdrawCash])
      yield* ledger.auditVouchers(checker, "signed", [made!.id])
      const unsigned = yield* Effect.flip(ledger.postVouchers(checker, "signed", [made!.id]))
      assert.strictEqual(unsigned._tag, "CashierSignatureMissing")
      yield* ledger.signVouchers(cashier, "signed", [made!.id])
      const [posted] = yield* ledger.postVouchers(checker, "signed", [made!.id])
      assert.strictEqual(posted!.status, "posted")
    }))
}, () => ledgerSqlLayer())
