// A ledger writer in its own OS process, for the reliability suites: opens the SQLite
// file (or PostgreSQL URL) it is given through the built packages, then makes, audits
// (as a second operator) and posts vouchers into account set `books`, period 2026-03.
//
//   node ledger-writer.mjs <database url> <books> <writer> <count> [chunk]
//     count > 0: vouchers 0..count-1 (every fifth chunk one voucher per call), then exit
//     count = 0: forever, one small batch per round (the crash suite kills it)
// After each committed post it prints `posted <first index> <last index>` on stdout, so
// a parent knows which vouchers are durable. Summaries name writer and index, amounts
// follow the formula of `amountOf` below (the suites compute the totals the same way).
import { Effect, Layer } from "effect"
import { OperatorId, OrganisationId, RoleName } from "@danju/core"
import { DatabaseLive } from "@danju/core/sql"
import { LedgerService, VoucherInput } from "@danju/ledger"
import { ledgerSqlLayer } from "@danju/ledger/storage"
import { Schema } from "effect"

const [url, books, writerText, countText, chunkText] = process.argv.slice(2)
const writer = Number(writerText)
const count = Number(countText)
const chunk = Number(chunkText ?? 250)

const actor = (operatorId, role) => ({
  operatorId: OperatorId.make(operatorId),
  organisationId: OrganisationId.make("org-1"),
  roles: [RoleName.make(role)]
})

/** Cents, never zero; the same formula as the suites' generator. */
const amountOf = (writerIndex, index) => ((writerIndex * 7_919 + index * 104_729) % 99_991) + 1
const money = (cents) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`

const inputOf = (index) => {
  const summary = `writer ${writer} voucher ${index} 收到撥款`
  const amount = money(amountOf(writer, index))
  return Schema.decodeUnknownSync(VoucherInput)({
    date: `2026-03-${String(1 + (index % 28)).padStart(2, "0")}`,
    lines: [
      { summary, accountCode: "1002", debit: amount },
      { summary, accountCode: "4001", credit: amount }
    ]
  })
}

const program = Effect.gen(function*() {
  const ledger = yield* LedgerService
  const maker = actor(`maker-${writer}`, "accountant")
  const checker = actor(`checker-${writer}`, "supervisor")
  const forever = count === 0
  for (let start = 0, round = 0; forever || start < count; round++) {
    const size = forever ? 1 + (round % 7) : Math.min(chunk, count - start)
    const inputs = Array.from({ length: size }, (_, offset) => inputOf(start + offset))
    const made = round % 5 === 4
      ? yield* Effect.forEach(inputs, (input) => ledger.createVoucher(maker, books, input))
      : yield* ledger.recordVouchers(maker, books, inputs)
    const ids = made.map((voucher) => voucher.id)
    yield* ledger.auditVouchers(checker, books, ids)
    yield* ledger.postVouchers(checker, books, ids)
    process.stdout.write(`posted ${start} ${start + size - 1}\n`)
    start += size
  }
})

const started = performance.now()
Effect.runPromise(program.pipe(Effect.provide(ledgerSqlLayer().pipe(Layer.provideMerge(DatabaseLive.layer(url)))))).then(
  () => {
    process.stdout.write(`done ${((performance.now() - started) / 1000).toFixed(1)}\n`)
  },
  (error) => {
    process.stderr.write(`ledger-writer ${writer} failed: ${error?.stack ?? error}\n`)
    process.exit(1)
  }
)
