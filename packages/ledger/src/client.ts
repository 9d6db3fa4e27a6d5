/**
 * `@danju/ledger/client`: the ledger as plain Promises, for applications that do not use
 * Effect. {@link openLedger} opens a database by URL (`sqlite:<file>` or
 * `postgres://…`), applies the migrations and returns a {@link LedgerClient} whose
 * methods mirror `LedgerService`: each takes a plain actor object, resolves with plain
 * objects holding `Decimal` amounts, and rejects with the ledger's typed error instances
 * (`VoucherUnbalanced`, `SelfAuditForbidden`, `PermissionDenied` …; check `error._tag`).
 *
 * This module is the only place in the package that runs effects: it owns one
 * `ManagedRuntime` per opened ledger, released by `close()`.
 *
 * @example
 * ```ts
 * import { openLedger } from "@danju/ledger/client"
 *
 * const ledger = await openLedger({ url: "sqlite:./books.db" })
 * const maker = { operatorId: "op-maker", organisationId: "mess-1", roles: ["accountant"] }
 * const checker = { operatorId: "op-checker", organisationId: "mess-1", roles: ["supervisor"] }
 * const admin = { operatorId: "op-admin", organisationId: "mess-1", roles: ["administrator"] }
 *
 * await ledger.createAccountSet(admin, { code: "mess", name: "伙食賬", template: "messHall", startPeriod: "2026-01" })
 * await ledger.setOpeningBalances(maker, "mess", [
 *   { accountCode: "1001", balance: "500.00" },
 *   { accountCode: "4001", balance: "500.00" }
 * ])
 * await ledger.enableAccountSet(admin, "mess")
 * const voucher = await ledger.createVoucher(maker, "mess", {
 *   date: "2026-01-05",
 *   lines: [
 *     { summary: "購買蔬菜肉類", accountCode: "4001", debit: "320.50" },
 *     { summary: "購買蔬菜肉類", accountCode: "1001", credit: "320.50" }
 *   ]
 * })
 * await ledger.auditVouchers(checker, "mess", [voucher.id])
 * await ledger.postVouchers(checker, "mess", [voucher.id])
 * const report = await ledger.trialBalance(checker, "mess", { from: "2026-01", to: "2026-01" })
 * report.balanced   // true
 * await ledger.close()
 * ```
 *
 * @since 0.1.0
 */
import type { Dec, IdempotencyKey, Period } from "@danju/core"
import {
  Actor,
  DecimalFromString,
  decimalToString,
  IdempotencyKey as IdempotencyKeySchema,
  Limits,
  LocalDateFromInput,
  PeriodFromString
} from "@danju/core"
import type { Database } from "@danju/core/sql"
import { coreMigrations, DatabaseLive, migrate } from "@danju/core/sql"
import { Decimal } from "decimal.js"
import { Cause, Effect, Exit, Layer, ManagedRuntime, Option, Schema } from "effect"
import type { Account } from "./domain/Account"
import type { AccountSet } from "./domain/AccountSet"
import { AccountSetCode } from "./domain/ids"
import type { ChartTemplateId } from "./domain/templates/ChartTemplate"
import type { TrialBalance } from "./domain/TrialBalance"
import { periodKeyOf } from "./domain/TrialBalance"
import { VoucherInput } from "./domain/Voucher"
import type { Voucher, VoucherStatus } from "./domain/VoucherLifecycle"
import type { LibraryVoucherTemplate, SummaryEntry, SummaryFilter } from "./domain/Library"
import { SummaryEntryChanges, SummaryEntryInput, VoucherTemplateHeader } from "./domain/Library"
import { VoucherTemplate } from "./domain/templates/voucherTemplates"
import type { Chart, DimensionValue, OpeningBalance } from "./LedgerRepo"
import type { AccountInput, VerifyReport } from "./LedgerService"
import { LedgerService } from "./LedgerService"
import { LedgerLibrary } from "./LibraryService"
import { ledgerMigrations, ledgerSqlLayer } from "./storage/index"

/**
 * Who acts, as plain data: the operator, their organisation and their roles (the
 * ledger's roles are `administrator`, `accountant`, `supervisor`, `cashier`, `viewer`).
 *
 * @since 0.1.0
 */
export interface ActorInput {
  readonly operatorId: string
  readonly organisationId: string
  readonly roles: ReadonlyArray<string>
}

