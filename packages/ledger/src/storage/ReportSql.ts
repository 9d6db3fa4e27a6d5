import { Effect, Layer } from "effect"
import type { Dec } from "@danju/core"
import { Dec as Decimal, Limits } from "@danju/core"
import { Database, decimalSumExpression } from "@danju/core/sql"
import type { Expression, ExpressionBuilder, Kysely, SqlBool } from "kysely"
import { sql } from "kysely"
import type { LinePosition, ReportLine } from "../domain/reports/DetailLedger"
import type { VoucherStatus } from "../domain/VoucherLifecycle"
import type { BalanceRow } from "../LedgerRepo"
import type { AccountSelector, LedgerReportRepoShape, ReportLineQuery } from "../ReportRepo"
import { LedgerReportRepo } from "../ReportRepo"
import type { LedgerTables } from "./tables"

// Read-only queries of the reports. Lines are read in book order — period, date,
// voucher word, voucher number, line — and paged by position (keyset), never by
// offset, so a page costs about the same at line 1,000,000 as at line 1. Period bounds
// and positions are row-value comparisons on the columns of the
// ledger_lines_account_date index (ledger_0003), so the database walks the index in
// order, sorts only within one date, and stops at the page's end. Rows never leave this
// folder undecoded.

const decimalOf = (value: string | number | null): Dec => new Decimal(value === null ? 0 : String(value))

const splitKey = (key: number) => ({ fiscalYear: Math.floor(key / 100), period: key % 100 })

// Account codes are digit strings (AccountCode), so a LIKE prefix needs no escaping;
// anything else is refused rather than interpolated into a pattern.
const prefixPattern = (code: string) => {
  if (!/^[0-9]+$/.test(code)) throw new RangeError(`account code ${JSON.stringify(code)} is not a digit string`)
  return `${code}%`
}

const accountCondition = <DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  column: string,
  account: AccountSelector
): Expression<SqlBool> =>
  account.descendants
    ? eb(sql.ref(column), "like", prefixPattern(account.code))
    : eb(sql.ref(column), "=", account.code)

/**
 * The report read port over Kysely (SQLite or PostgreSQL), on the tables of
 * `ledgerMigrations`. Needs `Database`.
 *
 * @since 0.1.0
 */
