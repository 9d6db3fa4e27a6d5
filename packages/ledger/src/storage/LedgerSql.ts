import { randomUUID } from "node:crypto"
import { Effect, Layer, Schema } from "effect"
import type { Dec, LocalDate, Period } from "@danju/core"
import { Dec as Decimal, decimalToString, FiscalCalendarSchema, Limits } from "@danju/core"
import type { SqlValue } from "@danju/core/sql"
import { Counters, CountersSql, Database, decimalSumExpression, decimalTextOfMinorUnits } from "@danju/core/sql"
import { sql } from "kysely"
import type { Kysely, SqlBool } from "kysely"
import { Account } from "../domain/Account"
import { AccountSet, AccountSetOptions } from "../domain/AccountSet"
import { AccountSetExists } from "../domain/errors"
import type { AccountCode } from "../domain/ids"
import type { VoucherLine } from "../domain/Voucher"
import type { BalanceDelta, Voucher, VoucherStatus } from "../domain/VoucherLifecycle"
import type { BalanceRow, Chart, LedgerRepoShape, OpeningBalance } from "../LedgerRepo"
import { LedgerRepo } from "../LedgerRepo"
import type { LedgerTables } from "./tables"

// Rows never leave this folder: every read is decoded into domain values here.

const decimalOf = (value: string | number | null): Dec => new Decimal(value === null ? 0 : String(value))
const decimalOrNull = (value: string | number | null): Dec | null => (value === null ? null : new Decimal(String(value)))
const booleanOf = (value: number | boolean): boolean => value === true || value === 1
const periodKey = (fiscalYear: number, period: number) => fiscalYear * 100 + period

// Decoders are compiled once; building them per row dominated account-set reads.
const decodeCalendar = Schema.decodeUnknownSync(FiscalCalendarSchema)
const decodeOptions = Schema.decodeUnknownSync(AccountSetOptions)
const encodeOptions = Schema.encodeSync(AccountSetOptions)

const decodeAccountSet = (row: LedgerTables["ledger_account_sets"]): AccountSet =>
  AccountSet.make({
    id: row.id,
    code: row.code as AccountSet["code"],
    organisationId: row.organisation_id,
    name: row.name,
    baseCurrency: row.base_currency,
    currencyScale: Number(row.currency_scale),
    codeScheme: JSON.parse(row.code_scheme) as Array<number>,
    calendar: decodeCalendar(JSON.parse(row.calendar)),
    startPeriod: { fiscalYear: Number(row.start_year), number: Number(row.start_period) },
    status: row.status as AccountSet["status"],
    template: row.template,
    options: decodeOptions(JSON.parse(row.options)),
    lastClosedYear: row.last_closed_year === null ? null : Number(row.last_closed_year),
    lastClosedPeriod: row.last_closed_fiscal_year === null || row.last_closed_period === null
      ? null
      : { fiscalYear: Number(row.last_closed_fiscal_year), number: Number(row.last_closed_period) },
    createdAt: Number(row.created_at)
  })

const encodeAccountSet = (accountSet: AccountSet) => ({
  id: accountSet.id,
  code: accountSet.code,
  organisation_id: accountSet.organisationId,
  name: accountSet.name,
  base_currency: accountSet.baseCurrency,
  currency_scale: accountSet.currencyScale,
  code_scheme: JSON.stringify(accountSet.codeScheme),
  calendar: JSON.stringify(accountSet.calendar),
  start_year: accountSet.startPeriod.fiscalYear,
  start_period: accountSet.startPeriod.number,
  status: accountSet.status,
  template: accountSet.template,
  options: JSON.stringify(encodeOptions(accountSet.options)),
  last_closed_year: accountSet.lastClosedYear,
  last_closed_fiscal_year: accountSet.lastClosedPeriod?.fiscalYear ?? null,
  last_closed_period: accountSet.lastClosedPeriod?.number ?? null,
  created_at: accountSet.createdAt
})

const decodeAccount = (row: LedgerTables["ledger_accounts"]): Account =>
  Account.make({
    code: row.code as AccountCode,
    name: row.name,
    parentCode: row.parent_code as AccountCode | null,
    level: Number(row.level),
    category: row.category as Account["category"],
    direction: row.direction as Account["direction"],
    dimensionTypes: JSON.parse(row.dimension_types) as Account["dimensionTypes"],
    quantityUnit: row.quantity_unit,
    foreignCurrency: row.foreign_currency,
    revalue: booleanOf(row.revalue),
    isCash: booleanOf(row.is_cash),
    isBank: booleanOf(row.is_bank),
    disabled: booleanOf(row.disabled),
    leaf: booleanOf(row.leaf)
  }, { disableValidation: true })

const ACCOUNT_COLUMNS = [
  "account_set_id", "code", "name", "parent_code", "level", "category", "direction", "dimension_types",
  "quantity_unit", "foreign_currency", "revalue", "is_cash", "is_bank", "disabled", "leaf"
] as const

const VOUCHER_COLUMNS = [
  "id", "account_set_id", "fiscal_year", "period", "word", "number", "date", "attachments", "status", "maker_id",
  "auditor_id", "cashier_id", "poster_id", "reversal_of_id", "created_at", "audited_at", "posted_at", "total",
  "touches_cash_or_bank", "correction_of_id"
] as const

const LINE_COLUMNS = [
  "voucher_id", "line_number", "account_set_id", "account_code", "dimension_key", "commodity", "debit", "credit",
  "summary", "quantity", "currency", "exchange_rate", "original_amount", "fiscal_year", "period", "date"
] as const