/**
 * An amount: plain decimal text (`"1234.50"`) or a decimal.js `Decimal`. Never a JS
 * number: floats cannot hold money exactly.
 *
 * @since 0.1.0
 */
export type AmountInput = string | Decimal

/**
 * A period: `"2026-03"` (fiscal year and period number) or `{ fiscalYear, number }`.
 *
 * @since 0.1.0
 */
export type PeriodInput = string | Period

/**
 * A voucher line as plain data.
 *
 * @since 0.1.0
 */
export interface VoucherLineRequest {
  readonly summary: string
  readonly accountCode: string
  readonly dimensions?: Readonly<Record<string, string>>
  readonly debit?: AmountInput
  readonly credit?: AmountInput
  readonly quantity?: AmountInput
  readonly currency?: string
  readonly exchangeRate?: AmountInput
  readonly originalAmount?: AmountInput
  readonly commodity?: string
}

/**
 * A voucher as plain data; `date` is `YYYY-MM-DD` (or `YYYY/MM/DD`).
 *
 * @since 0.1.0
 */
export interface VoucherRequest {
  readonly word?: string
  readonly date: string
  readonly attachments?: number
  readonly lines: ReadonlyArray<VoucherLineRequest>
}

/**
 * A new account set, usually from a chart template (`messHall`, `smallEnterprise`,
 * `enterprise`, `empty`).
 *
 * @since 0.1.0
 */
export interface CreateAccountSetRequest {
  readonly code: string
  readonly name: string
  readonly template?: ChartTemplateId
  readonly startPeriod: PeriodInput
  readonly organisationId?: string
  readonly baseCurrency?: string
  readonly currencyScale?: number
  readonly codeScheme?: ReadonlyArray<number>
  readonly fiscalStartMonth?: number
  readonly periodsPerYear?: 12 | 13
  readonly options?: Partial<typeof AccountSet.fields.options.Encoded>
  readonly accounts?: ReadonlyArray<AccountInput>
}

/**
 * An opening balance, signed on the account's direction.
 *
 * @since 0.1.0
 */
export interface OpeningRequest {
  readonly accountCode: string
  readonly dimensions?: Readonly<Record<string, string>>
  readonly balance: AmountInput
  readonly yearToDateDebit?: AmountInput
  readonly yearToDateCredit?: AmountInput
}

/**
 * Which vouchers to list; `after` is the last voucher of the previous page.
 *
 * @since 0.1.0
 */
export interface VoucherFilter {
  readonly from?: PeriodInput
  readonly to?: PeriodInput
  readonly status?: VoucherStatus
  readonly word?: string
  readonly after?: Pick<Voucher, "word" | "number"> & { readonly period: Period }
  /** Page size, default 100, at most `Limits.pageSizeMax`. */
  readonly limit?: number
}

/**
 * A new summary-library entry (摘要庫) as plain data.
 *
 * @since 0.1.0
 */
export interface SummaryEntryRequest {
  readonly code: string
  readonly text: string
  readonly category?: string
  /** 助記碼, e.g. the pinyin initials; stored in upper case. */
  readonly mnemonic?: string
  readonly defaultAccountCode?: string
}

/**
 * Changes to a summary-library entry: absent fields stay, `null` clears.
 *
 * @since 0.1.0
 */
export interface SummaryEntryChangesRequest {
  readonly text?: string
  readonly category?: string | null
  readonly mnemonic?: string | null
  readonly defaultAccountCode?: string | null
}

/**
 * A voucher template (模式憑證) definition as plain data.
 *
 * @since 0.1.0
 */
export type VoucherTemplateRequest = typeof VoucherTemplate.Encoded

/**
 * What filling a voucher template takes: the date, one amount per placeholder, and
 * optionally attachments, a summary replacing every line's, another word.
 *
 * @since 0.1.0
 */
export interface InstantiateRequest {
  readonly date: string
  readonly amounts: Readonly<Record<string, AmountInput>>
  readonly attachments?: number
  readonly summary?: string
  readonly word?: string
}

/**
 * How to open a ledger.
 *
 * @since 0.1.0
 */
