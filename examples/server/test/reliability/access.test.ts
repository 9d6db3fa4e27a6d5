/**
 * Proves access control of the reference server over real HTTP, on every dialect:
 *
 * - the matrix: every endpoint of `/openapi.json` × every ledger role (administrator,
 *   accountant, supervisor, cashier, viewer — one operator each — and an operator with
 *   no ledger role) is allowed or a 403
 *   `PermissionDenied` exactly as the server's permission table (core's roles merged with
 *   `ledgerPermissionTable`) says for the endpoint's required permission; the map of
 *   required permissions below must name every endpoint of the document, so a new
 *   endpoint fails this test until it is classified; every secured endpoint without a
 *   token is a 401;
 * - another organisation's administrator cannot read or change our books, not even by
 *   guessing ids: our voucher ids under their own account set are 404s, our account set
 *   is a 404 `AccountSetNotFound` as if it did not exist (nothing names our
 *   organisation), and nothing changes (database digest);
 * - maker ≠ checker holds over HTTP (self-audit refused), a logged-out session, an
 *   expired session and an idle one are 401s (through the session store and through the
 *   Effect clock), passwords are stored only as scrypt PHC strings (the operator table read
 *   directly, and no plaintext anywhere in the database), and failed logins are limited per
 *   account (429 with Retry-After, other accounts unaffected).
 *
 * Runtime: about 10 s per dialect (roughly 300 requests, a dozen scrypt logins).
 */
import type { Actor, Permission } from "@danju/core"
import { AuditLog, authorize, OperatorId, RoleName } from "@danju/core"
import { AuditLogSql, authenticate, Database, login, OperatorStore, operatorAuditScope, OperatorStoreSql, sessionTokenHash } from "@danju/core/sql"
import { LedgerPermission } from "@danju/ledger"
import { dialectsUnderTest } from "@danju/core/testing"
import { Clock, Duration, Effect, Either, Layer, Option, TestClock, TestContext } from "effect"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { demoOrganisationId } from "../../src/demo"
import { OperatorCreate, OperatorRead, permissionTable } from "../../src/permissions"
import { standInForUnavailable } from "../support"
import type { Endpoint, RawResponse, ReliabilityServer } from "./support"
import {
  databaseDigest,
  fetchEndpoints,
  fillPath,
  ledgerRoleNames,
  outsiderLogin,
  problemDefect,
  roleLogin,
  rolePassword,
  seedRoleOperators,
  send,
  startReliabilityServer,
  tableNames,
  tokenOf
} from "./support"

/** What an endpoint needs: nothing, a session, or a session whose roles grant a permission. */
type Requirement = "public" | "session" | Permission

/**
 * The permission each endpoint requires, by OpenAPI operationId. The test checks this map
 * names exactly the endpoints of the document.
 */
