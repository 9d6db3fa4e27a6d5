// Proves that every shipped chart template materializes into a well-formed chart (codes
// fit the scheme, parents exist, codes unique, leaf flags derived correctly, cash and
// bank accounts are leaves), that key accounts stand on the hand-checked side of the
// regulation, that the special accounts the period-end procedures need exist and take
// postings, that malformed templates die, and that the mess-hall chart and its nine
// voucher templates are exactly the seed's: each template, filled with any amount,
// yields a balanced voucher that the mess-hall account set accepts.
import { assert, describe, it } from "@effect/vitest"
import { Decimal } from "decimal.js"
import { Either, Schema } from "effect"
import * as fc from "fast-check"
import { FiscalCalendar } from "@danju/core"
import type { Account } from "../../src/domain/Account"
import { levelOfCode, parentCodeOf } from "../../src/domain/Account"
import { AccountSet } from "../../src/domain/AccountSet"
import { AccountSetCode } from "../../src/domain/ids"
import { validateVoucher, VoucherInput } from "../../src/domain/Voucher"
import type { ChartTemplate, VoucherTemplate } from "../../src/domain/templates"
import {
  chartTemplates,
  ChartTemplateId,
  instantiateVoucherTemplate,
  materializeChart,
  messHallChart,
  messHallVoucherTemplates,
  optionsOf,
  placeholdersOf,
  templateProblems,
  VoucherTemplate as VoucherTemplateSchema,
  VoucherTemplateAmountMissing
} from "../../src/domain/templates"

const templates = Object.values(chartTemplates)

const byCode = (accounts: ReadonlyArray<Account>): ReadonlyMap<string, Account> =>
  new Map(accounts.map((account) => [account.code as string, account]))

const accountOf = (template: ChartTemplate, code: string): Account => {
  const account = byCode(materializeChart(template)).get(code)
  if (account === undefined) assert.fail(`${template.id} lacks account ${code}`)
  return account
}

const rightOf = <A, E>(either: Either.Either<A, E>): A => {
  if (Either.isLeft(either)) assert.fail(`expected Right, got Left ${String(either.left)}`)
  return either.right
}

describe("chart templates", () => {
  it("are keyed by their own id, and the id schema lists exactly them", () => {
    for (const [key, template] of Object.entries(chartTemplates)) assert.strictEqual(template.id, key)
    assert.deepStrictEqual([...ChartTemplateId.literals].sort(), Object.keys(chartTemplates).sort())
  })

  for (const template of templates) {
    describe(template.id, () => {
      it("has no problems and materializes every account once", () => {
        assert.deepStrictEqual(templateProblems(template), [])
        const accounts = materializeChart(template)
        assert.strictEqual(accounts.length, template.accounts.length)
        assert.strictEqual(new Set(accounts.map((account) => account.code)).size, accounts.length)
        assert.strictEqual(template.baseCurrency, "CNY")
      })

      it("derives level and parent from the code scheme, and every parent exists", () => {
        const accounts = materializeChart(template)
        const codes = byCode(accounts)
        for (const account of accounts) {
          assert.strictEqual(account.level, levelOfCode(template.codeScheme, account.code), account.code)
          assert.strictEqual(account.parentCode, parentCodeOf(template.codeScheme, account.code), account.code)
          if (account.parentCode === null) {
            assert.strictEqual(account.level, 1)
          } else {
            const parent = codes.get(account.parentCode)
            assert.isDefined(parent, `${account.code} has no parent`)
            assert.strictEqual(parent!.level, account.level - 1)
            assert.strictEqual(parent!.category, account.category, `${account.code} differs in category from its parent`)
          }
          assert.isFalse(account.disabled)
        }
      })

      it("marks exactly the accounts without children as leaves, and sorts parents first", () => {
        const accounts = materializeChart(template)
        const parentCodes = new Set(accounts.map((account) => account.parentCode))
        for (const account of accounts) assert.strictEqual(account.leaf, !parentCodes.has(account.code), account.code)
        const codes = accounts.map((account) => account.code as string)
        assert.deepStrictEqual(codes, [...codes].sort())
      })

      it("flags cash and bank on leaves only, never both on one account", () => {
        for (const account of materializeChart(template)) {
          if (account.isCash || account.isBank) assert.isTrue(account.leaf, account.code)
          assert.isFalse(account.isCash && account.isBank, account.code)
        }
      })

      it("names special accounts that exist and take postings", () => {
        const accounts = byCode(materializeChart(template))
        const { profitDistribution, ...posted } = template.specialAccounts
        for (const [role, code] of Object.entries(posted)) {
          if (code === null) continue
          assert.isTrue(accounts.get(code)?.leaf, `${role} ${code}`)
        }
        if (profitDistribution !== null) assert.strictEqual(accounts.get(profitDistribution)?.level, 1)
      })
    })
  }

  it("keeps 1001 cash and 1002 bank in every chart that has accounts, and flags no other", () => {
    for (const template of templates) {
      const accounts = materializeChart(template)
      if (accounts.length === 0) continue
      assert.deepStrictEqual(accounts.filter((account) => account.isCash).map((account) => account.code), ["1001"], template.id)
      assert.deepStrictEqual(accounts.filter((account) => account.isBank).map((account) => account.code), ["1002"], template.id)
    }
  })

  it("leaves the empty chart empty, with scheme 4-2-2-2 and no special accounts", () => {
    const empty = chartTemplates.empty
    assert.deepStrictEqual(materializeChart(empty), [])
    assert.deepStrictEqual([...empty.codeScheme], [4, 2, 2, 2])
    assert.isTrue(Object.values(empty.specialAccounts).every((code) => code === null))
  })
})

