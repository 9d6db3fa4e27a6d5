// Model-based test (TigerBeetle's auditor, fast-check commands): random sequences of
// create / edit / delete / audit / unaudit / post / unpost / reverse / correct (difference
// voucher) run against the real service and a
// naive in-memory ledger; after every step the real trial balance must equal the
// model's balances and every refused command must be one the model also refuses.
import { assert } from "@effect/vitest"
import { Effect, Either, Runtime } from "effect"
import fc from "fast-check"
import type { Dec } from "@danju/core"
import { describeEachDialect } from "@danju/core/testing"
import { AccountSetCode } from "../src/domain/ids"
import type { Voucher } from "../src/domain/VoucherLifecycle"
import { LedgerService } from "../src/LedgerService"
import { ledgerSqlLayer } from "../src/storage/index"
import { administrator, checker, dec, maker, migrations, voucher } from "./support"

const leaves = ["1001", "1002", "2202", "4001", "6602"]
const chart = [
  { code: "1001", name: "現金", category: "asset" as const, direction: "debit" as const, isCash: true },
  { code: "1002", name: "銀行", category: "asset" as const, direction: "debit" as const, isBank: true },
  { code: "2202", name: "應付", category: "liability" as const, direction: "credit" as const },
  { code: "4001", name: "資本", category: "equity" as const, direction: "credit" as const },
  { code: "6602", name: "費用", category: "profitAndLoss" as const, direction: "debit" as const }
]

interface ModelVoucher {
  id: string
  status: "draft" | "audited" | "posted"
  signed: Map<string, Dec>
  date: string
  reversed: boolean
  isReversal: boolean
  /** Made by Create (two lines, `debitAccount` / `creditAccount`, `cents`), not generated. */
  plain: boolean
  debitAccount: string
  creditAccount: string
  cents: number
  corrected: boolean
  isCorrection: boolean
  /** The voucher a reversal or difference voucher was generated from. */
  of: ModelVoucher | undefined
}
interface Model {
  vouchers: Array<ModelVoucher>
}
interface Real {
  code: string
  run: <A, E>(effect: Effect.Effect<A, E, LedgerService>) => Promise<Either.Either<A, E>>
}

const signedOf = (v: Voucher) => {
  const map = new Map<string, Dec>()
  for (const line of v.lines) map.set(line.accountCode, (map.get(line.accountCode) ?? dec("0")).plus(line.debit).minus(line.credit))
  return map
}

const compare = async (model: Model, real: Real) => {
  const report = await real.run(Effect.flatMap(LedgerService, (ledger) => ledger.trialBalance(maker, real.code, { to: { fiscalYear: 2026, number: 1 } })))
  const expected = new Map<string, Dec>()
  for (const v of model.vouchers) {
    if (v.status !== "posted") continue
    for (const [account, amount] of v.signed) expected.set(account, (expected.get(account) ?? dec("0")).plus(amount))
  }
  const rows = Either.getOrThrow(report).rows
  for (const account of leaves) {
    const row = rows.find((candidate) => candidate.code === account)
    const actual = row === undefined ? dec("0") : row.closingDebit.minus(row.closingCredit)
    assert.strictEqual(actual.toString(), (expected.get(account) ?? dec("0")).toString(), `balance of ${account}`)
  }
  assert.isTrue(Either.getOrThrow(report).balanced)
}

const pick = (model: Model, index: number) => model.vouchers.length === 0 ? undefined : model.vouchers[index % model.vouchers.length]

class Create implements fc.AsyncCommand<Model, Real> {
  constructor(readonly debit: string, readonly credit: string, readonly cents: number, readonly day: number) {}
  check = () => true
  async run(model: Model, real: Real) {
    const amount = (this.cents / 100).toFixed(2)
    const result = await real.run(Effect.flatMap(LedgerService, (ledger) =>
      ledger.createVoucher(maker, real.code, voucher({
        date: `2026-01-${String(this.day).padStart(2, "0")}`,
        lines: [{ summary: "模型借方", accountCode: this.debit, debit: amount }, { summary: "模型貸方", accountCode: this.credit, credit: amount }]
      }))))
    const made = Either.getOrThrow(result)
    model.vouchers.push({
      ...generated(made),
      plain: true,
      debitAccount: this.debit,
      creditAccount: this.credit,
      cents: this.cents
    })
    await compare(model, real)
  }
  toString = () => `create(${this.debit}/${this.credit} ${this.cents})`
}