const requirements: Record<string, Requirement> = {
  "system.health": "public",
  "system.openApi": "public",
  "auth.login": "public",
  "auth.logout": "session",
  "auth.me": "session",
  "operators.list": OperatorRead,
  "operators.create": OperatorCreate,
  "ledgerAccountSets.chartTemplates": "session",
  "ledgerAccountSets.create": LedgerPermission.accountSetCreate,
  "ledgerAccountSets.list": LedgerPermission.reportRead,
  "ledgerAccountSets.get": LedgerPermission.reportRead,
  "ledgerAccountSets.setOpenings": LedgerPermission.openingManage,
  "ledgerAccountSets.enable": LedgerPermission.accountSetManage,
  "ledgerAccounts.chart": LedgerPermission.reportRead,
  "ledgerAccounts.add": LedgerPermission.accountManage,
  "ledgerAccounts.update": LedgerPermission.accountManage,
  "ledgerAccounts.delete": LedgerPermission.accountManage,
  "ledgerAccounts.addDimensionValues": LedgerPermission.accountManage,
  "ledgerVouchers.create": LedgerPermission.voucherCreate,
  "ledgerVouchers.record": LedgerPermission.voucherCreate,
  "ledgerVouchers.list": LedgerPermission.reportRead,
  "ledgerVouchers.get": LedgerPermission.reportRead,
  "ledgerVouchers.audit": LedgerPermission.voucherAudit,
  "ledgerVouchers.unaudit": LedgerPermission.voucherAudit,
  "ledgerVouchers.sign": LedgerPermission.voucherSign,
  "ledgerVouchers.post": LedgerPermission.voucherPost,
  "ledgerVouchers.unpost": LedgerPermission.voucherUnpost,
  "ledgerVouchers.reverse": LedgerPermission.voucherReverse,
  "ledgerVouchers.edit": LedgerPermission.voucherCreate,
  "ledgerVouchers.delete": LedgerPermission.voucherCreate,
  "ledgerVouchers.correct": LedgerPermission.voucherReverse,
  "ledgerLibrary.listSummaries": LedgerPermission.reportRead,
  "ledgerLibrary.addSummary": LedgerPermission.libraryManage,
  "ledgerLibrary.updateSummary": LedgerPermission.libraryManage,
  "ledgerLibrary.deleteSummary": LedgerPermission.libraryManage,
  "ledgerLibrary.listVoucherTemplates": LedgerPermission.reportRead,
  "ledgerLibrary.getVoucherTemplate": LedgerPermission.reportRead,
  "ledgerLibrary.saveVoucherTemplate": LedgerPermission.libraryManage,
  "ledgerLibrary.renameVoucherTemplate": LedgerPermission.libraryManage,
  "ledgerLibrary.deleteVoucherTemplate": LedgerPermission.libraryManage,
  "ledgerLibrary.instantiateVoucherTemplate": LedgerPermission.voucherCreate,
  "ledgerReports.trialBalance": LedgerPermission.reportRead,
  "ledgerReports.verify": LedgerPermission.reportRead,
  "ledgerPeriodEnd.carryForward": LedgerPermission.voucherCreate,
  "ledgerPeriodEnd.revalue": LedgerPermission.voucherCreate,
  "ledgerPeriodEnd.closePeriod": LedgerPermission.periodClose,
  "ledgerPeriodEnd.reopenPeriod": LedgerPermission.periodReopen,
  "ledgerPeriodEnd.closeYear": LedgerPermission.periodClose,
  "ledgerPeriodEnd.reopenYear": LedgerPermission.periodReopen,
  "ledgerPeriodEnd.renumber": LedgerPermission.voucherRenumber,
  "ledgerPeriodEnd.verify": LedgerPermission.reportRead,
  "ledgerBookReports.accountBalances": LedgerPermission.reportRead,
  "ledgerBookReports.generalLedger": LedgerPermission.reportRead,
  "ledgerBookReports.detailLedger": LedgerPermission.reportRead,
  "ledgerBookReports.cashJournal": LedgerPermission.reportRead,
  "ledgerBookReports.bankJournal": LedgerPermission.reportRead,
  "ledgerBookReports.voucherList": LedgerPermission.reportRead,
  "ledgerBookReports.voucherPrint": LedgerPermission.reportRead,
  "ledgerBookReports.messMonthlyStatement": LedgerPermission.reportRead,
  "ledgerBookReports.balanceSheet": LedgerPermission.reportRead,
  "ledgerBookReports.incomeStatement": LedgerPermission.reportRead,
  "ledgerBookReports.financialStatement": LedgerPermission.reportRead
}

/** The account set of the matrix: fresh mess-hall books, enabled, with one draft voucher. */
const books = "access-books"
const outsiderBooks = "outsider-books"

/**
 * A request per endpoint that decodes (so the permission check is what answers) and that,
 * when allowed, fails on a later rule or changes little: duplicates, unknown ids, a
 * closed or not-next period, an unbalanced voucher.
 */