describe("small-enterprise chart", () => {
  const template = chartTemplates.smallEnterprise

  it("has exactly the level-1 accounts of 小企業會計準則", () => {
    // Hand-copied from the standard's appendix (66 accounts).
    const expected = [
      "1001", "1002", "1012", "1101", "1121", "1122", "1123", "1131", "1132", "1221", "1401", "1402", "1403",
      "1404", "1405", "1407", "1408", "1411", "1421", "1501", "1511", "1601", "1602", "1604", "1605", "1606",
      "1621", "1622", "1701", "1702", "1801", "1901",
      "2001", "2201", "2202", "2203", "2211", "2221", "2231", "2232", "2241", "2401", "2501", "2701",
      "3001", "3002", "3101", "3103", "3104",
      "4001", "4101", "4301", "4401", "4403",
      "5001", "5051", "5111", "5301", "5401", "5402", "5403", "5601", "5602", "5603", "5711", "5801"
    ]
    const levelOne = materializeChart(template).filter((account) => account.level === 1).map((account) => account.code)
    assert.deepStrictEqual(levelOne, expected)
  })

  it("classes 3xxx as equity, 4xxx as cost and 5xxx as profit and loss", () => {
    for (const account of materializeChart(template)) {
      const expected = { "1": "asset", "2": "liability", "3": "equity", "4": "cost", "5": "profitAndLoss" }[account.code.charAt(0)]
      assert.strictEqual(account.category, expected, account.code)
    }
  })

  it("puts key accounts on the hand-checked side", () => {
    const expected: ReadonlyArray<readonly [string, string, "debit" | "credit"]> = [
      ["1001", "庫存現金", "debit"],
      ["1002", "銀行存款", "debit"],
      ["1122", "應收賬款", "debit"],
      ["1407", "商品進銷差價", "credit"],
      ["1602", "累計折舊", "credit"],
      ["1622", "生產性生物資產累計折舊", "credit"],
      ["1702", "累計攤銷", "credit"],
      ["2202", "應付賬款", "credit"],
      ["2221", "應交稅費", "credit"],
      ["22210101", "進項稅額", "debit"],
      ["22210105", "銷項稅額", "credit"],
      ["3103", "本年利潤", "credit"],
      ["310415", "未分配利潤", "credit"],
      ["4001", "生產成本", "debit"],
      ["5001", "主營業務收入", "credit"],
      ["5111", "投資收益", "credit"],
      ["5301", "營業外收入", "credit"],
      ["5401", "主營業務成本", "debit"],
      ["5602", "管理費用", "debit"],
      ["560302", "匯兌損益", "debit"],
      ["5801", "所得稅費用", "debit"]
    ]
    for (const [code, name, direction] of expected) {
      const account = accountOf(template, code)
      assert.strictEqual(account.name, name, code)
      assert.strictEqual(account.direction, direction, code)
    }
  })

  it("requires customer, supplier, employee and department dimensions where the books keep them", () => {
    assert.deepStrictEqual(accountOf(template, "1122").dimensionTypes, ["customer"])
    assert.deepStrictEqual(accountOf(template, "2203").dimensionTypes, ["customer"])
    assert.deepStrictEqual(accountOf(template, "2202").dimensionTypes, ["supplier"])
    assert.deepStrictEqual(accountOf(template, "1123").dimensionTypes, ["supplier"])
    assert.deepStrictEqual(accountOf(template, "122101").dimensionTypes, ["employee"])
    const administrative = materializeChart(template).filter((account) => account.parentCode === "5602")
    assert.isAbove(administrative.length, 0)
    for (const account of administrative) assert.deepStrictEqual(account.dimensionTypes, ["department"], account.code)
  })

  it("names its period-end accounts: 本年利潤, 未分配利潤, 匯兌損益, and no 以前年度損益調整", () => {
    assert.deepStrictEqual(template.specialAccounts, {
      currentYearProfit: "3103",
      profitDistribution: "3104",
      retainedEarnings: "310415",
      priorYearAdjustment: null,
      exchangeGainLoss: "560302"
    })
    assert.strictEqual(accountOf(template, "310415").parentCode, "3104")
    assert.strictEqual(accountOf(template, "560302").parentCode, "5603")
  })
})