export const ReportSql = {
  layer: Layer.effect(
    LedgerReportRepo,
    Effect.gen(function*() {
      const database = yield* Database
      const query = <A>(operation: string, run: (db: Kysely<LedgerTables>) => Promise<A>) =>
        database.query<A, LedgerTables>(operation, run)

      // One page of lines in book order. The join is written as a cross join with the
      // key condition in WHERE: SQLite then keeps ledger_lines as the outer loop and walks
      // the ledger_lines_account_date index in order (an inner join let it scan the
      // vouchers first); PostgreSQL plans both forms alike.
      const linePage = (
        filter: ReportLineQuery,
        bound: { readonly kind: "from" } | { readonly kind: "sameDate" | "laterDates"; readonly after: LinePosition },
        limit: number
      ) =>
        query("read report lines", (db) => {
          const to = splitKey(filter.toKey)
          const head = sql`(${sql.ref("line.fiscal_year")}, ${sql.ref("line.period")}, ${sql.ref("line.date")})`
          let select = db.selectFrom("ledger_lines as line")
            .crossJoin("ledger_vouchers as voucher")
            .select([
              "line.voucher_id",
              "line.line_number",
              "line.fiscal_year",
              "line.period",
              "line.date",
              "voucher.word",
              "voucher.number",
              "voucher.status",
              "line.summary",
              "line.account_code",
              "line.dimension_key",
              "line.commodity",
              "line.debit",
              "line.credit"
            ])
            .whereRef("voucher.id", "=", "line.voucher_id")
            .where("line.account_set_id", "=", filter.accountSetId)
            .where((eb) => accountCondition(eb, "line.account_code", filter.account))
            .where(sql<SqlBool>`(${sql.ref("line.fiscal_year")}, ${sql.ref("line.period")}) <= (${to.fiscalYear}, ${to.period})`)
            .where("line.commodity", "=", filter.commodity)
            .where("voucher.status", "in", [...filter.statuses])
          if (filter.dimensionKey !== undefined) select = select.where("line.dimension_key", "=", filter.dimensionKey)
          if (bound.kind === "from") {
            const from = splitKey(filter.fromKey)
            select = select.where(sql<SqlBool>`(${sql.ref("line.fiscal_year")}, ${sql.ref("line.period")}) >= (${from.fiscalYear}, ${from.period})`)
          } else {
            const after = bound.after
            const position = sql`(${after.fiscalYear}, ${after.period}, ${after.date})`
            select = bound.kind === "laterDates"
              ? select.where(sql<SqlBool>`${head} > ${position}`)
              : select
                .where(sql<SqlBool>`${head} = ${position}`)
                .where(sql<SqlBool>`(${sql.ref("voucher.word")}, ${sql.ref("voucher.number")}, ${sql.ref("line.line_number")}) > (${after.word}, ${after.number}, ${after.lineNumber})`)
          }
          return select
            .orderBy("line.fiscal_year")
            .orderBy("line.period")
            .orderBy("line.date")
            .orderBy("voucher.word")
            .orderBy("voucher.number")
            .orderBy("line.line_number")
            .limit(limit)
            .execute()
        }).pipe(Effect.map((rows): Array<ReportLine> =>
          rows.map((row) => ({
            voucherId: row.voucher_id,
            lineNumber: Number(row.line_number),
            fiscalYear: Number(row.fiscal_year),
            period: Number(row.period),
            date: row.date,
            word: row.word,
            number: Number(row.number),
            status: row.status as VoucherStatus,
            summary: row.summary,
            accountCode: row.account_code,
            dimensionKey: row.dimension_key,
            commodity: row.commodity,
            debit: decimalOf(row.debit),
            credit: decimalOf(row.credit)
          }))
        ))

      const repo: LedgerReportRepoShape = {
        balanceRows: (filter) =>
          query("read report balances", (db) => {
            let select = db.selectFrom("ledger_balances").selectAll()
              .where("account_set_id", "=", filter.accountSetId)
              .where("period_key", ">=", filter.fromKey)
              .where("period_key", "<=", filter.toKey)
            if (filter.commodity !== undefined) select = select.where("commodity", "=", filter.commodity)
            if (filter.account !== undefined) {
              const account = filter.account
              select = select.where((eb) => accountCondition(eb, "account_code", account))
            }
            if (filter.dimensionKey !== undefined) select = select.where("dimension_key", "=", filter.dimensionKey)
            return select.execute()
          }).pipe(Effect.map((rows): ReadonlyArray<BalanceRow> =>
            rows.map((row) => ({
              accountCode: row.account_code,
              dimensionKey: row.dimension_key,
              ...splitKey(Number(row.period_key)),
              commodity: row.commodity,
              debit: decimalOf(row.debit),
              credit: decimalOf(row.credit)
            }))
          )),

        lines: (filter) =>
          Effect.gen(function*() {
            const limit = Math.min(Math.max(filter.limit, 1), Limits.pageSizeMax)
            const after = filter.after
            if (after === undefined) return yield* linePage(filter, { kind: "from" }, limit)
            // After a position: first the rest of the position's date, then later dates.
            // Two plain range scans of the index; one OR-ed keyset condition made SQLite
            // scan the account from its first line on every page.
            const sameDate = yield* linePage(filter, { kind: "sameDate", after }, limit)
            if (sameDate.length >= limit) return sameDate
            const laterDates = yield* linePage(filter, { kind: "laterDates", after }, limit - sameDate.length)
            return [...sameDate, ...laterDates]
          }),

        unpostedTotals: (filter) =>
          query("sum unposted lines", (db) => {
            const to = splitKey(filter.toKey)
            let select = db.selectFrom("ledger_lines as line")
              .innerJoin("ledger_vouchers as voucher", "voucher.id", "line.voucher_id")
              .select([
                "line.account_code",
                "line.dimension_key",
                "line.fiscal_year",
                "line.period",
                "line.commodity",
                decimalSumExpression(database.capabilities, sql.ref("line.debit")).as("debit"),
                decimalSumExpression(database.capabilities, sql.ref("line.credit")).as("credit")
              ])
              .where("line.account_set_id", "=", filter.accountSetId)
              .where("voucher.status", "in", ["draft", "audited"])
              .where(sql<SqlBool>`(${sql.ref("line.fiscal_year")}, ${sql.ref("line.period")}) <= (${to.fiscalYear}, ${to.period})`)
            if (filter.commodity !== undefined) select = select.where("line.commodity", "=", filter.commodity)
            if (filter.account !== undefined) {
              const account = filter.account
              select = select.where((eb) => accountCondition(eb, "line.account_code", account))
            }
            if (filter.dimensionKey !== undefined) select = select.where("line.dimension_key", "=", filter.dimensionKey)
            return select
              .groupBy(["line.account_code", "line.dimension_key", "line.fiscal_year", "line.period", "line.commodity"])
              .execute()
          }).pipe(Effect.map((rows): ReadonlyArray<BalanceRow> =>
            rows.map((row) => ({
              accountCode: row.account_code,
              dimensionKey: row.dimension_key,
              fiscalYear: Number(row.fiscal_year),
              period: Number(row.period),
              commodity: row.commodity,
              debit: decimalOf(row.debit),
              credit: decimalOf(row.credit)
            }))
          )),

        latestPeriodKey: (accountSetId) =>
          Effect.gen(function*() {
            const balance = yield* query("latest balance period", (db) =>
              db.selectFrom("ledger_balances").select("period_key").where("account_set_id", "=", accountSetId)
                .orderBy("period_key", "desc").limit(1).executeTakeFirst())
            const voucher = yield* query("latest voucher period", (db) =>
              db.selectFrom("ledger_vouchers").select(["fiscal_year", "period"]).where("account_set_id", "=", accountSetId)
                .orderBy("fiscal_year", "desc").orderBy("period", "desc").limit(1).executeTakeFirst())
            const keys = [
              ...(balance === undefined ? [] : [Number(balance.period_key)]),
              ...(voucher === undefined ? [] : [Number(voucher.fiscal_year) * 100 + Number(voucher.period)])
            ]
            return keys.length === 0 ? undefined : Math.max(...keys)
          })
      }
      return repo
    })
  )
}
