/**
 * Proves the ledger's HTTP API end to end on the reference server, over real HTTP on
 * every dialect under test: the demo operators create mess-hall books from the template,
 * enter and enable openings, make vouchers as the maker, audit as the checker (a maker
 * auditing their own voucher is the 422 SelfAuditForbidden problem; the maker's role
 * lacks the audit permission: 403), post, and read a trial balance equal to the
 * service's. Invalid bodies are 400 problems, unbalanced vouchers 422 with
 * debit/credit/difference, an operator of another organisation gets 404 on every
 * endpoint naming the books (and changes nothing), and a retried POST with the same
 * Idempotency-Key returns the same voucher. Month end works over HTTP too: carry-forward,
 * period close with a seal, a closed period refusing vouchers, reopen by the administrator.
 */
import type { Actor } from "@danju/core"
import { LedgerService, trialBalanceJson } from "@danju/ledger"
import { dialectsUnderTest } from "@danju/core/testing"
import { Effect } from "effect"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { accountSetCaller, demoPassword, loginAs, outsiderPassword, request, standInForUnavailable, startServerWithOutsider } from "./support"
import type { JsonResponse, RunningServer } from "./support"

const problemContentType = "application/problem+json"

const assertProblem = (response: JsonResponse, status: number, code: string) => {
  assert.strictEqual(response.status, status, JSON.stringify(response.body))
  assert.include(response.contentType, problemContentType)
  assert.strictEqual(response.body.status, status)
  assert.strictEqual(response.body.code, code)
  assert.match(response.body.type, /^urn:danju:problem:[a-z-]+$/)
  assert.isString(response.body.title)
  assert.isAbove(response.body.detail.length, 0)
}

type LedgerShape = typeof LedgerService.Service

