/**
 * Proves the ledger's library over HTTP on the reference server, on every dialect under
 * test: mess-hall books created from the template come with the summaries of the nine
 * standard entries; the maker lists them by prefix and category, adds, edits and deletes
 * entries; voucher templates list the built-ins beside stored ones, are saved from a
 * definition or from a voucher, renamed and deleted (built-ins are read-only); a
 * template instantiated over HTTP is a numbered draft voucher, once per Idempotency-Key.
 * Every new error answers its RFC 9457 problem with its status; bodies that break the
 * schemas are 400 problems; the supervisor lacks ledger.library.manage (403) and an
 * operator of another organisation is answered 404 (the books do not exist for them). The OpenAPI document lists the
 * library's endpoints.
 */
import { dialectsUnderTest } from "@danju/core/testing"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { accountSetCaller, demoPassword, loginAs, outsiderPassword, request, standInForUnavailable, startServerWithOutsider } from "./support"
import type { JsonResponse, RunningServer } from "./support"

const assertProblem = (response: JsonResponse, status: number, code: string) => {
  assert.strictEqual(response.status, status, JSON.stringify(response.body))
  assert.include(response.contentType, "application/problem+json")
  assert.strictEqual(response.body.status, status)
  assert.strictEqual(response.body.code, code)
  assert.match(response.body.type, /^urn:danju:problem:[a-z-]+$/)
  assert.isAbove(response.body.detail.length, 0)
}