describe("enterprise chart", () => {
  const template = chartTemplates.enterprise

  it("classes accounts by their first digit, 1 asset … 6 profit and loss", () => {
    const classes = { "1": "asset", "2": "liability", "3": "common", "4": "equity", "5": "cost", "6": "profitAndLoss" } as const
    for (const account of materializeChart(template)) {
      assert.strictEqual(account.category, classes[account.code.charAt(0) as "1"], account.code)
    }
    const levelOne = materializeChart(template).filter((account) => account.level === 1)
    assert.isAtLeast(levelOne.length, 80)
    assert.isAtMost(levelOne.length, 120)
  })

  it("puts key accounts, contra accounts among them, on the hand-checked side", () => {
    const expected: ReadonlyArray<readonly [string, string, "debit" | "credit"]> = [
      ["1001", "庫存現金", "debit"],
      ["1122", "應收賬款", "debit"],
      ["1231", "壞賬準備", "credit"],
      ["1471", "存貨跌價準備", "credit"],
      ["1602", "累計折舊", "credit"],
      ["1603", "固定資產減值準備", "credit"],
      ["1702", "累計攤銷", "credit"],
      ["2202", "應付賬款", "credit"],
      ["2702", "未確認融資費用", "debit"],
      ["3001", "清算資金往來", "debit"],
      ["4001", "實收資本", "credit"],
      ["4101", "盈餘公積", "credit"],
      ["4103", "本年利潤", "credit"],
      ["4104", "利潤分配", "credit"],
      ["4201", "庫存股", "debit"],
      ["5001", "生產成本", "debit"],
      ["5402", "工程結算", "credit"],
      ["6001", "主營業務收入", "credit"],
      ["6111", "投資收益", "credit"],
      ["6301", "營業外收入", "credit"],
      ["6401", "主營業務成本", "debit"],
      ["6602", "管理費用", "debit"],
      ["6603", "財務費用", "debit"],
      ["6711", "營業外支出", "debit"],
      ["6801", "所得稅費用", "debit"],
      ["6901", "以前年度損益調整", "debit"]
    ]
    for (const [code, name, direction] of expected) {
      const account = accountOf(template, code)
      assert.strictEqual(account.name, name, code)
      assert.strictEqual(account.direction, direction, code)
    }
  })

  it("names its period-end accounts, 以前年度損益調整 among the profit-and-loss accounts", () => {
    assert.deepStrictEqual(template.specialAccounts, {
      currentYearProfit: "4103",
      profitDistribution: "4104",
      retainedEarnings: "410415",
      priorYearAdjustment: "6901",
      exchangeGainLoss: "660302"
    })
    assert.strictEqual(accountOf(template, "4103").category, "equity")
    assert.strictEqual(accountOf(template, "410415").name, "未分配利潤")
    assert.strictEqual(accountOf(template, "6901").category, "profitAndLoss")
    assert.strictEqual(accountOf(template, "660302").name, "匯兌損益")
  })
})