for (const dialect of dialectsUnderTest()) {
  if (standInForUnavailable(`ledger over HTTP [${dialect.name}]`, dialect)) continue

  describe(`ledger over HTTP [${dialect.name}]`, () => {
    let server: RunningServer
    let ledger: LedgerShape | undefined
    const tokens: Record<string, string> = {}
    const books = `mess-${dialect.name}`
    const base = () => `${server.url}/ledger/account-sets/${books}`
    const call = accountSetCaller(base, tokens)
    const voucherIds: Record<string, string> = {}

    const foodVoucher = {
      date: "2026-01-05",
      lines: [
        { summary: "購買蔬菜肉類", accountCode: "4001", debit: "320.50" },
        { summary: "購買蔬菜肉類", accountCode: "1001", credit: "320.50" }
      ]
    }
    const allocationVoucher = {
      date: "2026-01-03",
      lines: [
        { summary: "收到伙食撥款", accountCode: "1002", debit: "8000.00" },
        { summary: "收到伙食撥款", accountCode: "4001", credit: "8000.00" }
      ]
    }

    beforeAll(async () => {
      server = await startServerWithOutsider(dialect.name, Effect.gen(function*() {
        ledger = yield* LedgerService
      }))
      for (const login of ["admin", "maker", "checker", "cashier"]) tokens[login] = await loginAs(server.url, login, demoPassword(login))
      tokens["outsider"] = await loginAs(server.url, "outsider", outsiderPassword)
    })
    afterAll(async () => {
      await server?.close()
    })

    it("lists the chart templates, and the administrator creates the mess-hall books from one", async () => {
      const templates = await call("maker", "GET", `${server.url}/ledger/chart-templates`)
      assert.strictEqual(templates.status, 200)
      assert.includeMembers(templates.body.templates.map((template: { id: string }) => template.id), ["messHall", "enterprise", "smallEnterprise", "empty"])

      const denied = await call("maker", "POST", `${server.url}/ledger/account-sets`, { code: books, name: "伙食賬", template: "messHall", startPeriod: "2026-01" })
      assertProblem(denied, 403, "PermissionDenied")
      assert.strictEqual(denied.body.permission, "ledger.accountSet.create")

      const created = await call("admin", "POST", `${server.url}/ledger/account-sets`, {
        code: books,
        name: "一中隊伙食賬",
        template: "messHall",
        startPeriod: "2026-01"
      })
      assert.strictEqual(created.status, 201, JSON.stringify(created.body))
      assert.strictEqual(created.body.code, books)
      assert.strictEqual(created.body.organisationId, "demo")
      assert.strictEqual(created.body.status, "initializing")
      assert.strictEqual(created.body.startPeriod, "2026-01")
      assert.strictEqual(created.body.options.summaryLengthMin, 4)
      assert.isTrue(created.body.options.makerMayNotAudit)
      assert.notProperty(created.body, "id")
      assert.isTrue(Date.parse(created.body.createdAt) > 0)

      const again = await call("admin", "POST", `${server.url}/ledger/account-sets`, { code: books, name: "again", template: "messHall", startPeriod: "2026-01" })
      assertProblem(again, 409, "AccountSetExists")

      const chart = await call("maker", "GET", "/accounts")
      assert.strictEqual(chart.status, 200)
      assert.deepStrictEqual(chart.body.accounts.map((account: { code: string }) => account.code), ["1001", "1002", "4001", "4002"])
      const listed = await call("checker", "GET", `${server.url}/ledger/account-sets`)
      // Besides the demo books that `--demo` loads, the new books are listed.
      assert.deepStrictEqual(listed.body.accountSets.map((set: { code: string }) => set.code).sort(), ["company-demo", books, "mess-demo"].sort())
    })

    it("the maker enters openings; the administrator enables the books once they balance", async () => {
      const unbalanced = await call("maker", "PUT", "/openings", {
        openings: [{ accountCode: "1001", balance: "500.00" }, { accountCode: "4001", balance: "400.00" }]
      })
      assert.strictEqual(unbalanced.status, 200)
      assertProblem(await call("admin", "POST", "/enable"), 422, "OpeningBalancesUnbalanced")

      const openings = await call("maker", "PUT", "/openings", {
        openings: [
          { accountCode: "1001", balance: "500.00" },
          { accountCode: "1002", balance: "12000.00" },
          { accountCode: "4001", balance: "12500.00" }
        ]
      })
      assert.strictEqual(openings.status, 200)
      assert.lengthOf(openings.body.openings, 3)
      const enabled = await call("admin", "POST", "/enable")
      assert.strictEqual(enabled.status, 200)
      assert.strictEqual(enabled.body.status, "enabled")
      const locked = await call("maker", "PUT", "/openings", { openings: [] })
      assertProblem(locked, 409, "AccountSetStatusInvalid")
      // The error's own `status` field must not overwrite the HTTP status member.
      assert.deepInclude(locked.body, { status: 409, errorStatus: "enabled", required: "initializing" })
    })

    it("a retried POST with the same Idempotency-Key returns the same voucher; another body under it is a 409", async () => {
      const first = await call("maker", "POST", "/vouchers", foodVoucher, { "idempotency-key": `food-${dialect.name}` })
      assert.strictEqual(first.status, 201, JSON.stringify(first.body))
      assert.strictEqual(first.body.status, "draft")
      assert.strictEqual(first.body.total, "320.5")
      assert.strictEqual(first.body.lines[0].debit, "320.5")
      assert.strictEqual(first.body.lines[1].credit, "320.5")
      const retry = await call("maker", "POST", "/vouchers", foodVoucher, { "idempotency-key": `food-${dialect.name}` })
      assert.strictEqual(retry.status, 201)
      assert.strictEqual(retry.body.id, first.body.id)
      assert.strictEqual(retry.body.number, first.body.number)
      const conflict = await call("maker", "POST", "/vouchers", allocationVoucher, { "idempotency-key": `food-${dialect.name}` })
      assertProblem(conflict, 409, "IdempotencyConflict")
      voucherIds["food"] = first.body.id

      const allocation = await call("maker", "POST", "/vouchers", allocationVoucher)
      assert.strictEqual(allocation.status, 201)
      assert.strictEqual(allocation.body.number, first.body.number + 1)
      voucherIds["allocation"] = allocation.body.id
      const listed = await call("checker", "GET", "/vouchers?status=draft")
      assert.deepStrictEqual(listed.body.vouchers.map((voucher: { id: string }) => voucher.id), [first.body.id, allocation.body.id])
    })

    it("the maker's role may not audit (403); an auditor may not audit their own voucher (422)", async () => {
      const denied = await call("maker", "POST", "/vouchers/audit", { voucherIds: [voucherIds["food"]] })
      assertProblem(denied, 403, "PermissionDenied")
      assert.strictEqual(denied.body.permission, "ledger.voucher.audit")

      const own = await call("admin", "POST", "/vouchers", {
        date: "2026-01-20",
        lines: [
          { summary: "提取備用現金", accountCode: "1001", debit: "200" },
          { summary: "提取備用現金", accountCode: "1002", credit: "200" }
        ]
      })
      assert.strictEqual(own.status, 201)
      const selfAudit = await call("admin", "POST", "/vouchers/audit", { voucherIds: [own.body.id] })
      assertProblem(selfAudit, 422, "SelfAuditForbidden")
      assert.strictEqual(selfAudit.body.voucherId, own.body.id)
      assert.strictEqual(selfAudit.body.operatorId, own.body.makerId)
      const unchanged = await call("admin", "GET", `/vouchers/${own.body.id}`)
      assert.strictEqual(unchanged.body.status, "draft")
      voucherIds["cash"] = own.body.id
    })

    it("the checker audits and posts in batches; the trial balance over HTTP equals the service's", async () => {
      const ids = [voucherIds["food"], voucherIds["allocation"], voucherIds["cash"]]
      const audited = await call("checker", "POST", "/vouchers/audit", { voucherIds: ids })
      assert.strictEqual(audited.status, 200, JSON.stringify(audited.body))
      assert.deepStrictEqual(audited.body.vouchers.map((voucher: { status: string }) => voucher.status), ["audited", "audited", "audited"])
      const signed = await call("cashier", "POST", "/vouchers/sign", { voucherIds: ids })
      assert.strictEqual(signed.status, 200)
      assert.isString(signed.body.vouchers[0].cashierId)
      const posted = await call("checker", "POST", "/vouchers/post", { voucherIds: ids })
      assert.strictEqual(posted.status, 200)
      assert.deepStrictEqual(posted.body.vouchers.map((voucher: { status: string }) => voucher.status), ["posted", "posted", "posted"])
      const again = await call("checker", "POST", "/vouchers/post", { voucherIds: ids })
      assertProblem(again, 409, "VoucherStatusInvalid")
      assert.deepInclude(again.body, { errorStatus: "posted", required: "audited", action: "post" })

      const overHttp = await call("checker", "GET", "/trial-balance?from=2026-01&to=2026-01")
      assert.strictEqual(overHttp.status, 200)
      assert.isTrue(overHttp.body.balanced)
      const cash = overHttp.body.rows.find((row: { code: string }) => row.code === "1001")
      assert.deepInclude(cash, { openingDebit: "500.00", periodDebit: "200.00", periodCredit: "320.50", closingDebit: "379.50", closingCredit: "0.00" })
      const fund = overHttp.body.rows.find((row: { code: string }) => row.code === "4001")
      assert.deepInclude(fund, { openingCredit: "12500.00", periodDebit: "320.50", periodCredit: "8000.00", closingCredit: "20179.50" })

      const me = await call("checker", "GET", `${server.url}/auth/me`)
      const actor: Actor = { operatorId: me.body.operator.id, organisationId: me.body.operator.organisationId, roles: me.body.operator.roles }
      const fromService = await Effect.runPromise(
        ledger!.trialBalance(actor, books, { from: { fiscalYear: 2026, number: 1 }, to: { fiscalYear: 2026, number: 1 } })
      )
      assert.deepStrictEqual(overHttp.body, trialBalanceJson(fromService, 2))

      const verify = await call("checker", "GET", "/verify")
      assert.strictEqual(verify.status, 200)
      assert.deepStrictEqual(verify.body.differences, [])
      assert.isAbove(verify.body.auditRecords, 0)
    })

    it("a posted voucher is reversed once with red ink; a second reversal is a 409", async () => {
      const reversal = await call("maker", "POST", `/vouchers/${voucherIds["food"]}/reverse`, { date: "2026-01-25" })
      assert.strictEqual(reversal.status, 201, JSON.stringify(reversal.body))
      assert.strictEqual(reversal.body.reversalOfId, voucherIds["food"])
      assert.strictEqual(reversal.body.lines[0].debit, "-320.5")
      assert.match(reversal.body.lines[0].summary, /^注銷 1月5日 記-\d+號憑證$/)
      const twice = await call("maker", "POST", `/vouchers/${voucherIds["food"]}/reverse`, { date: "2026-01-26" })
      assertProblem(twice, 409, "VoucherAlreadyReversed")
      assert.strictEqual(twice.body.reversalId, reversal.body.id)
      assertProblem(await call("maker", "POST", `/vouchers/${voucherIds["food"]}/reverse`, { date: "2025-12-31" }), 422, "ReversalDateInvalid")
    })

    it("a draft is edited and deleted; a posted voucher gets one difference voucher", async () => {
      const made = await call("maker", "POST", "/vouchers", {
        date: "2026-01-12",
        lines: [
          { summary: "購買糧油調料", accountCode: "4001", debit: "88.00" },
          { summary: "購買糧油調料", accountCode: "1001", credit: "88.00" }
        ]
      })
      assert.strictEqual(made.status, 201, JSON.stringify(made.body))
      const edited = await call("maker", "PUT", `/vouchers/${made.body.id}`, {
        date: "2026-01-13",
        lines: [
          { summary: "購買糧油調料", accountCode: "4001", debit: "98.00" },
          { summary: "購買糧油調料", accountCode: "1001", credit: "98.00" }
        ]
      })
      assert.strictEqual(edited.status, 200, JSON.stringify(edited.body))
      assert.deepInclude(edited.body, { id: made.body.id, number: made.body.number, date: "2026-01-13", total: "98" })
      assertProblem(await call("maker", "PUT", `/vouchers/${voucherIds["food"]}`, {
        date: "2026-01-13",
        lines: [
          { summary: "購買糧油調料", accountCode: "4001", debit: "1" },
          { summary: "購買糧油調料", accountCode: "1001", credit: "1" }
        ]
      }), 409, "VoucherStatusInvalid")
      const deleted = await call("maker", "POST", "/vouchers/delete", { voucherIds: [made.body.id] })
      assert.strictEqual(deleted.status, 200, JSON.stringify(deleted.body))
      assert.deepStrictEqual(deleted.body.deleted, [made.body.id])
      assertProblem(await call("checker", "GET", `/vouchers/${made.body.id}`), 404, "VoucherNotFound")
      assertProblem(await call("cashier", "POST", "/vouchers/delete", { voucherIds: [voucherIds["food"]] }), 403, "PermissionDenied")

      const posted = await call("checker", "GET", `/vouchers/${voucherIds["cash"]}`)
      assert.strictEqual(posted.body.status, "posted")
      const right = (line: { debit: string; credit: string }) => String(Number(line.debit === "0" ? line.credit : line.debit) + 1)
      const correction = await call("maker", "POST", `/vouchers/${voucherIds["cash"]}/correct`, {
        date: "2026-01-28",
        lines: posted.body.lines.map((line: { debit: string; credit: string }, index: number) => ({ lineNumber: index + 1, amount: right(line) }))
      })
      assert.strictEqual(correction.status, 201, JSON.stringify(correction.body))
      assert.strictEqual(correction.body.correctionOfId, voucherIds["cash"])
      assert.match(correction.body.lines[0].summary, /^更正 1月\d+日 記-\d+號憑證$/)
      assert.deepStrictEqual(correction.body.lines.map((line: { debit: string; credit: string }) => line.debit === "0" ? line.credit : line.debit), ["1", "1"])
      const again = await call("maker", "POST", `/vouchers/${voucherIds["cash"]}/correct`, { date: "2026-01-28", lines: [{ lineNumber: 1, amount: "5" }] })
      assertProblem(again, 409, "VoucherAlreadyCorrected")
      assert.strictEqual(again.body.correctionId, correction.body.id)
      assertProblem(await call("maker", "POST", `/vouchers/${voucherIds["allocation"]}/correct`, { date: "2026-01-28", lines: [{ lineNumber: 9, amount: "5" }] }), 422, "CorrectionInvalid")
      // Leave the books as the later tests expect them: the correction draft goes again.
      assert.strictEqual((await call("maker", "POST", "/vouchers/delete", { voucherIds: [correction.body.id] })).status, 200)
    })

    it("vouchers are listed page by page through the next cursor", async () => {
      const seen: Array<string> = []
      let after: string | null = null
      for (let page = 0; page < 10; page++) {
        const response: JsonResponse = await call("checker", "GET", `/vouchers?limit=2${after === null ? "" : `&after=${encodeURIComponent(after)}`}`)
        assert.strictEqual(response.status, 200)
        seen.push(...response.body.vouchers.map((voucher: { id: string }) => voucher.id))
        after = response.body.next
        if (after === null) break
      }
      assert.lengthOf(seen, 4)
      assert.strictEqual(new Set(seen).size, 4)
      assertProblem(await call("checker", "GET", "/vouchers?after=garbage"), 400, "RequestInvalid")
    })

    it("an unbalanced voucher is a 422 problem with debit, credit and difference; nothing is written", async () => {
      const before = await call("checker", "GET", "/vouchers")
      const unbalanced = await call("maker", "POST", "/vouchers", {
        date: "2026-01-10",
        lines: [
          { summary: "購買糧油調料", accountCode: "4001", debit: "100" },
          { summary: "購買糧油調料", accountCode: "1001", credit: "90.5" }
        ]
      })
      assertProblem(unbalanced, 422, "VoucherUnbalanced")
      assert.deepInclude(unbalanced.body, { debit: "100", credit: "90.5", difference: "9.5", commodity: "CNY" })
      const short = await call("maker", "POST", "/vouchers", {
        date: "2026-01-10",
        lines: [
          { summary: "買菜", accountCode: "4001", debit: "1" },
          { summary: "買菜", accountCode: "1001", credit: "1" }
        ]
      })
      assertProblem(short, 422, "SummaryTooShort")
      assert.strictEqual(short.body.minimum, 4)
      const after = await call("checker", "GET", "/vouchers")
      assert.strictEqual(after.body.vouchers.length, before.body.vouchers.length)
    })

    it("malformed bodies, amounts as JSON numbers and bad periods are 400 problems naming the field", async () => {
      const numeric = await call("maker", "POST", "/vouchers", {
        date: "2026-01-10",
        lines: [
          { summary: "購買糧油調料", accountCode: "4001", debit: 100 },
          { summary: "購買糧油調料", accountCode: "1001", credit: "100" }
        ]
      })
      assertProblem(numeric, 400, "RequestInvalid")
      assert.strictEqual(numeric.body.issues[0].path, "lines.0.debit")
      const exponent = await call("maker", "POST", "/vouchers", {
        date: "2026-01-10",
        lines: [
          { summary: "購買糧油調料", accountCode: "4001", debit: "1e2" },
          { summary: "購買糧油調料", accountCode: "1001", credit: "100" }
        ]
      })
      assertProblem(exponent, 400, "RequestInvalid")
      assertProblem(await call("maker", "POST", "/vouchers", { lines: [] }), 400, "RequestInvalid")
      assertProblem(await call("maker", "POST", "/vouchers", "{\"date\": "), 400, "RequestInvalid")
      const period = await call("checker", "GET", "/trial-balance?from=2026-14")
      assertProblem(period, 400, "RequestInvalid")
      assert.strictEqual(period.body.issues[0].path, "from")
      assertProblem(await call("checker", "GET", `${server.url}/ledger/account-sets/bad%20code`), 400, "RequestInvalid")
      assertProblem(await call("checker", "POST", "/vouchers/audit", { voucherIds: [] }), 400, "RequestInvalid")
    })

    it("unknown books and vouchers are 404 problems; a missing token is 401", async () => {
      assertProblem(await call("checker", "GET", `${server.url}/ledger/account-sets/no-such-books`), 404, "AccountSetNotFound")
      assertProblem(await call("checker", "GET", "/vouchers/no-such-voucher"), 404, "VoucherNotFound")
      assertProblem(await call("maker", "PATCH", "/accounts/9999", { name: "nothing" }), 404, "AccountNotFound")
      assertProblem(await request(`${base()}/trial-balance`), 401, "SessionInvalid")
    })

    it("an operator of another organisation gets 404 on every endpoint naming the books (they do not exist for them) and changes nothing", async () => {
      const voucherId = voucherIds["allocation"]
      const ids = { voucherIds: [voucherId] }
      const attempts: Array<[string, string, unknown?]> = [
        ["GET", ""],
        ["PUT", "/openings", { openings: [] }],
        ["POST", "/enable"],
        ["GET", "/accounts"],
        ["POST", "/accounts", { accounts: [{ code: "1003", name: "其他貨幣資金" }] }],
        ["PATCH", "/accounts/1001", { name: "stolen" }],
        ["DELETE", "/accounts/4002"],
        ["POST", "/dimension-values", { values: [{ type: "department", code: "d1", name: "Kitchen" }] }],
        ["POST", "/vouchers", allocationVoucher],
        ["POST", "/vouchers/batch", { vouchers: [allocationVoucher] }],
        ["GET", "/vouchers"],
        ["GET", `/vouchers/${voucherId}`],
        ["POST", "/vouchers/audit", ids],
        ["POST", "/vouchers/unaudit", ids],
        ["POST", "/vouchers/sign", ids],
        ["POST", "/vouchers/post", ids],
        ["POST", "/vouchers/unpost", ids],
        ["POST", `/vouchers/${voucherId}/reverse`, { date: "2026-01-31" }],
        ["GET", "/trial-balance"],
        ["GET", "/verify"],
        ["POST", "/period-end/carry-forward", { period: "2026-01" }],
        ["POST", "/period-end/revalue", { period: "2026-01", rates: { USD: "7.1" } }],
        ["POST", "/periods/close", {}],
        ["POST", "/periods/reopen"],
        ["POST", "/years/close", { fiscalYear: 2026 }],
        ["POST", "/years/reopen"],
        ["POST", "/vouchers/renumber", { period: "2026-01", order: "date" }],
        ["GET", "/period-end/verify"]
      ]
      for (const [method, path, body] of attempts) {
        const response = await call("outsider", method, path, body)
        // Answered as if the books did not exist: no 403 naming whose they are.
        assertProblem(response, 404, "AccountSetNotFound")
        assert.notInclude(JSON.stringify(response.body), "\"demo\"", `${method} ${path}`)
      }
      const mine = await call("outsider", "GET", `${server.url}/ledger/account-sets`)
      assert.deepStrictEqual(mine.body.accountSets, [])
      const voucher = await call("checker", "GET", `/vouchers/${voucherId}`)
      assert.strictEqual(voucher.body.status, "posted")
      const chart = await call("checker", "GET", "/accounts")
      assert.strictEqual(chart.body.accounts.find((account: { code: string }) => account.code === "1001").name, "庫存現金")
      assert.lengthOf(chart.body.accounts, 4)
    })

    it("month end over HTTP: carry-forward, close with a seal, closed period refuses vouchers, reopen", async () => {
      const reversalDrafts = await call("checker", "GET", "/vouchers?status=draft")
      const unposted = await call("maker", "POST", "/period-end/carry-forward", { period: "2026-01" })
      assertProblem(unposted, 409, "UnpostedVouchersRemain")
      const draftIds = reversalDrafts.body.vouchers.map((voucher: { id: string }) => voucher.id)
      assert.isAbove(draftIds.length, 0)
      assert.strictEqual((await call("checker", "POST", "/vouchers/audit", { voucherIds: draftIds })).status, 200)
      assert.strictEqual((await call("checker", "POST", "/vouchers/post", { voucherIds: draftIds })).status, 200)

      const subsidy = await call("maker", "POST", "/vouchers", {
        date: "2026-01-28",
        lines: [
          { summary: "收到軍糧差價補貼", accountCode: "1002", debit: "600.00" },
          { summary: "收到軍糧差價補貼", accountCode: "4002", credit: "600.00" }
        ]
      })
      assert.strictEqual(subsidy.status, 201)
      await call("checker", "POST", "/vouchers/audit", { voucherIds: [subsidy.body.id] })
      await call("checker", "POST", "/vouchers/post", { voucherIds: [subsidy.body.id] })

      const carried = await call("maker", "POST", "/period-end/carry-forward", { period: "2026-01" })
      assert.strictEqual(carried.status, 201, JSON.stringify(carried.body))
      assert.sameMembers(carried.body.lines.map((line: { accountCode: string }) => line.accountCode), ["4002", "4001"])
      await call("checker", "POST", "/vouchers/audit", { voucherIds: [carried.body.id] })
      await call("checker", "POST", "/vouchers/post", { voucherIds: [carried.body.id] })

      const closed = await call("checker", "POST", "/periods/close", {})
      assert.strictEqual(closed.status, 200, JSON.stringify(closed.body))
      assert.strictEqual(closed.body.period, "2026-01")
      assert.match(closed.body.sealHash, /^[0-9a-f]{64}$/)
      const late = await call("maker", "POST", "/vouchers", { ...allocationVoucher, date: "2026-01-30" })
      assertProblem(late, 422, "PeriodClosed")
      assert.strictEqual(late.body.period, "2026-01")
      const checked = await call("checker", "GET", "/period-end/verify")
      assert.strictEqual(checked.status, 200)
      assert.strictEqual(checked.body.seals.sealedPeriods, 1)
      assert.deepStrictEqual(checked.body.seals.problems, [])

      assertProblem(await call("checker", "POST", "/periods/reopen"), 403, "PermissionDenied")
      const reopened = await call("admin", "POST", "/periods/reopen")
      assert.strictEqual(reopened.status, 200)
      assert.deepStrictEqual(reopened.body, { period: "2026-01", lastClosedPeriod: null })
      assertProblem(await call("admin", "POST", "/periods/reopen"), 409, "NothingToReopen")
    })

    it("the OpenAPI document lists the ledger endpoints with their problem responses", async () => {
      const document = await request(`${server.url}/openapi.json`)
      const paths = document.body.paths
      for (
        const path of [
          "/ledger/chart-templates",
          "/ledger/account-sets",
          "/ledger/account-sets/{accountSet}",
          "/ledger/account-sets/{accountSet}/vouchers",
          "/ledger/account-sets/{accountSet}/vouchers/audit",
          "/ledger/account-sets/{accountSet}/trial-balance",
          "/ledger/account-sets/{accountSet}/periods/close",
          "/ledger/account-sets/{accountSet}/period-end/carry-forward"
        ]
      ) assert.property(paths, path)
      const create = paths["/ledger/account-sets/{accountSet}/vouchers"].post
      assert.isString(create.summary)
      assert.isString(create.description)
      assert.containsAllKeys(create.responses, ["201", "400", "401", "403", "404", "409", "422"])
      assert.include(JSON.stringify(create.responses["422"]), "VoucherUnbalanced")
      assert.include(JSON.stringify(create.parameters), "idempotency-key")
      for (const item of Object.entries(paths).filter(([path]) => path.startsWith("/ledger"))) {
        for (const operation of Object.values(item[1] as Record<string, { summary?: string }>)) assert.isString(operation.summary, item[0])
      }
    })
  })
}
