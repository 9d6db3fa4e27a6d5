import { randomUUID } from "node:crypto"
import { Effect, Layer } from "effect"
import { Dec, decimalToString } from "@danju/core"
import type { SqlValue } from "@danju/core/sql"
import { Counters, CountersSql, Database } from "@danju/core/sql"
import { sql } from "kysely"
import type { Kysely, RawBuilder } from "kysely"
import type { BackupRepoShape } from "../BackupRepo"
import { BackupRepo } from "../BackupRepo"
import type { BackupColumnKind, BackupRow, BackupTableName, BackupValue } from "../domain/backup/BackupFormat"
import { backupTables } from "../domain/backup/BackupFormat"

// Rows travel between the file and the tables column by column, decoded per the kind
// the file format declares: PostgreSQL returns BIGINT and NUMERIC as strings, SQLite
// booleans as 0/1; the file always holds numbers, decimal strings and booleans.

/**
 * The order rows are read and written in: a unique key within the account set that an
 * index starting with the account set's column covers, so every page is one index range
 * scan (`account_set_id = ? and (key) > (last key)`), never a sort of the whole set.
 * Lines have no such index; they are read whole vouchers at a time, in voucher order.
 */
const keyColumns: Record<Exclude<BackupTableName, "ledger_lines">, ReadonlyArray<string>> = {
  ledger_account_sets: ["id"],
  ledger_accounts: ["code"],
  ledger_dimension_values: ["type", "code"],
  ledger_openings: ["account_code", "dimension_key", "commodity"],
  ledger_vouchers: ["fiscal_year", "period", "word", "number"],
  ledger_balances: ["period_key", "account_code", "dimension_key", "commodity"],
  ledger_period_seals: ["period_key"],
  ledger_voucher_gaps: ["fiscal_year", "period", "word", "number"],
  ledger_summaries: ["code"],
  ledger_voucher_templates: ["id"],
  danju_counters: ["scope"],
  danju_audit_log: ["sequence"]
}

const voucherKey = keyColumns.ledger_vouchers

const decodeValue = (kind: BackupColumnKind, value: unknown): BackupValue => {
  if (value === null || value === undefined) return null
  switch (kind) {
    case "text":
    case "text?":
      return String(value)
    case "integer":
    case "integer?":
      return Number(value)
    case "decimal":
    case "decimal?":
      // Strings are kept verbatim (their scale is data); a number (never written by
      // Danju, but SQLite would hand one back) is turned into plain decimal text.
      return typeof value === "string" ? value : decimalToString(new Dec(String(value)))
    case "boolean":
      return value === true || value === 1 || value === "1"
  }
}

const decodeRow = (table: BackupTableName, row: Record<string, unknown>): BackupRow => {
  const columns = backupTables[table] as Readonly<Record<string, BackupColumnKind>>
  const decoded: Record<string, BackupValue> = {}
  for (const [column, kind] of Object.entries(columns)) decoded[column] = decodeValue(kind, row[column])
  return decoded
}

/** The rows of a table that belong to one account set. */
const ownedBy = (table: BackupTableName, accountSetId: string): RawBuilder<boolean> => {
  switch (table) {
    case "ledger_account_sets":
      return sql<boolean>`${sql.ref("id")} = ${accountSetId}`
    case "danju_counters":
      // Voucher-number scopes `ledger:<id>:…` as a key range (`;` follows `:`), so
      // `S1` never picks up `S10`'s counters; plus the voucher id scope.
      return sql<boolean>`((${sql.ref("scope")} >= ${`ledger:${accountSetId}:`} and ${sql.ref("scope")} < ${`ledger:${accountSetId};`}) or ${
        sql.ref("scope")
      } = ${`ledger:voucher-id:${accountSetId}`})`
    case "danju_audit_log":
      return sql<boolean>`${sql.ref("scope")} = ${`ledger:${accountSetId}`}`
    default:
      return sql<boolean>`${sql.ref("account_set_id")} = ${accountSetId}`
  }
}

const afterKey = (keys: ReadonlyArray<string>, after: Readonly<Record<string, unknown>>): RawBuilder<boolean> =>
  sql<boolean>`(${sql.join(keys.map((key) => sql.ref(key)))}) > (${sql.join(keys.map((key) => after[key] ?? null))})`

/**
 * Backup and restore storage over Kysely on SQLite or PostgreSQL: the ledger tables of
 * `ledgerMigrations` and the core audit log and counters. Needs the `Database`.
 *
 * @since 0.1.0
 */