export interface OpenLedgerOptions {
  /** `sqlite:<file>`, `sqlite::memory:` or `postgres://user@host:port/database`. */
  readonly url: string
  /** Apply the core and ledger migrations on open (default true; idempotent). */
  readonly migrate?: boolean
  /** PostgreSQL schema to work in (it must exist). */
  readonly schema?: string
  /** PostgreSQL connection pool size. */
  readonly poolSize?: number
}

/**
 * The ledger as Promises. Every method checks the actor's permission and organisation
 * like the service does, runs in one database transaction and rejects with the typed
 * error (an `Error` with `_tag` and the error's fields); malformed input (a float
 * amount, a bad date) rejects with a `ParseError` before anything runs.
 *
 * @since 0.1.0
 */
export interface LedgerClient {
  /** Creates an account set (賬套) of the actor's organisation. */
  readonly createAccountSet: (actor: ActorInput, input: CreateAccountSetRequest) => Promise<AccountSet>
  readonly getAccountSet: (actor: ActorInput, accountSet: string) => Promise<AccountSet>
  /** Account sets of the actor's organisation. */
  readonly listAccountSets: (actor: ActorInput) => Promise<ReadonlyArray<AccountSet>>
  /** The chart of accounts and dimension values. */
  readonly chartOf: (actor: ActorInput, accountSet: string) => Promise<Chart>
  /** Adds accounts; answers the new accounts and the parents that stopped being leaves. */
  readonly addAccounts: (actor: ActorInput, accountSet: string, accounts: ReadonlyArray<AccountInput>) => Promise<ReadonlyArray<Account>>
  readonly updateAccount: (
    actor: ActorInput,
    accountSet: string,
    accountCode: string,
    changes: { readonly name?: string; readonly disabled?: boolean; readonly isCash?: boolean; readonly isBank?: boolean; readonly revalue?: boolean }
  ) => Promise<Account>
  /** Deletes accounts (with their sub-accounts when asked); answers every code deleted. */
  readonly deleteAccounts: (
    actor: ActorInput,
    accountSet: string,
    accountCodes: ReadonlyArray<string>,
    options?: { readonly withChildren?: boolean }
  ) => Promise<ReadonlyArray<string>>
  readonly addDimensionValues: (
    actor: ActorInput,
    accountSet: string,
    values: ReadonlyArray<Omit<DimensionValue, "disabled"> & { readonly disabled?: boolean }>
  ) => Promise<void>
  /** Replaces the opening balances (only while initializing). */
  readonly setOpeningBalances: (actor: ActorInput, accountSet: string, openings: ReadonlyArray<OpeningRequest>) => Promise<ReadonlyArray<OpeningBalance>>
  /** Checks the openings balance and enables the books. */
  readonly enableAccountSet: (actor: ActorInput, accountSet: string) => Promise<AccountSet>
  /** Makes a draft voucher; with an idempotency key a retry returns the first voucher. */
  readonly createVoucher: (
    actor: ActorInput,
    accountSet: string,
    input: VoucherRequest,
    options?: { readonly idempotencyKey?: string }
  ) => Promise<Voucher>
  /** Records many vouchers in one database transaction, all or nothing. */
  readonly recordVouchers: (
    actor: ActorInput,
    accountSet: string,
    inputs: ReadonlyArray<VoucherRequest>,
    options?: { readonly status?: "draft" | "posted"; readonly idempotencyKey?: string }
  ) => Promise<ReadonlyArray<Voucher>>
  readonly auditVouchers: (actor: ActorInput, accountSet: string, voucherIds: ReadonlyArray<string>) => Promise<ReadonlyArray<Voucher>>
  readonly unauditVouchers: (actor: ActorInput, accountSet: string, voucherIds: ReadonlyArray<string>) => Promise<ReadonlyArray<Voucher>>
  readonly signVouchers: (actor: ActorInput, accountSet: string, voucherIds: ReadonlyArray<string>) => Promise<ReadonlyArray<Voucher>>
  readonly postVouchers: (actor: ActorInput, accountSet: string, voucherIds: ReadonlyArray<string>) => Promise<ReadonlyArray<Voucher>>
  readonly unpostVouchers: (actor: ActorInput, accountSet: string, voucherIds: ReadonlyArray<string>) => Promise<ReadonlyArray<Voucher>>
  /** Red-ink reversal of a posted voucher, dated `date`. */
  readonly reverseVoucher: (actor: ActorInput, accountSet: string, voucherId: string, date: string) => Promise<Voucher>
  /**
   * Difference voucher (更正) for an amount-only error of a posted voucher: the right
   * amounts (decimal strings) of the wrong lines, by 1-based line number.
   */
  readonly correctVoucher: (
    actor: ActorInput,
    accountSet: string,
    voucherId: string,
    correction: {
      readonly date: string
      readonly lines: ReadonlyArray<{ readonly lineNumber: number; readonly amount: string; readonly quantity?: string; readonly originalAmount?: string }>
    },
    options?: { readonly idempotencyKey?: string }
  ) => Promise<Voucher>
  /** Replaces a draft's header and lines (修改憑證); the editor becomes its maker. */
  readonly editVoucher: (actor: ActorInput, accountSet: string, voucherId: string, input: VoucherRequest) => Promise<Voucher>
  /** Deletes drafts, all or nothing; returns their ids. */
  readonly deleteVouchers: (actor: ActorInput, accountSet: string, voucherIds: ReadonlyArray<string>) => Promise<{ readonly deleted: ReadonlyArray<string> }>
  readonly getVouchers: (actor: ActorInput, accountSet: string, voucherIds: ReadonlyArray<string>) => Promise<ReadonlyArray<Voucher>>
  /** One page of vouchers in (period, word, number) order. */
  readonly listVouchers: (actor: ActorInput, accountSet: string, filter?: VoucherFilter) => Promise<ReadonlyArray<Voucher>>
  readonly trialBalance: (
    actor: ActorInput,
    accountSet: string,
    range?: { readonly from?: PeriodInput; readonly to?: PeriodInput; readonly commodity?: string; readonly includeUnposted?: boolean }
  ) => Promise<TrialBalance>
  /** Recomputes balances from postings and verifies the audit log. */
  readonly verify: (actor: ActorInput, accountSet: string) => Promise<VerifyReport>
  /** The summary library (摘要庫), filtered by prefix (code, mnemonic or text) or category. */
  readonly listSummaries: (actor: ActorInput, accountSet: string, filter?: SummaryFilter) => Promise<ReadonlyArray<SummaryEntry>>
  readonly addSummary: (
    actor: ActorInput,
    accountSet: string,
    entry: SummaryEntryRequest,
    options?: { readonly idempotencyKey?: string }
  ) => Promise<SummaryEntry>
  readonly updateSummary: (actor: ActorInput, accountSet: string, code: string, changes: SummaryEntryChangesRequest) => Promise<SummaryEntry>
  /** Deletes an entry; resolves with it. */
  readonly deleteSummary: (actor: ActorInput, accountSet: string, code: string) => Promise<SummaryEntry>
  /** Voucher templates (模式憑證): the chart template's built-in ones, then the stored ones. */
  readonly listVoucherTemplates: (actor: ActorInput, accountSet: string) => Promise<ReadonlyArray<LibraryVoucherTemplate>>
  readonly getVoucherTemplate: (actor: ActorInput, accountSet: string, templateId: string) => Promise<LibraryVoucherTemplate>
  /** Stores a template after checking it against the chart. */
  readonly saveVoucherTemplate: (
    actor: ActorInput,
    accountSet: string,
    template: VoucherTemplateRequest,
    options?: { readonly idempotencyKey?: string }
  ) => Promise<LibraryVoucherTemplate>
  /** Stores a template copied from a voucher; its amounts become placeholders. */
  readonly saveVoucherTemplateFromVoucher: (
    actor: ActorInput,
    accountSet: string,
    voucherId: string,
    header: { readonly id: string; readonly name: string; readonly description?: string },
    options?: { readonly idempotencyKey?: string }
  ) => Promise<LibraryVoucherTemplate>
  readonly renameVoucherTemplate: (
    actor: ActorInput,
    accountSet: string,
    templateId: string,
    changes: { readonly name: string; readonly description?: string }
  ) => Promise<LibraryVoucherTemplate>
  /** Deletes a stored template; resolves with it. */
  readonly deleteVoucherTemplate: (actor: ActorInput, accountSet: string, templateId: string) => Promise<LibraryVoucherTemplate>
  /** Makes a draft voucher from a template through the voucher rules. */
  readonly instantiateVoucherTemplate: (
    actor: ActorInput,
    accountSet: string,
    templateId: string,
    fill: InstantiateRequest,
    options?: { readonly idempotencyKey?: string }
  ) => Promise<Voucher>
  /** Releases the database connection; the client cannot be used afterwards. */
  readonly close: () => Promise<void>
}