const generated = (made: Voucher, of?: ModelVoucher, kind?: "reversal" | "correction"): ModelVoucher => ({
  id: made.id,
  status: "draft",
  signed: signedOf(made),
  date: made.date,
  reversed: false,
  isReversal: kind === "reversal",
  plain: false,
  debitAccount: leaves[0]!,
  creditAccount: leaves[1]!,
  cents: 0,
  corrected: false,
  isCorrection: kind === "correction",
  of
})

const amountOf = (cents: number) => (cents / 100).toFixed(2)

/** Edit a draft to another amount (generated drafts are refused), or delete a draft. */
class Change implements fc.AsyncCommand<Model, Real> {
  constructor(readonly action: "edit" | "delete", readonly index: number, readonly cents: number) {}
  check = (model: Readonly<Model>) => model.vouchers.length > 0
  async run(model: Model, real: Real) {
    const target = pick(model, this.index)!
    const allowed = target.status === "draft" && (this.action === "delete" || (!target.isReversal && !target.isCorrection))
    const result = await real.run(Effect.flatMap(LedgerService, (ledger): Effect.Effect<unknown, { readonly _tag: string }> =>
      this.action === "delete"
        ? ledger.deleteVouchers(maker, real.code, [target.id])
        : ledger.editVoucher(maker, real.code, target.id, voucher({
          date: target.date,
          lines: [
            { summary: "模型借方", accountCode: target.debitAccount, debit: amountOf(this.cents) },
            { summary: "模型貸方", accountCode: target.creditAccount, credit: amountOf(this.cents) }
          ]
        }))))
    if (!allowed) {
      assert.isTrue(Either.isLeft(result), `${this.action} of a ${target.status} voucher must be refused`)
    } else {
      assert.isTrue(Either.isRight(result), `${this.action} of a ${target.status} voucher must succeed: ${Either.isLeft(result) ? JSON.stringify(result.left) : ""}`)
      if (this.action === "edit") {
        target.signed = signedOf(Either.getOrThrow(result) as Voucher)
        target.cents = this.cents
      } else {
        model.vouchers.splice(model.vouchers.indexOf(target), 1)
        if (target.isReversal) target.of!.reversed = false
        if (target.isCorrection) target.of!.corrected = false
      }
    }
    await compare(model, real)
  }
  toString = () => `${this.action}(#${this.index}${this.action === "edit" ? ` ${this.cents}` : ""})`
}

/** A difference voucher setting both lines of a plain posted voucher to another amount. */
class Correct implements fc.AsyncCommand<Model, Real> {
  constructor(readonly index: number, readonly cents: number) {}
  check = (model: Readonly<Model>) => model.vouchers.length > 0 && pick(model as Model, this.index)!.plain
  async run(model: Model, real: Real) {
    const target = pick(model, this.index)!
    const allowed = target.status === "posted" && !target.reversed && !target.corrected && this.cents !== target.cents
    const result = await real.run(Effect.flatMap(LedgerService, (ledger) =>
      ledger.correctVoucher(maker, real.code, target.id, {
        date: target.date as never,
        lines: [{ lineNumber: 1, amount: dec(amountOf(this.cents)) }, { lineNumber: 2, amount: dec(amountOf(this.cents)) }]
      })))
    if (!allowed) {
      assert.isTrue(Either.isLeft(result), `correcting a ${target.status} voucher (reversed ${target.reversed}, corrected ${target.corrected}) must be refused`)
    } else {
      assert.isTrue(Either.isRight(result), `correcting a posted voucher must succeed: ${Either.isLeft(result) ? JSON.stringify(result.left) : ""}`)
      target.corrected = true
      const difference = Either.getOrThrow(result)
      const expected = dec(amountOf(this.cents - target.cents))
      assert.strictEqual(difference.lines[0]!.debit.toString(), expected.toString())
      model.vouchers.push(generated(difference, target, "correction"))
    }
    await compare(model, real)
  }
  toString = () => `correct(#${this.index} ${this.cents})`
}