describe("materializeChart on a malformed template", () => {
  const base: ChartTemplate = {
    ...chartTemplates.empty,
    accounts: [
      { code: "1001", name: "庫存現金", category: "asset", direction: "debit", isCash: true },
      { code: "4103", name: "本年利潤", category: "equity", direction: "credit" }
    ],
    specialAccounts: { ...chartTemplates.empty.specialAccounts, currentYearProfit: "4103" }
  }
  const cases: ReadonlyArray<readonly [string, ChartTemplate, string]> = [
    ["a code that fits no level", { ...base, accounts: [...base.accounts, { code: "10011", name: "五位", category: "asset", direction: "debit" }] }, "does not fit"],
    ["a missing parent", { ...base, accounts: [...base.accounts, { code: "100201", name: "工行", category: "asset", direction: "debit" }] }, "no parent 1002"],
    ["a duplicate code", { ...base, accounts: [...base.accounts, { code: "1001", name: "現金", category: "asset", direction: "debit" }] }, "declared twice"],
    ["a child in another category", { ...base, accounts: [...base.accounts, { code: "100101", name: "人民幣", category: "liability", direction: "debit" }] }, "its parent 1001 is asset"],
    ["an account both cash and bank", { ...base, accounts: [{ ...base.accounts[0]!, isBank: true }, base.accounts[1]!] }, "both cash and bank"],
    ["a special account the chart lacks", { ...base, specialAccounts: { ...base.specialAccounts, exchangeGainLoss: "6603" } }, "exchangeGainLoss names 6603"],
    ["a special account with sub-accounts", { ...base, accounts: [...base.accounts, { code: "410301", name: "明細", category: "equity", direction: "credit" }] }, "currentYearProfit (4103) has sub-accounts"],
    ["a scheme level of ten digits", { ...base, codeScheme: [4, 10] }, "code scheme"]
  ]
  for (const [label, template, problem] of cases) {
    it(`dies on ${label}`, () => {
      assert.isTrue(templateProblems(template).some((text) => text.includes(problem)), templateProblems(template).join("; "))
      assert.throws(() => materializeChart(template), problem)
    })
  }
})

describe("optionsOf", () => {
  it("gives the mess hall 4-character summaries, renumbering of posted vouchers and the 記 word", () => {
    const options = optionsOf(chartTemplates.messHall)
    assert.strictEqual(options.summaryLengthMin, 4)
    assert.isTrue(options.allowRenumberPosted)
    assert.deepStrictEqual([...options.voucherWords], ["記"])
    assert.isTrue(options.makerMayNotAudit)
  })

  it("leaves the defaults alone for the other charts, and lets the caller's choices win", () => {
    const defaults = optionsOf(chartTemplates.enterprise)
    assert.strictEqual(defaults.summaryLengthMin, 1)
    assert.isFalse(defaults.allowRenumberPosted)
    const chosen = optionsOf(chartTemplates.messHall, { summaryLengthMin: 6, voucherWords: ["收", "付", "轉"] })
    assert.strictEqual(chosen.summaryLengthMin, 6)
    assert.deepStrictEqual([...chosen.voucherWords], ["收", "付", "轉"])
    assert.isTrue(chosen.allowRenumberPosted)
  })
})

describe("mess-hall chart", () => {
  it("has exactly the seed's accounts: cash, bank, the mess fund (seed 401) and the grain subsidy", () => {
    const accounts = materializeChart(messHallChart)
    assert.deepStrictEqual(
      accounts.map((account) => [account.code, account.name, account.direction, account.category, account.leaf]),
      [
        ["1001", "庫存現金", "debit", "asset", true],
        ["1002", "銀行存款", "debit", "asset", true],
        ["4001", "伙食費", "credit", "equity", true],
        ["4002", "軍糧差價補貼", "credit", "profitAndLoss", true]
      ]
    )
    assert.deepStrictEqual([...messHallChart.codeScheme], [4, 2, 2])
    assert.strictEqual(messHallChart.specialAccounts.currentYearProfit, "4001")
  })
})

