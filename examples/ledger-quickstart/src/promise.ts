/**
 * The ledger embedded through its Promise client, for apps that do not use Effect:
 * open mess-hall books on a SQLite file, record a week as the mess officer, audit and
 * post as a second operator, print the trial balance.
 *
 * Run: `node dist/promise.js ./data/quickstart.db`
 */
import { openLedger } from "@danju/ledger/client"
import { operators, week } from "./week"

/** Records the week and returns the trial balance rows it printed. */
export const main = async (file: string) => {
  const ledger = await openLedger({ url: `sqlite:${file}` })
  try {
    const code = `mess-${Date.now().toString(36)}`
    await ledger.createAccountSet(operators.administrator, {
      code,
      name: "三連伙食賬",
      template: "messHall",
      startPeriod: "2026-10"
    })
    await ledger.setOpeningBalances(operators.administrator, code, [
      { accountCode: "1001", balance: "1280.50" },
      { accountCode: "1002", balance: "23456.00" },
      { accountCode: "4001", balance: "24736.50" }
    ])
    await ledger.enableAccountSet(operators.administrator, code)

    const vouchers = await ledger.recordVouchers(
      operators.messOfficer,
      code,
      week.map((entry) => ({
        date: entry.date,
        lines: [
          { summary: entry.summary, accountCode: entry.debit, debit: entry.amount },
          { summary: entry.summary, accountCode: entry.credit, credit: entry.amount }
        ]
      }))
    )
    const ids = vouchers.map((voucher) => voucher.id)
    // The maker may not audit their own vouchers: the supervisor does.
    await ledger.auditVouchers(operators.supervisor, code, ids)
    await ledger.postVouchers(operators.supervisor, code, ids)

    const report = await ledger.trialBalance(operators.messOfficer, code)
    const rows = report.rows.map((row) => ({
      code: row.code,
      name: row.name,
      closing: row.closingDebit.minus(row.closingCredit).toFixed(2)
    }))
    console.table(rows)
    console.log(report.balanced ? "試算平衡 balanced" : "NOT BALANCED")
    return { balanced: report.balanced, rows }
  } finally {
    await ledger.close()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main(process.argv[2] ?? "./quickstart.db")
}
