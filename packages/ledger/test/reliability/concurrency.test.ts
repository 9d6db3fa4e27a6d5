// Proves that racing ledger commands act once, on every dialect: sixteen
// concurrent posts of one audited voucher post it once and move the balances once (the
// others get VoucherStatusInvalid); concurrent audits of one draft audit it once;
// concurrent red-ink reversals of one posted voucher create one reversal (the others
// get VoucherAlreadyReversed); concurrent creations of one account-set code, by the
// service or by journal import, create it once and answer AccountSetExists (never a raw
// constraint violation) to the others; a period closed while vouchers are being made
// into it holds no unposted voucher (the makers that come later get PeriodClosed);
// concurrent restores of one backup under one new code restore it once (the others get
// BackupAccountSetExists, never a raw constraint violation, and leave nothing behind); opening balances changed while the
// account set is being enabled either land before the enable or are refused, so the
// enabled books always open on what is stored. On
// PostgreSQL the calls run on separate pooled
// connections at READ COMMITTED, where a read-then-write without a lock would let every
// racer through.
import { assert } from "@effect/vitest"
import { Effect, Either, Stream } from "effect"
import { Dec } from "@danju/core"
import { LedgerBackup } from "../../src/BackupService"
import { describeEachDialect } from "@danju/core/testing"
import { LedgerJournal } from "../../src/JournalService"
import { LedgerService } from "../../src/LedgerService"
import { PeriodEndService } from "../../src/PeriodEndService"
import { AccountSetCode } from "../../src/domain/ids"
import { ledgerSqlLayer } from "../../src/storage/index"
import { administrator, checker, dec, maker, messAccounts, migrations } from "../support"
import { allVouchers, generatedVoucher, setUpBooks } from "./support"

const racers = 16

const outcomes = <A, E extends { readonly _tag: string }>(effects: ReadonlyArray<Effect.Effect<A, E>>) =>
  Effect.map(
    Effect.all(effects.map((effect) => Effect.either(effect)), { concurrency: "unbounded" }),
    (results) => ({
      succeeded: results.filter(Either.isRight).length,
      failures: results.filter(Either.isLeft).map((result) => result.left._tag)
    })
  )

/** Makes, audits (as the checker) and posts one generated voucher. */
const postedVoucher = (code: string, writer: number, index: number) =>
  Effect.gen(function*() {
    const ledger = yield* LedgerService
    const made = yield* ledger.createVoucher(maker, code, generatedVoucher(writer, index).input)
    yield* ledger.auditVouchers(checker, code, [made.id])
    yield* ledger.postVouchers(checker, code, [made.id])
    return made
  })