const sampleOf = (operationId: string, voucherId: string): { query?: string; body?: unknown } => {
  const unbalanced = {
    date: "2026-01-05",
    lines: [
      { summary: "unbalanced voucher", accountCode: "4001", debit: "10.00" },
      { summary: "unbalanced voucher", accountCode: "1001", credit: "9.00" }
    ]
  }
  const none = { voucherIds: ["no-such-voucher"] }
  const samples: Record<string, { query?: string; body?: unknown }> = {
    "auth.login": { body: { login: "nobody-at-all", password: "wrong password" } },
    "operators.create": { body: { login: "admin", displayName: "Duplicate", password: "a long enough password", roles: [] } },
    "ledgerAccountSets.create": { body: { code: books, name: "duplicate", template: "messHall", startPeriod: "2026-01" } },
    "ledgerAccountSets.setOpenings": { body: { openings: [] } },
    "ledgerAccounts.add": { body: { accounts: [{ code: "1001", name: "duplicate" }] } },
    "ledgerAccounts.update": { body: { name: "renamed" } },
    "ledgerAccounts.addDimensionValues": { body: { values: [{ type: "department", code: "kitchen", name: "Kitchen" }] } },
    "ledgerVouchers.create": { body: unbalanced },
    "ledgerVouchers.record": { body: { vouchers: [unbalanced] } },
    "ledgerVouchers.audit": { body: none },
    "ledgerVouchers.unaudit": { body: none },
    "ledgerVouchers.sign": { body: none },
    "ledgerVouchers.post": { body: none },
    "ledgerVouchers.unpost": { body: none },
    "ledgerVouchers.reverse": { body: { date: "2026-01-31" } },
    // An edit that breaks a rule, a deletion and a correction of unknown vouchers.
    "ledgerVouchers.edit": { body: unbalanced },
    "ledgerVouchers.delete": { body: none },
    "ledgerVouchers.correct": { body: { date: "2026-01-31", lines: [{ lineNumber: 1, amount: "1.00" }] } },
    // A summary code the seeded library already has; unknown codes and templates elsewhere.
    "ledgerLibrary.addSummary": { body: { code: "01", text: "duplicate summary" } },
    "ledgerLibrary.updateSummary": { body: { text: "renamed summary" } },
    "ledgerLibrary.saveVoucherTemplate": { body: { fromVoucher: "no-such-voucher", id: "copy", name: "copy" } },
    "ledgerLibrary.renameVoucherTemplate": { body: { name: "renamed" } },
    "ledgerLibrary.instantiateVoucherTemplate": { body: { date: "2026-01-05", amounts: {} } },
    "ledgerPeriodEnd.carryForward": { body: { period: "2026-01" } },
    "ledgerPeriodEnd.revalue": { body: { period: "2026-01", rates: { USD: "7.1" } } },
    "ledgerPeriodEnd.closePeriod": { body: { period: "2026-06" } },
    "ledgerPeriodEnd.closeYear": { body: { fiscalYear: 2026 } },
    "ledgerPeriodEnd.renumber": { body: { period: "2026-02", order: "date" } },
    "ledgerBookReports.detailLedger": { query: "accountCode=1001" },
    "ledgerBookReports.voucherPrint": { query: `ids=${voucherId}` },
    "ledgerBookReports.financialStatement": { query: "template=smallEnterprise.balanceSheet" }
  }
  return samples[operationId] ?? {}
}

const pathValues = (voucherId: string, accountSet = books) => ({ accountSet, voucherId, accountCode: "9999", summaryCode: "99", templateId: "noSuchTemplate" })

/** A role the server knows that grants no ledger permission (core's checker): every ledger call is refused. */
const noLedgerRole = "checker"

/** Whether the server's permission table grants the permission to someone holding only this role. */
const grants = (role: string, permission: Permission): boolean => {
  const actor: Actor = { operatorId: OperatorId.make(`role-${role}`), organisationId: demoOrganisationId, roles: [RoleName.make(role)] }
  return Either.isRight(authorize(permissionTable, actor, permission, demoOrganisationId))
}