for (const dialect of dialectsUnderTest()) {
  if (standInForUnavailable(`ledger library over HTTP [${dialect.name}]`, dialect)) continue

  describe(`ledger library over HTTP [${dialect.name}]`, () => {
    let server: RunningServer
    const tokens: Record<string, string> = {}
    const books = `library-${dialect.name}`
    const call = accountSetCaller(() => `${server.url}/ledger/account-sets/${books}`, tokens)

    beforeAll(async () => {
      server = await startServerWithOutsider(dialect.name)
      for (const login of ["admin", "maker", "checker"]) tokens[login] = await loginAs(server.url, login, demoPassword(login))
      tokens["outsider"] = await loginAs(server.url, "outsider", outsiderPassword)
      const created = await call("admin", "POST", `${server.url}/ledger/account-sets`, {
        code: books,
        name: "二中隊伙食賬",
        template: "messHall",
        startPeriod: "2026-01"
      })
      assert.strictEqual(created.status, 201, JSON.stringify(created.body))
      const openings = await call("admin", "PUT", "/openings", {
        openings: [
          { accountCode: "1001", balance: "600.00" },
          { accountCode: "1002", balance: "9400.00" },
          { accountCode: "4001", balance: "10000.00" }
        ]
      })
      assert.strictEqual(openings.status, 200, JSON.stringify(openings.body))
      assert.strictEqual((await call("admin", "POST", "/enable")).status, 200)
    })
    afterAll(async () => {
      await server?.close()
    })

    it("the summary library: seeded with the mess hall's standard summaries, listed by prefix and category", async () => {
      const all = await call("maker", "GET", "/summaries")
      assert.strictEqual(all.status, 200)
      assert.strictEqual(all.body.summaries.length, 9)
      assert.deepStrictEqual(all.body.summaries[0], {
        code: "01",
        text: "從銀行提取現金",
        category: "標準分錄",
        mnemonic: "CYHTQXJ",
        defaultAccountCode: "1001"
      })
      const byMnemonic = await call("maker", "GET", "/summaries?prefix=gm")
      assert.deepStrictEqual(byMnemonic.body.summaries.map((entry: { code: string }) => entry.code), ["02"])
      const byCategory = await call("checker", "GET", `/summaries?category=${encodeURIComponent("標準分錄")}&prefix=${encodeURIComponent("收")}`)
      assert.deepStrictEqual(byCategory.body.summaries.map((entry: { code: string }) => entry.code), ["03", "04", "05", "08"])
    })

    it("adds, edits and deletes summaries; each rule is its problem", async () => {
      const added = await call("maker", "POST", "/summaries", { code: "10", text: "收到炊事員伙食費", mnemonic: "sdcsy", defaultAccountCode: "1001" })
      assert.strictEqual(added.status, 201, JSON.stringify(added.body))
      assert.deepStrictEqual(added.body, { code: "10", text: "收到炊事員伙食費", category: null, mnemonic: "SDCSY", defaultAccountCode: "1001" })
      assertProblem(await call("maker", "POST", "/summaries", { code: "10", text: "收到炊事員伙食費" }), 409, "SummaryCodeExists")
      const short = await call("maker", "POST", "/summaries", { code: "11", text: "買菜" })
      assertProblem(short, 422, "SummaryTooShort")
      assert.deepInclude(short.body, { length: 2, minimum: 4 })
      assertProblem(await call("maker", "POST", "/summaries", { code: "11", text: "購買調料用品", defaultAccountCode: "9999" }), 404, "AccountNotFound")
      assertProblem(await call("maker", "POST", "/summaries", { code: "bad code", text: "購買調料用品" }), 400, "RequestInvalid")
      const denied = await call("checker", "POST", "/summaries", { code: "11", text: "購買調料用品" })
      assertProblem(denied, 403, "PermissionDenied")
      assert.strictEqual(denied.body.permission, "ledger.library.manage")
      assertProblem(await call("outsider", "GET", "/summaries"), 404, "AccountSetNotFound")

      const edited = await call("maker", "PATCH", "/summaries/10", { text: "收到炊事班伙食費", mnemonic: null })
      assert.strictEqual(edited.status, 200, JSON.stringify(edited.body))
      assert.deepInclude(edited.body, { text: "收到炊事班伙食費", mnemonic: null, defaultAccountCode: "1001" })
      assertProblem(await call("maker", "PATCH", "/summaries/99", { text: "不存在的摘要" }), 404, "SummaryNotFound")
      const deleted = await call("maker", "DELETE", "/summaries/10")
      assert.strictEqual(deleted.status, 200)
      assert.strictEqual(deleted.body.text, "收到炊事班伙食費")
      assertProblem(await call("maker", "DELETE", "/summaries/10"), 404, "SummaryNotFound")
    })

    it("voucher templates: built-ins beside stored ones, saved from a definition or a voucher, renamed, deleted", async () => {
      const listed = await call("maker", "GET", "/voucher-templates")
      assert.strictEqual(listed.status, 200)
      assert.strictEqual(listed.body.templates.length, 9)
      assert.deepInclude(listed.body.templates[1], { id: "buyFood", name: "買菜", builtIn: true, placeholders: ["amount"] })

      const definition = {
        id: "payCook",
        name: "付工資",
        description: "",
        word: "記",
        lines: [
          { summary: "支付炊事員工資", accountCode: "4001", side: "debit" },
          { summary: "支付炊事員工資", accountCode: "1001", side: "credit" }
        ]
      }
      const saved = await call("maker", "POST", "/voucher-templates", definition)
      assert.strictEqual(saved.status, 201, JSON.stringify(saved.body))
      assert.deepInclude(saved.body, { id: "payCook", builtIn: false, placeholders: ["amount"] })
      assertProblem(await call("maker", "POST", "/voucher-templates", definition), 409, "VoucherTemplateExists")
      const builtInId = await call("maker", "POST", "/voucher-templates", { ...definition, id: "buyFood" })
      assertProblem(builtInId, 409, "VoucherTemplateExists")
      assert.isTrue(builtInId.body.builtIn)
      const disabled = await call("maker", "POST", "/voucher-templates", { ...definition, id: "other", lines: [definition.lines[0], { ...definition.lines[1], accountCode: "9999" }] })
      assertProblem(disabled, 404, "AccountNotFound")
      assert.strictEqual(disabled.body.line, 2)
      assertProblem(await call("maker", "POST", "/voucher-templates", { ...definition, id: "other", word: "轉" }), 422, "VoucherWordUnknown")
      const quantity = await call("admin", "POST", "/accounts", { accounts: [{ code: "1403", name: "庫存糧油", category: "asset", direction: "debit", quantityUnit: "kg" }] })
      assert.strictEqual(quantity.status, 201, JSON.stringify(quantity.body))
      const unsupported = await call("maker", "POST", "/voucher-templates", { ...definition, id: "other", lines: [{ ...definition.lines[0], accountCode: "1403" }, definition.lines[1]] })
      assertProblem(unsupported, 422, "VoucherTemplateAccountUnsupported")
      assert.deepInclude(unsupported.body, { line: 1, accountCode: "1403", reason: "quantity" })
      assertProblem(await call("maker", "POST", "/voucher-templates", { ...definition, id: "other", lines: [definition.lines[0]] }), 400, "RequestInvalid")

      const renamed = await call("maker", "PATCH", "/voucher-templates/payCook", { name: "付炊事員工資" })
      assert.strictEqual(renamed.status, 200)
      assert.strictEqual(renamed.body.name, "付炊事員工資")
      assertProblem(await call("maker", "PATCH", "/voucher-templates/buyFood", { name: "買菜買肉" }), 409, "VoucherTemplateReadOnly")
      assertProblem(await call("maker", "DELETE", "/voucher-templates/buyFood"), 409, "VoucherTemplateReadOnly")
      assertProblem(await call("maker", "GET", "/voucher-templates/nothing"), 404, "VoucherTemplateNotFound")
      assert.strictEqual((await call("maker", "GET", "/voucher-templates/payCook")).body.name, "付炊事員工資")
      assert.strictEqual((await call("maker", "DELETE", "/voucher-templates/payCook")).status, 200)
      assertProblem(await call("maker", "DELETE", "/voucher-templates/payCook"), 404, "VoucherTemplateNotFound")

      // From a voucher: the voucher's lines, amounts left open.
      const voucher = await call("maker", "POST", "/vouchers", {
        date: "2026-01-04",
        lines: [
          { summary: "收到上級撥款", accountCode: "1002", debit: "5000.00" },
          { summary: "收到上級撥款", accountCode: "4001", credit: "5000.00" }
        ]
      })
      assert.strictEqual(voucher.status, 201)
      const copied = await call("maker", "POST", "/voucher-templates", { fromVoucher: voucher.body.id, id: "allocation", name: "上級撥款" })
      assert.strictEqual(copied.status, 201, JSON.stringify(copied.body))
      assert.deepStrictEqual(copied.body.lines, [
        { summary: "收到上級撥款", accountCode: "1002", side: "debit", amount: "amount" },
        { summary: "收到上級撥款", accountCode: "4001", side: "credit", amount: "amount" }
      ])
      assertProblem(await call("maker", "POST", "/voucher-templates", { fromVoucher: "nope", id: "x", name: "x" }), 404, "VoucherNotFound")
    })

    it("instantiating a template makes a draft voucher; a retry with the Idempotency-Key returns it", async () => {
      const path = "/voucher-templates/buyFood/instantiate"
      const body = { date: "2026-01-05", amounts: { amount: "1862.40" }, attachments: 2 }
      const made = await call("maker", "POST", path, body, { "idempotency-key": "library-buy-1" })
      assert.strictEqual(made.status, 201, JSON.stringify(made.body))
      assert.deepInclude(made.body, { status: "draft", word: "記", attachments: 2, total: "1862.4" })
      assert.deepStrictEqual(made.body.lines.map((line: { accountCode: string; debit: string; credit: string }) => [line.accountCode, line.debit, line.credit]), [
        ["4001", "1862.4", "0"],
        ["1001", "0", "1862.4"]
      ])
      const retry = await call("maker", "POST", path, body, { "idempotency-key": "library-buy-1" })
      assert.strictEqual(retry.status, 201)
      assert.strictEqual(retry.body.id, made.body.id)
      assertProblem(await call("maker", "POST", path, { ...body, amounts: { amount: "1.00" } }, { "idempotency-key": "library-buy-1" }), 409, "IdempotencyConflict")
      const missing = await call("maker", "POST", path, { date: "2026-01-05", amounts: {} })
      assertProblem(missing, 422, "VoucherTemplateAmountMissing")
      assert.deepInclude(missing.body, { template: "buyFood", placeholder: "amount" })
      // The voucher rules apply: the summary override is below the mess hall's minimum.
      const short = await call("maker", "POST", "/voucher-templates/refundMealFees/instantiate", { date: "2026-01-05", amounts: { amount: "10" }, summary: "退費" })
      assertProblem(short, 422, "SummaryTooShort")
      assertProblem(await call("maker", "POST", path, { date: "2026-01-05", amounts: { amount: 12.5 } }), 400, "RequestInvalid")
      assertProblem(await call("maker", "POST", "/voucher-templates/nothing/instantiate", body), 404, "VoucherTemplateNotFound")
      assertProblem(await call("outsider", "POST", path, body), 404, "AccountSetNotFound")
      // The checker may audit what the template made.
      const audited = await call("checker", "POST", "/vouchers/audit", { voucherIds: [made.body.id] })
      assert.strictEqual(audited.status, 200, JSON.stringify(audited.body))
    })

    it("the OpenAPI document lists the library's endpoints with their problems", async () => {
      const document = await request(`${server.url}/openapi.json`)
      const paths = document.body.paths
      const prefix = "/ledger/account-sets/{accountSet}"
      for (const path of ["/summaries", "/summaries/{summaryCode}", "/voucher-templates", "/voucher-templates/{templateId}", "/voucher-templates/{templateId}/instantiate"]) {
        assert.property(paths, `${prefix}${path}`)
      }
      const instantiate = paths[`${prefix}/voucher-templates/{templateId}/instantiate`].post
      assert.containsAllKeys(instantiate.responses, ["201", "400", "401", "403", "404", "409", "422"])
      assert.include(JSON.stringify(instantiate.responses["422"]), "VoucherTemplateAmountMissing")
      assert.include(JSON.stringify(instantiate.parameters), "idempotency-key")
    })
  })
}