const decodeActor = Schema.decodeUnknownSync(Actor)
const decodeCode = Schema.decodeUnknownSync(AccountSetCode)
const decodeAmount = Schema.decodeUnknownSync(DecimalFromString)
const decodePeriod = Schema.decodeUnknownSync(PeriodFromString)
const decodeVoucher = Schema.decodeUnknownSync(VoucherInput)
const decodeKey = Schema.decodeUnknownSync(IdempotencyKeySchema)
const decodeDate = Schema.decodeUnknownSync(LocalDateFromInput)
const decodeSummaryInput = Schema.decodeUnknownSync(SummaryEntryInput)
const decodeSummaryChanges = Schema.decodeUnknownSync(SummaryEntryChanges)
const decodeTemplate = Schema.decodeUnknownSync(VoucherTemplate)
const decodeTemplateHeader = Schema.decodeUnknownSync(VoucherTemplateHeader)

const amountOf = (input: AmountInput): Dec => decodeAmount(Decimal.isDecimal(input) ? decimalToString(input) : input)
const periodOf = (input: PeriodInput): Period => (typeof input === "string" ? decodePeriod(input) : input)
const textOf = (input: AmountInput | undefined) => (input === undefined ? undefined : Decimal.isDecimal(input) ? decimalToString(input) : input)