const decodeLine = (row: LedgerTables["ledger_lines"]): VoucherLine => ({
  lineNumber: Number(row.line_number),
  summary: row.summary,
  accountCode: row.account_code,
  dimensionKey: row.dimension_key,
  commodity: row.commodity,
  debit: decimalOf(row.debit),
  credit: decimalOf(row.credit),
  quantity: decimalOrNull(row.quantity),
  currency: row.currency,
  exchangeRate: decimalOrNull(row.exchange_rate),
  originalAmount: decimalOrNull(row.original_amount)
})

const decodeVoucher = (row: LedgerTables["ledger_vouchers"], lines: ReadonlyArray<VoucherLine>): Voucher => ({
  id: row.id,
  accountSetId: row.account_set_id,
  word: row.word,
  number: Number(row.number),
  period: { fiscalYear: Number(row.fiscal_year), number: Number(row.period) },
  date: row.date as LocalDate,
  attachments: Number(row.attachments),
  status: row.status as VoucherStatus,
  makerId: row.maker_id,
  auditorId: row.auditor_id,
  cashierId: row.cashier_id,
  posterId: row.poster_id,
  reversalOfId: row.reversal_of_id,
  correctionOfId: row.correction_of_id,
  createdAt: Number(row.created_at),
  auditedAt: row.audited_at === null ? null : Number(row.audited_at),
  postedAt: row.posted_at === null ? null : Number(row.posted_at),
  total: decimalOf(row.total),
  touchesCashOrBank: booleanOf(row.touches_cash_or_bank),
  lines
})

const voucherRow = (voucher: Voucher): ReadonlyArray<SqlValue> => [
  voucher.id,
  voucher.accountSetId,
  voucher.period.fiscalYear,
  voucher.period.number,
  voucher.word,
  voucher.number,
  voucher.date,
  voucher.attachments,
  voucher.status,
  voucher.makerId,
  voucher.auditorId,
  voucher.cashierId,
  voucher.posterId,
  voucher.reversalOfId,
  voucher.createdAt,
  voucher.auditedAt,
  voucher.postedAt,
  decimalToString(voucher.total),
  voucher.touchesCashOrBank,
  voucher.correctionOfId
]

const lineRows = (voucher: Voucher): Array<ReadonlyArray<SqlValue>> =>
  voucher.lines.map((line) => [
    voucher.id,
    line.lineNumber,
    voucher.accountSetId,
    line.accountCode,
    line.dimensionKey,
    line.commodity,
    decimalToString(line.debit),
    decimalToString(line.credit),
    line.summary,
    line.quantity === null ? null : decimalToString(line.quantity),
    line.currency,
    line.exchangeRate === null ? null : decimalToString(line.exchangeRate),
    line.originalAmount === null ? null : decimalToString(line.originalAmount),
    voucher.period.fiscalYear,
    voucher.period.number,
    voucher.date
  ])

/** The counter scope voucher numbers of a (period, word) are taken from. */
const numberScope = (accountSetId: string, period: Period, word: string) =>
  `ledger:${accountSetId}:${period.fiscalYear}-${period.number}:${word}`

// A query builder over `ledger_voucher_gaps` that can be narrowed with `where`.
type WhereOnGaps<Q> = { where: (column: "account_set_id" | "fiscal_year" | "period" | "word", op: "=", value: string | number) => Q }

const chunked = <A>(items: ReadonlyArray<A>, size: number): Array<ReadonlyArray<A>> => {
  const chunks: Array<ReadonlyArray<A>> = []
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size))
  return chunks
}

// IN-lists are bounded: SQLite accepts 32,766 parameters, PostgreSQL 65,535.
const inListSizeMax = 500

// A column compared in a way no index serves (`column || ''`, same value, both dialects).
// Vouchers are read by id: with `account_set_id = ? AND id IN (…)`, SQLite (planning
// without statistics) takes an equality on an index's first column for about ten rows
// and an IN list for one lookup per value, so from a dozen ids on it scanned every
// voucher of the set through the (account_set_id, …) number index instead of looking up
// the ids: 147 ms per 500 ids at 100k vouchers, 2 ms with the primary key.
const notIndexed = (column: "account_set_id") => sql<string>`${sql.ref(column)} || ''`

// Period bounds of voucher queries as row values on the columns of the vouchers'
// (account_set_id, fiscal_year, period, word, number) index, so both dialects scan the
// range of the index; the computed key `fiscal_year * 100 + period` made every such
// query read all vouchers of the set (111 ms per page at 100k vouchers).
const periodFrom = (key: number) => sql<SqlBool>`(fiscal_year, period) >= (${Math.floor(key / 100)}, ${key % 100})`
const periodTo = (key: number) => sql<SqlBool>`(fiscal_year, period) <= (${Math.floor(key / 100)}, ${key % 100})`

/**
 * The ledger stored through Kysely on SQLite or PostgreSQL (tables of
 * `ledgerMigrations`). Needs the `Database` and `Counters` services.
 *
 * @since 0.1.0
 */
