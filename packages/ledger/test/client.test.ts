/**
 * Proves the Promise facade (`@danju/ledger/client`) on a SQLite file and, when
 * DANJU_TEST_PG_URL is set, on PostgreSQL: it opens and migrates a database by URL, keeps
 * mess-hall books through plain objects (amounts as strings or Decimals in, Decimals
 * out), rejects with the ledger's typed error instances (not wrapped), rejects float
 * amounts before anything runs, honours idempotency keys, keeps its data across
 * close/reopen, and refuses use after close; keeps the summary library and voucher
 * templates and makes vouchers from templates.
 */
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Dec, PermissionDenied } from "@danju/core"
import { openPostgres } from "@danju/core/sql"
import { dialectsUnderTest } from "@danju/core/testing"
import { Effect, ParseResult } from "effect"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import type { LedgerClient, OpenLedgerOptions } from "../src/client"
import { openLedger } from "../src/client"
import { AccountSetNotFound, SelfAuditForbidden, VoucherUnbalanced } from "../src/domain/errors"
import { SummaryCodeExists, VoucherTemplateReadOnly } from "../src/domain/Library"
import { VoucherTemplateAmountMissing } from "../src/domain/templates/voucherTemplates"

const inCi = process.env["CI"] === "true" || process.env["CI"] === "1"

const organisationId = "mess-1"
const admin = { operatorId: "op-admin", organisationId, roles: ["administrator"] }
const maker = { operatorId: "op-maker", organisationId, roles: ["accountant"] }
const checker = { operatorId: "op-checker", organisationId, roles: ["supervisor"] }
const outsider = { operatorId: "op-outsider", organisationId: "mess-2", roles: ["administrator"] }

const rejection = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error("expected the promise to reject")
}

const pgSchemaOf = async (url: string): Promise<string> => {
  const schema = `danju_client_${process.pid}_${Math.floor(performance.now() * 1000).toString(36)}`
  await Effect.runPromise(Effect.scoped(Effect.gen(function*() {
    const database = yield* openPostgres({ url, poolSize: 1 })
    yield* database.query("create client test schema", (db) => db.schema.createSchema(schema).execute())
  })))
  return schema
}

const dropPgSchema = (url: string, schema: string) =>
  Effect.runPromise(Effect.scoped(Effect.gen(function*() {
    const database = yield* openPostgres({ url, poolSize: 1 })
    yield* database.query("drop client test schema", (db) => db.schema.dropSchema(schema).cascade().execute())
  })))

const buyFood = {
  date: "2026-01-05",
  lines: [
    { summary: "購買蔬菜肉類", accountCode: "4001", debit: "320.50" },
    { summary: "購買蔬菜肉類", accountCode: "1001", credit: new Dec("320.50") }
  ]
}