const voucherOf = (input: VoucherRequest): VoucherInput =>
  decodeVoucher({
    ...input,
    lines: input.lines.map((line) => {
      const encoded: Record<string, unknown> = { ...line }
      for (const field of ["debit", "credit", "quantity", "exchangeRate", "originalAmount"] as const) {
        if (line[field] !== undefined) encoded[field] = textOf(line[field])
      }
      return encoded
    })
  })

const idempotencyOf = (key: string | undefined): { idempotencyKey?: IdempotencyKey } =>
  key === undefined ? {} : { idempotencyKey: decodeKey(key) }

/** The failure itself (a typed error instance), or the defect for unexpected failures. */
const reasonOf = (cause: Cause.Cause<unknown>): unknown =>
  Option.getOrElse(Cause.failureOption(cause), () => Cause.squash(cause))

/**
 * Opens a ledger over a database URL, migrating it first unless `migrate: false`.
 * Rejects when the URL is malformed or the database cannot be reached.
 *
 * @example
 * ```ts
 * import { openLedger } from "@danju/ledger/client"
 *
 * const ledger = await openLedger({ url: "postgres://danju@127.0.0.1:5432/books" })
 * const sets = await ledger.listAccountSets({ operatorId: "op-1", organisationId: "mess-1", roles: ["viewer"] })
 * await ledger.close()
 * ```
 *
 * @since 0.1.0
 */
