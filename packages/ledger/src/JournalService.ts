import { Context, Effect, Either, Layer, Stream } from "effect"
import type { Actor, LocalDate } from "@danju/core"
import { decimalToString, FiscalCalendar, Limits, Period as PeriodOps } from "@danju/core"
import { Account as AccountClass } from "./domain/Account"
import type { Account } from "./domain/Account"
import { AccountSet, AccountSetOptions } from "./domain/AccountSet"
import { AccountSetExists } from "./domain/errors"
import type { AccountSetCode } from "./domain/ids"
import type { JournalChart, JournalEntry, JournalError } from "./domain/journal/index"
import { JournalAmountInvalid } from "./domain/journal/index"
import { accountFullName, formatHeaderComment, formatJournalEntry, makeJournalChartBuilder, makeJournalParser, journalCodeScheme } from "./domain/journal/index"
import { LedgerPermission } from "./domain/permissions"
import type { ValidatedVoucher, VoucherInput } from "./domain/Voucher"
import { validateVoucher } from "./domain/Voucher"
import type { Voucher } from "./domain/VoucherLifecycle"
import { makeBalanceDeltaSum } from "./domain/VoucherLifecycle"
import { bulkLoadedTables, chartLookup, makeKit } from "./internal/kit"
import { LedgerConfig } from "./LedgerService"

/**
 * What an import did.
 *
 * @since 0.1.0
 */
export interface JournalImportSummary {
  readonly accountSet: string
  readonly created: boolean
  readonly entries: number
  readonly vouchers: number
  readonly postings: number
  /** Entries with fewer than two non-zero postings: nothing to book. */
  readonly skippedEntries: number
  readonly accounts: number
  readonly commodities: ReadonlyArray<string>
  readonly from: string | null
  readonly to: string | null
}

/**
 * Options of a journal import.
 *
 * @since 0.1.0
 */
export interface JournalImportOptions {
  /** Name of the account set when the import creates it. */
  readonly name?: string
  /** Base currency used for amounts without a commodity symbol; `CNY` by default. */
  readonly defaultCommodity?: string
  /** Called after each batch with entries booked so far and the total. */
  readonly onProgress?: (done: number, total: number) => Effect.Effect<void>
}

/** The most digits after the point an account set's base currency may have (AccountSet schema). */
const baseCurrencyScaleMax = 6

/** Entries per batch of the second pass: one insert statement group per batch. */
const batchSize = 2_000



/**
 * Reads a journal (first pass): checks every entry parses and balances, collects the
 * account names, dates and commodities. Memory grows with the number of accounts, not
 * entries.
 */
const scanJournal = <E>(source: Stream.Stream<string, E>, defaultCommodity: string) =>
  Effect.gen(function*() {
    const parser = makeJournalParser({ defaultCommodity: "" })
    const chart = makeJournalChartBuilder()
    const commodityCounts = new Map<string, number>()
    // The most digits after the point seen per commodity: the base currency's becomes the
    // account set's scale; more than any commodity may have is refused here, in the
    // checking pass, so the booking pass cannot fail half-way.
    const scales = new Map<string, number>()
    let scaleError: JournalAmountInvalid | undefined = undefined
    let entries = 0
    let from: string | null = null
    let to: string | null = null
    const take = (parsed: ReadonlyArray<JournalEntry>): Either.Either<void, JournalError> => {
      for (const entry of parsed) {
        entries += 1
        if (from === null || entry.date < from) from = entry.date
        if (to === null || entry.date > to) to = entry.date
        for (const posting of entry.postings) {
          if (posting.amount.isZero()) continue
          const added = chart.addPostingAccount(posting.account, posting.lineNumber)
          if (Either.isLeft(added)) return added
          const commodity = posting.commodity === "" ? defaultCommodity : posting.commodity
          commodityCounts.set(commodity, (commodityCounts.get(commodity) ?? 0) + 1)
          const places = posting.amount.decimalPlaces()
          if (places > (scales.get(commodity) ?? 0)) {
            scales.set(commodity, places)
            if (places > Limits.amountScaleMax && scaleError === undefined) {
              scaleError = new JournalAmountInvalid({
                line: posting.lineNumber,
                text: decimalToString(posting.amount),
                reason: `more than ${Limits.amountScaleMax} digits after the decimal point`
              })
            }
          }
        }
      }
      return Either.void
    }
    yield* Stream.runForEach(source, (chunk) =>
      Effect.flatMap(Either.flatMap(parser.push(chunk), take), () => Effect.void))
    yield* Either.flatMap(parser.end(), take)
    if (scaleError !== undefined) return yield* Effect.fail(scaleError)
    const built = yield* chart.build()
    const commodities = [...commodityCounts.entries()].sort((left, right) => right[1] - left[1]).map(([commodity]) => commodity)
    const baseScale = scales.get(commodities[0] ?? defaultCommodity) ?? 2
    if (baseScale > baseCurrencyScaleMax) {
      return yield* Effect.fail(new JournalAmountInvalid({ line: 0, text: commodities[0] ?? defaultCommodity, reason: `the base currency has amounts with ${baseScale} digits after the point; at most ${baseCurrencyScaleMax} are supported` }))
    }
    return { entries, from, to, chart: built, commodities, baseScale: Math.max(2, baseScale) }
  })