describeEachDialect("racing ledger commands", migrations, (it) => {
  it.effect("sixteen concurrent posts of one voucher post it once and move the balances once", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      yield* setUpBooks("race-post")
      const { input, amount } = generatedVoucher(0, 1)
      const made = yield* ledger.createVoucher(maker, "race-post", input)
      yield* ledger.auditVouchers(checker, "race-post", [made.id])
      const result = yield* outcomes(Array.from({ length: racers }, () => ledger.postVouchers(checker, "race-post", [made.id])))
      assert.strictEqual(result.succeeded, 1)
      assert.deepStrictEqual(new Set(result.failures), new Set(["VoucherStatusInvalid"]))
      const report = yield* ledger.trialBalance(administrator, "race-post")
      assert.strictEqual(report.rows.find((row) => row.code === "1002")!.periodDebit.toString(), amount.toString())
      const verification = yield* ledger.verify(administrator, "race-post")
      assert.deepStrictEqual(verification.differences, [])
      // create, audit and one post, after the three set-up records
      assert.strictEqual(verification.auditRecords, 6)
    }))

  it.effect("concurrent audits of one draft audit it once", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      yield* setUpBooks("race-audit")
      const made = yield* ledger.createVoucher(maker, "race-audit", generatedVoucher(0, 2).input)
      const result = yield* outcomes(Array.from({ length: racers }, () => ledger.auditVouchers(checker, "race-audit", [made.id])))
      assert.strictEqual(result.succeeded, 1)
      assert.deepStrictEqual(new Set(result.failures), new Set(["VoucherStatusInvalid"]))
      const verification = yield* ledger.verify(administrator, "race-audit")
      assert.strictEqual(verification.auditRecords, 5)
    }))

  it.effect("concurrent reversals of one posted voucher create one reversal", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      yield* setUpBooks("race-reverse")
      const { input } = generatedVoucher(0, 3)
      const made = yield* postedVoucher("race-reverse", 0, 3)
      const result = yield* outcomes(Array.from({ length: racers }, () => ledger.reverseVoucher(maker, "race-reverse", made.id, input.date)))
      assert.strictEqual(result.succeeded, 1)
      assert.deepStrictEqual(new Set(result.failures), new Set(["VoucherAlreadyReversed"]))
      const vouchers = yield* allVouchers(administrator, "race-reverse")
      assert.deepStrictEqual(vouchers.map((voucher) => voucher.number), [1, 2])
      assert.strictEqual(vouchers.filter((voucher) => voucher.reversalOfId === made.id).length, 1)
      assert.strictEqual(vouchers[1]!.lines[0]!.debit.toString(), dec("0").minus(made.lines[0]!.debit).toString())
    }))

  it.effect("concurrent creations of one account-set code create it once; the others get AccountSetExists", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      const result = yield* outcomes(Array.from({ length: racers }, () =>
        ledger.createAccountSet(administrator, { code: AccountSetCode.make("race-create"), name: "並發建賬", startPeriod: { fiscalYear: 2026, number: 1 } })))
      assert.strictEqual(result.succeeded, 1)
      assert.deepStrictEqual(new Set(result.failures), new Set(["AccountSetExists"]))
    }))

  it.effect("concurrent imports of one journal under one code import it once; the others get AccountSetExists", () =>
    Effect.gen(function*() {
      const journal = yield* LedgerJournal
      const text = "2026-01-05 opening\n    assets:bank  100.00 CNY\n    equity:capital\n"
      const result = yield* outcomes(Array.from({ length: 8 }, () =>
        journal.importJournal(administrator, AccountSetCode.make("race-import"), () => Stream.make(text))))
      assert.strictEqual(result.succeeded, 1)
      assert.deepStrictEqual(new Set(result.failures), new Set(["AccountSetExists"]))
      const verification = yield* (yield* LedgerService).verify(administrator, "race-import")
      assert.deepStrictEqual(verification.differences, [])
    }))

  it.effect("a period closed while vouchers are being made holds no unposted voucher", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      const periodEnd = yield* PeriodEndService
      yield* setUpBooks("race-close")
      yield* postedVoucher("race-close", 5, 0)
      const closing = Effect.either(periodEnd.closePeriod(checker, "race-close"))
      const making = Array.from({ length: racers }, (_, index) => Effect.either(ledger.createVoucher(maker, "race-close", generatedVoucher(5, index + 1).input)))
      const [closed, ...made] = yield* Effect.all([closing, ...making], { concurrency: "unbounded" })
      const refused = made.filter(Either.isLeft).map((result) => result.left._tag)
      const vouchers = yield* allVouchers(administrator, "race-close")
      if (Either.isRight(closed!)) {
        // The close won: everything in the closed period is posted, later makers were refused.
        assert.deepStrictEqual(vouchers.filter((voucher) => voucher.status !== "posted").map((voucher) => voucher.id), [])
        assert.isTrue(refused.every((tag) => tag === "PeriodClosed"), refused.join(","))
      } else {
        assert.strictEqual(closed!.left._tag, "UnpostedVouchersRemain")
      }
      assert.strictEqual(vouchers.length, 1 + made.filter(Either.isRight).length)
    }))

  it.effect("concurrent restores of one backup under one new code restore it once; the others get BackupAccountSetExists", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      const backups = yield* LedgerBackup
      yield* setUpBooks("race-source")
      const made = yield* postedVoucher("race-source", 1, 1)
      const chunks: Array<string> = []
      yield* backups.backup(administrator, "race-source", (chunk) => Effect.sync(() => void chunks.push(chunk)))
      const text = chunks.join("")
      const lines = () => Stream.fromIterable(text.match(/[\s\S]{1,997}/g) ?? []).pipe(Stream.splitLines)
      const result = yield* outcomes(Array.from({ length: 8 }, () =>
        backups.restore(administrator, lines(), { as: AccountSetCode.make("race-copy") })))
      assert.strictEqual(result.succeeded, 1)
      assert.deepStrictEqual(new Set(result.failures), new Set(["BackupAccountSetExists"]))
      const copy = yield* allVouchers(administrator, "race-copy")
      assert.deepStrictEqual(copy.map((voucher) => [voucher.number, voucher.total.toFixed(2)]), [[made.number, made.total.toFixed(2)]])
      assert.deepStrictEqual((yield* ledger.verify(administrator, "race-copy")).differences, [])
      const source = yield* ledger.trialBalance(administrator, "race-source")
      const restored = yield* ledger.trialBalance(administrator, "race-copy")
      assert.deepStrictEqual(restored.rows.map((row) => [row.code, row.closingDebit.toFixed(2), row.closingCredit.toFixed(2)]),
        source.rows.map((row) => [row.code, row.closingDebit.toFixed(2), row.closingCredit.toFixed(2)]))
    }))

  it.effect("opening balances changed while the books are enabled land before the enable or are refused", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      yield* ledger.createAccountSet(administrator, {
        code: AccountSetCode.make("race-enable"),
        name: "啟用並發",
        codeScheme: [4, 2, 2],
        startPeriod: { fiscalYear: 2026, number: 3 },
        accounts: messAccounts
      })
      yield* ledger.setOpeningBalances(administrator, "race-enable", [
        { accountCode: "1001", balance: new Dec("100.00") },
        { accountCode: "4001", balance: new Dec("100.00") }
      ])
      // Sixteen writers each set their own balanced openings while the set is enabled.
      const writing = Array.from({ length: racers }, (_, index) =>
        Effect.either(ledger.setOpeningBalances(administrator, "race-enable", [
          { accountCode: "1001", balance: new Dec(200 + index) },
          { accountCode: "4001", balance: new Dec(200 + index) }
        ])))
      const [enabled, ...written] = yield* Effect.all([Effect.either(ledger.enableAccountSet(administrator, "race-enable")), ...writing], { concurrency: "unbounded" })
      assert.isTrue(Either.isRight(enabled!), Either.isLeft(enabled!) ? enabled.left._tag : "")
      const refused = written.filter(Either.isLeft).map((result) => result.left._tag)
      assert.isTrue(refused.every((tag) => tag === "AccountSetStatusInvalid"), refused.join(","))
      // After the enable, no writer gets through.
      const late = yield* Effect.flip(ledger.setOpeningBalances(administrator, "race-enable", [
        { accountCode: "1001", balance: new Dec("999.00") },
        { accountCode: "4001", balance: new Dec("999.00") }
      ]))
      assert.strictEqual(late._tag, "AccountSetStatusInvalid")
      // The enabled books open on what one writer (or the first call) stored, never a mixture.
      const succeeded = written.flatMap((result, index) => Either.isRight(result) ? [(200 + index).toFixed(2)] : [])
      const trial = yield* ledger.trialBalance(administrator, "race-enable")
      const opening = (code: string) => trial.rows.find((row) => row.code === code)!
      assert.include(["100.00", ...succeeded], opening("1001").openingDebit.toFixed(2))
      assert.strictEqual(opening("4001").openingCredit.toFixed(2), opening("1001").openingDebit.toFixed(2))
      assert.isTrue(trial.balanced)
      assert.deepStrictEqual((yield* ledger.verify(administrator, "race-enable")).differences, [])
    }))
}, () => ledgerSqlLayer())
