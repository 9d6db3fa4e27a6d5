// Proves draft editing and deletion, numbering without gaps (憑證不斷號) and difference
// vouchers (更正) on every dialect: edits keep the id and (within its period and word)
// the number, make the editor the maker and withdraw the cashier's signature; deleted
// drafts give their numbers back to the next vouchers when the option holds, and a
// period with unused numbers does not close until they are filled or renumbered;
// without the option numbers are never reused. A difference voucher holds exactly the
// corrections' differences, and each of its refusals is a typed error.
import { assert } from "@effect/vitest"
import { Effect, Runtime } from "effect"
import fc from "fast-check"
import { describeEachDialect } from "@danju/core/testing"
import { LedgerService } from "../src/LedgerService"
import { PeriodEndService } from "../src/PeriodEndService"
import { AccountSetCode } from "../src/domain/ids"
import { ledgerSqlLayer } from "../src/storage/index"
import { actor, administrator, cashier, checker, dec, maker, messAccounts, migrations, voucher } from "./support"

const second = actor("maker-2", "accountant")

let sets = 0
const setUp = (options: { readonly gapless?: boolean; readonly cashierSignature?: boolean } = {}) =>
  Effect.gen(function*() {
    const ledger = yield* LedgerService
    const code = `fix-${++sets}`
    yield* ledger.createAccountSet(administrator, {
      code: AccountSetCode.make(code),
      name: "三連伙食賬",
      codeScheme: [4, 2, 2],
      startPeriod: { fiscalYear: 2026, number: 3 },
      options: {
        summaryLengthMin: 4,
        gaplessVoucherNumbers: options.gapless ?? true,
        cashierSignatureRequired: options.cashierSignature ?? false
      },
      accounts: messAccounts
    })
    yield* ledger.setOpeningBalances(administrator, code, [
      { accountCode: "1001", balance: dec("500.00") },
      { accountCode: "1002", balance: dec("12000.00") },
      { accountCode: "4001", balance: dec("12500.00") }
    ])
    yield* ledger.enableAccountSet(administrator, code)
    return code
  })

const purchase = (date: string, amount: string) =>
  voucher({
    date,
    lines: [
      { summary: "購買伙食用品", accountCode: "4001", debit: amount },
      { summary: "購買伙食用品", accountCode: "1002", credit: amount }
    ]
  })

const post = (code: string, ids: ReadonlyArray<string>) =>
  Effect.gen(function*() {
    const ledger = yield* LedgerService
    yield* ledger.auditVouchers(checker, code, ids)
    return yield* ledger.postVouchers(checker, code, ids)
  })

const numbersOf = (code: string) =>
  Effect.gen(function*() {
    const ledger = yield* LedgerService
    const vouchers = yield* ledger.listVouchers(maker, code, { limit: 500 })
    return vouchers.map((v) => v.number)
  })

const closing = (report: { readonly rows: ReadonlyArray<{ readonly code: string; readonly closingDebit: { toString(): string }; readonly closingCredit: { toString(): string } }> }, code: string) => {
  const row = report.rows.find((candidate) => candidate.code === code)!
  return [row.closingDebit.toString(), row.closingCredit.toString()]
}