export const openLedger = async (options: OpenLedgerOptions): Promise<LedgerClient> => {
  const database: Layer.Layer<Database, unknown> = DatabaseLive.layer(options.url, {
    ...(options.schema === undefined ? {} : { schema: options.schema }),
    ...(options.poolSize === undefined ? {} : { poolSize: options.poolSize })
  })
  const prepared = options.migrate === false
    ? database
    : Layer.tap(database, (context) => Effect.provide(migrate([coreMigrations, ledgerMigrations]), context))
  const runtime = ManagedRuntime.make(ledgerSqlLayer().pipe(Layer.provide(prepared)))
  const built = await runtime.runPromiseExit(LedgerService)
  if (Exit.isFailure(built)) {
    await runtime.dispose()
    throw reasonOf(built.cause)
  }
  const ledger = built.value
  const library = await runtime.runPromise(LedgerLibrary)
  let closed = false

  const run = async <A>(effect: Effect.Effect<A, unknown>): Promise<A> => {
    if (closed) throw new Error("this ledger client is closed")
    const exit = await runtime.runPromiseExit(effect)
    if (Exit.isSuccess(exit)) return exit.value
    throw reasonOf(exit.cause)
  }

  const transition = (
    method: "auditVouchers" | "unauditVouchers" | "signVouchers" | "postVouchers" | "unpostVouchers"
  ) =>
  async (actor: ActorInput, accountSet: string, voucherIds: ReadonlyArray<string>) =>
    run(ledger[method](decodeActor(actor), accountSet, voucherIds))

  return {
    createAccountSet: async (actor, input) => {
      const { startPeriod, code, ...rest } = input
      return run(ledger.createAccountSet(decodeActor(actor), { ...rest, code: decodeCode(code), startPeriod: periodOf(startPeriod) }))
    },
    getAccountSet: async (actor, accountSet) => run(ledger.getAccountSet(decodeActor(actor), accountSet)),
    listAccountSets: async (actor) => run(ledger.listAccountSets(decodeActor(actor))),
    chartOf: async (actor, accountSet) => run(ledger.chartOf(decodeActor(actor), accountSet)),
    addAccounts: async (actor, accountSet, accounts) => run(ledger.addAccounts(decodeActor(actor), accountSet, accounts)),
    updateAccount: async (actor, accountSet, accountCode, changes) =>
      run(ledger.updateAccount(decodeActor(actor), accountSet, accountCode, changes)),
    deleteAccounts: async (actor, accountSet, accountCodes, deleteOptions) =>
      run(ledger.deleteAccounts(decodeActor(actor), accountSet, accountCodes, deleteOptions)),
    addDimensionValues: async (actor, accountSet, values) =>
      run(ledger.addDimensionValues(
        decodeActor(actor),
        accountSet,
        values.map((value) => ({ ...value, disabled: value.disabled ?? false }))
      )),
    setOpeningBalances: async (actor, accountSet, openings) =>
      run(ledger.setOpeningBalances(
        decodeActor(actor),
        accountSet,
        openings.map((opening) => ({
          accountCode: opening.accountCode,
          balance: amountOf(opening.balance),
          ...(opening.dimensions === undefined ? {} : { dimensions: opening.dimensions }),
          ...(opening.yearToDateDebit === undefined ? {} : { yearToDateDebit: amountOf(opening.yearToDateDebit) }),
          ...(opening.yearToDateCredit === undefined ? {} : { yearToDateCredit: amountOf(opening.yearToDateCredit) })
        }))
      )),
    enableAccountSet: async (actor, accountSet) => run(ledger.enableAccountSet(decodeActor(actor), accountSet)),
    createVoucher: async (actor, accountSet, input, createOptions = {}) =>
      run(ledger.createVoucher(decodeActor(actor), accountSet, voucherOf(input), idempotencyOf(createOptions.idempotencyKey))),
    recordVouchers: async (actor, accountSet, inputs, recordOptions = {}) =>
      run(ledger.recordVouchers(decodeActor(actor), accountSet, inputs.map(voucherOf), {
        ...idempotencyOf(recordOptions.idempotencyKey),
        ...(recordOptions.status === undefined ? {} : { status: recordOptions.status })
      })),
    auditVouchers: transition("auditVouchers"),
    unauditVouchers: transition("unauditVouchers"),
    signVouchers: transition("signVouchers"),
    postVouchers: transition("postVouchers"),
    unpostVouchers: transition("unpostVouchers"),
    reverseVoucher: async (actor, accountSet, voucherId, date) =>
      run(ledger.reverseVoucher(decodeActor(actor), accountSet, voucherId, decodeDate(date))),
    correctVoucher: async (actor, accountSet, voucherId, correction, correctOptions = {}) =>
      run(ledger.correctVoucher(decodeActor(actor), accountSet, voucherId, {
        date: decodeDate(correction.date),
        lines: correction.lines.map((line) => ({
          lineNumber: line.lineNumber,
          amount: decodeAmount(line.amount),
          ...(line.quantity === undefined ? {} : { quantity: decodeAmount(line.quantity) }),
          ...(line.originalAmount === undefined ? {} : { originalAmount: decodeAmount(line.originalAmount) })
        }))
      }, idempotencyOf(correctOptions.idempotencyKey))),
    editVoucher: async (actor, accountSet, voucherId, input) =>
      run(ledger.editVoucher(decodeActor(actor), accountSet, voucherId, voucherOf(input))),
    deleteVouchers: async (actor, accountSet, voucherIds) => run(ledger.deleteVouchers(decodeActor(actor), accountSet, voucherIds)),
    getVouchers: async (actor, accountSet, voucherIds) => run(ledger.getVouchers(decodeActor(actor), accountSet, voucherIds)),
    listVouchers: async (actor, accountSet, filter = {}) =>
      run(ledger.listVouchers(decodeActor(actor), accountSet, {
        limit: Math.max(1, Math.min(filter.limit ?? 100, Limits.pageSizeMax)),
        ...(filter.from === undefined ? {} : { from: periodKeyOf(periodOf(filter.from)) }),
        ...(filter.to === undefined ? {} : { to: periodKeyOf(periodOf(filter.to)) }),
        ...(filter.status === undefined ? {} : { status: filter.status }),
        ...(filter.word === undefined ? {} : { word: filter.word }),
        ...(filter.after === undefined ? {} : {
          after: {
            fiscalYear: filter.after.period.fiscalYear,
            period: filter.after.period.number,
            word: filter.after.word,
            number: filter.after.number
          }
        })
      })),
    trialBalance: async (actor, accountSet, range = {}) =>
      run(ledger.trialBalance(decodeActor(actor), accountSet, {
        ...(range.from === undefined ? {} : { from: periodOf(range.from) }),
        ...(range.to === undefined ? {} : { to: periodOf(range.to) }),
        ...(range.commodity === undefined ? {} : { commodity: range.commodity }),
        ...(range.includeUnposted === undefined ? {} : { includeUnposted: range.includeUnposted })
      })),
    verify: async (actor, accountSet) => run(ledger.verify(decodeActor(actor), accountSet)),
    listSummaries: async (actor, accountSet, filter = {}) => run(library.listSummaries(decodeActor(actor), accountSet, filter)),
    addSummary: async (actor, accountSet, entry, addOptions = {}) =>
      run(library.addSummary(decodeActor(actor), accountSet, decodeSummaryInput(entry), idempotencyOf(addOptions.idempotencyKey))),
    updateSummary: async (actor, accountSet, code, changes) =>
      run(library.updateSummary(decodeActor(actor), accountSet, code, decodeSummaryChanges(changes))),
    deleteSummary: async (actor, accountSet, code) => run(library.deleteSummary(decodeActor(actor), accountSet, code)),
    listVoucherTemplates: async (actor, accountSet) => run(library.listVoucherTemplates(decodeActor(actor), accountSet)),
    getVoucherTemplate: async (actor, accountSet, templateId) => run(library.getVoucherTemplate(decodeActor(actor), accountSet, templateId)),
    saveVoucherTemplate: async (actor, accountSet, template, saveOptions = {}) =>
      run(library.saveVoucherTemplate(decodeActor(actor), accountSet, decodeTemplate(template), idempotencyOf(saveOptions.idempotencyKey))),
    saveVoucherTemplateFromVoucher: async (actor, accountSet, voucherId, header, saveOptions = {}) =>
      run(library.saveVoucherTemplateFromVoucher(
        decodeActor(actor),
        accountSet,
        voucherId,
        decodeTemplateHeader(header),
        idempotencyOf(saveOptions.idempotencyKey)
      )),
    renameVoucherTemplate: async (actor, accountSet, templateId, changes) => {
      const { id: _id, ...checked } = decodeTemplateHeader({ ...changes, id: templateId })
      return run(library.renameVoucherTemplate(decodeActor(actor), accountSet, templateId, checked))
    },
    deleteVoucherTemplate: async (actor, accountSet, templateId) => run(library.deleteVoucherTemplate(decodeActor(actor), accountSet, templateId)),
    instantiateVoucherTemplate: async (actor, accountSet, templateId, fill, instantiateOptions = {}) =>
      run(library.instantiateVoucherTemplate(decodeActor(actor), accountSet, templateId, {
        date: decodeDate(fill.date),
        amounts: Object.fromEntries(Object.entries(fill.amounts).map(([placeholder, amount]) => [placeholder, amountOf(amount)])),
        ...(fill.attachments === undefined ? {} : { attachments: fill.attachments }),
        ...(fill.summary === undefined ? {} : { summary: fill.summary }),
        ...(fill.word === undefined ? {} : { word: fill.word })
      }, idempotencyOf(instantiateOptions.idempotencyKey))),
    close: async () => {
      if (closed) return
      closed = true
      await runtime.dispose()
    }
  }
}