/** Turns a journal entry into voucher input; undefined when it has nothing to book. */
const entryToVoucher = (
  entry: JournalEntry,
  chart: JournalChart,
  defaultCommodity: string,
  baseCurrency: string
): VoucherInput | undefined => {
  const lines: Array<VoucherInput["lines"][number]> = []
  // The entry's description is the summary of every line (its own line number when empty,
  // so that the minimum summary length of the account set always holds).
  // Descriptions longer than a summary may be are cut to Limits.textLengthMax characters.
  const description = [...entry.description.trim()].slice(0, Limits.textLengthMax).join("")
  const summary = description === "" ? `journal line ${entry.lineNumber}` : description
  for (const posting of entry.postings) {
    if (posting.amount.isZero()) continue
    const commodity = posting.commodity === "" ? defaultCommodity : posting.commodity
    const accountCode = chart.postingAccountCode(posting.account)!
    const side = posting.amount.isNegative() ? { credit: posting.amount.negated() } : { debit: posting.amount }
    lines.push({ summary, accountCode, ...side, ...(commodity === baseCurrency ? {} : { commodity }) })
  }
  if (lines.length < 2) return undefined
  return { date: entry.date as LocalDate, attachments: 0, lines }
}

const makeService = Effect.gen(function*() {
  const config = yield* LedgerConfig
  const kit = yield* makeKit(config.permissions)
  const { repo, database, now, permit, guarded, audit, draft } = kit

  /**
   * Imports an hledger/ledger-style journal: every entry becomes an audited and posted
   * voucher, in ONE database transaction — an unbalanced or malformed entry (reported with
   * its line number) or any failure writes nothing. The journal is read twice (a check
   * and chart pass, then the booking pass), so `source` is a factory.
   */
  const importJournal = <E>(
    actor: Actor,
    code: AccountSetCode,
    source: () => Stream.Stream<string, E>,
    options: JournalImportOptions = {}
  ) =>
    Effect.gen(function*() {
      // Checked before anything is read, so nobody without the rights learns whether a
      // code exists or wastes a pass over a large file.
      yield* permit(actor, LedgerPermission.accountSetCreate, actor.organisationId)
      yield* permit(actor, LedgerPermission.voucherImport, actor.organisationId)
      const defaultCommodity = options.defaultCommodity ?? "CNY"
      const scan = yield* scanJournal(source(), defaultCommodity)
      const baseCurrency = scan.commodities[0] ?? defaultCommodity
      const at = yield* now
      const existing = yield* repo.findAccountSet(code)
      if (existing !== undefined) return yield* new AccountSetExists({ accountSet: code })
      const firstDate = scan.from ?? "2000-01-01"
      const startYear = Number(firstDate.slice(0, 4))
      const calendar = FiscalCalendar.make({ startYear, startMonth: 1, periodsPerYear: 12 })
      const startPeriod = Either.getOrThrow(FiscalCalendar.periodOf(calendar, firstDate))
      return yield* database.withTransaction(Effect.gen(function*() {
        // Checked again inside the transaction: another import of the same code may have
        // committed while this one scanned the file.
        if ((yield* repo.findAccountSet(code)) !== undefined) return yield* new AccountSetExists({ accountSet: code })
        const id = yield* repo.nextAccountSetId
        const accountSet = AccountSet.make({
          id,
          code,
          organisationId: actor.organisationId,
          name: options.name ?? code,
          baseCurrency,
          currencyScale: scan.baseScale,
          codeScheme: journalCodeScheme,
          calendar,
          startPeriod,
          status: "enabled",
          template: null,
          options: AccountSetOptions.make({}),
          lastClosedYear: null,
          lastClosedPeriod: null,
          createdAt: at
        })
        yield* repo.insertAccountSet(accountSet)
        const accounts: Array<Account> = scan.chart.accounts.map((account) =>
          AccountClass.make({
            code: account.code as Account["code"],
            name: account.name,
            parentCode: account.parentCode as Account["parentCode"],
            level: account.level,
            category: account.category,
            direction: account.direction,
            dimensionTypes: [],
            quantityUnit: null,
            foreignCurrency: null,
            revalue: false,
            isCash: false,
            isBank: false,
            disabled: false,
            leaf: account.leaf
          })
        )
        yield* repo.upsertAccounts(id, accounts)
        yield* audit(accountSet, [draft(actor, at, "ledger.accountSet", id, "import", null, "enabled", { accounts: accounts.length, entries: scan.entries })])
        const lookup = chartLookup({ accounts, dimensionValues: [] })
        const context = { accountSet, account: lookup.account, dimensionValueExists: lookup.dimensionValueExists }

        // Balance deltas are summed over the whole import and written once: PostgreSQL
        // degrades when one balance row is updated thousands of times in one transaction.
        const totals = makeBalanceDeltaSum()
        let pending: Array<ValidatedVoucher> = []
        let vouchers = 0
        let postings = 0
        let skipped = 0
        let done = 0
        const flush = Effect.gen(function*() {
          if (pending.length === 0) return
          const batch = pending
          pending = []
          const stored = yield* repo.insertVouchers(accountSet, batch.map((voucher) => ({
            voucher,
            status: "posted" as const,
            makerId: actor.operatorId,
            auditorId: actor.operatorId,
            posterId: actor.operatorId,
            reversalOfId: null,
            at
          })))
          totals.add(stored, 1)
          yield* audit(accountSet, stored.map((voucher) =>
            draft(actor, at, "ledger.voucher", voucher.id, "import", null, "posted", { word: voucher.word, number: voucher.number })))
          vouchers += stored.length
          if (options.onProgress !== undefined) yield* options.onProgress(done, scan.entries)
        })
        const book = (entries: ReadonlyArray<JournalEntry>) =>
          Effect.gen(function*() {
            for (const entry of entries) {
              done += 1
              const input = entryToVoucher(entry, scan.chart, defaultCommodity, baseCurrency)
              if (input === undefined) {
                skipped += 1
                continue
              }
              const validated = validateVoucher(context, input)
              // The first pass proved every entry balances, so a failure here is a defect.
              if (Either.isLeft(validated)) return yield* Effect.dieMessage(`journal line ${entry.lineNumber}: ${validated.left.message}`)
              postings += input.lines.length
              pending.push(validated.right)
              if (pending.length >= batchSize) yield* flush
            }
          })
        const parser = makeJournalParser({ defaultCommodity: "" })
        yield* Stream.runForEach(source(), (chunk) =>
          Effect.flatMap(Either.match(parser.push(chunk), { onLeft: (error) => Effect.dieMessage(error.message), onRight: Effect.succeed }), book))
        yield* Effect.flatMap(Either.match(parser.end(), { onLeft: (error) => Effect.dieMessage(error.message), onRight: Effect.succeed }), book)
        yield* flush
        yield* repo.applyBalanceDeltas(id, totals.rows())
        return {
          accountSet: code,
          created: true,
          entries: scan.entries,
          vouchers,
          postings,
          skippedEntries: skipped,
          accounts: accounts.length,
          commodities: scan.commodities,
          from: scan.from,
          to: scan.to
        } satisfies JournalImportSummary
      })).pipe(Effect.tap(() => database.refreshStatistics(bulkLoadedTables)))
    })

  /**
   * Writes the books as a plain-text journal hledger reads: the opening balances as one
   * entry, then every posted voucher in period, word and number order, with account
   * names from the chart's names joined by `:`. `hledger bal` of the result equals the
   * trial balance of the whole books.
   */
  const exportJournal = <E>(actor: Actor, code: string, write: (chunk: string) => Effect.Effect<void, E>) =>
    Effect.gen(function*() {
      const accountSet = yield* guarded(actor, code, LedgerPermission.reportRead)
      const chart = yield* repo.chart(accountSet.id)
      const byCode = new Map(chart.accounts.map((account) => [account.code as string, account]))
      const names = new Map<string, string>()
      const nameOf = (accountCode: string) => {
        let name = names.get(accountCode)
        if (name === undefined) {
          const path: Array<string> = []
          let current = byCode.get(accountCode)
          while (current !== undefined) {
            path.unshift(current.name)
            current = current.parentCode === null ? undefined : byCode.get(current.parentCode)
          }
          name = accountFullName(path)
          names.set(accountCode, name)
        }
        return name
      }
      yield* write(formatHeaderComment([
        `Danju account set ${accountSet.code} (${accountSet.name})`,
        `base currency ${accountSet.baseCurrency}; posted vouchers only`
      ]))
      let entries = 0
      const openings = yield* repo.listOpenings(accountSet.id)
      if (accountSet.status === "enabled" && openings.some((opening) => !opening.balance.isZero())) {
        const start = Either.getOrThrow(FiscalCalendar.dateRange(accountSet.calendar, accountSet.startPeriod)).first
        yield* write(formatJournalEntry({
          date: start,
          description: "期初余額 opening balances",
          postings: openings.filter((opening) => !opening.balance.isZero())
            .map((opening) => ({ account: nameOf(opening.accountCode), amount: opening.balance, commodity: opening.commodity }))
        }))
        entries += 1
      }
      let after: { fiscalYear: number; period: number; word: string; number: number } | undefined = undefined
      while (true) {
        const page: ReadonlyArray<Voucher> = yield* repo.listVouchers({ accountSetId: accountSet.id, status: "posted", limit: 1_000, ...(after === undefined ? {} : { after }) })
        let text = ""
        for (const voucher of page) {
          text += formatJournalEntry({
            date: voucher.date,
            code: `${voucher.word}-${voucher.number}`,
            description: voucher.lines[0]?.summary ?? "",
            postings: voucher.lines.map((line) => ({
              account: nameOf(line.accountCode),
              amount: line.debit.isZero() ? line.credit.negated() : line.debit,
              commodity: line.commodity
            }))
          })
        }
        if (text !== "") yield* write(text)
        entries += page.length
        if (page.length < 1_000) break
        const last = page[page.length - 1]!
        after = { fiscalYear: last.period.fiscalYear, period: last.period.number, word: last.word, number: last.number }
      }
      return { accountSet: accountSet.code, entries, period: PeriodOps.format(accountSet.startPeriod) }
    })

  return { importJournal, exportJournal }
})

/**
 * Plain-text journal interop (hledger / ledger-cli): import a journal as posted
 * vouchers, export the books as a journal.
 *
 * @since 0.1.0
 */
export class LedgerJournal extends Context.Tag("@danju/ledger/LedgerJournal")<
  LedgerJournal,
  Effect.Effect.Success<typeof makeService>
>() {
  /** The live service; needs the ledger repository, database, audit log, idempotency and config. */
  static readonly Live = Layer.effect(LedgerJournal, makeService)
}


