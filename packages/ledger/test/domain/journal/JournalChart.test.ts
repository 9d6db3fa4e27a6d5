// Proves the chart a journal's account names imply: categories and directions from the
// top-level names (English and Chinese, unknown → asset), codes under the 4-3-3…
// scheme numbered by name whatever the journal's order, a generated leaf (first code,
// parent's name, renamed on collision) for an account that has sub-accounts and
// postings of its own, every posting mapped to a leaf, and the limits on depth and count.
import { assert, describe, it } from "@effect/vitest"
import { Limits } from "@danju/core"
import { Either } from "effect"
import * as fc from "fast-check"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import type { JournalChart } from "../../../src/domain/journal"
import { journalCodeScheme, makeJournalChartBuilder, parseJournalText } from "../../../src/domain/journal"
import { levelOfCode, parentCodeOf } from "../../../src/domain/Account"
import { safeAccount } from "./arbitraries"

const chartOf = (names: ReadonlyArray<string>): JournalChart => {
  const builder = makeJournalChartBuilder()
  names.forEach((name, index) => Either.getOrThrow(builder.addPostingAccount(name, index + 1)))
  const built = builder.build()
  if (Either.isLeft(built)) assert.fail(built.left.message)
  return built.right
}

const rowsOf = (chart: JournalChart) =>
  chart.accounts.map((account) => `${account.code} ${account.path.join(":")} ${account.category}/${account.direction}${account.leaf ? " leaf" : ""}${account.generated ? " generated" : ""}`)

