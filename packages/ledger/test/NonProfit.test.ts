// Proves the non-profit chart (民間非營利組織會計制度) keeps books end to end on every
// dialect: a donation and an administrative expense are posted, the P&L carry-forward
// closes income and expenses to 非限定性淨資產 (3101), and the trial balance shows the
// hand-checked net assets with every income and expense account at zero.
import { assert } from "@effect/vitest"
import { Effect } from "effect"
import { describeEachDialect } from "@danju/core/testing"
import { LedgerService } from "../src/LedgerService"
import { PeriodEndService } from "../src/PeriodEndService"
import { AccountSetCode } from "../src/domain/ids"
import { ledgerSqlLayer } from "../src/storage/index"
import { administrator, checker, dec, maker, migrations, voucher } from "./support"

describeEachDialect("non-profit books", migrations, (it) => {
  it.effect("a donation and an expense close to 非限定性淨資產 with hand-checked figures", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      const periodEnd = yield* PeriodEndService
      const code = "foundation"
      yield* ledger.createAccountSet(administrator, {
        code: AccountSetCode.make(code),
        name: "助學基金會",
        template: "nonProfit",
        startPeriod: { fiscalYear: 2026, number: 3 }
      })
      yield* ledger.addDimensionValues(administrator, code, [{ type: "department", code: "OFFICE", name: "辦公室", disabled: false }])
      yield* ledger.setOpeningBalances(administrator, code, [
        { accountCode: "1002", balance: dec("10000.00") },
        { accountCode: "3101", balance: dec("10000.00") }
      ])
      yield* ledger.enableAccountSet(administrator, code)
      const made = yield* ledger.recordVouchers(maker, code, [
        voucher({ date: "2026-03-05", lines: [
          { summary: "收到非限定性捐款", accountCode: "1002", debit: "5000.00" },
          { summary: "收到非限定性捐款", accountCode: "410102", credit: "5000.00" }
        ] }),
        voucher({ date: "2026-03-20", lines: [
          { summary: "支付辦公費用", accountCode: "5201", dimensions: { department: "OFFICE" }, debit: "1200.00" },
          { summary: "支付辦公費用", accountCode: "1002", credit: "1200.00" }
        ] })
      ])
      yield* ledger.auditVouchers(checker, code, made.map((v) => v.id))
      yield* ledger.postVouchers(checker, code, made.map((v) => v.id))
      const carried = yield* periodEnd.carryForwardProfitAndLoss(maker, code, { period: { fiscalYear: 2026, number: 3 } })
      yield* ledger.auditVouchers(checker, code, [carried.id])
      yield* ledger.postVouchers(checker, code, [carried.id])
      const report = yield* ledger.trialBalance(maker, code)
      const closing = (account: string) => {
        const row = report.rows.find((candidate) => candidate.code === account)!
        return row.closingDebit.minus(row.closingCredit).toString()
      }
      assert.isTrue(report.balanced)
      assert.strictEqual(closing("1002"), "13800")
      assert.strictEqual(closing("3101"), "-13800")
      for (const account of ["410102", "4101", "5201"]) assert.strictEqual(closing(account), "0", account)
      assert.deepStrictEqual((yield* ledger.verify(administrator, code)).differences, [])
    }))
}, () => ledgerSqlLayer())
