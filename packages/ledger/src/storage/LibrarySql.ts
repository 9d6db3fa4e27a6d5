import { Effect, Layer, Schema } from "effect"
import { Limits } from "@danju/core"
import { Database } from "@danju/core/sql"
import type { Kysely } from "kysely"
import { SummaryEntry } from "../domain/Library"
import { VoucherTemplate, VoucherTemplateLine } from "../domain/templates/voucherTemplates"
import type { LibraryRepoShape } from "../LibraryRepo"
import { LibraryRepo } from "../LibraryRepo"
import type { LibraryTables } from "./tables"

// Rows never leave this folder: entries and templates are decoded through their Schemas
// here (a row edited outside Danju into something the domain cannot hold is a defect,
// reported with the table and key, not a value the service would trust).

const TemplateLines = Schema.parseJson(Schema.Array(VoucherTemplateLine))
const decodeLines = Schema.decodeUnknownSync(TemplateLines)
const encodeLines = Schema.encodeSync(TemplateLines)
const decodeEntry = Schema.decodeUnknownSync(SummaryEntry)
const decodeTemplate = Schema.decodeUnknownSync(VoucherTemplate)

const entryOf = (row: LibraryTables["ledger_summaries"]): SummaryEntry =>
  decodeEntry({
    code: row.code,
    text: row.summary_text,
    category: row.category,
    mnemonic: row.mnemonic,
    defaultAccountCode: row.account_code
  })

const entryRow = (accountSetId: string, entry: SummaryEntry): LibraryTables["ledger_summaries"] => ({
  account_set_id: accountSetId,
  code: entry.code,
  summary_text: entry.text,
  category: entry.category,
  mnemonic: entry.mnemonic,
  account_code: entry.defaultAccountCode
})

const templateOf = (row: LibraryTables["ledger_voucher_templates"]): VoucherTemplate =>
  decodeTemplate({
    id: row.id,
    name: row.name,
    description: row.description,
    ...(row.word === null ? {} : { word: row.word }),
    lines: decodeLines(row.lines)
  })

const templateRow = (accountSetId: string, template: VoucherTemplate): LibraryTables["ledger_voucher_templates"] => ({
  account_set_id: accountSetId,
  id: template.id,
  name: template.name,
  description: template.description,
  word: template.word ?? null,
  lines: encodeLines(template.lines)
})

/** Runs a decoder over a row and turns a malformed row into a defect naming it. */
const decoded = <Row, A>(what: string, decode: (row: Row) => A) => (row: Row): Effect.Effect<A> =>
  Effect.try({ try: () => decode(row), catch: (error) => error }).pipe(
    Effect.orDieWith((error) => new Error(`stored ${what} does not decode: ${String(error)}`))
  )

/**
 * The library stored through Kysely on SQLite or PostgreSQL (tables of
 * `ledger_0004_library`). Needs the `Database`.
 *
 * @since 0.1.0
 */
export const LibrarySql = {
  layer: Layer.effect(
    LibraryRepo,
    Effect.gen(function*() {
      const database = yield* Database
      const query = <A>(operation: string, run: (db: Kysely<LibraryTables>) => Promise<A>) =>
        database.query<A, LibraryTables>(operation, run)

      const repo: LibraryRepoShape = {
        listSummaries: (accountSetId) =>
          query("list summaries", (db) =>
            db.selectFrom("ledger_summaries").selectAll().where("account_set_id", "=", accountSetId)
              .orderBy("code").limit(Limits.summariesPerSetMax).execute()).pipe(
              Effect.flatMap((rows) => Effect.forEach(rows, decoded("summary", entryOf)))
            ),

        findSummary: (accountSetId, code) =>
          query("find summary", (db) =>
            db.selectFrom("ledger_summaries").selectAll().where("account_set_id", "=", accountSetId).where("code", "=", code)
              .executeTakeFirst()).pipe(
              Effect.flatMap((row) => (row === undefined ? Effect.succeed(undefined) : decoded("summary", entryOf)(row)))
            ),

        countSummaries: (accountSetId) =>
          query("count summaries", (db) =>
            db.selectFrom("ledger_summaries").select((eb) => eb.fn.countAll<number | string>().as("count"))
              .where("account_set_id", "=", accountSetId).executeTakeFirstOrThrow()).pipe(Effect.map((row) => Number(row.count))),

        insertSummaries: (accountSetId, entries) =>
          entries.length === 0 ? Effect.void : query("insert summaries", (db) =>
            db.insertInto("ledger_summaries").values(entries.map((entry) => entryRow(accountSetId, entry))).execute()).pipe(Effect.asVoid),

        updateSummary: (accountSetId, entry) => {
          const { account_set_id: _set, code: _code, ...changes } = entryRow(accountSetId, entry)
          return query("update summary", (db) =>
            db.updateTable("ledger_summaries").set(changes).where("account_set_id", "=", accountSetId).where("code", "=", entry.code)
              .execute()).pipe(Effect.asVoid)
        },

        deleteSummary: (accountSetId, code) =>
          query("delete summary", (db) =>
            db.deleteFrom("ledger_summaries").where("account_set_id", "=", accountSetId).where("code", "=", code).execute()).pipe(
              Effect.asVoid
            ),

        listVoucherTemplates: (accountSetId) =>
          query("list voucher templates", (db) =>
            db.selectFrom("ledger_voucher_templates").selectAll().where("account_set_id", "=", accountSetId)
              .orderBy("id").limit(Limits.voucherTemplatesPerSetMax).execute()).pipe(
              Effect.flatMap((rows) => Effect.forEach(rows, decoded("voucher template", templateOf)))
            ),

        findVoucherTemplate: (accountSetId, id) =>
          query("find voucher template", (db) =>
            db.selectFrom("ledger_voucher_templates").selectAll().where("account_set_id", "=", accountSetId).where("id", "=", id)
              .executeTakeFirst()).pipe(
              Effect.flatMap((row) => (row === undefined ? Effect.succeed(undefined) : decoded("voucher template", templateOf)(row)))
            ),

        countVoucherTemplates: (accountSetId) =>
          query("count voucher templates", (db) =>
            db.selectFrom("ledger_voucher_templates").select((eb) => eb.fn.countAll<number | string>().as("count"))
              .where("account_set_id", "=", accountSetId).executeTakeFirstOrThrow()).pipe(Effect.map((row) => Number(row.count))),

        insertVoucherTemplate: (accountSetId, template) =>
          query("insert voucher template", (db) =>
            db.insertInto("ledger_voucher_templates").values(templateRow(accountSetId, template)).execute()).pipe(Effect.asVoid),

        updateVoucherTemplate: (accountSetId, template) => {
          const { account_set_id: _set, id: _id, ...changes } = templateRow(accountSetId, template)
          return query("update voucher template", (db) =>
            db.updateTable("ledger_voucher_templates").set(changes).where("account_set_id", "=", accountSetId)
              .where("id", "=", template.id).execute()).pipe(Effect.asVoid)
        },

        deleteVoucherTemplate: (accountSetId, id) =>
          query("delete voucher template", (db) =>
            db.deleteFrom("ledger_voucher_templates").where("account_set_id", "=", accountSetId).where("id", "=", id).execute()).pipe(
              Effect.asVoid
            )
      }
      return repo
    })
  )
}