for (const dialect of dialectsUnderTest()) {
  if (dialect.unavailable !== undefined) {
    describe(`ledger client [${dialect.name}]`, () => {
      it.skipIf(!inCi)(`needs ${dialect.name} (${dialect.unavailable}; required when CI=true)`, () => {
        throw new Error(`${dialect.name} cannot run: ${dialect.unavailable}`)
      })
    })
    continue
  }

  describe(`ledger client [${dialect.name}]`, () => {
    let options: OpenLedgerOptions
    let ledger: LedgerClient
    let pgSchema: string | undefined
    const books = `client-${dialect.name}`

    beforeAll(async () => {
      if (dialect.name === "sqlite") {
        options = { url: `sqlite:${join(mkdtempSync(join(tmpdir(), "danju-client-")), "books.db")}` }
      } else {
        const url = process.env["DANJU_TEST_PG_URL"]!
        pgSchema = await pgSchemaOf(url)
        options = { url, schema: pgSchema, poolSize: 4 }
      }
      ledger = await openLedger(options)
    })
    afterAll(async () => {
      await ledger?.close()
      if (pgSchema !== undefined) await dropPgSchema(process.env["DANJU_TEST_PG_URL"]!, pgSchema)
    })

    it("keeps mess-hall books: template, openings, enable, vouchers, audit, post, trial balance", async () => {
      const created = await ledger.createAccountSet(admin, { code: books, name: "伙食賬", template: "messHall", startPeriod: "2026-01" })
      assert.strictEqual(created.status, "initializing")
      assert.strictEqual(created.options.summaryLengthMin, 4)
      const chart = await ledger.chartOf(maker, books)
      assert.deepStrictEqual(chart.accounts.map((account) => account.code), ["1001", "1002", "4001", "4002"])

      await ledger.setOpeningBalances(maker, books, [
        { accountCode: "1001", balance: "500.00" },
        { accountCode: "1002", balance: new Dec("12000") },
        { accountCode: "4001", balance: "12500" }
      ])
      const enabled = await ledger.enableAccountSet(admin, books)
      assert.strictEqual(enabled.status, "enabled")

      const voucher = await ledger.createVoucher(maker, books, buyFood)
      assert.strictEqual(voucher.status, "draft")
      assert.instanceOf(voucher.total, Dec)
      assert.isTrue(voucher.total.equals(new Dec("320.5")))
      assert.strictEqual(voucher.makerId, "op-maker")

      await ledger.auditVouchers(checker, books, [voucher.id])
      const [posted] = await ledger.postVouchers(checker, books, [voucher.id])
      assert.strictEqual(posted!.status, "posted")

      const report = await ledger.trialBalance(checker, books, { from: "2026-01", to: { fiscalYear: 2026, number: 1 } })
      assert.isTrue(report.balanced)
      const cash = report.rows.find((row) => row.code === "1001")!
      assert.isTrue(cash.closingDebit.equals(new Dec("179.50")))
      assert.isTrue(report.totals.closingDebit.equals(report.totals.closingCredit))
      const verified = await ledger.verify(checker, books)
      assert.deepStrictEqual(verified.differences, [])
      const page = await ledger.listVouchers(checker, books, { status: "posted", from: "2026-01", to: "2026-01" })
      assert.deepStrictEqual(page.map((listed) => listed.id), [voucher.id])
    })

    it("rejects with the typed error instances themselves", async () => {
      const draft = await ledger.createVoucher(admin, books, { ...buyFood, date: "2026-01-06" })
      const selfAudit = await rejection(ledger.auditVouchers(admin, books, [draft.id]))
      assert.instanceOf(selfAudit, SelfAuditForbidden)
      assert.strictEqual((selfAudit as SelfAuditForbidden).voucherId, draft.id)

      const denied = await rejection(ledger.auditVouchers(maker, books, [draft.id]))
      assert.instanceOf(denied, PermissionDenied)
      assert.strictEqual((denied as PermissionDenied).permission, "ledger.voucher.audit")

      const foreign = await rejection(ledger.getAccountSet(outsider, books))
      assert.instanceOf(foreign, AccountSetNotFound)

      const unbalanced = await rejection(ledger.createVoucher(maker, books, {
        date: "2026-01-07",
        lines: [
          { summary: "購買糧油調料", accountCode: "4001", debit: "100" },
          { summary: "購買糧油調料", accountCode: "1001", credit: "90.5" }
        ]
      }))
      assert.instanceOf(unbalanced, VoucherUnbalanced)
      assert.deepInclude(unbalanced as VoucherUnbalanced, { debit: "100", credit: "90.5", difference: "9.5" })
      assert.include((unbalanced as Error).message, "differ by 9.5")
    })

    it("refuses float amounts and malformed input before anything runs", async () => {
      const before = await ledger.listVouchers(checker, books)
      const float = await rejection(ledger.createVoucher(maker, books, {
        date: "2026-01-08",
        lines: [
          { summary: "購買糧油調料", accountCode: "4001", debit: 100 as unknown as string },
          { summary: "購買糧油調料", accountCode: "1001", credit: "100" }
        ]
      }))
      assert.isTrue(ParseResult.isParseError(float))
      assert.isTrue(ParseResult.isParseError(await rejection(ledger.trialBalance(checker, books, { from: "2026-14" }))))
      assert.isTrue(ParseResult.isParseError(await rejection(ledger.listAccountSets({ operatorId: "op-1", organisationId, roles: "accountant" as never }))))
      const after = await ledger.listVouchers(checker, books)
      assert.strictEqual(after.length, before.length)
    })

    it("a retry with the same idempotency key returns the first voucher", async () => {
      const input = { ...buyFood, date: "2026-01-09" }
      const first = await ledger.createVoucher(maker, books, input, { idempotencyKey: "client-retry-1" })
      const retry = await ledger.createVoucher(maker, books, input, { idempotencyKey: "client-retry-1" })
      assert.strictEqual(retry.id, first.id)
      const conflict = await rejection(ledger.createVoucher(maker, books, { ...input, date: "2026-01-10" }, { idempotencyKey: "client-retry-1" }))
      assert.strictEqual((conflict as { _tag: string })._tag, "IdempotencyConflict")
    })

    it("edits and deletes drafts and makes a difference voucher for a posted one", async () => {
      const draft = await ledger.createVoucher(maker, books, { ...buyFood, date: "2026-01-11" })
      const edited = await ledger.editVoucher(maker, books, draft.id, { ...buyFood, date: "2026-01-12" })
      assert.deepStrictEqual([edited.id, edited.number, edited.date], [draft.id, draft.number, "2026-01-12"])
      assert.deepStrictEqual(await ledger.deleteVouchers(maker, books, [draft.id]), { deleted: [draft.id] })
      const [posted] = await ledger.listVouchers(checker, books, { status: "posted" })
      const correction = await ledger.correctVoucher(maker, books, posted!.id, {
        date: "2026-01-20",
        lines: [{ lineNumber: 1, amount: "330.50" }, { lineNumber: 2, amount: "330.50" }]
      })
      assert.strictEqual(correction.correctionOfId, posted!.id)
      assert.isTrue(correction.total.equals(new Dec("10")))
      const twice = await rejection(ledger.correctVoucher(maker, books, posted!.id, { date: "2026-01-20", lines: [{ lineNumber: 1, amount: "1" }] }))
      assert.strictEqual((twice as { _tag: string })._tag, "VoucherAlreadyCorrected")
      await ledger.deleteVouchers(maker, books, [correction.id])
    })

    it("keeps the summary library and voucher templates, and makes vouchers from templates", async () => {
      const seeded = await ledger.listSummaries(maker, books, { prefix: "gm" })
      assert.deepStrictEqual(seeded.map((entry) => [entry.code, entry.text]), [["02", "購買主副食品"]])
      const added = await ledger.addSummary(maker, books, { code: "10", text: "收到伙食補助", mnemonic: "sdhsbz" }, { idempotencyKey: "client-summary-10" })
      assert.strictEqual(added.mnemonic, "SDHSBZ")
      assert.strictEqual((await ledger.updateSummary(maker, books, "10", { category: "收入" })).category, "收入")
      const duplicate = await rejection(ledger.addSummary(maker, books, { code: "10", text: "收到伙食補助" }))
      assert.instanceOf(duplicate, SummaryCodeExists)
      assert.strictEqual((await ledger.deleteSummary(maker, books, "10")).code, "10")
      assert.isTrue(ParseResult.isParseError(await rejection(ledger.addSummary(maker, books, { code: "不可", text: "收到伙食補助" }))))

      const builtIn = await ledger.listVoucherTemplates(maker, books)
      assert.strictEqual(builtIn.length, 9)
      const made = await ledger.instantiateVoucherTemplate(maker, books, "buyFood", { date: "2026-01-12", amounts: { amount: "88.80" } }, { idempotencyKey: "client-template-1" })
      assert.isTrue(made.total.equals(new Dec("88.8")))
      const retry = await ledger.instantiateVoucherTemplate(maker, books, "buyFood", { date: "2026-01-12", amounts: { amount: new Dec("88.80") } }, { idempotencyKey: "client-template-1" })
      assert.strictEqual(retry.id, made.id)
      const missing = await rejection(ledger.instantiateVoucherTemplate(maker, books, "buyFood", { date: "2026-01-12", amounts: {} }))
      assert.instanceOf(missing, VoucherTemplateAmountMissing)

      const copied = await ledger.saveVoucherTemplateFromVoucher(maker, books, made.id, { id: "buyFoodCopy", name: "買菜（複製）" })
      assert.deepStrictEqual(copied.placeholders, ["amount"])
      const own = await ledger.saveVoucherTemplate(maker, books, {
        id: "payCook",
        name: "付工資",
        description: "",
        lines: [
          { summary: "支付炊事員工資", accountCode: "4001", side: "debit" },
          { summary: "支付炊事員工資", accountCode: "1001", side: "credit" }
        ]
      })
      assert.isFalse(own.builtIn)
      assert.strictEqual((await ledger.renameVoucherTemplate(maker, books, "payCook", { name: "付炊事員工資" })).name, "付炊事員工資")
      assert.strictEqual((await ledger.getVoucherTemplate(maker, books, "payCook")).name, "付炊事員工資")
      const readOnly = await rejection(ledger.deleteVoucherTemplate(maker, books, "buyFood"))
      assert.instanceOf(readOnly, VoucherTemplateReadOnly)
      await ledger.deleteVoucherTemplate(maker, books, "payCook")
      assert.deepStrictEqual((await ledger.listVoucherTemplates(maker, books)).filter((template) => !template.builtIn).map((template) => template.id), ["buyFoodCopy"])
    })

    it("keeps the books across close and reopen, and refuses use after close", async () => {
      const second = await openLedger(options)
      try {
        const sets = await second.listAccountSets(checker)
        assert.deepStrictEqual(sets.map((set) => set.code), [books])
      } finally {
        await second.close()
      }
      await second.close()
      const closed = await rejection(second.listAccountSets(checker))
      assert.include((closed as Error).message, "closed")
    })
  })
}

describe("openLedger", () => {
  it("rejects a malformed database URL with the typed error", async () => {
    const error = await rejection(openLedger({ url: "mysql://nowhere/books" }))
    assert.strictEqual((error as { _tag: string })._tag, "DatabaseUrlInvalid")
  })
})