describe("mess-hall voucher templates", () => {
  // The seed's nine entries (主要分錄), debit account then credit account.
  const seedEntries: ReadonlyArray<readonly [string, string, string]> = [
    ["withdrawCash", "1001", "1002"], //          1 提取現金: 借 庫存現金 貸 銀行存款
    ["buyFood", "4001", "1001"], //               2 買菜: 借 伙食費 貸 庫存現金
    ["receiveAllocation", "1002", "4001"], //     3 收上級撥伙食費: 借 銀行存款 貸 伙食費
    ["receiveOfficersMealFees", "1001", "4001"], // 4 收幹部、士官伙食費: 借 庫存現金 貸 伙食費
    ["receiveBankInterest", "1002", "4001"], //   5 收銀行利息: 借 銀行存款 貸 伙食費
    ["refundMealFees", "4001", "1001"], //        6 退XX伙食費: 借 伙食費 貸 庫存現金
    ["payBankFees", "4001", "1002"], //           7 支付銀行賬戶管理費: 借 伙食費 貸 銀行存款
    ["receiveGrainSubsidy", "1002", "4002"], //   8 收軍糧差價補貼: 借 銀行存款 貸 軍糧差價補貼
    ["transferGrainSubsidy", "4002", "4001"] //   9 軍糧差價轉入伙食費: 借 軍糧差價補貼 貸 伙食費
  ]

  const messAccountSet = new AccountSet({
    id: "mess-1",
    code: AccountSetCode.make("mess"),
    organisationId: "org-1",
    name: "一中隊伙食賬",
    baseCurrency: "CNY",
    currencyScale: 2,
    codeScheme: [...messHallChart.codeScheme],
    calendar: FiscalCalendar.natural(2008),
    startPeriod: { fiscalYear: 2008, number: 1 },
    status: "enabled",
    template: "messHall",
    options: optionsOf(messHallChart),
    lastClosedYear: null,
    lastClosedPeriod: null,
    createdAt: 0
  })
  const messAccounts = byCode(materializeChart(messHallChart))
  const accept = (template: VoucherTemplate, amount: string) => {
    const encoded = rightOf(instantiateVoucherTemplate(template, { date: "2008-03-15", amounts: { amount } }))
    const input = Schema.decodeUnknownSync(VoucherInput)(encoded)
    return validateVoucher({ accountSet: messAccountSet, account: (code) => messAccounts.get(code), dimensionValueExists: () => false }, input)
  }

  it("are the seed's nine entries with its debit and credit accounts", () => {
    assert.deepStrictEqual(
      messHallVoucherTemplates.map((template) => [
        template.id,
        template.lines.filter((line) => line.side === "debit").map((line) => line.accountCode).join(","),
        template.lines.filter((line) => line.side === "credit").map((line) => line.accountCode).join(",")
      ]),
      seedEntries.map((entry) => [...entry])
    )
  })

  it("are valid templates over leaf accounts of the chart, with summaries of at least four characters", () => {
    for (const template of messHallVoucherTemplates) {
      assert.deepStrictEqual(Schema.decodeUnknownSync(VoucherTemplateSchema)(template), template)
      assert.deepStrictEqual(placeholdersOf(template), ["amount"])
      assert.strictEqual(template.word, "記")
      for (const line of template.lines) {
        assert.isTrue(messAccounts.get(line.accountCode)?.leaf, `${template.id} ${line.accountCode}`)
        assert.isAtLeast([...line.summary].length, 4, `${template.id}: ${line.summary}`)
      }
    }
  })

  it("each instantiate to the exact voucher input the seed describes", () => {
    const withdraw = messHallVoucherTemplates[0]!
    assert.deepStrictEqual(rightOf(instantiateVoucherTemplate(withdraw, { date: "2008-01-05", amounts: { amount: "500.00" }, attachments: 1 })), {
      word: "記",
      date: "2008-01-05",
      attachments: 1,
      lines: [
        { summary: "從銀行提取現金", accountCode: "1001", debit: "500.00" },
        { summary: "從銀行提取現金", accountCode: "1002", credit: "500.00" }
      ]
    })
  })

  it.prop(
    "balance for any amount and pass every voucher rule of the mess-hall account set",
    [fc.integer({ min: 1, max: 999_999_999_99 }), fc.constantFrom(...messHallVoucherTemplates)],
    ([cents, template]) => {
      const amount = new Decimal(cents).dividedBy(100).toFixed(2)
      const validated = rightOf(accept(template, amount))
      assert.isTrue(validated.total.equals(new Decimal(amount)))
      const debit = validated.lines.reduce((sum, line) => sum.plus(line.debit), new Decimal(0))
      const credit = validated.lines.reduce((sum, line) => sum.plus(line.credit), new Decimal(0))
      assert.isTrue(debit.equals(credit))
      assert.isTrue(validated.touchesCashOrBank === template.lines.some((line) => line.accountCode === "1001" || line.accountCode === "1002"))
    }
  )

  it("fail with VoucherTemplateAmountMissing when the amount is absent or blank", () => {
    const template = messHallVoucherTemplates[1]!
    for (const amounts of [{}, { amount: "  " }, { tax: "1.00" }]) {
      const result = instantiateVoucherTemplate(template, { date: "2008-01-05", amounts })
      assert.isTrue(Either.isLeft(result))
      const error = (result as Either.Left<VoucherTemplateAmountMissing, unknown>).left
      assert.instanceOf(error, VoucherTemplateAmountMissing)
      assert.strictEqual(error.placeholder, "amount")
      assert.strictEqual(error.message, 'voucher template buyFood needs an amount for "amount"')
    }
  })

  it("take the caller's summary and word over the template's", () => {
    const refund = messHallVoucherTemplates.find((template) => template.id === "refundMealFees")!
    const input = rightOf(instantiateVoucherTemplate(refund, { date: "2008-02-01", amounts: { amount: "90" }, summary: "退張三伙食費", word: "付" }))
    assert.strictEqual(input.word, "付")
    assert.deepStrictEqual(input.lines.map((line) => line.summary), ["退張三伙食費", "退張三伙食費"])
  })
})

