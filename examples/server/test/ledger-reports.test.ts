/**
 * Proves the books-and-statements endpoints over real HTTP on the demo books: the
 * account balances of mess-demo balance and show the mess fund, the balance sheet and
 * income statement of company-demo come out with decimal-string amounts, the voucher
 * list pages by cursor, a reversed range is the 422 ReportRangeInvalid problem (reports
 * and trial balance), a period the calendar lacks the 422 PeriodInvalid problem, a
 * damaged cursor the 422 ReportCursorInvalid problem, and an operator of another
 * organisation gets 403.
 */
import { dialectsUnderTest } from "@danju/core/testing"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { demoPassword, loginAs, outsiderPassword, standInForUnavailable, startServerWithOutsider } from "./support"
import type { RunningServer } from "./support"


for (const dialect of dialectsUnderTest()) {
  if (standInForUnavailable(`ledger reports over HTTP [${dialect.name}]`, dialect)) continue

  describe(`ledger reports over HTTP [${dialect.name}]`, () => {
    let server: RunningServer
    const tokens: Record<string, string> = {}
    const get = async (login: string, path: string) => {
      const response = await fetch(`${server.url}/ledger/account-sets/${path}`, { headers: { authorization: `Bearer ${tokens[login]}` } })
      return { status: response.status, contentType: response.headers.get("content-type") ?? "", body: await response.json() as any }
    }

    beforeAll(async () => {
      server = await startServerWithOutsider(dialect.name)
      tokens["admin"] = await loginAs(server.url, "admin", demoPassword("admin"))
      tokens["outsider"] = await loginAs(server.url, "outsider", outsiderPassword)
    })
    afterAll(async () => {
      await server?.close()
    })

    it("account balances of the mess books balance, amounts as decimal strings", async () => {
      const response = await get("admin", "mess-demo/reports/account-balances")
      assert.strictEqual(response.status, 200, JSON.stringify(response.body))
      const document = response.body
      assert.strictEqual(document.report, "accountBalances")
      assert.strictEqual(document.accountSet, "mess-demo")
      const totals = document.totals
      assert.match(totals.closingDebit, /^-?\d+\.\d{2}$/)
      assert.strictEqual(totals.closingDebit, totals.closingCredit)
      assert.strictEqual(totals.openingDebit, totals.openingCredit)
      const fund = document.rows.find((row: { code: string }) => row.code === "4001")
      assert.isDefined(fund)
      assert.match(fund.closingCredit, /^\d+\.\d{2}$/)
    })

    it("statements of the company books and the mess statement come out", async () => {
      const sheet = await get("admin", "company-demo/reports/balance-sheet")
      assert.strictEqual(sheet.status, 200, JSON.stringify(sheet.body))
      assert.strictEqual(sheet.body.report, "balanceSheet")
      const income = await get("admin", "company-demo/reports/income-statement")
      assert.strictEqual(income.status, 200, JSON.stringify(income.body))
      assert.strictEqual(income.body.report, "incomeStatement")
      const mess = await get("admin", "mess-demo/reports/mess-monthly-statement")
      assert.strictEqual(mess.status, 200, JSON.stringify(mess.body))
      assert.strictEqual(mess.body.report, "messMonthlyStatement")
      const ledger = await get("admin", "mess-demo/reports/general-ledger")
      assert.strictEqual(ledger.status, 200, JSON.stringify(ledger.body))
      assert.strictEqual(ledger.body.report, "generalLedger")
    })

    it("the voucher list pages by cursor and prints the vouchers it lists", async () => {
      const first = await get("admin", "mess-demo/reports/voucher-list?limit=1")
      assert.strictEqual(first.status, 200, JSON.stringify(first.body))
      assert.strictEqual(first.body.report, "voucherList")
      assert.isString(first.body.nextCursor)
      const second = await get("admin", `mess-demo/reports/voucher-list?limit=1&cursor=${first.body.nextCursor}`)
      assert.strictEqual(second.status, 200, JSON.stringify(second.body))
      assert.notDeepEqual(second.body.rows, first.body.rows)
      const ids = [...first.body.rows, ...second.body.rows].map((row: { id: string }) => row.id)
      const printed = await get("admin", `mess-demo/reports/voucher-print?ids=${ids.join(",")}`)
      assert.strictEqual(printed.status, 200, JSON.stringify(printed.body))
      assert.strictEqual(printed.body.vouchers.length, 2)
    })

    it("report failures are 422 problems", async () => {
      const failures: ReadonlyArray<readonly [string, string]> = [
        ["mess-demo/reports/account-balances?from=2026-12&to=2026-01", "ReportRangeInvalid"],
        // Shaped like a period, but not one of the books' 12-period calendar.
        ["mess-demo/reports/account-balances?to=2026-13", "PeriodInvalid"],
        ["mess-demo/trial-balance?from=2026-13", "PeriodInvalid"],
        ["mess-demo/trial-balance?from=2026-12&to=2026-01", "ReportRangeInvalid"],
        ["mess-demo/reports/voucher-list?cursor=garbage", "ReportCursorInvalid"]
      ]
      for (const [path, code] of failures) {
        const response = await get("admin", path)
        assert.strictEqual(response.status, 422, `${path}: ${JSON.stringify(response.body)}`)
        assert.include(response.contentType, "application/problem+json", path)
        assert.strictEqual(response.body.code, code, path)
      }
    })

    it("an operator of another organisation gets 404: the books do not exist for them", async () => {
      const response = await get("outsider", "mess-demo/reports/account-balances")
      assert.strictEqual(response.status, 404, JSON.stringify(response.body))
      assert.strictEqual(response.body.code, "AccountSetNotFound")
    })
  })
}