export const LedgerSql = {
  layer: Layer.effect(
    LedgerRepo,
    Effect.gen(function*() {
      const database = yield* Database
      const counters = yield* Counters
      const query = <A>(operation: string, run: (db: Kysely<LedgerTables>) => Promise<A>) =>
        database.query<A, LedgerTables>(operation, run)

      // Charts are read for every voucher; they are cached per account set and version.
      // The version is a fresh random token written with every chart change, so a
      // rolled-back change can never leave a cached chart that matches a later version.
      const chartCache = new Map<string, { readonly version: string; readonly chart: Chart }>()
      const touchChart = (accountSetId: string) =>
        query("bump chart version", (db) =>
          db.updateTable("ledger_account_sets").set({ chart_version: randomUUID() }).where("id", "=", accountSetId).execute())

      const findAccountSet = (column: "code" | "id", value: string) =>
        query("read account set", (db) => db.selectFrom("ledger_account_sets").selectAll().where(column, "=", value).executeTakeFirst())
          .pipe(Effect.map((row) => (row === undefined ? undefined : decodeAccountSet(row))))

      const findVouchers = (accountSetId: string, ids: ReadonlyArray<string>) =>
        Effect.gen(function*() {
          const vouchers: Array<Voucher> = []
          for (const chunk of chunked(ids, inListSizeMax)) {
            const headers = yield* query("read vouchers", (db) =>
              db.selectFrom("ledger_vouchers").selectAll().where(notIndexed("account_set_id"), "=", accountSetId).where("id", "in", chunk).execute())
            if (headers.length === 0) continue
            const lines = yield* query("read voucher lines", (db) =>
              db.selectFrom("ledger_lines").selectAll().where("voucher_id", "in", headers.map((header) => header.id))
                .orderBy("voucher_id").orderBy("line_number").execute())
            const byVoucher = new Map<string, Array<VoucherLine>>()
            for (const line of lines) {
              const list = byVoucher.get(line.voucher_id) ?? []
              list.push(decodeLine(line))
              byVoucher.set(line.voucher_id, list)
            }
            for (const header of headers) vouchers.push(decodeVoucher(header, byVoucher.get(header.id) ?? []))
          }
          const order = new Map(ids.map((id, index) => [id, index]))
          return vouchers.sort((left, right) => (order.get(left.id) ?? 0) - (order.get(right.id) ?? 0))
        })

      const gapsOf = <Q extends WhereOnGaps<Q>>(builder: Q, accountSetId: string, period: Period, word: string): Q =>
        builder.where("account_set_id", "=", accountSetId).where("fiscal_year", "=", period.fiscalYear)
          .where("period", "=", period.number).where("word", "=", word) as Q

      /**
       * Takes `count` numbers of a (period, word): with numbers kept without gaps, the
       * numbers deleted drafts gave back come first (lowest first), then the counter's.
       * Gap rows are claimed by deleting them; concurrent takers never share one.
       */
      const takeNumbers = (accountSet: AccountSet, period: Period, word: string, count: number) =>
        Effect.gen(function*() {
          const scope = numberScope(accountSet.id, period, word)
          let reused: Array<number> = []
          if (accountSet.options.gaplessVoucherNumbers) {
            const rows = yield* query("reuse voucher number gaps", (db) =>
              gapsOf(db.deleteFrom("ledger_voucher_gaps"), accountSet.id, period, word)
                .where("number", "in", (eb) =>
                  gapsOf(eb.selectFrom("ledger_voucher_gaps").select("number"), accountSet.id, period, word).orderBy("number").limit(count))
                .returning("number").execute())
            reused = rows.map((row) => Number(row.number)).sort((left, right) => left - right)
          }
          const rest = count - reused.length
          if (rest === 0) return reused
          const first = yield* counters.take(scope, rest)
          for (let offset = 0; offset < rest; offset++) reused.push(first + offset)
          return reused
        })

      type SummaryFilter = Parameters<LedgerRepoShape["balanceSummary"]>[0]

      const balanceSummaryExact = (filter: SummaryFilter) =>
        query("sum balances per account", (db) => {
          const sum = (expression: ReturnType<typeof sql>) => decimalSumExpression(database.capabilities, expression)
          const before = filter.openingBefore
          return db.selectFrom("ledger_balances")
            .select([
              "account_code",
              sum(sql`case when period_key < ${before} then debit end`).as("opening_debit"),
              sum(sql`case when period_key < ${before} then credit end`).as("opening_credit"),
              sum(sql`case when period_key >= ${before} and period_key % 100 <> 0 then debit end`).as("debit"),
              sum(sql`case when period_key >= ${before} and period_key % 100 <> 0 then credit end`).as("credit")
            ])
            .where("account_set_id", "=", filter.accountSetId)
            .where("period_key", ">=", filter.from)
            .where("period_key", "<=", filter.to)
            .where("commodity", "=", filter.commodity)
            .groupBy("account_code")
            .execute()
        }).pipe(Effect.map((rows) =>
          rows.map((row) => ({
            accountCode: row.account_code,
            opening: decimalOf(row.opening_debit).minus(decimalOf(row.opening_credit)),
            debit: decimalOf(row.debit),
            credit: decimalOf(row.credit)
          }))
        ))

      const balanceSummaryInMinorUnits = (filter: SummaryFilter) =>
        query("sum balances per account in minor units", (db) => {
          const before = filter.openingBefore
          const sum = (expression: ReturnType<typeof sql>) => sql<string | null>`cast(sum(${expression}) as text)`
          return db.selectFrom("ledger_balances")
            .select([
              "account_code",
              sum(sql`case when period_key < ${before} then debit_minor end`).as("opening_debit"),
              sum(sql`case when period_key < ${before} then credit_minor end`).as("opening_credit"),
              sum(sql`case when period_key >= ${before} and period_key % 100 <> 0 then debit_minor end`).as("debit"),
              sum(sql`case when period_key >= ${before} and period_key % 100 <> 0 then credit_minor end`).as("credit"),
              sql<number>`count(*) - count(debit_minor + credit_minor)`.as("inexact")
            ])
            .where("account_set_id", "=", filter.accountSetId)
            .where("commodity", "=", filter.commodity)
            // `+period_key` keeps the planner on the clustered key (set, commodity, account,
            // period) instead of the period index, whose rows would need a sort and a key
            // lookup each (measured 13 ms → 5 ms at 100k entries).
            .where(sql<number>`+period_key`, ">=", filter.from)
            .where(sql<number>`+period_key`, "<=", filter.to)
            .groupBy("account_code")
            .execute()
        }).pipe(Effect.map((rows) => {
          if (rows.some((row) => Number(row.inexact) !== 0)) return undefined
          const decimal = (minor: string | null) => decimalOf(minor === null ? null : decimalTextOfMinorUnits(minor))
          return rows.map((row) => ({
            accountCode: row.account_code,
            opening: decimal(row.opening_debit).minus(decimal(row.opening_credit)),
            debit: decimal(row.debit),
            credit: decimal(row.credit)
          }))
        }))

      const repo: LedgerRepoShape = {
        nextAccountSetId: Effect.map(counters.take("ledger:account-set", 1), (number) => `S${number}`),

        // The unique index on the code decides between concurrent creations (on
        // PostgreSQL both may have seen the code free); the loser gets the typed error.
        insertAccountSet: (accountSet) =>
          query("insert account set", (db) =>
            db.insertInto("ledger_account_sets").values({ ...encodeAccountSet(accountSet), chart_version: randomUUID() }).execute()).pipe(
              Effect.asVoid,
              Effect.catchIf((error) => error.reason === "constraint", () => Effect.fail(new AccountSetExists({ accountSet: accountSet.code })))
            ),

        updateAccountSet: (accountSet) =>
          query("update account set", (db) => {
            const { id: _id, created_at: _createdAt, ...changes } = encodeAccountSet(accountSet)
            return db.updateTable("ledger_account_sets").set(changes).where("id", "=", accountSet.id).execute()
          }),

        // Row locks matter only where writers run concurrently (PostgreSQL); SQLite's
        // BEGIN IMMEDIATE already holds the whole database for the transaction.
        lockAccountSet: (code, mode) =>
          Effect.gen(function*() {
            if (!(yield* database.inTransaction)) return yield* Effect.dieMessage("lockAccountSet must run inside withTransaction")
            if (!database.capabilities.concurrentWriters) return
            yield* query("lock account set", (db) => {
              const select = db.selectFrom("ledger_account_sets").select("id").where("code", "=", code)
              return (mode === "exclusive" ? select.forUpdate() : select.forShare()).execute()
            })
          }),

        findAccountSet: (code) => findAccountSet("code", code),
        findAccountSetById: (id) => findAccountSet("id", id),

        listAccountSets: query("list account sets", (db) =>
          db.selectFrom("ledger_account_sets").selectAll().orderBy("code").limit(Limits.pageSizeMax).execute()).pipe(
            Effect.map((rows) => rows.map(decodeAccountSet))
          ),

        chart: (accountSetId) =>
          Effect.gen(function*() {
            const version = yield* query("read chart version", (db) =>
              db.selectFrom("ledger_account_sets").select("chart_version").where("id", "=", accountSetId).executeTakeFirst())
            const cached = chartCache.get(accountSetId)
            if (version !== undefined && cached !== undefined && cached.version === version.chart_version) return cached.chart
            const accounts = yield* query("read accounts", (db) =>
              db.selectFrom("ledger_accounts").selectAll().where("account_set_id", "=", accountSetId).orderBy("code").execute())
            const values = yield* query("read dimension values", (db) =>
              db.selectFrom("ledger_dimension_values").selectAll().where("account_set_id", "=", accountSetId)
                .orderBy("type").orderBy("code").execute())
            const chart: Chart = {
              accounts: accounts.map(decodeAccount),
              dimensionValues: values.map((row) => ({ type: row.type, code: row.code, name: row.name, disabled: booleanOf(row.disabled) }))
            }
            if (version !== undefined) chartCache.set(accountSetId, { version: version.chart_version, chart })
            return chart
          }),

        upsertAccounts: (accountSetId, accounts) =>
          Effect.gen(function*() {
            if (accounts.length === 0) return
            for (const chunk of chunked(accounts.map((account) => account.code), inListSizeMax)) {
              yield* query("replace accounts", (db) =>
                db.deleteFrom("ledger_accounts").where("account_set_id", "=", accountSetId).where("code", "in", chunk).execute())
            }
            yield* database.insertMany("insert accounts", "ledger_accounts", ACCOUNT_COLUMNS, accounts.map((account) => [
              accountSetId,
              account.code,
              account.name,
              account.parentCode,
              account.level,
              account.category,
              account.direction,
              JSON.stringify(account.dimensionTypes),
              account.quantityUnit,
              account.foreignCurrency,
              account.revalue,
              account.isCash,
              account.isBank,
              account.disabled,
              account.leaf
            ]))
            yield* touchChart(accountSetId)
          }),

        deleteAccounts: (accountSetId, codes) =>
          Effect.gen(function*() {
            for (const chunk of chunked(codes, inListSizeMax)) {
              yield* query("delete accounts", (db) =>
                db.deleteFrom("ledger_accounts").where("account_set_id", "=", accountSetId).where("code", "in", chunk).execute())
            }
            yield* touchChart(accountSetId)
          }),

        accountsInUse: (accountSetId, codes) =>
          Effect.gen(function*() {
            const used = new Set<string>()
            for (const chunk of chunked(codes, inListSizeMax)) {
              const rows = yield* query("find accounts in use", (db) =>
                db.selectFrom("ledger_lines").select("account_code").distinct()
                  .where("account_set_id", "=", accountSetId).where("account_code", "in", chunk)
                  .union(
                    db.selectFrom("ledger_openings").select("account_code")
                      .where("account_set_id", "=", accountSetId).where("account_code", "in", chunk)
                  )
                  .union(
                    db.selectFrom("ledger_balances").select("account_code")
                      .where("account_set_id", "=", accountSetId).where("account_code", "in", chunk)
                  )
                  .execute())
              for (const row of rows) used.add(row.account_code)
            }
            return used
          }),

        upsertDimensionValues: (accountSetId, values) =>
          Effect.gen(function*() {
            if (values.length === 0) return
            for (const value of values) {
              yield* query("upsert dimension value", (db) =>
                db.insertInto("ledger_dimension_values")
                  .values({ account_set_id: accountSetId, type: value.type, code: value.code, name: value.name, disabled: value.disabled })
                  .onConflict((conflict) =>
                    conflict.columns(["account_set_id", "type", "code"]).doUpdateSet({ name: value.name, disabled: value.disabled })
                  )
                  .execute())
            }
            yield* touchChart(accountSetId)
          }),

        replaceOpenings: (accountSetId, openings) =>
          Effect.gen(function*() {
            yield* query("clear openings", (db) => db.deleteFrom("ledger_openings").where("account_set_id", "=", accountSetId).execute())
            yield* database.insertMany(
              "insert openings",
              "ledger_openings",
              ["account_set_id", "account_code", "dimension_key", "commodity", "balance", "year_to_date_debit", "year_to_date_credit"],
              openings.map((opening) => [
                accountSetId,
                opening.accountCode,
                opening.dimensionKey,
                opening.commodity,
                decimalToString(opening.balance),
                decimalToString(opening.yearToDateDebit),
                decimalToString(opening.yearToDateCredit)
              ])
            )
          }),

        listOpenings: (accountSetId) =>
          query("read openings", (db) =>
            db.selectFrom("ledger_openings").selectAll().where("account_set_id", "=", accountSetId)
              .orderBy("account_code").orderBy("dimension_key").orderBy("commodity").execute()).pipe(
              Effect.map((rows): ReadonlyArray<OpeningBalance> =>
                rows.map((row) => ({
                  accountCode: row.account_code,
                  dimensionKey: row.dimension_key,
                  commodity: row.commodity,
                  balance: decimalOf(row.balance),
                  yearToDateDebit: decimalOf(row.year_to_date_debit),
                  yearToDateCredit: decimalOf(row.year_to_date_credit)
                }))
              )
            ),

        insertVouchers: (accountSet, entries) =>
          Effect.gen(function*() {
            if (entries.length === 0) return []
            // Numbers: one counter row per (account set, period, word), taken once per batch.
            const groups = new Map<string, { readonly period: Period; readonly word: string; readonly indexes: Array<number> }>()
            entries.forEach((entry, index) => {
              const scope = numberScope(accountSet.id, entry.voucher.period, entry.voucher.word)
              const group = groups.get(scope) ?? { period: entry.voucher.period, word: entry.voucher.word, indexes: [] }
              group.indexes.push(index)
              groups.set(scope, group)
            })
            const numbers = new Array<number>(entries.length)
            // Sorted scopes: concurrent batches lock counter rows in the same order.
            for (const scope of [...groups.keys()].sort()) {
              const { indexes, period, word } = groups.get(scope)!
              const taken = yield* takeNumbers(accountSet, period, word, indexes.length)
              indexes.forEach((entryIndex, offset) => {
                numbers[entryIndex] = taken[offset]!
              })
            }
            const idStart = yield* counters.take(`ledger:voucher-id:${accountSet.id}`, entries.length)
            const vouchers = entries.map((entry, index): Voucher => ({
              id: `${accountSet.id}-V${idStart + index}`,
              accountSetId: accountSet.id,
              word: entry.voucher.word,
              number: numbers[index]!,
              period: entry.voucher.period,
              date: entry.voucher.date,
              attachments: entry.voucher.attachments,
              status: entry.status,
              makerId: entry.makerId,
              auditorId: entry.auditorId,
              cashierId: null,
              posterId: entry.posterId,
              reversalOfId: entry.reversalOfId,
              correctionOfId: entry.correctionOfId ?? null,
              createdAt: entry.at,
              auditedAt: entry.auditorId === null ? null : entry.at,
              postedAt: entry.posterId === null ? null : entry.at,
              total: entry.voucher.total,
              touchesCashOrBank: entry.voucher.touchesCashOrBank,
              lines: entry.voucher.lines
            }))
            yield* database.insertMany("insert vouchers", "ledger_vouchers", VOUCHER_COLUMNS, vouchers.map(voucherRow))
            yield* database.insertMany("insert voucher lines", "ledger_lines", LINE_COLUMNS, vouchers.flatMap(lineRows))
            return vouchers
          }),

        findVouchers,

        // Sorted ids: two commands locking overlapping sets take the locks in the same
        // order. SELECT … FOR UPDATE writes no new row version (a no-op UPDATE would, and
        // the rows of a busy set would bloat). SQLite needs no row locks (see above).
        lockVouchers: (accountSetId, ids) =>
          Effect.gen(function*() {
            if (!(yield* database.inTransaction)) return yield* Effect.dieMessage("lockVouchers must run inside withTransaction")
            if (!database.capabilities.concurrentWriters) return
            for (const chunk of chunked([...new Set(ids)].sort(), inListSizeMax)) {
              yield* query("lock vouchers", (db) =>
                db.selectFrom("ledger_vouchers").select("id")
                  .where("account_set_id", "=", accountSetId).where("id", "in", chunk)
                  .orderBy("id").forUpdate().execute())
            }
          }),

        listVouchers: (filter) =>
          Effect.gen(function*() {
            const headers = yield* query("list vouchers", (db) => {
              let select = db.selectFrom("ledger_vouchers").select("id").where("account_set_id", "=", filter.accountSetId)
              if (filter.from !== undefined) select = select.where(periodFrom(filter.from))
              if (filter.to !== undefined) select = select.where(periodTo(filter.to))
              if (filter.status !== undefined) select = select.where("status", "=", filter.status)
              if (filter.word !== undefined) select = select.where("word", "=", filter.word)
              if (filter.after !== undefined) {
                const after = filter.after
                select = select.where(sql<SqlBool>`(fiscal_year, period, word, number) > (${after.fiscalYear}, ${after.period}, ${after.word}, ${after.number})`)
              }
              return select.orderBy("fiscal_year").orderBy("period").orderBy("word").orderBy("number")
                .limit(Math.min(Math.max(filter.limit, 1), Limits.pageSizeMax)).execute()
            })
            return yield* findVouchers(filter.accountSetId, headers.map((header) => header.id))
          }),

        updateVoucherHeaders: (vouchers) =>
          Effect.forEach(vouchers, (voucher) =>
            query("update voucher", (db) =>
              db.updateTable("ledger_vouchers").set({
                status: voucher.status,
                number: voucher.number,
                auditor_id: voucher.auditorId,
                cashier_id: voucher.cashierId,
                poster_id: voucher.posterId,
                audited_at: voucher.auditedAt,
                posted_at: voucher.postedAt
              }).where("id", "=", voucher.id).where("account_set_id", "=", voucher.accountSetId).execute()), { discard: true }),

        reversalOf: (accountSetId, voucherId) =>
          query("find reversal", (db) =>
            db.selectFrom("ledger_vouchers").select("id").where("account_set_id", "=", accountSetId)
              .where("reversal_of_id", "=", voucherId).executeTakeFirst()).pipe(Effect.map((row) => row?.id)),

        applyBalanceDeltas: (accountSetId, deltas: ReadonlyArray<BalanceDelta>) =>
          database.incrementDecimals(
            "update balances",
            "ledger_balances",
            ["account_set_id", "period_key", "account_code", "dimension_key", "commodity"],
            ["debit", "credit"],
            deltas.map((delta) => [
              accountSetId,
              periodKey(delta.fiscalYear, delta.period),
              delta.accountCode,
              delta.dimensionKey,
              delta.commodity,
              decimalToString(delta.debit),
              decimalToString(delta.credit)
            ])
          ),

        balanceRows: (filter) =>
          query("read balances", (db) => {
            let select = db.selectFrom("ledger_balances").selectAll()
              .where("account_set_id", "=", filter.accountSetId)
              .where("period_key", ">=", filter.from)
              .where("period_key", "<=", filter.to)
            if (filter.commodity !== undefined) select = select.where("commodity", "=", filter.commodity)
            return select.execute()
          }).pipe(Effect.map((rows): ReadonlyArray<BalanceRow> =>
            rows.map((row) => ({
              accountCode: row.account_code,
              dimensionKey: row.dimension_key,
              fiscalYear: Math.floor(Number(row.period_key) / 100),
              period: Number(row.period_key) % 100,
              commodity: row.commodity,
              debit: decimalOf(row.debit),
              credit: decimalOf(row.credit)
            }))
          )),

        balanceSummary: (filter) =>
          database.dialect === "sqlite"
            ? Effect.flatMap(
              // SQLite sums the integer minor-unit columns natively (migration
              // ledger_0006); where one is NULL (not exact) or a sum overflows, the exact
              // decimal path answers instead.
              Effect.either(balanceSummaryInMinorUnits(filter)),
              (fast) => (fast._tag === "Right" && fast.right !== undefined ? Effect.succeed(fast.right) : balanceSummaryExact(filter))
            )
            : balanceSummaryExact(filter),

        latestPeriodKey: (accountSetId) =>
          query("latest period with balances", (db) =>
            db.selectFrom("ledger_balances").select((eb) => eb.fn.max("period_key").as("latest"))
              .where("account_set_id", "=", accountSetId).executeTakeFirst()).pipe(
              Effect.map((row) => (row === undefined || row.latest === null ? undefined : Number(row.latest)))
            ),

        postedLineTotals: (accountSetId) =>
          Effect.gen(function*() {
            const sum = (expression: ReturnType<typeof sql>) => decimalSumExpression(database.capabilities, expression)
            // Three sums per balance row, as balanceDeltas writes them: the amounts in the
            // line's commodity; the original amounts in the foreign currency; the
            // quantities under "qty". Foreign amounts and quantities stand on the side of
            // the line's amount (debit when the debit is not zero; amounts are stored in
            // canonical text, so zero is exactly "0").
            const groups = [
              { commodity: sql.ref("line.commodity"), debit: sql.ref("line.debit"), credit: sql.ref("line.credit"), where: sql`1 = 1` },
              {
                commodity: sql.ref("line.currency"),
                debit: sql`case when line.debit <> '0' then line.original_amount end`,
                credit: sql`case when line.debit = '0' then line.original_amount end`,
                where: sql`line.currency is not null and line.original_amount is not null`
              },
              {
                commodity: sql`'qty'`,
                constant: true,
                debit: sql`case when line.debit <> '0' then line.quantity end`,
                credit: sql`case when line.debit = '0' then line.quantity end`,
                where: sql`line.quantity is not null`
              }
            ]
            const rows: Array<BalanceRow> = []
            for (const group of groups) {
              const found = yield* query("recompute balances from lines", (db) =>
                db.selectFrom("ledger_lines as line")
                  .innerJoin("ledger_vouchers as voucher", "voucher.id", "line.voucher_id")
                  .select([
                    "line.account_code",
                    "line.dimension_key",
                    "line.fiscal_year",
                    "line.period",
                    group.commodity.as("commodity") as never,
                    sum(group.debit).as("debit"),
                    sum(group.credit).as("credit")
                  ])
                  .where("line.account_set_id", "=", accountSetId)
                  .where("voucher.status", "=", "posted")
                  .where(group.where as never)
                  // PostgreSQL refuses a constant in GROUP BY; the quantity rows need none.
                  .groupBy(["line.account_code", "line.dimension_key", "line.fiscal_year", "line.period", ...("constant" in group ? [] : [group.commodity as never])])
                  .execute())
              for (const row of found as unknown as Array<{ account_code: string; dimension_key: string; fiscal_year: number | string; period: number | string; commodity: string; debit: string | null; credit: string | null }>) {
                rows.push({
                  accountCode: row.account_code,
                  dimensionKey: row.dimension_key,
                  fiscalYear: Number(row.fiscal_year),
                  period: Number(row.period),
                  commodity: row.commodity,
                  debit: decimalOf(row.debit),
                  credit: decimalOf(row.credit)
                })
              }
            }
            return rows
          }),

        deleteBalanceRows: (accountSetId, fromKey, toKey) =>
          query("delete balances", (db) =>
            db.deleteFrom("ledger_balances").where("account_set_id", "=", accountSetId)
              .where("period_key", ">=", fromKey).where("period_key", "<=", toKey).execute()).pipe(Effect.asVoid),

        // ── period end ──
        voucherIdsByStatus: (filter) =>
          Effect.gen(function*() {
            if (filter.statuses.length === 0) return { ids: [], count: 0 }
            const counted = yield* query("count vouchers by status", (db) =>
              db.selectFrom("ledger_vouchers").select((eb) => eb.fn.countAll().as("count"))
                .where("account_set_id", "=", filter.accountSetId)
                .where(periodFrom(filter.from))
                .where(periodTo(filter.to))
                .where("status", "in", [...filter.statuses])
                .executeTakeFirstOrThrow())
            const count = Number(counted.count)
            if (count === 0 || filter.idLimit <= 0) return { ids: [], count }
            const rows = yield* query("list voucher ids by status", (db) =>
              db.selectFrom("ledger_vouchers").select("id")
                .where("account_set_id", "=", filter.accountSetId)
                .where(periodFrom(filter.from))
                .where(periodTo(filter.to))
                .where("status", "in", [...filter.statuses])
                .orderBy("fiscal_year").orderBy("period").orderBy("word").orderBy("number")
                .limit(Math.min(filter.idLimit, Limits.pageSizeMax))
                .execute())
            return { ids: rows.map((row) => row.id), count }
          }),

        numberedVouchers: (accountSetId, period, word, limit) =>
          query("list voucher numbers", (db) => {
            let select = db.selectFrom("ledger_vouchers").select(["id", "word", "number", "date", "status"])
              .where("account_set_id", "=", accountSetId)
              .where("fiscal_year", "=", period.fiscalYear)
              .where("period", "=", period.number)
            if (word !== undefined) select = select.where("word", "=", word)
            return select.orderBy("word").orderBy("number").limit(limit).execute()
          }).pipe(Effect.map((rows) =>
            rows.map((row) => ({
              id: row.id,
              word: row.word,
              number: Number(row.number),
              date: row.date as LocalDate,
              status: row.status as VoucherStatus
            }))
          )),

        setVoucherNumbers: (accountSetId, changes) =>
          Effect.forEach(changes, (change) =>
            query("renumber voucher", (db) =>
              db.updateTable("ledger_vouchers").set({ number: change.number })
                .where("id", "=", change.id).where("account_set_id", "=", accountSetId).execute()), { discard: true }),

        resetVoucherCounter: (accountSetId, period, word, value) => counters.reset(numberScope(accountSetId, period, word), value),

        assignVoucherNumber: (accountSet, period, word) => Effect.map(takeNumbers(accountSet, period, word, 1), (taken) => taken[0]!),

        releaseVoucherNumbers: (accountSet, released) =>
          Effect.gen(function*() {
            if (!accountSet.options.gaplessVoucherNumbers || released.length === 0) return
            const byScope = new Map<string, { readonly period: Period; readonly word: string; readonly numbers: Array<number> }>()
            for (const entry of released) {
              const scope = numberScope(accountSet.id, entry.period, entry.word)
              const group = byScope.get(scope) ?? { period: entry.period, word: entry.word, numbers: [] }
              group.numbers.push(entry.number)
              byScope.set(scope, group)
            }
            for (const scope of [...byScope.keys()].sort()) {
              const { numbers, period, word } = byScope.get(scope)!
              // Lock the counter row first (taking no number), as insertVouchers does.
              yield* counters.take(scope, 0)
              const highest = yield* query("highest voucher number", (db) =>
                db.selectFrom("ledger_vouchers").select((eb) => eb.fn.max("number").as("highest"))
                  .where("account_set_id", "=", accountSet.id).where("fiscal_year", "=", period.fiscalYear)
                  .where("period", "=", period.number).where("word", "=", word).executeTakeFirst())
              const used = highest?.highest === null || highest?.highest === undefined ? 0 : Number(highest.highest)
              // Numbers above the highest one in use are simply not taken yet: the counter
              // moves back and gaps above it vanish; the ones below become gaps to fill.
              yield* counters.reset(scope, used)
              yield* query("drop gaps above the last number", (db) =>
                gapsOf(db.deleteFrom("ledger_voucher_gaps"), accountSet.id, period, word).where("number", ">", used).execute())
              const below = [...new Set(numbers.filter((number) => number < used))].sort((left, right) => left - right)
              if (below.length > 0) {
                yield* query("record voucher number gaps", (db) =>
                  db.insertInto("ledger_voucher_gaps").values(below.map((number) => ({
                    account_set_id: accountSet.id,
                    fiscal_year: period.fiscalYear,
                    period: period.number,
                    word,
                    number
                  }))).onConflict((conflict) => conflict.doNothing()).execute())
              }
            }
          }),

        deleteVouchers: (accountSetId, ids) =>
          Effect.forEach(chunked(ids, inListSizeMax), (chunk) =>
            Effect.zipRight(
              query("delete voucher lines", (db) => db.deleteFrom("ledger_lines").where("voucher_id", "in", chunk).execute()),
              query("delete vouchers", (db) =>
                db.deleteFrom("ledger_vouchers").where(notIndexed("account_set_id"), "=", accountSetId).where("id", "in", chunk).execute())
            ), { discard: true }),

        replaceVoucher: (voucher) =>
          Effect.gen(function*() {
            const values = voucherRow(voucher)
            const row = Object.fromEntries(VOUCHER_COLUMNS.map((column, index) => [column, values[index]]))
            delete row["id"]
            delete row["account_set_id"]
            yield* query("update voucher", (db) =>
              db.updateTable("ledger_vouchers").set(row).where("id", "=", voucher.id).where("account_set_id", "=", voucher.accountSetId).execute())
            yield* query("delete voucher lines", (db) => db.deleteFrom("ledger_lines").where("voucher_id", "=", voucher.id).execute())
            yield* database.insertMany("insert voucher lines", "ledger_lines", LINE_COLUMNS, lineRows(voucher))
          }),

        voucherNumberGaps: (accountSetId, period) =>
          query("list voucher number gaps", (db) =>
            db.selectFrom("ledger_voucher_gaps").select(["word", "number"]).where("account_set_id", "=", accountSetId)
              .where("fiscal_year", "=", period.fiscalYear).where("period", "=", period.number)
              .orderBy("word").orderBy("number").limit(Limits.pageSizeMax).execute()).pipe(
                Effect.map((rows) => rows.map((row) => ({ word: row.word, number: Number(row.number) })))
              ),

        clearVoucherNumberGaps: (accountSetId, period, word) =>
          query("clear voucher number gaps", (db) => {
            let remove = db.deleteFrom("ledger_voucher_gaps").where("account_set_id", "=", accountSetId)
              .where("fiscal_year", "=", period.fiscalYear).where("period", "=", period.number)
            if (word !== undefined) remove = remove.where("word", "=", word)
            return remove.execute()
          }).pipe(Effect.asVoid),

        correctionsOf: (accountSetId, voucherId) =>
          query("find corrections", (db) =>
            db.selectFrom("ledger_vouchers").select("id").where("account_set_id", "=", accountSetId)
              .where("correction_of_id", "=", voucherId).orderBy("id").execute()).pipe(Effect.map((rows) => rows.map((row) => row.id))),

        insertPeriodSeal: (seal) =>
          query("insert period seal", (db) =>
            db.insertInto("ledger_period_seals").values({
              account_set_id: seal.accountSetId,
              period_key: periodKey(seal.period.fiscalYear, seal.period.number),
              closed_at: seal.closedAt,
              closed_by: seal.closedBy,
              seal_hash: seal.sealHash
            }).execute()).pipe(Effect.asVoid),

        deletePeriodSeal: (accountSetId, period) =>
          query("delete period seal", (db) =>
            db.deleteFrom("ledger_period_seals").where("account_set_id", "=", accountSetId)
              .where("period_key", "=", periodKey(period.fiscalYear, period.number)).execute()).pipe(Effect.asVoid),

        listPeriodSeals: (accountSetId) =>
          query("list period seals", (db) =>
            db.selectFrom("ledger_period_seals").selectAll().where("account_set_id", "=", accountSetId)
              .orderBy("period_key").limit(Limits.periodSealsPerSetMax).execute()).pipe(Effect.map((rows) =>
                rows.map((row) => ({
                  accountSetId: row.account_set_id,
                  period: { fiscalYear: Math.floor(Number(row.period_key) / 100), number: Number(row.period_key) % 100 },
                  closedAt: Number(row.closed_at),
                  closedBy: row.closed_by,
                  sealHash: row.seal_hash
                }))
              ))
      }
      return repo
    })
  ).pipe(Layer.provide(CountersSql.layer))
}
