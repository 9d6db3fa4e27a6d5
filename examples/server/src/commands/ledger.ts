/**
 * `danju ledger …`: journal import and export, and the trial balance, for scripts.
 * Results go to stdout (with `--format json` the JSON document alone); progress and
 * logs go to stderr. The CLI acts as the local operator `cli` holding the
 * administrator role in the account set's organisation: whoever can run it can open
 * the database file anyway.
 *
 * @since 0.1.0
 */
import { createReadStream, createWriteStream, renameSync, rmSync, writeFileSync } from "node:fs"
import type { Actor } from "@danju/core"
import { OperatorId, OrganisationId, Period, RoleName } from "@danju/core"
import { DatabaseLive, migrate } from "@danju/core/sql"
import { AccountSetCode, LedgerBackup, LedgerJournal, LedgerReports, LedgerRepo, LedgerService, trialBalanceJson } from "@danju/ledger"
import { csvField, displayWidth, renderReport } from "@danju/ledger/render"
import type { RenderableReport, ReportFormat } from "@danju/ledger/render"
import type { TrialBalance } from "@danju/ledger"
import { ledgerReportsSqlLayer, ledgerSqlLayer } from "@danju/ledger/storage"
import { Console, Effect, Either, Layer, Schema, Stream } from "effect"
import { ensureDatabaseDirectory, migrationSets } from "../database"
import type { ReportName } from "./reportNames"

/** The local operator the CLI acts as. */
const cliActor = (organisationId: string): Actor => ({
  operatorId: OperatorId.make("cli"),
  organisationId: OrganisationId.make(organisationId),
  roles: [RoleName.make("administrator")]
})

const ledgerLayer = (url: string) => ledgerSqlLayer().pipe(Layer.provideMerge(DatabaseLive.layer(url)))

/** The read side only, for the report commands (and so for the lean bundle, see lean.ts). */
const reportsLayer = (url: string) => ledgerReportsSqlLayer().pipe(Layer.provideMerge(DatabaseLive.layer(url)))

/** The organisation of an existing account set, for the CLI's actor. */
const organisationOf = (code: string) =>
  Effect.flatMap(LedgerRepo, (repo) => repo.findAccountSet(code)).pipe(
    Effect.map((accountSet) => accountSet?.organisationId ?? "main")
  )

/** A progress bar on stderr when it is a terminal; silent otherwise. */
const progressBar = (label: string) => {
  if (process.stderr.isTTY !== true) return undefined
  let last = -1
  return (done: number, total: number) =>
    Effect.sync(() => {
      const percent = total === 0 ? 100 : Math.floor((done / total) * 100)
      if (percent === last) return
      last = percent
      const width = 30
      const filled = Math.round((percent / 100) * width)
      process.stderr.write(`\r${label} [${"#".repeat(filled)}${" ".repeat(width - filled)}] ${percent}% ${done}/${total}`)
      if (done >= total) process.stderr.write("\n")
    })
}

/**
 * Imports a journal file as a new account set.
 *
 * @since 0.1.0
 */
export const runImportJournal = (options: {
  readonly databaseUrl: string
  readonly accountSet: string
  readonly file: string
  readonly organisation: string
  readonly name: string | undefined
}) =>
  Effect.gen(function*() {
    const code = yield* Schema.decodeUnknown(AccountSetCode)(options.accountSet).pipe(
      Effect.mapError(() => new Error(`account set code "${options.accountSet}" must be letters, digits, - and _`))
    )
    yield* migrated(options.databaseUrl)
    const journal = yield* LedgerJournal
    const onProgress = progressBar("importing")
    const summary = yield* journal.importJournal(cliActor(options.organisation), code, () => nodeFileStream(options.file), {
      ...(options.name === undefined ? {} : { name: options.name }),
      ...(onProgress === undefined ? {} : { onProgress })
    })
    yield* Console.log(JSON.stringify(summary))
  }).pipe(Effect.provide(ledgerLayer(options.databaseUrl)))

/** Chunks of a file as strings, read lazily and in order. */
const nodeFileStream = (file: string) =>
  Stream.async<string, Error>((emit) => {
    const stream = createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 })
    stream.on("data", (chunk) => void emit.single(String(chunk)))
    stream.on("error", (cause) => void emit.fail(new Error(`cannot read ${file}: ${cause.message}`)))
    stream.on("end", () => void emit.end())
    return Effect.sync(() => stream.destroy())
  })

/**
 * Writes an account set as an hledger journal.
 *
 * @since 0.1.0
 */
export const runExportJournal = (options: { readonly databaseUrl: string; readonly accountSet: string; readonly out: string }) =>
  Effect.gen(function*() {
    const journal = yield* LedgerJournal
    const organisation = yield* organisationOf(options.accountSet)
    const file = createWriteStream(options.out, { encoding: "utf8" })
    const write = (chunk: string) =>
      Effect.async<void, Error>((resume) => {
        if (file.write(chunk)) resume(Effect.void)
        else file.once("drain", () => resume(Effect.void))
      })
    const result = yield* journal.exportJournal(cliActor(organisation), options.accountSet, write).pipe(
      Effect.ensuring(Effect.async<void>((resume) => {
        file.end(() => resume(Effect.void))
      }))
    )
    yield* Console.log(JSON.stringify({ ...result, out: options.out }))
  }).pipe(Effect.provide(ledgerLayer(options.databaseUrl)))

