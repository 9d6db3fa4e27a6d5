// Proves the demo books load through the service with every rule applied and show the
// hand-checked figures of the mess-hall month: cash 1,280.50 + bank 23,456.00 opening,
// closing mess fund 56,415.92 after October's vouchers; loading twice changes nothing.
import { assert } from "@effect/vitest"
import { Effect } from "effect"
import { describeEachDialect } from "@danju/core/testing"
import { loadLedgerDemo } from "../src/demo"
import { LedgerService } from "../src/LedgerService"
import { ledgerSqlLayer } from "../src/storage/index"
import { administrator, checker, maker, migrations } from "./support"

describeEachDialect("ledger demo", migrations, (it) => {
  it.effect("loads the mess-hall month and the company quarter, once", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      const first = yield* loadLedgerDemo({ administrator, maker, checker })
      assert.deepStrictEqual(first.loaded, ["mess-demo", "company-demo"])
      const mess = yield* ledger.trialBalance(maker, "mess-demo")
      assert.isTrue(mess.balanced)
      const closing = (code: string) => {
        const row = mess.rows.find((candidate) => candidate.code === code)!
        return row.closingDebit.minus(row.closingCredit).toFixed(2)
      }
      // cash: 1280.50 + 5000 + 2640 + 4000 − 1862.40 − 1745.90 − 2108.75 − 1987.30 − 180 − 2233.60 = 2802.55
      assert.strictEqual(closing("1001"), "2802.55")
      // bank: 23456 + 36000 − 5000 + 3150 − 4000 + 12.37 − 5 = 53613.37
      assert.strictEqual(closing("1002"), "53613.37")
      // fund: 24736.50 + 36000 + 2640 + 3150 + 12.37 − (1862.40 + 1745.90 + 2108.75 + 1987.30 + 2233.60) − 180 − 5 = 56415.92
      assert.strictEqual(closing("4001"), "-56415.92")
      assert.strictEqual(closing("4002"), "0.00")
      assert.deepStrictEqual((yield* ledger.getAccountSet(maker, "mess-demo")).lastClosedPeriod, { fiscalYear: 2026, number: 10 })
      const company = yield* ledger.trialBalance(maker, "company-demo")
      assert.isTrue(company.balanced)
      // Every month's profit and loss went to 本年利潤: the P&L accounts end at zero.
      for (const row of company.rows.filter((candidate) => candidate.code.startsWith("6"))) {
        assert.strictEqual(row.closingDebit.minus(row.closingCredit).toString(), "0", row.code)
      }
      assert.isFalse(company.rows.find((row) => row.code === "4103")!.closingCredit.isZero())
      assert.deepStrictEqual((yield* ledger.getAccountSet(maker, "company-demo")).lastClosedPeriod, { fiscalYear: 2026, number: 9 })
      assert.deepStrictEqual((yield* ledger.verify(administrator, "company-demo")).differences, [])
      const second = yield* loadLedgerDemo({ administrator, maker, checker })
      assert.deepStrictEqual(second.loaded, [])
    }))
}, () => ledgerSqlLayer())