export const BackupSql = {
  layer: Layer.effect(
    BackupRepo,
    Effect.gen(function*() {
      const database = yield* Database
      const counters = yield* Counters
      const query = <A>(operation: string, run: (db: Kysely<any>) => Promise<A>) => database.query<A>(operation, run)

      // The lines of the next vouchers (in voucher key order) after the voucher of the
      // last line read: a tenth as many vouchers as the page's row limit, since a voucher
      // has two lines or more (and at most `Limits.linesPerVoucherMax`).
      const readLines = (accountSetId: string, after: BackupRow | undefined, rowLimit: number) =>
        Effect.gen(function*() {
          const limit = Math.max(1, Math.floor(rowLimit / 10))
          const last = after === undefined ? undefined : yield* query("find voucher of last line", (db) =>
            db.selectFrom("ledger_vouchers").select(voucherKey as Array<string>).where("id", "=", after["voucher_id"]).executeTakeFirst())
          const vouchers = yield* query("read voucher ids for backup", (db) => {
            const conditions = last === undefined
              ? sql<boolean>`${sql.ref("account_set_id")} = ${accountSetId}`
              : sql<boolean>`${sql.ref("account_set_id")} = ${accountSetId} and ${afterKey(voucherKey, last as Record<string, unknown>)}`
            let select = db.selectFrom("ledger_vouchers").select("id").where(conditions)
            for (const key of voucherKey) select = select.orderBy(key)
            return select.limit(limit).execute()
          })
          const position = new Map(vouchers.map((voucher: { id: string }, index: number) => [voucher.id, index]))
          const rows = vouchers.length === 0 ? [] : yield* query("read lines for backup", (db) =>
            db.selectFrom("ledger_lines").selectAll().where("voucher_id", "in", [...position.keys()]).execute())
          const decoded = rows.map((row) => decodeRow("ledger_lines", row as Record<string, unknown>))
          decoded.sort((left, right) =>
            position.get(left["voucher_id"] as string)! - position.get(right["voucher_id"] as string)! ||
            (left["line_number"] as number) - (right["line_number"] as number))
          return { rows: decoded, more: vouchers.length === limit }
        })

      const repo: BackupRepoShape = {
        readPage: (table, accountSetId, after, limit) =>
          table === "ledger_lines" ? readLines(accountSetId, after, limit) : query(`read ${table} for backup`, (db) => {
            const keys = keyColumns[table]
            const conditions = after === undefined
              ? ownedBy(table, accountSetId)
              : sql<boolean>`${ownedBy(table, accountSetId)} and ${afterKey(keys, after)}`
            let select = db.selectFrom(table).selectAll().where(conditions)
            for (const key of keys) select = select.orderBy(key)
            return select.limit(limit).execute()
          }).pipe(Effect.map((rows) => ({
            rows: rows.map((row) => decodeRow(table, row as Record<string, unknown>)),
            more: rows.length === limit
          }))),

        insertRows: (table, rows) => {
          if (rows.length === 0) return Effect.void
          const columns = Object.keys(backupTables[table])
          // The chart version is a cache token, not data: a restored set gets a new one.
          const withVersion = table === "ledger_account_sets"
          return database.insertMany(
            `restore ${table}`,
            table,
            withVersion ? [...columns, "chart_version"] : columns,
            rows.map((row): ReadonlyArray<SqlValue> => {
              const values = columns.map((column) => row[column] ?? null)
              return withVersion ? [...values, randomUUID()] : values
            })
          )
        },

        claimAccountSetId: (id) =>
          Effect.gen(function*() {
            const taken = yield* query("find account set id", (db) =>
              db.selectFrom("ledger_account_sets").select("id").where("id", "=", id).executeTakeFirst())
            if (taken !== undefined) return false
            // Ids are `S<n>` from the `ledger:account-set` counter (LedgerSql.nextAccountSetId).
            const number = /^S([0-9]+)$/.exec(id)?.[1]
            if (number !== undefined) {
              const current = yield* counters.current("ledger:account-set")
              if (current < Number(number)) yield* counters.reset("ledger:account-set", Number(number))
            }
            return true
          }),

        readConsistently: (self) =>
          Effect.flatMap(database.inTransaction, (inside) => inside ? self : database.withTransaction(Effect.gen(function*() {
            // SQLite: the transaction began with BEGIN IMMEDIATE and holds the write lock,
            // so nobody changes the store while it lasts. PostgreSQL: a repeatable-read,
            // read-only transaction sees one snapshot and never fails to serialize. The
            // statement must come first, so inside an outer transaction `self` just joins it.
            if (database.capabilities.concurrentWriters) {
              yield* query("begin snapshot", (db) => sql`set transaction isolation level repeatable read, read only`.execute(db))
            }
            return yield* self
          })))
      }
      return repo
    })
  ).pipe(Layer.provide(CountersSql.layer))
}
