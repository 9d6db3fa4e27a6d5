// Writes a backup of one account set through the backup service (there is no `danju
// backup` command yet), so bench/run.mjs can time it and read its peak memory: backup
// streams, so its memory must not grow with the books. Prints one JSON document.
//
//   node bench/backup.mjs --db <url> --set <code> --out <file>
import { createWriteStream } from "node:fs"
import { parseArgs } from "node:util"
import { Effect, Layer } from "effect"
import { DatabaseLive } from "../packages/core/dist/sql/index.js"
import { LedgerBackup } from "../packages/ledger/dist/index.js"
import { ledgerSqlLayer } from "../packages/ledger/dist/storage/index.js"

const { values } = parseArgs({ options: { db: { type: "string" }, set: { type: "string" }, out: { type: "string" } } })
const actor = { operatorId: "bench", organisationId: "main", roles: ["administrator"] }

const file = createWriteStream(values.out, { encoding: "utf8" })
const write = (chunk) =>
  Effect.async((resume) => {
    if (file.write(chunk)) resume(Effect.void)
    else file.once("drain", () => resume(Effect.void))
  })

const program = Effect.flatMap(LedgerBackup, (backup) => backup.backup(actor, values.set, write)).pipe(
  Effect.provide(ledgerSqlLayer().pipe(Layer.provideMerge(DatabaseLive.layer(values.db))))
)
const summary = await Effect.runPromise(program)
await new Promise((resolve) => file.end(resolve))
process.stdout.write(JSON.stringify({ ...summary, bytes: file.bytesWritten }) + "\n")