describeEachDialect("draft edits, deletion and difference vouchers", migrations, (it) => {
  it.effect("an edit keeps id and number, makes the editor the maker and withdraws the cashier's signature", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      const code = yield* setUp({ cashierSignature: true })
      const [first, made] = yield* ledger.recordVouchers(maker, code, [purchase("2026-03-02", "10.00"), purchase("2026-03-05", "1234.56")])
      yield* ledger.signVouchers(cashier, code, [made!.id])
      const edited = yield* ledger.editVoucher(second, code, made!.id, purchase("2026-03-06", "1243.56"))
      assert.strictEqual(edited.id, made!.id)
      assert.strictEqual(edited.number, 2)
      assert.strictEqual(edited.makerId, "maker-2")
      assert.strictEqual(edited.cashierId, null)
      assert.strictEqual(edited.date, "2026-03-06")
      assert.strictEqual(edited.total.toString(), "1243.56")
      const [stored] = yield* ledger.getVouchers(maker, code, [made!.id])
      assert.deepStrictEqual(stored!.lines.map((line) => line.debit.plus(line.credit).toString()), ["1243.56", "1243.56"])
      // The first maker may now audit it: the content is the editor's.
      const [audited] = yield* ledger.auditVouchers(actor("maker", "supervisor"), code, [made!.id])
      assert.strictEqual(audited!.status, "audited")
      // An audited voucher is not edited; unaudit first.
      const refused = yield* Effect.flip(ledger.editVoucher(second, code, made!.id, purchase("2026-03-06", "1.00")))
      assert.strictEqual(refused._tag, "VoucherStatusInvalid")
      // A broken edit changes nothing.
      const unbalanced = yield* Effect.flip(ledger.editVoucher(maker, code, first!.id, voucher({
        date: "2026-03-02",
        lines: [
          { summary: "購買伙食用品", accountCode: "4001", debit: "10.00" },
          { summary: "購買伙食用品", accountCode: "1002", credit: "9.00" }
        ]
      })))
      assert.strictEqual(unbalanced._tag, "VoucherUnbalanced")
      const [unchanged] = yield* ledger.getVouchers(maker, code, [first!.id])
      assert.strictEqual(unchanged!.total.toString(), "10")
      assert.strictEqual(unchanged!.makerId, "maker")
      const log = yield* ledger.verify(administrator, code)
      assert.deepStrictEqual(log.differences, [])
    }))

  it.effect("an edit into another month takes that month's number and gives the old one back", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      const code = yield* setUp()
      const made = yield* ledger.recordVouchers(maker, code, [purchase("2026-03-02", "1.00"), purchase("2026-03-03", "2.00"), purchase("2026-03-04", "3.00")])
      const moved = yield* ledger.editVoucher(maker, code, made[1]!.id, purchase("2026-04-01", "2.00"))
      assert.deepStrictEqual([moved.period.number, moved.number], [4, 1])
      // March's number 2 is free again and the next March voucher takes it.
      const next = yield* ledger.createVoucher(maker, code, purchase("2026-03-20", "4.00"))
      assert.strictEqual(next.number, 2)
    }))

  it.effect("with numbers without gaps, deleted drafts' numbers are taken again, lowest first", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      const periodEnd = yield* PeriodEndService
      const code = yield* setUp({ gapless: true })
      const made = yield* ledger.recordVouchers(maker, code, [1, 2, 3, 4, 5].map((day) => purchase(`2026-03-0${day}`, `${day}.00`)))
      yield* ledger.deleteVouchers(maker, code, [made[3]!.id, made[1]!.id])
      assert.deepStrictEqual(yield* numbersOf(code), [1, 3, 5])
      yield* post(code, [made[0]!.id, made[2]!.id, made[4]!.id])
      const gaps = yield* Effect.flip(periodEnd.closePeriod(checker, code))
      assert.strictEqual(gaps._tag, "VoucherNumberGaps")
      assert.deepStrictEqual(gaps._tag === "VoucherNumberGaps" ? [gaps.gaps, gaps.count] : [], [["記-2", "記-4"], 2])
      const refill = yield* ledger.recordVouchers(maker, code, [purchase("2026-03-10", "6.00"), purchase("2026-03-11", "7.00"), purchase("2026-03-12", "8.00")])
      assert.deepStrictEqual(refill.map((v) => v.number), [2, 4, 6])
      // Deleting the last number moves the counter back instead of leaving a gap.
      yield* ledger.deleteVouchers(maker, code, [refill[2]!.id])
      const again = yield* ledger.createVoucher(maker, code, purchase("2026-03-13", "9.00"))
      assert.strictEqual(again.number, 6)
      yield* post(code, [refill[0]!.id, refill[1]!.id, again.id])
      const closed = yield* periodEnd.closePeriod(checker, code)
      assert.strictEqual(closed.period.number, 3)
    }))

  it.effect("renumbering closes the gaps deleted drafts left", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      const periodEnd = yield* PeriodEndService
      const code = yield* setUp({ gapless: true })
      const made = yield* ledger.recordVouchers(maker, code, [1, 2, 3].map((day) => purchase(`2026-03-0${day}`, `${day}.00`)))
      yield* ledger.deleteVouchers(maker, code, [made[0]!.id])
      yield* periodEnd.renumberVouchers(checker, code, { period: { fiscalYear: 2026, number: 3 }, order: "date" })
      assert.deepStrictEqual(yield* numbersOf(code), [1, 2])
      yield* post(code, [made[1]!.id, made[2]!.id])
      const closed = yield* periodEnd.closePeriod(checker, code)
      assert.strictEqual(closed.period.number, 3)
    }))

  it.effect("without the option numbers are never reused and gaps do not hold up the close", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      const periodEnd = yield* PeriodEndService
      const code = yield* setUp({ gapless: false })
      const made = yield* ledger.recordVouchers(maker, code, [1, 2, 3].map((day) => purchase(`2026-03-0${day}`, `${day}.00`)))
      yield* ledger.deleteVouchers(maker, code, [made[1]!.id, made[2]!.id])
      const next = yield* ledger.createVoucher(maker, code, purchase("2026-03-09", "9.00"))
      assert.strictEqual(next.number, 4)
      yield* post(code, [made[0]!.id, next.id])
      yield* periodEnd.closePeriod(checker, code)
    }))

  it.effect("only drafts are deleted, all or nothing, and each deletion is in the audit log", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      const code = yield* setUp()
      const made = yield* ledger.recordVouchers(maker, code, [purchase("2026-03-02", "1.00"), purchase("2026-03-03", "2.00")])
      yield* ledger.auditVouchers(checker, code, [made[1]!.id])
      const refused = yield* Effect.flip(ledger.deleteVouchers(maker, code, [made[0]!.id, made[1]!.id]))
      assert.strictEqual(refused._tag, "VoucherStatusInvalid")
      assert.deepStrictEqual(yield* numbersOf(code), [1, 2])
      const missing = yield* Effect.flip(ledger.deleteVouchers(maker, code, [made[0]!.id, "S999-V1"]))
      assert.strictEqual(missing._tag, "VoucherNotFound")
      const viewer = actor("viewer", "viewer")
      assert.strictEqual((yield* Effect.flip(ledger.deleteVouchers(viewer, code, [made[0]!.id])))._tag, "PermissionDenied")
      const result = yield* ledger.deleteVouchers(maker, code, [made[0]!.id])
      assert.deepStrictEqual(result.deleted, [made[0]!.id])
      assert.strictEqual((yield* Effect.flip(ledger.getVouchers(maker, code, [made[0]!.id])))._tag, "VoucherNotFound")
      const report = yield* ledger.verify(administrator, code)
      // Account set, accounts, openings, enable, two vouchers, one audit, one deletion.
      assert.isTrue(report.auditRecords >= 6)
    }))

  it.effect("a deleted reversal draft lets the voucher be reversed again; generated drafts are not edited", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      const code = yield* setUp()
      const [original] = yield* ledger.recordVouchers(maker, code, [purchase("2026-03-05", "100.00")])
      yield* post(code, [original!.id])
      const reversal = yield* ledger.reverseVoucher(maker, code, original!.id, voucher({ date: "2026-03-06", lines: [] }).date)
      const edit = yield* Effect.flip(ledger.editVoucher(maker, code, reversal.id, purchase("2026-03-06", "-100.00")))
      assert.deepStrictEqual(edit._tag === "VoucherEditForbidden" ? [edit.reason, edit.linkedId] : [], ["reversal", original!.id])
      yield* ledger.deleteVouchers(maker, code, [reversal.id])
      const again = yield* ledger.reverseVoucher(maker, code, original!.id, voucher({ date: "2026-03-07", lines: [] }).date)
      assert.strictEqual(again.reversalOfId, original!.id)
      assert.strictEqual(again.number, 2)
    }))

  it.effect("a difference voucher records exactly the corrections' differences, red where too large", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      const code = yield* setUp()
      const [original] = yield* ledger.recordVouchers(maker, code, [purchase("2026-03-05", "1234.56")])
      yield* post(code, [original!.id])
      const difference = yield* ledger.correctVoucher(maker, code, original!.id, {
        date: voucher({ date: "2026-03-20", lines: [] }).date,
        lines: [{ lineNumber: 1, amount: dec("1243.56") }, { lineNumber: 2, amount: dec("1243.56") }]
      })
      assert.strictEqual(difference.correctionOfId, original!.id)
      assert.strictEqual(difference.status, "draft")
      assert.deepStrictEqual(
        difference.lines.map((line) => [line.summary, line.accountCode, line.debit.toString(), line.credit.toString()]),
        [["更正 3月5日 記-1號憑證", "4001", "9", "0"], ["更正 3月5日 記-1號憑證", "1002", "0", "9"]]
      )
      yield* post(code, [difference.id])
      const report = yield* ledger.trialBalance(maker, code)
      assert.deepStrictEqual(closing(report, "1002"), ["10756.44", "0"])
      assert.deepStrictEqual(closing(report, "4001"), ["0", "11256.44"])
      const twice = yield* Effect.flip(ledger.correctVoucher(maker, code, original!.id, {
        date: voucher({ date: "2026-03-21", lines: [] }).date,
        lines: [{ lineNumber: 1, amount: dec("1.00") }, { lineNumber: 2, amount: dec("1.00") }]
      }))
      assert.deepStrictEqual(twice._tag === "VoucherAlreadyCorrected" ? twice.correctionId : "", difference.id)

      // Too large: the difference is red ink.
      const [other] = yield* ledger.recordVouchers(maker, code, [purchase("2026-03-06", "500.00")])
      yield* post(code, [other!.id])
      const red = yield* ledger.correctVoucher(maker, code, other!.id, {
        date: voucher({ date: "2026-03-06", lines: [] }).date,
        lines: [{ lineNumber: 2, amount: dec("450.00") }, { lineNumber: 1, amount: dec("450.00") }]
      })
      assert.deepStrictEqual(red.lines.map((line) => line.debit.plus(line.credit).toString()), ["-50", "-50"])
      assert.deepStrictEqual((yield* ledger.verify(administrator, code)).differences, [])
    }))

  it.effect("a difference voucher's refusals, in order, each a typed error", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      const code = yield* setUp()
      const date = (text: string) => voucher({ date: text, lines: [] }).date
      const [draft, posted, reversed] = yield* ledger.recordVouchers(maker, code, [
        purchase("2026-03-05", "100.00"),
        purchase("2026-03-05", "200.00"),
        purchase("2026-03-05", "300.00")
      ])
      yield* post(code, [posted!.id, reversed!.id])
      const reversal = yield* ledger.reverseVoucher(maker, code, reversed!.id, date("2026-03-10"))
      yield* post(code, [reversal.id])
      const both = (amount: string) => [{ lineNumber: 1, amount: dec(amount) }, { lineNumber: 2, amount: dec(amount) }]
      const tagOf = <A, E extends { readonly _tag: string }, R>(effect: Effect.Effect<A, E, R>) =>
        Effect.map(Effect.flip(effect), (error) => error._tag)
      const rows: Array<[string, string]> = [
        ["a viewer", yield* tagOf(ledger.correctVoucher(actor("viewer", "viewer"), code, posted!.id, { date: date("2026-03-20"), lines: both("1") }))],
        ["unknown voucher", yield* tagOf(ledger.correctVoucher(maker, code, "S999-V9", { date: date("2026-03-20"), lines: both("1") }))],
        ["a draft", yield* tagOf(ledger.correctVoucher(maker, code, draft!.id, { date: date("2026-03-20"), lines: both("1") }))],
        ["a reversal", yield* tagOf(ledger.correctVoucher(maker, code, reversal.id, { date: date("2026-03-20"), lines: both("1") }))],
        ["dated before", yield* tagOf(ledger.correctVoucher(maker, code, posted!.id, { date: date("2026-03-04"), lines: both("1") }))],
        ["reversed", yield* tagOf(ledger.correctVoucher(maker, code, reversed!.id, { date: date("2026-03-20"), lines: both("1") }))],
        ["line 3", yield* tagOf(ledger.correctVoucher(maker, code, posted!.id, { date: date("2026-03-20"), lines: [{ lineNumber: 3, amount: dec("1") }] }))],
        ["line twice", yield* tagOf(ledger.correctVoucher(maker, code, posted!.id, { date: date("2026-03-20"), lines: [{ lineNumber: 1, amount: dec("1") }, { lineNumber: 1, amount: dec("2") }] }))],
        ["no difference", yield* tagOf(ledger.correctVoucher(maker, code, posted!.id, { date: date("2026-03-20"), lines: both("200.00") }))],
        ["unequal sides", yield* tagOf(ledger.correctVoucher(maker, code, posted!.id, { date: date("2026-03-20"), lines: [{ lineNumber: 1, amount: dec("210") }, { lineNumber: 2, amount: dec("220") }] }))],
        ["one side only", yield* tagOf(ledger.correctVoucher(maker, code, posted!.id, { date: date("2026-03-20"), lines: [{ lineNumber: 1, amount: dec("210") }] }))]
      ]
      assert.deepStrictEqual(rows, [
        ["a viewer", "PermissionDenied"],
        ["unknown voucher", "VoucherNotFound"],
        ["a draft", "VoucherStatusInvalid"],
        ["a reversal", "VoucherIsReversal"],
        ["dated before", "ReversalDateInvalid"],
        ["reversed", "VoucherAlreadyReversed"],
        ["line 3", "CorrectionInvalid"],
        ["line twice", "CorrectionInvalid"],
        ["no difference", "CorrectionInvalid"],
        ["unequal sides", "VoucherUnbalanced"],
        ["one side only", "VoucherLineCount"]
      ])
      // Nothing was written by any refusal: the posted voucher has no correction yet.
      const fine = yield* ledger.correctVoucher(maker, code, posted!.id, { date: date("2026-03-20"), lines: both("210") })
      assert.strictEqual(fine.total.toString(), "10")
    }))

  it.effect("only the auditor or an administrator withdraws an audit; unposting can be switched off", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      const code = yield* setUp()
      const [made] = yield* ledger.recordVouchers(maker, code, [purchase("2026-03-05", "100.00")])
      yield* ledger.auditVouchers(checker, code, [made!.id])
      const otherChecker = actor("checker-2", "supervisor")
      const unaudit = yield* Effect.flip(ledger.unauditVouchers(otherChecker, code, [made!.id]))
      assert.deepStrictEqual(unaudit._tag === "UnauditForbidden" ? [unaudit.operatorId, unaudit.auditorId] : [], ["checker-2", "checker"])
      const [back] = yield* ledger.unauditVouchers(administrator, code, [made!.id])
      assert.strictEqual(back!.status, "draft")

      const sealed = `sealed-${++sets}`
      yield* ledger.createAccountSet(administrator, {
        code: AccountSetCode.make(sealed),
        name: "不可反過賬",
        codeScheme: [4, 2, 2],
        startPeriod: { fiscalYear: 2026, number: 3 },
        options: { allowUnpost: false },
        accounts: messAccounts
      })
      yield* ledger.enableAccountSet(administrator, sealed)
      const [one] = yield* ledger.recordVouchers(maker, sealed, [purchase("2026-03-05", "100.00")])
      yield* post(sealed, [one!.id])
      const unpost = yield* Effect.flip(ledger.unpostVouchers(administrator, sealed, [one!.id]))
      assert.deepStrictEqual(unpost._tag === "UnpostDisabled" ? unpost.accountSet : "", sealed)
    }))

  it.effect("numbering property: with the option every new voucher takes the lowest free number; without it, one above every number given", () =>
    Effect.gen(function*() {
      const runtime = yield* Effect.runtime<LedgerService>()
      const run = Runtime.runPromise(runtime)
      const step = fc.oneof(
        fc.record({ kind: fc.constant("create" as const), count: fc.integer({ min: 1, max: 3 }) }),
        fc.record({ kind: fc.constant("delete" as const), picks: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }) })
      )
      yield* Effect.promise(() =>
        fc.assert(
          fc.asyncProperty(fc.boolean(), fc.array(step, { minLength: 1, maxLength: 10 }), async (gapless, steps) => {
            await run(Effect.gen(function*() {
              const ledger = yield* LedgerService
              const code = yield* setUp({ gapless })
              const live = new Map<number, string>()
              let highestEver = 0
              for (const action of steps) {
                if (action.kind === "create") {
                  const made = yield* ledger.recordVouchers(maker, code, Array.from({ length: action.count }, () => purchase("2026-03-09", "1.00")))
                  for (const v of made) {
                    if (gapless) {
                      let lowest = 1
                      while (live.has(lowest)) lowest++
                      assert.strictEqual(v.number, lowest)
                    } else {
                      assert.strictEqual(v.number, highestEver + 1)
                    }
                    live.set(v.number, v.id)
                    highestEver = Math.max(highestEver, v.number)
                  }
                } else {
                  const numbers = [...live.keys()].sort((a, b) => a - b)
                  if (numbers.length === 0) continue
                  const chosen = [...new Set(action.picks.map((pick) => numbers[pick % numbers.length]!))]
                  yield* ledger.deleteVouchers(maker, code, chosen.map((number) => live.get(number)!))
                  for (const number of chosen) live.delete(number)
                }
                assert.deepStrictEqual(yield* numbersOf(code), [...live.keys()].sort((a, b) => a - b))
              }
            }))
          }),
          { numRuns: 15 }
        )
      )
    }), { timeout: 120_000 })
}, () => ledgerSqlLayer())
