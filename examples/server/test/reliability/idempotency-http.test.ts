/**
 * Proves idempotent voucher creation over real HTTP on the reference server, on every
 * dialect under test: sixteen concurrent POSTs of one voucher under one Idempotency-Key
 * answer 201 with the same voucher and create exactly one; sixteen concurrent batch
 * POSTs do the same for a batch; a different body under a used key is the 409
 * IdempotencyConflict problem, also when the two bodies race — never a 500. Posting the
 * racing vouchers afterwards leaves `verify` clean.
 */
import { dialectsUnderTest } from "@danju/core/testing"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { demoOperators } from "../../src/demo"
import { loginAs, request, standInForUnavailable, startTestServer } from "../support"
import type { JsonResponse, RunningServer } from "../support"

const racers = 16
const passwordOf = (login: string) => demoOperators.find((operator) => operator.login === login)!.password

const body = (index: number) => ({
  date: "2026-01-10",
  lines: [
    { summary: `重試測試 ${index} 收到撥款`, accountCode: "1002", debit: `${index}.25` },
    { summary: `重試測試 ${index} 收到撥款`, accountCode: "4001", credit: `${index}.25` }
  ]
})

for (const dialect of dialectsUnderTest()) {
  if (standInForUnavailable(`idempotent retries over HTTP [${dialect.name}]`, dialect)) continue

  describe(`idempotent retries over HTTP [${dialect.name}]`, () => {
    let server: RunningServer
    const tokens: Record<string, string> = {}
    const books = () => `${server.url}/ledger/account-sets/retries`
    const post = (login: string, path: string, payload: unknown, key?: string): Promise<JsonResponse> =>
      fetch(`${books()}${path}`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${tokens[login]}`,
          "content-type": "application/json",
          ...(key === undefined ? {} : { "idempotency-key": key })
        },
        body: JSON.stringify(payload)
      }).then(async (response) => {
        const text = await response.text()
        return { status: response.status, contentType: response.headers.get("content-type") ?? "", headers: response.headers, body: text === "" ? undefined : JSON.parse(text) }
      })
    const vouchers = async () => (await request(`${books()}/vouchers?limit=1000`, { token: tokens["admin"]! })).body.vouchers as Array<{ id: string; number: number }>

    beforeAll(async () => {
      server = await startTestServer(dialect.name)
      for (const login of ["admin", "maker", "checker"]) tokens[login] = await loginAs(server.url, login, passwordOf(login))
      const created = await request(`${server.url}/ledger/account-sets`, {
        method: "POST",
        token: tokens["admin"]!,
        body: JSON.stringify({ code: "retries", name: "重試賬套", template: "messHall", startPeriod: "2026-01" })
      })
      assert.strictEqual(created.status, 201, JSON.stringify(created.body))
      const openings = await request(`${books()}/openings`, {
        method: "PUT",
        token: tokens["maker"]!,
        body: JSON.stringify({ openings: [{ accountCode: "1002", balance: "1000.00" }, { accountCode: "4001", balance: "1000.00" }] })
      })
      assert.strictEqual(openings.status, 200, JSON.stringify(openings.body))
      assert.strictEqual((await post("admin", "/enable", {})).status, 200)
    })
    afterAll(async () => {
      await server?.close()
    })

    it("sixteen concurrent POSTs under one key create one voucher and all answer it", async () => {
      const responses = await Promise.all(Array.from({ length: racers }, () => post("maker", "/vouchers", body(1), "same-create")))
      assert.deepStrictEqual([...new Set(responses.map((response) => response.status))], [201], JSON.stringify(responses.map((response) => response.body)))
      assert.strictEqual(new Set(responses.map((response) => response.body.id)).size, 1)
      assert.strictEqual(new Set(responses.map((response) => response.body.number)).size, 1)
      assert.lengthOf(await vouchers(), 1)
    })

    it("sixteen concurrent batch POSTs under one key record the batch once", async () => {
      const batch = { vouchers: [body(2), body(3), body(4)] }
      const responses = await Promise.all(Array.from({ length: racers }, () => post("maker", "/vouchers/batch", batch, "same-batch")))
      assert.deepStrictEqual([...new Set(responses.map((response) => response.status))], [201], JSON.stringify(responses[0]!.body))
      const ids = responses.map((response) => response.body.vouchers.map((voucher: { id: string }) => voucher.id).join(","))
      assert.strictEqual(new Set(ids).size, 1)
      assert.lengthOf(await vouchers(), 4)
    })

    it("another body under a used key is a 409 problem, also when the bodies race, never a 500", async () => {
      const conflict = await post("maker", "/vouchers", body(5), "same-create")
      assert.strictEqual(conflict.status, 409)
      assert.strictEqual(conflict.body.code, "IdempotencyConflict")
      assert.include(conflict.contentType, "application/problem+json")

      const responses = await Promise.all(Array.from({ length: racers }, (_, index) =>
        post("maker", "/vouchers", body(index % 2 === 0 ? 6 : 7), "raced")))
      const statuses = responses.map((response) => response.status)
      assert.isTrue(statuses.every((status) => status === 201 || status === 409), JSON.stringify(statuses))
      const winners = responses.filter((response) => response.status === 201)
      assert.strictEqual(winners.length, racers / 2)
      assert.strictEqual(new Set(winners.map((response) => response.body.id)).size, 1)
      assert.isTrue(responses.filter((response) => response.status === 409).every((response) => response.body.code === "IdempotencyConflict"))
      const all = await vouchers()
      assert.lengthOf(all, 5)
      assert.deepStrictEqual(all.map((voucher) => voucher.number).sort((a, b) => a - b), [1, 2, 3, 4, 5])

      const ids = all.map((voucher) => voucher.id)
      assert.strictEqual((await post("checker", "/vouchers/audit", { voucherIds: ids })).status, 200)
      assert.strictEqual((await post("checker", "/vouchers/post", { voucherIds: ids })).status, 200)
      const verified = await request(`${books()}/verify`, { token: tokens["admin"]! })
      assert.strictEqual(verified.status, 200, JSON.stringify(verified.body))
      assert.deepStrictEqual(verified.body.differences, [])
    })
  })
}
