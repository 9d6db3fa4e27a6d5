// Proves the account set's library on every dialect: a mess-hall account set starts with
// the summaries of its nine standard entries; summary-library entries are added, edited,
// listed by prefix (code, mnemonic, text) and category, and deleted, each change audited;
// voucher templates list the chart template's read-only built-ins beside stored ones,
// are saved from a definition or from a voucher (word, summaries, accounts, dimensions,
// sides; amounts become placeholders), checked against the chart at save time, renamed
// and deleted; instantiating one makes a normal draft voucher through the voucher rules,
// once per idempotency key. Every typed error of the library has a row.
import { assert } from "@effect/vitest"
import { Effect } from "effect"
import type { LocalDate } from "@danju/core"
import { AuditLog, IdempotencyKey } from "@danju/core"
import { describeEachDialect } from "@danju/core/testing"
import { AccountSetNotFound } from "../src/domain/errors"
import { SummaryEntry } from "../src/domain/Library"
import { AccountSetCode } from "../src/domain/ids"
import type { VoucherTemplate } from "../src/domain/templates/voucherTemplates"
import { LedgerService } from "../src/LedgerService"
import { LibraryRepo } from "../src/LibraryRepo"
import { LedgerLibrary } from "../src/LibraryService"
import { ledgerSqlLayer } from "../src/storage/index"
import { actor, administrator, cashier, checker, dec, maker, migrations, outsider, voucher } from "./support"

const viewer = actor("viewer", "viewer")
const date = (text: string) => text as LocalDate

/** Mess-hall books from the template: cash 500 + bank 12,000 = mess fund 12,500, enabled. */
const messBooks = (code: string) =>
  Effect.gen(function*() {
    const ledger = yield* LedgerService
    const accountSet = yield* ledger.createAccountSet(administrator, {
      code: AccountSetCode.make(code),
      name: "三連伙食賬",
      template: "messHall",
      startPeriod: { fiscalYear: 2026, number: 3 }
    })
    yield* ledger.setOpeningBalances(administrator, code, [
      { accountCode: "1001", balance: dec("500.00") },
      { accountCode: "1002", balance: dec("12000.00") },
      { accountCode: "4001", balance: dec("12500.00") }
    ])
    yield* ledger.enableAccountSet(administrator, code)
    return accountSet
  })

/**
 * A company chart with every kind of account a template check meets: a parent (1002
 * with 100201), a disabled account, a customer dimension, a quantity account and a
 * foreign-currency account.
 */
const companyBooks = (code: string) =>
  Effect.gen(function*() {
    const ledger = yield* LedgerService
    const accountSet = yield* ledger.createAccountSet(administrator, {
      code: AccountSetCode.make(code),
      name: "測試公司",
      codeScheme: [4, 2, 2],
      startPeriod: { fiscalYear: 2026, number: 3 },
      options: { summaryLengthMin: 2, voucherWords: ["記", "收", "付"] },
      accounts: [
        { code: "1001", name: "庫存現金", category: "asset", direction: "debit", isCash: true },
        { code: "1002", name: "銀行存款", category: "asset", direction: "debit", isBank: true },
        { code: "100201", name: "工行", isBank: true },
        { code: "100202", name: "中行美元戶", isBank: true, foreignCurrency: "USD" },
        { code: "1122", name: "應收賬款", category: "asset", direction: "debit", dimensionTypes: ["customer"] },
        { code: "1403", name: "原材料", category: "asset", direction: "debit", quantityUnit: "kg" },
        { code: "1901", name: "待處理財產損溢", category: "asset", direction: "debit", disabled: true },
        { code: "6001", name: "主營業務收入", category: "profitAndLoss", direction: "credit" },
        { code: "6602", name: "管理費用", category: "profitAndLoss", direction: "debit" }
      ]
    })
    yield* ledger.addDimensionValues(administrator, code, [{ type: "customer", code: "C01", name: "客戶一", disabled: false }])
    yield* ledger.enableAccountSet(administrator, code)
    return accountSet
  })

const template = (overrides: Partial<VoucherTemplate> = {}): VoucherTemplate => ({
  id: "salesReceipt",
  name: "銷售收款",
  description: "借 銀行存款—工行，貸 主營業務收入",
  word: "記",
  lines: [
    { summary: "銷售收款", accountCode: "100201", side: "debit" },
    { summary: "銷售收款", accountCode: "6001", side: "credit" }
  ],
  ...overrides
})