for (const dialect of dialectsUnderTest()) {
  if (standInForUnavailable(`access control [${dialect.name}]`, dialect)) continue

  describe(`access control [${dialect.name}]`, () => {
    let server: ReliabilityServer
    let endpoints: ReadonlyArray<Endpoint> = []
    const tokens: Record<string, string> = {}
    let draftId = ""
    let outsiderVoucherId = ""

    const call = (endpoint: Endpoint, token: string | undefined, voucherId: string, accountSet = books): Promise<RawResponse> => {
      const sample = sampleOf(endpoint.operationId, voucherId)
      const path = fillPath(endpoint.path, pathValues(voucherId, accountSet)) + (sample.query === undefined ? "" : `?${sample.query}`)
      const headers: Record<string, string> = {}
      if (token !== undefined) headers["authorization"] = `Bearer ${token}`
      const body = sample.body === undefined ? (endpoint.body === undefined ? undefined : "{}") : JSON.stringify(sample.body)
      if (body !== undefined) headers["content-type"] = "application/json"
      return send(`${server.url}${path}`, { method: endpoint.method, headers, ...(body === undefined ? {} : { body }) })
    }

    const json = (token: string, method: string, path: string, body?: unknown) =>
      send(`${server.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) })
      })

    const voucher = (summary: string, amount: string) => ({
      date: "2026-01-05",
      lines: [
        { summary, accountCode: "4001", debit: amount },
        { summary, accountCode: "1001", credit: amount }
      ]
    })

    beforeAll(async () => {
      server = await startReliabilityServer(dialect.name, seedRoleOperators)
      endpoints = (await fetchEndpoints(server.url)).endpoints
      for (const role of [...ledgerRoleNames, noLedgerRole]) tokens[role] = await tokenOf(server.url, roleLogin(role))
      tokens["outsider"] = await tokenOf(server.url, outsiderLogin)
      for (const [owner, code] of [["administrator", books], ["outsider", outsiderBooks]] as const) {
        const created = await json(tokens[owner]!, "POST", "/ledger/account-sets", { code, name: code, template: "messHall", startPeriod: "2026-01" })
        assert.strictEqual(created.status, 201, created.text)
        const enabled = await json(tokens[owner]!, "POST", `/ledger/account-sets/${code}/enable`)
        assert.strictEqual(enabled.status, 200, enabled.text)
      }
      const draft = await json(tokens["accountant"]!, "POST", `/ledger/account-sets/${books}/vouchers`, voucher("米麵糧油採購", "120.00"))
      assert.strictEqual(draft.status, 201, draft.text)
      draftId = draft.body.id
      const theirs = await json(tokens["outsider"]!, "POST", `/ledger/account-sets/${outsiderBooks}/vouchers`, voucher("外單位憑證", "55.00"))
      assert.strictEqual(theirs.status, 201, theirs.text)
      outsiderVoucherId = theirs.body.id
    }, 120_000)

    afterAll(async () => {
      await server?.close()
    })

    it("the map of required permissions names exactly the endpoints of /openapi.json", () => {
      const documented = endpoints.map((endpoint) => endpoint.operationId).sort()
      assert.deepStrictEqual(Object.keys(requirements).sort(), documented)
      for (const endpoint of endpoints) {
        // Public endpoints are exactly the ones the document does not secure.
        assert.strictEqual(requirements[endpoint.operationId] === "public", !endpoint.secured, endpoint.operationId)
      }
    })

    it("every secured endpoint without a token is a 401 SessionInvalid problem", async () => {
      for (const endpoint of endpoints.filter((candidate) => candidate.secured)) {
        const response = await call(endpoint, undefined, draftId)
        assert.strictEqual(response.status, 401, `${endpoint.operationId}: ${response.text}`)
        assert.strictEqual(response.body.code, "SessionInvalid")
        assert.isUndefined(problemDefect(response))
      }
    })

    it.each([...ledgerRoleNames, noLedgerRole])("role %s: every endpoint is allowed or a 403 exactly as the permission table says", async (role) => {
      const mismatches: Array<string> = []
      for (const endpoint of endpoints) {
        const requirement = requirements[endpoint.operationId]!
        // Logging out ends the session: use a session of its own.
        const token = endpoint.operationId === "auth.logout" ? await tokenOf(server.url, roleLogin(role)) : tokens[role]!
        const response = await call(endpoint, endpoint.secured ? token : undefined, draftId)
        const allowed = requirement === "public" || requirement === "session" || grants(role, requirement)
        const seen = `${endpoint.method} ${endpoint.path} (${endpoint.operationId}, needs ${requirement}) → ${response.status} ${response.text.slice(0, 200)}`
        if (response.status >= 500) mismatches.push(`server error: ${seen}`)
        else if (response.status === 400) mismatches.push(`the sample request does not decode, so it proves nothing: ${seen}`)
        else if (allowed && (response.status === 403 || (response.status === 401 && response.body?.code === "SessionInvalid"))) {
          mismatches.push(`expected allowed: ${seen}`)
        } else if (!allowed) {
          if (response.status !== 403 || response.body?.code !== "PermissionDenied" || response.body?.permission !== requirement) {
            mismatches.push(`expected 403 PermissionDenied for ${requirement}: ${seen}`)
          }
        }
      }
      assert.deepStrictEqual(mismatches, [])
    })

    it("another organisation's administrator cannot read or change our books, not even with guessed ids", async () => {
      const before = (await server.run(databaseDigest())).hash
      const outsider = tokens["outsider"]!
      const leaks: Array<string> = []
      for (const endpoint of endpoints.filter((candidate) => candidate.pathParameters.includes("accountSet"))) {
        // Our account set by name: not found, as if it did not exist, whatever the endpoint
        // (a 403 would confirm the books exist; its body would name our organisation).
        const ours = await call(endpoint, outsider, draftId)
        if (ours.status !== 404 || ours.body?.code !== "AccountSetNotFound") leaks.push(`ours: ${endpoint.operationId} → ${ours.status} ${ours.text.slice(0, 200)}`)
        if (ours.text.includes(`"${demoOrganisationId}"`)) leaks.push(`ours: ${endpoint.operationId} names our organisation`)
        if (ours.text.includes("米麵糧油採購")) leaks.push(`ours: ${endpoint.operationId} shows our voucher`)
        // Our voucher id under their own account set: never found there.
        if (endpoint.pathParameters.includes("voucherId")) {
          const guessed = await call(endpoint, outsider, draftId, outsiderBooks)
          if (guessed.status !== 404 || guessed.body?.code !== "VoucherNotFound") {
            leaks.push(`guessed id: ${endpoint.operationId} → ${guessed.status} ${guessed.text.slice(0, 200)}`)
          }
        }
      }
      // Our voucher ids in bodies and queries of their own books.
      const ids = { voucherIds: [draftId] }
      for (const command of ["audit", "unaudit", "sign", "post", "unpost"]) {
        const response = await json(outsider, "POST", `/ledger/account-sets/${outsiderBooks}/vouchers/${command}`, ids)
        if (response.status !== 404) leaks.push(`${command} with our id → ${response.status} ${response.text.slice(0, 200)}`)
      }
      const printed = await json(outsider, "GET", `/ledger/account-sets/${outsiderBooks}/reports/voucher-print?ids=${draftId}`)
      if (printed.status !== 404 || printed.text.includes("米麵糧油採購")) leaks.push(`voucher-print with our id → ${printed.status} ${printed.text.slice(0, 200)}`)
      const renumbered = await json(outsider, "POST", `/ledger/account-sets/${outsiderBooks}/vouchers/renumber`, { period: "2026-01", order: [outsiderVoucherId, draftId] })
      if (renumbered.status < 400 || renumbered.status >= 500) leaks.push(`renumber with our id → ${renumbered.status} ${renumbered.text.slice(0, 200)}`)
      const listed = await json(outsider, "GET", "/ledger/account-sets")
      assert.deepStrictEqual(listed.body.accountSets.map((set: { code: string }) => set.code), [outsiderBooks])
      const operators = await json(outsider, "GET", "/operators")
      assert.deepStrictEqual(operators.body.operators.map((operator: { login: string }) => operator.login), [outsiderLogin])
      assert.deepStrictEqual(leaks, [])
      assert.strictEqual((await server.run(databaseDigest())).hash, before)
      // And the reverse: our administrator cannot reach their voucher through our books.
      const reverse = await json(tokens["administrator"]!, "GET", `/ledger/account-sets/${books}/vouchers/${outsiderVoucherId}`)
      assert.strictEqual(reverse.status, 404)
    })

    it("maker ≠ checker: the maker of a voucher may not audit it, even holding the audit permission", async () => {
      const administrator = tokens["administrator"]!
      const made = await json(administrator, "POST", `/ledger/account-sets/${books}/vouchers`, voucher("自制自審測試", "33.00"))
      assert.strictEqual(made.status, 201, made.text)
      const selfAudit = await json(administrator, "POST", `/ledger/account-sets/${books}/vouchers/audit`, { voucherIds: [made.body.id] })
      assert.strictEqual(selfAudit.status, 422, selfAudit.text)
      assert.strictEqual(selfAudit.body.code, "SelfAuditForbidden")
      const stillDraft = await json(administrator, "GET", `/ledger/account-sets/${books}/vouchers/${made.body.id}`)
      assert.strictEqual(stillDraft.body.status, "draft")
      const byChecker = await json(tokens["supervisor"]!, "POST", `/ledger/account-sets/${books}/vouchers/audit`, { voucherIds: [made.body.id] })
      assert.strictEqual(byChecker.status, 200, byChecker.text)
      assert.strictEqual(byChecker.body.vouchers[0].status, "audited")
    })

    it("a logged-out session is a 401 (revoked) on every secured endpoint it tries", async () => {
      const token = await tokenOf(server.url, roleLogin("viewer"))
      assert.strictEqual((await json(token, "POST", "/auth/logout")).status, 204)
      for (const path of ["/auth/me", "/ledger/account-sets", `/ledger/account-sets/${books}/trial-balance`]) {
        const response = await json(token, "GET", path)
        assert.strictEqual(response.status, 401, path)
        assert.strictEqual(response.body.reason, "revoked")
      }
    })

    it("an expired or idle session is a 401 (expired, idle): sessions stored with a past expiry or an old last use, and logins after the clock passed their lifetime or idle timeout", async () => {
      // Through the session store: a session whose expiry has passed.
      const operator = (await json(tokens["viewer"]!, "GET", "/auth/me")).body.operator
      const token = "expired-session-token-for-the-reliability-suite"
      const now = Date.now()
      await server.run(
        Effect.flatMap(OperatorStore, (store) =>
          store.insertSession({
            tokenHash: sessionTokenHash(token),
            operatorId: operator.id,
            createdAt: now - 13 * 3_600_000,
            expiresAt: now - 3_600_000,
            lastUsedAt: now - 3_600_000 - 60_000,
            revokedAt: undefined
          })).pipe(Effect.provide(OperatorStoreSql.layer))
      )
      const response = await json(token, "GET", "/auth/me")
      assert.strictEqual(response.status, 401)
      assert.strictEqual(response.body.reason, "expired")
      // A live session nobody used for 31 minutes; and one used 29 minutes ago, which works
      // and records the use.
      const idleToken = "idle-session-token-for-the-reliability-suite"
      const recentToken = "recent-session-token-for-the-reliability-suite"
      await server.run(
        Effect.flatMap(OperatorStore, (store) =>
          Effect.forEach([[idleToken, 31], [recentToken, 29]] as const, ([stored, minutes]) =>
            store.insertSession({
              tokenHash: sessionTokenHash(stored),
              operatorId: operator.id,
              createdAt: now - 3_600_000,
              expiresAt: now + 3_600_000,
              lastUsedAt: now - minutes * 60_000,
              revokedAt: undefined
            }))).pipe(Effect.provide(OperatorStoreSql.layer))
      )
      const idle = await json(idleToken, "GET", "/auth/me")
      assert.strictEqual(idle.status, 401)
      assert.strictEqual(idle.body.reason, "idle")
      assert.strictEqual((await json(recentToken, "GET", "/auth/me")).status, 200)
      const recorded = await server.run(
        Effect.flatMap(OperatorStore, (store) => store.findSession(sessionTokenHash(recentToken))).pipe(Effect.provide(OperatorStoreSql.layer))
      )
      assert.isAtLeast(Option.getOrThrow(recorded).lastUsedAt, now)
      // Through the clock: a session used every 25 minutes is good until its lifetime (12 h)
      // has passed, then not; one left alone for 30 minutes ends as idle.
      const reasons = await server.run(
        Effect.gen(function*() {
          yield* TestClock.setTime(now)
          const session = yield* login({ login: roleLogin("viewer"), password: rolePassword })
          const deadline = now + 12 * 3_600_000
          while ((yield* Clock.currentTimeMillis) + 25 * 60_000 < deadline) {
            yield* TestClock.adjust(Duration.minutes(25))
            yield* authenticate(session.token)
          }
          yield* TestClock.setTime(deadline - 1000)
          const early = yield* Effect.either(authenticate(session.token))
          yield* TestClock.adjust(Duration.seconds(1))
          const late = yield* Effect.flip(authenticate(session.token))
          const lateAt = yield* Clock.currentTimeMillis
          const idle = yield* login({ login: roleLogin("viewer"), password: rolePassword })
          yield* TestClock.adjust(Duration.minutes(30))
          const abandoned = yield* Effect.flip(authenticate(idle.token))
          return {
            early: Either.isRight(early),
            late: late._tag === "SessionInvalid" ? late.reason : late._tag,
            at: lateAt,
            abandoned: abandoned._tag === "SessionInvalid" ? abandoned.reason : abandoned._tag
          }
        }).pipe(Effect.provide(Layer.mergeAll(OperatorStoreSql.layer, AuditLogSql.layer(), TestContext.TestContext)))
      )
      assert.deepStrictEqual(reasons, { early: true, late: "expired", at: now + 12 * 3_600_000, abandoned: "idle" })
    })

    it("passwords are stored only as scrypt PHC strings, and no plaintext password is anywhere in the database", async () => {
      const operators = await server.run(
        Effect.gen(function*() {
          const database = yield* Database
          return yield* database.query("read operators", (db) => db.selectFrom("danju_operators").select(["login", "password_hash"]).execute())
        })
      ) as Array<{ login: string; password_hash: string }>
      assert.isAtLeast(operators.length, 10)
      const phc = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$[A-Za-z0-9+/]{16,}\$[A-Za-z0-9+/]{40,}$/
      for (const operator of operators) {
        const match = phc.exec(operator.password_hash)
        assert.isNotNull(match, `${operator.login}: ${operator.password_hash.slice(0, 20)}`)
        assert.isAtLeast(Number(match![1]), 14, "scrypt cost at least 2^14")
      }
      // Salted: the same password gives different hashes.
      const sameSecret = operators.filter((operator) => operator.login.startsWith("role-")).map((operator) => operator.password_hash)
      assert.strictEqual(new Set(sameSecret).size, sameSecret.length)
      const plaintexts = [rolePassword, "danju-admin-demo", "danju-maker-demo", "danju-checker-demo", "danju-cashier-demo"]
      const dump = await server.run(
        Effect.gen(function*() {
          const database = yield* Database
          const texts: Array<string> = []
          for (const table of yield* tableNames) {
            const all = yield* database.query(`dump ${table}`, (db) => db.selectFrom(table).selectAll().execute())
            texts.push(JSON.stringify(all))
          }
          return texts.join("\n")
        })
      )
      for (const plaintext of plaintexts) assert.notInclude(dump, plaintext)
    })

    it("failed logins are limited per account: the sixth attempt is a 429 with Retry-After; other accounts still log in", async () => {
      const attempt = (password: string) =>
        send(`${server.url}/auth/login`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ login: roleLogin("cashier"), password })
        })
      for (let failure = 0; failure < 5; failure++) assert.strictEqual((await attempt("a wrong password")).status, 401)
      const locked = await attempt(rolePassword)
      assert.strictEqual(locked.status, 429, locked.text)
      assert.isUndefined(problemDefect(locked))
      assert.strictEqual(locked.body.code, "LoginRateLimited")
      const retryAfter = Number(locked.headers.get("retry-after"))
      assert.isTrue(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 15 * 60, `Retry-After ${locked.headers.get("retry-after")}`)
      // Per account: another operator is not locked out, and existing sessions keep working.
      assert.isString(await tokenOf(server.url, roleLogin("supervisor")))
      assert.strictEqual((await json(tokens["cashier"]!, "GET", "/auth/me")).status, 200)
    })

    it("an operator created over HTTP has its audit record naming the administrator who created it; the password is in no audit record", async () => {
      const administrator = tokens["administrator"]!
      const me = (await json(administrator, "GET", "/auth/me")).body.operator
      const secret = "a brand new audited password"
      const created = await json(administrator, "POST", "/operators", { login: "audited-clerk", displayName: "出納員乙", password: secret, roles: ["cashier"] })
      assert.strictEqual(created.status, 201, created.text)
      const records = await server.run(
        Effect.flatMap(AuditLog, (auditLog) =>
          Effect.zip(
            auditLog.read({ scope: operatorAuditScope(demoOrganisationId), aggregateId: created.body.id, limit: 10 }),
            auditLog.verify(operatorAuditScope(demoOrganisationId))
          )).pipe(Effect.provide(AuditLogSql.layer()))
      )
      assert.deepStrictEqual(records[0].map((record) => [record.actor, record.aggregate, record.action, record.toState, record.payload]), [
        [me.id, "core.operator", "create", "enabled", { login: "audited-clerk", displayName: "出納員乙", roles: ["cashier"] }]
      ])
      assert.isAtLeast(records[1], 1)
      assert.notInclude(JSON.stringify(records[0]), secret)
    })
  })
}