class Transition implements fc.AsyncCommand<Model, Real> {
  constructor(readonly action: "audit" | "unaudit" | "post" | "unpost" | "reverse", readonly index: number) {}
  check = (model: Readonly<Model>) => model.vouchers.length > 0
  async run(model: Model, real: Real) {
    const target = pick(model, this.index)!
    const allowed = {
      audit: target.status === "draft",
      unaudit: target.status === "audited",
      post: target.status === "audited",
      unpost: target.status === "posted",
      reverse: target.status === "posted" && !target.reversed && !target.isReversal
    }[this.action]
    const result = await real.run(Effect.flatMap(LedgerService, (ledger): Effect.Effect<unknown, { readonly _tag: string }> => {
      switch (this.action) {
        case "audit": return ledger.auditVouchers(checker, real.code, [target.id])
        case "unaudit": return ledger.unauditVouchers(checker, real.code, [target.id])
        case "post": return ledger.postVouchers(checker, real.code, [target.id])
        case "unpost": return ledger.unpostVouchers(administrator, real.code, [target.id])
        case "reverse": return ledger.reverseVoucher(maker, real.code, target.id, target.date as never)
      }
    }))
    if (!allowed) {
      assert.isTrue(Either.isLeft(result), `${this.action} of a ${target.status} voucher must be refused`)
    } else {
      assert.isTrue(Either.isRight(result), `${this.action} of a ${target.status} voucher must succeed: ${Either.isLeft(result) ? JSON.stringify(result.left) : ""}`)
      const next = { audit: "audited", unaudit: "draft", post: "posted", unpost: "audited", reverse: target.status } as const
      target.status = next[this.action]
      if (this.action === "reverse") {
        target.reversed = true
        const reversal = Either.getOrThrow(result) as Voucher
        model.vouchers.push(generated(reversal, target, "reversal"))
      }
    }
    await compare(model, real)
  }
  toString = () => `${this.action}(#${this.index})`
}

const commands = [
  fc.tuple(fc.constantFrom(...leaves), fc.constantFrom(...leaves), fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 28 }))
    .filter(([debit, credit]) => debit !== credit)
    .map(([debit, credit, cents, day]) => new Create(debit, credit, cents, day)),
  // Transitions are listed twice: sequences should reach posted and reversed vouchers often.
  ...[1, 2].map(() =>
    fc.tuple(fc.constantFrom<Transition["action"]>("audit", "unaudit", "post", "unpost", "reverse"), fc.nat(3)).map(([action, index]) => new Transition(action, index))
  ),
  fc.tuple(fc.constantFrom<Change["action"]>("edit", "delete"), fc.nat(3), fc.integer({ min: 1, max: 1_000_000 })).map(([action, index, cents]) => new Change(action, index, cents)),
  fc.tuple(fc.nat(3), fc.integer({ min: 1, max: 1_000_000 })).map(([index, cents]) => new Correct(index, cents))
]

let sequence = 0

describeEachDialect("ledger model", migrations, (it) => {
  it.effect("random command sequences agree with a naive in-memory ledger", () =>
    Effect.gen(function*() {
      const runtime = yield* Effect.runtime<LedgerService>()
      const run = <A, E>(effect: Effect.Effect<A, E, LedgerService>) => Runtime.runPromise(runtime)(Effect.either(effect))
      yield* Effect.promise(() =>
        fc.assert(
          fc.asyncProperty(fc.commands(commands, { maxCommands: 40, size: "large" }), async (sequenceOfCommands) => {
            sequence += 1
            const code = `model-${sequence}`
            Either.getOrThrow(await run(Effect.gen(function*() {
              const ledger = yield* LedgerService
              yield* ledger.createAccountSet(administrator, { code: AccountSetCode.make(code), name: code, startPeriod: { fiscalYear: 2026, number: 1 }, accounts: chart })
              yield* ledger.enableAccountSet(administrator, code)
            })))
            await fc.asyncModelRun(() => ({ model: { vouchers: [] }, real: { code, run } }), sequenceOfCommands)
            const verification = Either.getOrThrow(await run(Effect.flatMap(LedgerService, (ledger) => ledger.verify(administrator, code))))
            assert.deepStrictEqual(verification.differences, [])
          }),
          { numRuns: 25 }
        )
      )
    }), { timeout: 180_000 })
}, () => ledgerSqlLayer())