const padEnd = (text: string, width: number) => text + " ".repeat(Math.max(0, width - displayWidth(text)))
const padStart = (text: string, width: number) => " ".repeat(Math.max(0, width - displayWidth(text))) + text

const renderTrialBalance = (report: TrialBalance, scale: number, format: "json" | "csv" | "table") => {
  const document = trialBalanceJson(report, scale)
  if (format === "json") return JSON.stringify(document)
  const header = ["code", "name", "level", "direction", "openingDebit", "openingCredit", "periodDebit", "periodCredit", "closingDebit", "closingCredit"]
  const rows = document.rows.map((row) => [row.code, row.path.join(":"), String(row.level), row.direction, row.openingDebit, row.openingCredit, row.periodDebit, row.periodCredit, row.closingDebit, row.closingCredit])
  const totals = ["", "合計 total", "", "", ...Object.values(document.totals)]
  if (format === "csv") {
    return "\uFEFF" + [header, ...rows, totals].map((row) => row.map(csvField).join(",")).join("\r\n")
  }
  const all = [header, ...rows, totals]
  const widths = header.map((_, column) => Math.max(...all.map((row) => displayWidth(row[column] ?? ""))))
  const line = (row: ReadonlyArray<string>) => row.map((cell, column) => (column >= 4 || column === 2 ? padStart(cell, widths[column]!) : padEnd(cell, widths[column]!))).join("  ")
  return [
    `${document.accountSet}  ${document.from} – ${document.to}  ${document.commodity}  ${document.balanced ? "balanced 平衡" : "NOT BALANCED 不平衡"}`,
    line(header),
    ...rows.map(line),
    line(totals)
  ].join("\n")
}

/** Parses an optional `YYYY-MM` option. */
const periodOption = (text: string | undefined) =>
  text === undefined ? Effect.succeed(undefined) : Either.match(Period.parse(text), { onLeft: Effect.fail, onRight: Effect.succeed })

/**
 * Prints a rendered report, or writes it to `out` (then prints `{ report, out }`);
 * XLSX is binary and needs a file.
 */
const emit = (name: string, format: ReportFormat, out: string | undefined, render: (format: ReportFormat) => string | Uint8Array) =>
  Effect.gen(function*() {
    if (format === "xlsx" && out === undefined) return yield* Effect.fail(new Error("--format xlsx writes a binary workbook: give --out <file>"))
    const rendered = render(format)
    if (out === undefined) return yield* Console.log(rendered)
    yield* Effect.sync(() => writeFileSync(out, rendered))
    yield* Console.log(JSON.stringify({ report: name, out }))
  })

/**
 * Prints the trial balance of an account set.
 *
 * @since 0.1.0
 */
export const runTrialBalance = (options: {
  readonly databaseUrl: string
  readonly accountSet: string
  readonly from: string | undefined
  readonly to: string | undefined
  readonly format: ReportFormat
  readonly out: string | undefined
}) =>
  Effect.gen(function*() {
    const ledger = yield* LedgerService
    const organisation = yield* organisationOf(options.accountSet)
    const from = yield* periodOption(options.from)
    const to = yield* periodOption(options.to)
    const actor = cliActor(organisation)
    const accountSet = yield* ledger.getAccountSet(actor, options.accountSet)
    const report = yield* ledger.trialBalance(actor, options.accountSet, {
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to })
    })
    yield* emit("trial-balance", options.format, options.out, (format) =>
      format === "xlsx" ? renderReport(report, "xlsx") : renderTrialBalance(report, accountSet.currencyScale, format))
  }).pipe(Effect.provide(reportsLayer(options.databaseUrl)))

export { reportNames } from "./reportNames"
export type { ReportName } from "./reportNames"

/**
 * Prints (or writes) one report of an account set in json, csv, table or xlsx. The
 * paged reports (detail ledger, voucher list) print their first page; a note on stderr
 * says when more follow.
 *
 * @since 0.1.0
 */