describe("JournalChart", () => {
  it("numbers accounts by category range and name order, parents before children", () => {
    const chart = chartOf([
      "expenses:food", "income:salary", "assets:bank:b", "assets:bank:a", "liabilities:card", "equity:opening",
      "費用:伙食", "資產:現金", "收入:伙食費", "負債:應付", "權益:期初", "Revenue:x", "Expenses:y", "unknown:z"
    ])
    assert.deepStrictEqual(rowsOf(chart), [
      "1001 assets asset/debit",
      "1001001 assets:bank asset/debit",
      "1001001001 assets:bank:a asset/debit leaf",
      "1001001002 assets:bank:b asset/debit leaf",
      "1002 unknown asset/debit",
      "1002001 unknown:z asset/debit leaf",
      "1003 資產 asset/debit",
      "1003001 資產:現金 asset/debit leaf",
      "2001 liabilities liability/credit",
      "2001001 liabilities:card liability/credit leaf",
      "2002 負債 liability/credit",
      "2002001 負債:應付 liability/credit leaf",
      "4001 equity equity/credit",
      "4001001 equity:opening equity/credit leaf",
      "4002 權益 equity/credit",
      "4002001 權益:期初 equity/credit leaf",
      "6001 Revenue profitAndLoss/credit",
      "6001001 Revenue:x profitAndLoss/credit leaf",
      "6002 income profitAndLoss/credit",
      "6002001 income:salary profitAndLoss/credit leaf",
      "6003 收入 profitAndLoss/credit",
      "6003001 收入:伙食費 profitAndLoss/credit leaf",
      "6401 Expenses profitAndLoss/debit",
      "6401001 Expenses:y profitAndLoss/debit leaf",
      "6402 expenses profitAndLoss/debit",
      "6402001 expenses:food profitAndLoss/debit leaf",
      "6403 費用 profitAndLoss/debit",
      "6403001 費用:伙食 profitAndLoss/debit leaf"
    ])
    assert.strictEqual(chart.postingAccountCode("assets:bank:a"), "1001001001")
    assert.strictEqual(chart.postingAccountCode("assets:bank"), undefined)
  })

  it("gives an account with sub-accounts and own postings a generated first leaf named like it", () => {
    const chart = chartOf(["資產:銀行:招商", "資產:銀行", "資產:銀行:工商", "資產"])
    assert.deepStrictEqual(rowsOf(chart), [
      "1001 資產 asset/debit",
      "1001001 資產:資產 asset/debit leaf generated",
      "1001002 資產:銀行 asset/debit",
      "1001002001 資產:銀行:銀行 asset/debit leaf generated",
      "1001002002 資產:銀行:工商 asset/debit leaf",
      "1001002003 資產:銀行:招商 asset/debit leaf"
    ])
    assert.strictEqual(chart.postingAccountCode("資產"), "1001001")
    assert.strictEqual(chart.postingAccountCode("資產:銀行"), "1001002001")
    const generated = chart.accounts.find((account) => account.code === "1001002001")!
    assert.strictEqual(generated.fullName, "資產:銀行")
    assert.strictEqual(generated.name, "銀行")
  })

  it("matches the makeJournalChartBuilder doc example", () => {
    const chart = chartOf(["資產:銀行", "資產:銀行:招商"])
    assert.deepStrictEqual([chart.postingAccountCode("資產:銀行"), chart.postingAccountCode("資產:銀行:招商")], ["1001001001", "1001001002"])
  })

  it("renames the generated leaf when a real child already has the parent's name", () => {
    const chart = chartOf(["a:cash", "a:cash:cash", "a:cash:cash (2)"])
    assert.deepStrictEqual(rowsOf(chart), [
      "1001 a asset/debit",
      "1001001 a:cash asset/debit",
      "1001001001 a:cash:cash (3) asset/debit leaf generated",
      "1001001002 a:cash:cash asset/debit leaf",
      "1001001003 a:cash:cash (2) asset/debit leaf"
    ])
    assert.strictEqual(chart.postingAccountCode("a:cash"), "1001001001")
  })

  it("refuses names deeper than Limits.accountLevelsMax and too many sub-accounts", () => {
    const builder = makeJournalChartBuilder()
    const deep = builder.addPostingAccount(Array.from({ length: Limits.accountLevelsMax + 1 }, (_, index) => `l${index}`).join(":"), 7)
    assert.isTrue(Either.isLeft(deep) && deep.left.limit === "accountLevelsMax" && deep.left.line === 7)
    const wide = makeJournalChartBuilder()
    for (let index = 0; index < 1000; index++) Either.getOrThrow(wide.addPostingAccount(`assets:a${index}`, index + 1))
    const built = wide.build()
    assert.isTrue(Either.isLeft(built) && built.left._tag === "JournalFeatureUnsupported")
  })

  it("maps every posting of the mess-hall fixture to a leaf; 費用:水電 gets its generated leaf", () => {
    const journal = readFileSync(fileURLToPath(new URL("../../fixtures/journal/mess-hall.journal", import.meta.url)), "utf8")
    const entries = Either.getOrThrow(parseJournalText(journal))
    const builder = makeJournalChartBuilder()
    for (const entry of entries) for (const posting of entry.postings) Either.getOrThrow(builder.addPostingAccount(posting.account, posting.lineNumber))
    const chart = Either.getOrThrow(builder.build())
    const byCode = new Map(chart.accounts.map((account) => [account.code, account]))
    for (const entry of entries) {
      for (const posting of entry.postings) {
        const code = chart.postingAccountCode(posting.account)
        assert.isDefined(code)
        assert.isTrue(byCode.get(code!)!.leaf)
      }
    }
    const utilities = byCode.get(chart.postingAccountCode("費用:水電")!)!
    assert.deepStrictEqual([utilities.path, utilities.generated], [["費用", "水電", "水電"], true])
  })

  it.prop("any set of names: codes fit the scheme, parents exist, leaves take every posting, order does not matter", [
    fc.uniqueArray(safeAccount, { minLength: 1, maxLength: 30 })
  ], ([names]) => {
    const chart = chartOf(names)
    const reversed = chartOf([...names].reverse())
    assert.deepStrictEqual(rowsOf(reversed), rowsOf(chart))
    const byCode = new Map(chart.accounts.map((account) => [account.code, account]))
    for (const account of chart.accounts) {
      assert.strictEqual(levelOfCode(journalCodeScheme, account.code), account.level)
      assert.strictEqual(parentCodeOf(journalCodeScheme, account.code), account.parentCode)
      if (account.parentCode !== null) assert.isFalse(byCode.get(account.parentCode)!.leaf)
    }
    for (const name of names) assert.isTrue(byCode.get(chart.postingAccountCode(name)!)!.leaf)
  })
})
