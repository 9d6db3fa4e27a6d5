// Proves the shipped statement templates: every level-1 account of the small-enterprise
// and enterprise charts lands in the balance sheet with its sign, so the sheet balances
// in both columns whatever account holds a balance (one case per account); every
// profit-and-loss account reaches net profit with its sign (except 以前年度損益調整,
// which by design goes to retained earnings); and the formulas of every template parse.
import { assert, describe, it } from "@effect/vitest"
import { Either } from "effect"
import type { CompiledStatement } from "../../src/domain/reports/FinancialStatements"
import { buildFinancialStatement, compileStatement } from "../../src/domain/reports/FinancialStatements"
import {
  enterpriseBalanceSheet,
  enterpriseIncomeStatement,
  smallEnterpriseBalanceSheet,
  smallEnterpriseIncomeStatement,
  statementTemplates
} from "../../src/domain/reports/StatementTemplates"
import { materializeChart } from "../../src/domain/templates/ChartTemplate"
import { enterpriseChart } from "../../src/domain/templates/enterprise"
import { smallEnterpriseChart } from "../../src/domain/templates/smallEnterprise"
import { accountSetOf, movement } from "./fixtures"

const accountSet = accountSetOf()
const january = { fiscalYear: 2026, number: 1 }
const spec = { accountSet, from: january, to: january, commodity: "CNY", includeUnposted: false }

const charts = [
  { name: "small enterprise", chart: smallEnterpriseChart, sheet: smallEnterpriseBalanceSheet, income: smallEnterpriseIncomeStatement },
  { name: "enterprise", chart: enterpriseChart, sheet: enterpriseBalanceSheet, income: enterpriseIncomeStatement }
]

const compiled = (template: Parameters<typeof compileStatement>[0]): CompiledStatement => Either.getOrThrow(compileStatement(template))

describe("statement templates", () => {
  it("all compile", () => {
    for (const template of Object.values(statementTemplates)) assert.isTrue(Either.isRight(compileStatement(template)), template.id)
  })

  for (const { name, chart, sheet } of charts) {
    it(`${name}: the balance sheet balances whichever level-1 account holds a balance`, () => {
      const accounts = materializeChart(chart)
      const balanceSheet = compiled(sheet)
      for (const account of accounts.filter((candidate) => candidate.level === 1 && candidate.code !== "1001")) {
        // A year-opening balance and a movement in January, each against cash.
        const rows = [
          movement(account.code, 0, "100", "0"),
          movement("1001", 0, "0", "100"),
          movement(account.code, 1, "0", "7.5"),
          movement("1001", 1, "7.5", "0")
        ]
        const report = buildFinancialStatement(spec, balanceSheet, { accounts, rows })
        assert.isTrue(report.balanced, `${account.code} ${account.name}`)
        assert.deepStrictEqual(report.missingAccounts, [], `${account.code}`)
      }
    })
  }

  for (const { name, chart, income } of charts) {
    it(`${name}: every profit-and-loss account reaches net profit with its sign`, () => {
      const accounts = materializeChart(chart)
      const statement = compiled(income)
      const excluded = new Set([chart.specialAccounts.priorYearAdjustment])
      for (const account of accounts.filter((candidate) => candidate.level === 1 && candidate.category === "profitAndLoss" && !excluded.has(candidate.code))) {
        const rows = account.direction === "credit"
          ? [movement(account.code, 1, "0", "100"), movement("1001", 1, "100", "0")]
          : [movement(account.code, 1, "100", "0"), movement("1001", 1, "0", "100")]
        const report = buildFinancialStatement(spec, statement, { accounts, rows })
        const netProfit = report.rows.find((row) => row.id === "netProfit")!.values["period"]!
        assert.strictEqual(netProfit.toString(), account.direction === "credit" ? "100" : "-100", `${account.code} ${account.name}`)
      }
    })
  }
})