export const runReport = (options: {
  readonly databaseUrl: string
  readonly accountSet: string
  readonly report: ReportName
  readonly from: string | undefined
  readonly to: string | undefined
  readonly commodity: string | undefined
  readonly includeUnposted: boolean
  readonly account: string | undefined
  readonly ids: string | undefined
  readonly format: ReportFormat
  readonly out: string | undefined
}) =>
  Effect.gen(function*() {
    const reports = yield* LedgerReports
    const organisation = yield* organisationOf(options.accountSet)
    const actor = cliActor(organisation)
    const from = yield* periodOption(options.from)
    const to = yield* periodOption(options.to)
    const code = options.accountSet
    const range = {
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
      ...(options.commodity === undefined ? {} : { commodity: options.commodity }),
      ...(options.includeUnposted ? { includeUnposted: true } : {})
    }
    const account = options.account === undefined ? {} : { accountCode: options.account }
    const required = (value: string | undefined, flag: string) =>
      value === undefined ? Effect.fail(new Error(`${options.report} needs ${flag}`)) : Effect.succeed(value)
    const morePages = (nextCursor: string | null) =>
      nextCursor === null ? Effect.void : Console.error(`${options.report}: more pages follow; the HTTP API pages with cursor=${nextCursor}`)
    let report: RenderableReport
    switch (options.report) {
      case "account-balances":
        report = yield* reports.accountBalances(actor, code, range)
        break
      case "general-ledger":
        report = yield* reports.generalLedger(actor, code, range)
        break
      case "detail-ledger": {
        const { nextCursor, ...page } = yield* reports.detailLedger(actor, code, { ...range, accountCode: yield* required(options.account, "--account") })
        yield* morePages(nextCursor)
        report = page
        break
      }
      case "cash-journal":
        report = yield* reports.cashJournal(actor, code, { ...range, ...account })
        break
      case "bank-journal":
        report = yield* reports.bankJournal(actor, code, { ...range, ...account })
        break
      case "voucher-list": {
        const { nextCursor, ...page } = yield* reports.voucherList(actor, code, {
          ...(from === undefined ? {} : { from }),
          ...(to === undefined ? {} : { to })
        })
        yield* morePages(nextCursor)
        report = page
        break
      }
      case "voucher-print": {
        const ids = (yield* required(options.ids, "--ids")).split(",").map((id) => id.trim()).filter((id) => id.length > 0)
        report = yield* reports.voucherPrintData(actor, code, ids)
        break
      }
      case "mess-monthly-statement": {
        const month = to ?? from
        report = yield* reports.messMonthlyStatement(actor, code, {
          ...(month === undefined ? {} : { period: month }),
          ...(options.includeUnposted ? { includeUnposted: true } : {}),
          ...(options.account === undefined ? {} : { fundAccountCode: options.account })
        })
        break
      }
      case "balance-sheet":
        report = yield* reports.balanceSheet(actor, code, range)
        break
      case "income-statement":
        report = yield* reports.incomeStatement(actor, code, range)
        break
    }
    yield* emit(options.report, options.format, options.out, (format) => renderReport(report, format))
  }).pipe(Effect.provide(reportsLayer(options.databaseUrl)))

/**
 * Applies migrations before a command that writes.
 *
 * @since 0.1.0
 */
export const migrated = (databaseUrl: string) =>
  Effect.zipRight(ensureDatabaseDirectory(databaseUrl), migrate(migrationSets).pipe(Effect.provide(DatabaseLive.layer(databaseUrl))))

/**
 * Writes a backup file of one account set (all data, audit log included, with a
 * checksum); prints the summary.
 *
 * @since 0.1.0
 */
export const runBackup = (options: { readonly databaseUrl: string; readonly accountSet: string; readonly out: string }) =>
  Effect.gen(function*() {
    const backup = yield* LedgerBackup
    const organisation = yield* organisationOf(options.accountSet)
    const temporary = `${options.out}.partial`
    const file = createWriteStream(temporary, { encoding: "utf8" })
    const write = (chunk: string) =>
      Effect.async<void>((resume) => {
        if (file.write(chunk)) resume(Effect.void)
        else file.once("drain", () => resume(Effect.void))
      })
    const summary = yield* backup.backup(cliActor(organisation), options.accountSet, write).pipe(
      Effect.ensuring(Effect.async<void>((resume) => {
        file.end(() => resume(Effect.void))
      })),
      Effect.tapErrorCause(() => Effect.sync(() => rmSync(temporary, { force: true })))
    )
    // Only a complete file takes the final name.
    yield* Effect.sync(() => renameSync(temporary, options.out))
    yield* Console.log(JSON.stringify({ ...summary, out: options.out }))
  }).pipe(Effect.provide(ledgerLayer(options.databaseUrl)))

/**
 * Restores an account set from a backup file, into an empty code or as a new code;
 * a corrupt, truncated or foreign file fails and changes nothing.
 *
 * @since 0.1.0
 */
export const runRestore = (options: {
  readonly databaseUrl: string
  readonly file: string
  readonly as: string | undefined
  readonly organisation: string
}) =>
  Effect.gen(function*() {
    yield* migrated(options.databaseUrl)
    const backup = yield* LedgerBackup
    const as = options.as === undefined ? undefined : yield* Schema.decodeUnknown(AccountSetCode)(options.as).pipe(
      Effect.mapError(() => new Error(`account set code "${options.as}" must be letters, digits, - and _`))
    )
    // The file is read twice (check, then write); each pass opens it afresh.
    const lines = Stream.suspend(() => nodeFileStream(options.file)).pipe(Stream.splitLines)
    const summary = yield* backup.restore(cliActor(options.organisation), lines, as === undefined ? {} : { as })
    yield* Console.log(JSON.stringify(summary))
  }).pipe(Effect.provide(ledgerLayer(options.databaseUrl)))