describe("non-profit chart", () => {
  const template = chartTemplates.nonProfit

  it("has exactly the level-1 accounts of 民間非營利組織會計制度, contra accounts on the credit side", () => {
    // Hand-copied from the regulation's 會計科目表 (48 accounts).
    const expected = [
      "1001", "1002", "1009", "1101", "1102", "1111", "1121", "1122", "1131", "1141", "1201", "1202", "1301",
      "1401", "1402", "1421", "1501", "1502", "1505", "1506", "1509", "1601", "1701",
      "2101", "2201", "2202", "2203", "2204", "2206", "2209", "2301", "2401", "2501", "2502", "2601",
      "3101", "3102",
      "4101", "4201", "4301", "4401", "4501", "4601", "4901",
      "5101", "5201", "5301", "5401"
    ]
    const accounts = materializeChart(template)
    assert.deepStrictEqual(accounts.filter((account) => account.level === 1).map((account) => account.code), expected)
    const credits = accounts.filter((account) => account.code.startsWith("1") && account.direction === "credit").map((account) => account.code)
    assert.deepStrictEqual(credits, ["1102", "1131", "1202", "1421", "1502"])
    for (const account of accounts) {
      const category = { "1": "asset", "2": "liability", "3": "equity", "4": "profitAndLoss", "5": "profitAndLoss" }[account.code.charAt(0)]
      assert.strictEqual(account.category, category, account.code)
    }
  })

  it("closes income and expenses to 非限定性淨資產 and has no profit distribution", () => {
    assert.deepStrictEqual(template.specialAccounts, {
      currentYearProfit: "3101",
      profitDistribution: null,
      retainedEarnings: null,
      priorYearAdjustment: null,
      exchangeGainLoss: "530102"
    })
  })
})