const lineWith = (line: Partial<VoucherTemplate["lines"][number]>): VoucherTemplate["lines"] => [
  { summary: "銷售收款", accountCode: "100201", side: "debit" },
  { summary: "銷售收款", accountCode: "6001", side: "credit", ...line }
]

const auditActions = (accountSetId: string, aggregate: string) =>
  Effect.gen(function*() {
    const auditLog = yield* AuditLog
    const records = yield* auditLog.read({ scope: `ledger:${accountSetId}`, limit: 1000 })
    return records.filter((record) => record.aggregate === aggregate).map((record) => `${record.action} ${record.aggregateId}`)
  })

describeEachDialect("LedgerLibrary", migrations, (it) => {
  // ── summary library ─────────────────────────────────────────────────────

  it.effect("a mess-hall account set starts with the summaries of its nine standard entries", () =>
    Effect.gen(function*() {
      const library = yield* LedgerLibrary
      const ledger = yield* LedgerService
      yield* messBooks("seeded")
      const entries = yield* library.listSummaries(maker, "seeded")
      assert.deepStrictEqual(entries.map((entry) => entry.code), ["01", "02", "03", "04", "05", "06", "07", "08", "09"])
      assert.deepStrictEqual(entries[1], SummaryEntry.make({ code: "02", text: "購買主副食品", category: "標準分錄", mnemonic: "GMZFSP", defaultAccountCode: "4001" }))
      // Every seeded summary is long enough for the mess hall's four-character minimum.
      for (const entry of entries) assert.isAtLeast([...entry.text].length, 4)
      // Other charts start with an empty library.
      yield* ledger.createAccountSet(administrator, { code: AccountSetCode.make("unseeded"), name: "空", startPeriod: { fiscalYear: 2026, number: 1 } })
      assert.deepStrictEqual(yield* library.listSummaries(maker, "unseeded"), [])
    }))

  it.effect("lists summaries by code, mnemonic or text prefix and by category", () =>
    Effect.gen(function*() {
      const library = yield* LedgerLibrary
      yield* messBooks("lookup")
      const codes = (entries: ReadonlyArray<SummaryEntry>) => entries.map((entry) => entry.code)
      assert.deepStrictEqual(codes(yield* library.listSummaries(maker, "lookup", { prefix: "0" })).length, 9)
      assert.deepStrictEqual(codes(yield* library.listSummaries(maker, "lookup", { prefix: "09" })), ["09"])
      // Mnemonics match without case, as typed into a lookup box.
      assert.deepStrictEqual(codes(yield* library.listSummaries(maker, "lookup", { prefix: "gm" })), ["02"])
      assert.deepStrictEqual(codes(yield* library.listSummaries(maker, "lookup", { prefix: "收" })), ["03", "04", "05", "08"])
      yield* library.addSummary(maker, "lookup", { code: "C1", text: "報銷差旅費用", category: "費用" })
      assert.deepStrictEqual(codes(yield* library.listSummaries(maker, "lookup", { category: "費用" })), ["C1"])
      assert.deepStrictEqual(codes(yield* library.listSummaries(maker, "lookup", { category: "標準分錄", prefix: "支" })), ["07"])
      assert.deepStrictEqual(codes(yield* library.listSummaries(maker, "lookup", { prefix: "none" })), [])
    }))

  it.effect("adds, edits and deletes summaries, each change audited", () =>
    Effect.gen(function*() {
      const library = yield* LedgerLibrary
      const accountSet = yield* messBooks("edits")
      const added = yield* library.addSummary(maker, "edits", { code: "10", text: "收到炊事員伙食費", mnemonic: "sdcsy", defaultAccountCode: "1001" })
      assert.deepStrictEqual(added, SummaryEntry.make({ code: "10", text: "收到炊事員伙食費", category: null, mnemonic: "SDCSY", defaultAccountCode: "1001" }))
      const edited = yield* library.updateSummary(maker, "edits", "10", { text: "收到炊事班伙食費", mnemonic: null, category: "收入" })
      assert.deepStrictEqual(edited, SummaryEntry.make({ code: "10", text: "收到炊事班伙食費", category: "收入", mnemonic: null, defaultAccountCode: "1001" }))
      assert.deepStrictEqual((yield* library.listSummaries(maker, "edits", { prefix: "10" }))[0], edited)
      const deleted = yield* library.deleteSummary(maker, "edits", "01")
      assert.strictEqual(deleted.text, "從銀行提取現金")
      assert.notInclude((yield* library.listSummaries(maker, "edits")).map((entry) => entry.code), "01")
      assert.deepStrictEqual(yield* auditActions(accountSet.id, "ledger.summary"), [
        `add ${accountSet.id}:summary:10`,
        `update ${accountSet.id}:summary:10`,
        `delete ${accountSet.id}:summary:01`
      ])
    }))

  it.effect("SummaryCodeExists for a code in use; SummaryNotFound for an unknown code", () =>
    Effect.gen(function*() {
      const library = yield* LedgerLibrary
      yield* messBooks("codes")
      const exists = yield* Effect.flip(library.addSummary(maker, "codes", { code: "02", text: "購買調味品類" }))
      assert.deepInclude(exists, { _tag: "SummaryCodeExists", accountSet: "codes", code: "02" })
      const unknownEdit = yield* Effect.flip(library.updateSummary(maker, "codes", "99", { text: "不存在的摘要" }))
      assert.deepInclude(unknownEdit, { _tag: "SummaryNotFound", accountSet: "codes", code: "99" })
      const unknownDelete = yield* Effect.flip(library.deleteSummary(maker, "codes", "99"))
      assert.deepInclude(unknownDelete, { _tag: "SummaryNotFound", code: "99" })
      assert.strictEqual((yield* library.listSummaries(maker, "codes", { prefix: "02" }))[0]!.text, "購買主副食品")
    }))

  it.effect("concurrent saves of one code or id: one wins, the others are told it exists", () =>
    Effect.gen(function*() {
      const library = yield* LedgerLibrary
      yield* messBooks("race")
      const summaries = yield* Effect.all(
        Array.from({ length: 4 }, () => Effect.either(library.addSummary(maker, "race", { code: "50", text: "收到伙食補助" }))),
        { concurrency: "unbounded" }
      )
      assert.strictEqual(summaries.filter((result) => result._tag === "Right").length, 1)
      for (const result of summaries) if (result._tag === "Left") assert.strictEqual(result.left._tag, "SummaryCodeExists")
      const own = { id: "payCook", name: "付工資", description: "", lines: [
        { summary: "支付炊事員工資", accountCode: "4001", side: "debit" as const },
        { summary: "支付炊事員工資", accountCode: "1001", side: "credit" as const }
      ] }
      const templates = yield* Effect.all(
        Array.from({ length: 4 }, () => Effect.either(library.saveVoucherTemplate(maker, "race", own))),
        { concurrency: "unbounded" }
      )
      assert.strictEqual(templates.filter((result) => result._tag === "Right").length, 1)
      for (const result of templates) if (result._tag === "Left") assert.strictEqual(result.left._tag, "VoucherTemplateExists")
    }))

  it.effect("SummaryTooShort when a summary is shorter than the account set's minimum, on add and on edit", () =>
    Effect.gen(function*() {
      const library = yield* LedgerLibrary
      yield* messBooks("short")
      const added = yield* Effect.flip(library.addSummary(maker, "short", { code: "20", text: "買菜" }))
      assert.deepInclude(added, { _tag: "SummaryTooShort", line: 0, length: 2, minimum: 4 })
      assert.strictEqual(added.message, "the summary has 2 characters; at least 4 are required")
      const edited = yield* Effect.flip(library.updateSummary(maker, "short", "02", { text: "  買菜  " }))
      assert.deepInclude(edited, { _tag: "SummaryTooShort", length: 2, minimum: 4 })
      assert.strictEqual((yield* library.listSummaries(maker, "short", { prefix: "02" }))[0]!.text, "購買主副食品")
      assert.deepStrictEqual(yield* library.listSummaries(maker, "short", { prefix: "20" }), [])
    }))

  it.effect("a default account must exist, be enabled and take postings", () =>
    Effect.gen(function*() {
      const library = yield* LedgerLibrary
      yield* companyBooks("defaults")
      const missing = yield* Effect.flip(library.addSummary(maker, "defaults", { code: "1", text: "收款", defaultAccountCode: "9999" }))
      assert.deepInclude(missing, { _tag: "AccountNotFound", line: 0, accountCode: "9999" })
      const disabled = yield* Effect.flip(library.addSummary(maker, "defaults", { code: "1", text: "收款", defaultAccountCode: "1901" }))
      assert.deepInclude(disabled, { _tag: "AccountDisabled", line: 0, accountCode: "1901" })
      const parent = yield* Effect.flip(library.addSummary(maker, "defaults", { code: "1", text: "收款", defaultAccountCode: "1002" }))
      assert.deepInclude(parent, { _tag: "AccountNotLeaf", line: 0, accountCode: "1002" })
      assert.strictEqual(parent.message, "account 1002 has sub-accounts; post to one of them")
      const cleared = yield* library.addSummary(maker, "defaults", { code: "1", text: "收款", defaultAccountCode: "100201" })
      assert.strictEqual(cleared.defaultAccountCode, "100201")
      const edit = yield* Effect.flip(library.updateSummary(maker, "defaults", "1", { defaultAccountCode: "1002" }))
      assert.strictEqual(edit._tag, "AccountNotLeaf")
      assert.strictEqual((yield* library.updateSummary(maker, "defaults", "1", { defaultAccountCode: null })).defaultAccountCode, null)
    }))

  it.effect("reading needs ledger.report.read, changing ledger.library.manage, in the account set's organisation", () =>
    Effect.gen(function*() {
      const library = yield* LedgerLibrary
      yield* messBooks("guarded")
      assert.strictEqual((yield* library.listSummaries(viewer, "guarded")).length, 9)
      assert.strictEqual((yield* library.listVoucherTemplates(viewer, "guarded")).length, 9)
      for (const denied of [viewer, checker, cashier]) {
        const error = yield* Effect.flip(library.addSummary(denied, "guarded", { code: "30", text: "收到伙食補助" }))
        assert.deepInclude(error, { _tag: "PermissionDenied", permission: "ledger.library.manage" })
      }
      const template = yield* Effect.flip(library.deleteVoucherTemplate(viewer, "guarded", "buyFood"))
      assert.strictEqual(template._tag, "PermissionDenied")
      const instantiate = yield* Effect.flip(library.instantiateVoucherTemplate(viewer, "guarded", "buyFood", { date: date("2026-03-05"), amounts: { amount: dec("1.00") } }))
      assert.deepInclude(instantiate, { _tag: "PermissionDenied", permission: "ledger.voucher.create" })
      const foreign = yield* Effect.flip(library.listSummaries(outsider, "guarded"))
      // Another organisation's books are not found, as if they did not exist.
      assert.deepStrictEqual({ ...foreign }, { ...new AccountSetNotFound({ accountSet: "guarded" }) })
      const missing = yield* Effect.flip(library.listSummaries(maker, "nowhere"))
      assert.deepInclude(missing, { _tag: "AccountSetNotFound", accountSet: "nowhere" })
      // The administrator holds every permission.
      assert.strictEqual((yield* library.addSummary(administrator, "guarded", { code: "30", text: "收到伙食補助" })).code, "30")
    }))

  it.effect("LibraryLimitReached when the library is full", () =>
    Effect.gen(function*() {
      const library = yield* LedgerLibrary
      const repo = yield* LibraryRepo
      const accountSet = yield* companyBooks("full")
      const entries = Array.from({ length: 1_000 }, (_, index) => SummaryEntry.make({ code: `S${index}`, text: "收款摘要", category: null, mnemonic: null, defaultAccountCode: null }))
      for (let start = 0; start < entries.length; start += 100) yield* repo.insertSummaries(accountSet.id, entries.slice(start, start + 100))
      const summaries = yield* Effect.flip(library.addSummary(maker, "full", { code: "one-more", text: "收款摘要" }))
      assert.deepInclude(summaries, { _tag: "LibraryLimitReached", kind: "summary", maximum: 1_000 })
      for (let index = 0; index < 1_000; index++) yield* repo.insertVoucherTemplate(accountSet.id, template({ id: `t${index}` }))
      const templates = yield* Effect.flip(library.saveVoucherTemplate(maker, "full", template({ id: "oneMore" })))
      assert.deepInclude(templates, { _tag: "LibraryLimitReached", kind: "voucherTemplate", maximum: 1_000 })
    }))

  // ── voucher templates ───────────────────────────────────────────────────

  it.effect("lists the chart template's built-in voucher templates beside the stored ones", () =>
    Effect.gen(function*() {
      const library = yield* LedgerLibrary
      yield* messBooks("templates")
      const builtIn = yield* library.listVoucherTemplates(maker, "templates")
      assert.deepStrictEqual(builtIn.map((entry) => entry.id), [
        "withdrawCash", "buyFood", "receiveAllocation", "receiveOfficersMealFees", "receiveBankInterest",
        "refundMealFees", "payBankFees", "receiveGrainSubsidy", "transferGrainSubsidy"
      ])
      assert.isTrue(builtIn.every((entry) => entry.builtIn))
      assert.deepStrictEqual(builtIn[0]!.placeholders, ["amount"])
      yield* library.saveVoucherTemplate(maker, "templates", {
        id: "payCook",
        name: "付炊事員工資",
        description: "",
        lines: [
          { summary: "支付炊事員工資", accountCode: "4001", side: "debit" },
          { summary: "支付炊事員工資", accountCode: "1001", side: "credit" }
        ]
      })
      const all = yield* library.listVoucherTemplates(maker, "templates")
      assert.strictEqual(all.length, 10)
      assert.deepInclude(all[9]!, { id: "payCook", builtIn: false })
      assert.deepInclude(yield* library.getVoucherTemplate(maker, "templates", "payCook"), { name: "付炊事員工資", builtIn: false })
      assert.deepInclude(yield* library.getVoucherTemplate(maker, "templates", "buyFood"), { name: "買菜", builtIn: true })
      const missing = yield* Effect.flip(library.getVoucherTemplate(maker, "templates", "nothing"))
      assert.deepInclude(missing, { _tag: "VoucherTemplateNotFound", accountSet: "templates", templateId: "nothing" })
      // A chart without templates lists only what the account set stored.
      yield* companyBooks("no-built-ins")
      assert.deepStrictEqual(yield* library.listVoucherTemplates(maker, "no-built-ins"), [])
    }))

  it.effect("checks a template against the chart when it is saved, one row per rule in order", () =>
    Effect.gen(function*() {
      const library = yield* LedgerLibrary
      yield* companyBooks("checks")
      const refused = (candidate: VoucherTemplate) => Effect.flip(library.saveVoucherTemplate(maker, "checks", candidate))
      const rows: ReadonlyArray<readonly [string, VoucherTemplate, Record<string, unknown>]> = [
        ["1 unknown word", template({ word: "轉" }), { _tag: "VoucherWordUnknown", word: "轉" }],
        ["2 summary too short", template({ lines: lineWith({ summary: "收" }) }), { _tag: "SummaryTooShort", line: 2, length: 1, minimum: 2 }],
        ["3 account missing", template({ lines: lineWith({ accountCode: "6099" }) }), { _tag: "AccountNotFound", line: 2, accountCode: "6099" }],
        ["4 account disabled", template({ lines: lineWith({ accountCode: "1901" }) }), { _tag: "AccountDisabled", line: 2, accountCode: "1901" }],
        ["5 account not a leaf", template({ lines: lineWith({ accountCode: "1002" }) }), { _tag: "AccountNotLeaf", line: 2, accountCode: "1002" }],
        ["6a dimension missing", template({ lines: lineWith({ accountCode: "1122" }) }), { _tag: "DimensionInvalid", line: 2, dimensionType: "customer", reason: "missing" }],
        ["6b dimension unexpected", template({ lines: lineWith({ dimensions: { customer: "C01" } }) }), { _tag: "DimensionInvalid", line: 2, reason: "unexpected" }],
        ["6c dimension value unknown", template({ lines: lineWith({ accountCode: "1122", dimensions: { customer: "C99" } }) }), { _tag: "DimensionInvalid", line: 2, reason: "valueNotFound" }],
        ["7a quantity account", template({ lines: lineWith({ accountCode: "1403" }) }), { _tag: "VoucherTemplateAccountUnsupported", templateId: "salesReceipt", line: 2, accountCode: "1403", reason: "quantity" }],
        ["7b foreign-currency account", template({ lines: lineWith({ accountCode: "100202" }) }), { _tag: "VoucherTemplateAccountUnsupported", line: 2, accountCode: "100202", reason: "foreignCurrency" }]
      ]
      for (const [name, candidate, expected] of rows) assert.deepInclude(yield* refused(candidate), expected, name)
      // Several problems at once: the first in the documented order wins.
      assert.strictEqual((yield* refused(template({ word: "轉", lines: lineWith({ summary: "收", accountCode: "6099" }) })))._tag, "VoucherWordUnknown")
      assert.deepStrictEqual(yield* library.listVoucherTemplates(maker, "checks"), [])
      const saved = yield* library.saveVoucherTemplate(maker, "checks", template({ lines: lineWith({ accountCode: "1122", dimensions: { customer: "C01" } }) }))
      assert.deepStrictEqual(saved.lines[1]!.dimensions, { customer: "C01" })
    }))

  it.effect("VoucherTemplateExists for a built-in or stored id", () =>
    Effect.gen(function*() {
      const library = yield* LedgerLibrary
      yield* messBooks("ids")
      const own = { id: "buyFood", name: "買菜", description: "", lines: [
        { summary: "購買主副食品", accountCode: "4001", side: "debit" as const },
        { summary: "購買主副食品", accountCode: "1001", side: "credit" as const }
      ] }
      const builtIn = yield* Effect.flip(library.saveVoucherTemplate(maker, "ids", own))
      assert.deepInclude(builtIn, { _tag: "VoucherTemplateExists", accountSet: "ids", templateId: "buyFood", builtIn: true })
      yield* library.saveVoucherTemplate(maker, "ids", { ...own, id: "buyFoodBank" })
      const stored = yield* Effect.flip(library.saveVoucherTemplate(maker, "ids", { ...own, id: "buyFoodBank", name: "另一個" }))
      assert.deepInclude(stored, { _tag: "VoucherTemplateExists", templateId: "buyFoodBank", builtIn: false })
      assert.strictEqual((yield* library.getVoucherTemplate(maker, "ids", "buyFoodBank")).name, "買菜")
    }))

  it.effect("saves a template from a voucher: word, summaries, accounts, dimensions and sides; amounts become placeholders", () =>
    Effect.gen(function*() {
      const library = yield* LedgerLibrary
      const ledger = yield* LedgerService
      yield* companyBooks("copied")
      const [pair, split] = yield* ledger.recordVouchers(maker, "copied", [
        voucher({ word: "收", date: "2026-03-02", lines: [
          { summary: "收到一客戶貨款", accountCode: "100201", debit: "800.00" },
          { summary: "收到一客戶貨款", accountCode: "1122", dimensions: { customer: "C01" }, credit: "800.00" }
        ] }),
        voucher({ date: "2026-03-03", lines: [
          { summary: "銷售並部分收款", accountCode: "100201", debit: "300.00" },
          { summary: "銷售並部分收款", accountCode: "1122", dimensions: { customer: "C01" }, debit: "700.00" },
          { summary: "銷售並部分收款", accountCode: "6001", credit: "1000.00" }
        ] })
      ])
      const fromPair = yield* library.saveVoucherTemplateFromVoucher(maker, "copied", pair!.id, { id: "collect", name: "收回貨款" })
      assert.deepStrictEqual(fromPair, {
        id: "collect",
        name: "收回貨款",
        description: "",
        word: "收",
        lines: [
          { summary: "收到一客戶貨款", accountCode: "100201", side: "debit", amount: "amount" },
          { summary: "收到一客戶貨款", accountCode: "1122", dimensions: { customer: "C01" }, side: "credit", amount: "amount" }
        ],
        builtIn: false,
        placeholders: ["amount"]
      })
      const fromSplit = yield* library.saveVoucherTemplateFromVoucher(maker, "copied", split!.id, { id: "sale", name: "銷售", description: "部分收款" })
      assert.deepStrictEqual(fromSplit.placeholders, ["amount1", "amount2", "amount3"])
      assert.deepStrictEqual(fromSplit.lines.map((line) => line.side), ["debit", "debit", "credit"])
      // The template gives back the voucher it came from, with new amounts.
      const again = yield* library.instantiateVoucherTemplate(maker, "copied", "sale", {
        date: date("2026-03-09"),
        amounts: { amount1: dec("120.00"), amount2: dec("80.00"), amount3: dec("200.00") }
      })
      assert.deepStrictEqual(again.lines.map((line) => [line.summary, line.accountCode, line.dimensionKey, line.debit.toFixed(2), line.credit.toFixed(2)]), [
        ["銷售並部分收款", "100201", "", "120.00", "0.00"],
        ["銷售並部分收款", "1122", "customer=C01", "80.00", "0.00"],
        ["銷售並部分收款", "6001", "", "0.00", "200.00"]
      ])
      const missing = yield* Effect.flip(library.saveVoucherTemplateFromVoucher(maker, "copied", "nope", { id: "x", name: "x" }))
      assert.deepInclude(missing, { _tag: "VoucherNotFound", voucherId: "nope" })
      // A template is checked against today's chart: an account disabled since is refused.
      yield* ledger.updateAccount(administrator, "copied", "6001", { disabled: true })
      const stale = yield* Effect.flip(library.saveVoucherTemplateFromVoucher(maker, "copied", split!.id, { id: "sale2", name: "銷售" }))
      assert.deepInclude(stale, { _tag: "AccountDisabled", line: 3, accountCode: "6001" })
    }))

  it.effect("VoucherTemplateAccountUnsupported for a voucher line in another commodity", () =>
    Effect.gen(function*() {
      const library = yield* LedgerLibrary
      const ledger = yield* LedgerService
      yield* companyBooks("commodities")
      const [hours] = yield* ledger.recordVouchers(maker, "commodities", [
        voucher({ date: "2026-03-02", lines: [
          { summary: "工時記錄", accountCode: "6602", debit: "8", commodity: "HOURS" },
          { summary: "工時記錄", accountCode: "6001", credit: "8", commodity: "HOURS" }
        ] })
      ])
      const error = yield* Effect.flip(library.saveVoucherTemplateFromVoucher(maker, "commodities", hours!.id, { id: "hours", name: "工時" }))
      assert.deepInclude(error, { _tag: "VoucherTemplateAccountUnsupported", templateId: "hours", line: 1, reason: "commodity" })
    }))

  it.effect("renames and deletes stored templates; built-ins are read-only; each change audited", () =>
    Effect.gen(function*() {
      const library = yield* LedgerLibrary
      const accountSet = yield* messBooks("changes")
      yield* library.saveVoucherTemplate(maker, "changes", {
        id: "payCook",
        name: "付工資",
        description: "",
        lines: [
          { summary: "支付炊事員工資", accountCode: "4001", side: "debit" },
          { summary: "支付炊事員工資", accountCode: "1001", side: "credit" }
        ]
      })
      const renamed = yield* library.renameVoucherTemplate(maker, "changes", "payCook", { name: "付炊事員工資", description: "每月初" })
      assert.deepInclude(renamed, { id: "payCook", name: "付炊事員工資", description: "每月初", builtIn: false })
      assert.strictEqual(renamed.lines.length, 2)
      for (const attempt of [
        library.renameVoucherTemplate(maker, "changes", "buyFood", { name: "買菜買肉" }),
        library.deleteVoucherTemplate(maker, "changes", "buyFood")
      ]) {
        assert.deepInclude(yield* Effect.flip(attempt), { _tag: "VoucherTemplateReadOnly", accountSet: "changes", templateId: "buyFood" })
      }
      assert.deepInclude(yield* Effect.flip(library.renameVoucherTemplate(maker, "changes", "nothing", { name: "無" })), { _tag: "VoucherTemplateNotFound" })
      assert.deepInclude(yield* Effect.flip(library.deleteVoucherTemplate(maker, "changes", "nothing")), { _tag: "VoucherTemplateNotFound" })
      yield* library.deleteVoucherTemplate(maker, "changes", "payCook")
      assert.strictEqual((yield* library.listVoucherTemplates(maker, "changes")).length, 9)
      const id = `${accountSet.id}:template:payCook`
      assert.deepStrictEqual(yield* auditActions(accountSet.id, "ledger.voucherTemplate"), [`create ${id}`, `rename ${id}`, `delete ${id}`])
    }))

  it.effect("instantiating a template makes a normal draft voucher, through every voucher rule", () =>
    Effect.gen(function*() {
      const library = yield* LedgerLibrary
      const ledger = yield* LedgerService
      const accountSet = yield* messBooks("use")
      const made = yield* library.instantiateVoucherTemplate(maker, "use", "buyFood", { date: date("2026-03-05"), amounts: { amount: dec("1862.40") }, attachments: 3 })
      assert.deepInclude(made, { word: "記", number: 1, status: "draft", attachments: 3, makerId: "maker", date: date("2026-03-05") })
      assert.deepStrictEqual(made.lines.map((line) => [line.summary, line.accountCode, line.debit.toFixed(2), line.credit.toFixed(2)]), [
        ["購買主副食品", "4001", "1862.40", "0.00"],
        ["購買主副食品", "1001", "0.00", "1862.40"]
      ])
      // A normal draft: the checker audits and posts it.
      yield* ledger.auditVouchers(checker, "use", [made.id])
      yield* ledger.postVouchers(checker, "use", [made.id])
      const refund = yield* library.instantiateVoucherTemplate(maker, "use", "refundMealFees", { date: date("2026-03-06"), amounts: { amount: dec("45.00") }, summary: "退張三伙食費" })
      assert.deepStrictEqual(refund.lines.map((line) => line.summary), ["退張三伙食費", "退張三伙食費"])
      assert.strictEqual(refund.number, 2)

      const noAmount = yield* Effect.flip(library.instantiateVoucherTemplate(maker, "use", "buyFood", { date: date("2026-03-05"), amounts: {} }))
      assert.deepInclude(noAmount, { _tag: "VoucherTemplateAmountMissing", template: "buyFood", placeholder: "amount" })
      // The voucher rules apply: a summary below the mess hall's minimum, a date before the books start, a zero amount.
      const short = yield* Effect.flip(library.instantiateVoucherTemplate(maker, "use", "refundMealFees", { date: date("2026-03-06"), amounts: { amount: dec("45.00") }, summary: "退費" }))
      assert.deepInclude(short, { _tag: "SummaryTooShort", line: 1, minimum: 4 })
      const early = yield* Effect.flip(library.instantiateVoucherTemplate(maker, "use", "buyFood", { date: date("2026-02-28"), amounts: { amount: dec("1.00") } }))
      assert.strictEqual(early._tag, "VoucherDateBeforeStart")
      const zero = yield* Effect.flip(library.instantiateVoucherTemplate(maker, "use", "buyFood", { date: date("2026-03-05"), amounts: { amount: dec("0") } }))
      assert.deepInclude(zero, { _tag: "LineAmountInvalid", reason: "zero" })
      const unknown = yield* Effect.flip(library.instantiateVoucherTemplate(maker, "use", "nothing", { date: date("2026-03-05"), amounts: { amount: dec("1") } }))
      assert.deepInclude(unknown, { _tag: "VoucherTemplateNotFound", templateId: "nothing" })
      // Nothing was written by the refused attempts: still two vouchers, two instantiate records.
      assert.strictEqual((yield* ledger.listVouchers(maker, "use", { limit: 100 })).length, 2)
      const actions = yield* auditActions(accountSet.id, "ledger.voucherTemplate")
      assert.deepStrictEqual(actions, [`instantiate ${accountSet.id}:template:buyFood`, `instantiate ${accountSet.id}:template:refundMealFees`])
    }))

  it.effect("a built-in template whose account the books deleted fails with the voucher rule", () =>
    Effect.gen(function*() {
      const library = yield* LedgerLibrary
      const ledger = yield* LedgerService
      yield* ledger.createAccountSet(administrator, { code: AccountSetCode.make("no-subsidy"), name: "無補貼", template: "messHall", startPeriod: { fiscalYear: 2026, number: 3 } })
      // The grain subsidy is optional: these books do without it.
      yield* ledger.deleteAccounts(administrator, "no-subsidy", ["4002"])
      yield* ledger.enableAccountSet(administrator, "no-subsidy")
      const error = yield* Effect.flip(library.instantiateVoucherTemplate(maker, "no-subsidy", "receiveGrainSubsidy", { date: date("2026-03-05"), amounts: { amount: dec("300.00") } }))
      assert.deepInclude(error, { _tag: "AccountNotFound", line: 2, accountCode: "4002" })
    }))

  it.effect("an instantiation retried with the same idempotency key makes one voucher", () =>
    Effect.gen(function*() {
      const library = yield* LedgerLibrary
      const ledger = yield* LedgerService
      const accountSet = yield* messBooks("retry")
      const key = IdempotencyKey.make("use-buyFood-1")
      const fill = { date: date("2026-03-05"), amounts: { amount: dec("99.00") } }
      const first = yield* library.instantiateVoucherTemplate(maker, "retry", "buyFood", fill, { idempotencyKey: key })
      const second = yield* library.instantiateVoucherTemplate(maker, "retry", "buyFood", fill, { idempotencyKey: key })
      assert.strictEqual(second.id, first.id)
      assert.strictEqual((yield* ledger.listVouchers(maker, "retry", { limit: 100 })).length, 1)
      assert.strictEqual((yield* auditActions(accountSet.id, "ledger.voucherTemplate")).length, 1)
      const other = yield* Effect.flip(library.instantiateVoucherTemplate(maker, "retry", "buyFood", { ...fill, amounts: { amount: dec("98.00") } }, { idempotencyKey: key }))
      assert.strictEqual(other._tag, "IdempotencyConflict")
      // Saving library entries honours keys too.
      const summaryKey = IdempotencyKey.make("summary-40")
      yield* library.addSummary(maker, "retry", { code: "40", text: "收到伙食補助" }, { idempotencyKey: summaryKey })
      const replayed = yield* library.addSummary(maker, "retry", { code: "40", text: "收到伙食補助" }, { idempotencyKey: summaryKey })
      assert.strictEqual(replayed.code, "40")
      assert.deepStrictEqual(yield* auditActions(accountSet.id, "ledger.summary"), [`add ${accountSet.id}:summary:40`])
    }))
}, () => ledgerSqlLayer())
