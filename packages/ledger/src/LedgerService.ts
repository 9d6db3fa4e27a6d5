import { Context, Effect, Either, Layer, Schema } from "effect"
import type { Actor, Dec, IdempotencyKey, Period, PermissionTable } from "@danju/core"
import { Dec as Decimal, decimalToString, FiscalCalendar, Limits, Period as PeriodOps } from "@danju/core"
import type { SqlError } from "@danju/core/sql"
import type { Account } from "./domain/Account"
import { Account as AccountClass, categoryOfCode, levelOfCode, parentCodeOf } from "./domain/Account"
import type { AccountSetOptions } from "./domain/AccountSet"
import { AccountSet } from "./domain/AccountSet"
import {
  AccountCodeInvalid,
  AccountDisabled,
  AccountInUse,
  AccountNotFound,
  AccountNotLeaf,
  AccountSetExists,
  AccountSetNotFound,
  AccountSetStatusInvalid,
  CorrectionInvalid,
  DimensionInvalid,
  OpeningBalancesUnbalanced,
  PeriodClosed,
  ReversalDateInvalid,
  VoucherAlreadyCorrected,
  VoucherAlreadyReversed,
  VoucherEditForbidden,
  VoucherIsReversal,
  VoucherNotFound,
  VoucherStatusInvalid
} from "./domain/errors"
import type { AccountSetCode } from "./domain/ids"
import type { ChartTemplateId } from "./domain/templates/index"
import { chartTemplates, materializeChart } from "./domain/templates/index"
import { LedgerPermission, ledgerPermissionTable } from "./domain/permissions"
import { buildTrialBalance, checkReportRange, openingBaseKey, periodKeyOf } from "./domain/TrialBalance"
import type { VoucherInput, VoucherRuleError } from "./domain/Voucher"
import { dimensionKeyOf, isPeriodClosed, validateVoucher, VoucherInput as VoucherInputSchema } from "./domain/Voucher"
import type { BalanceDelta, Voucher } from "./domain/VoucherLifecycle"
import { auditVoucher, balanceDeltas, makeBalanceDeltaSum, postVoucher, signVoucher, unauditVoucher, unpostVoucher } from "./domain/VoucherLifecycle"
import type { BalanceRow, Chart, DimensionValue, OpeningBalance } from "./LedgerRepo"
import { chartLookup, makeKit, scopeOf } from "./internal/kit"
import { summarySeedOf } from "./domain/Library"
import { LibraryRepo } from "./LibraryRepo"
import type { BalanceRowDifference } from "./domain/PeriodEnd"
import { balanceRowDifferences, dimensionsOfKey, expectedCarryRows } from "./domain/PeriodEnd"

/**
 * What creating an account set needs. The chart comes from a template (or is empty)
 * and can be edited until and after enabling.
 *
 * @since 0.1.0
 */
export interface CreateAccountSetInput {
  readonly code: AccountSetCode
  readonly name: string
  /** The organisation whose operators keep the books; the creator's by default. */
  readonly organisationId?: string
  readonly baseCurrency?: string
  readonly currencyScale?: number
  readonly codeScheme?: ReadonlyArray<number>
  /** First month of the fiscal year (1 = January). */
  readonly fiscalStartMonth?: number
  readonly periodsPerYear?: 12 | 13
  /** The first period kept in Danju (啟用期間). */
  readonly startPeriod: Period
  readonly options?: Partial<Schema.Schema.Encoded<typeof AccountSetOptions>>
  /**
   * The chart template to start from (科目模板): its accounts, code scheme and options
   * (the caller's `codeScheme` and `options` win). Without one the chart starts empty.
   */
  readonly template?: ChartTemplateId
  /** Accounts to add (after the template's). */
  readonly accounts?: ReadonlyArray<AccountInput>
}

/**
 * An account as a caller defines it; parent, level and leaf are derived from the code.
 *
 * @since 0.1.0
 */
export interface AccountInput {
  readonly code: string
  readonly name: string
  readonly category?: Account["category"]
  readonly direction?: Account["direction"]
  readonly dimensionTypes?: Account["dimensionTypes"]
  readonly quantityUnit?: string | null
  readonly foreignCurrency?: string | null
  readonly revalue?: boolean
  readonly isCash?: boolean
  readonly isBank?: boolean
  readonly disabled?: boolean
}

/**
 * An opening balance as a caller enters it: signed on the account's direction
 * (a positive amount on a credit account is a credit balance).
 *
 * @since 0.1.0
 */
export interface OpeningInput {
  readonly accountCode: string
  readonly dimensions?: Readonly<Record<string, string>>
  readonly balance: Dec
  readonly yearToDateDebit?: Dec
  readonly yearToDateCredit?: Dec
}

/**
 * Options of a batch of new vouchers.
 *
 * @since 0.1.0
 */
export interface RecordOptions {
  /**
   * `draft` (default): made only. `posted`: made, audited and posted by the importer in
   * the same database transaction — the import path (`ledger.voucher.import`), where
   * the vouchers come from books that were already checked elsewhere.
   */
  readonly status?: "draft" | "posted"
  readonly idempotencyKey?: IdempotencyKey
  /** Links the new voucher to the one it reverses. */
  readonly reversalOfId?: string
  /** Links the new difference voucher to the one it corrects. */
  readonly correctionOfId?: string
}

/**
 * One corrected line of a difference voucher (更正): the amount the original's line
 * should have had, on the line's own side; for quantity accounts the right quantity and
 * for foreign-currency accounts the right original amount, when those were wrong too.
 */
export interface CorrectedLine {
  /** The original's line, 1-based. */
  readonly lineNumber: number
  readonly amount: Dec
  readonly quantity?: Dec
  readonly originalAmount?: Dec
}

/**
 * Differences `verify` found between maintained balances and a recomputation.
 *
 * @since 0.1.0
 */
export interface VerifyReport {
  readonly accountSet: string
  readonly balanceRows: number
  readonly differences: ReadonlyArray<BalanceRowDifference>
  readonly auditRecords: number
}

/** @since 0.1.0 */
export type LedgerError =
  | VoucherRuleError
  | AccountSetNotFound
  | AccountSetExists
  | AccountSetStatusInvalid
  | AccountCodeInvalid
  | AccountInUse
  | AccountNotFound
  | AccountNotLeaf
  | DimensionInvalid
  | OpeningBalancesUnbalanced
  | VoucherNotFound
  | VoucherAlreadyReversed
  | VoucherIsReversal
  | VoucherEditForbidden
  | VoucherAlreadyCorrected
  | CorrectionInvalid
  | ReversalDateInvalid
  | VoucherStatusInvalid
  | import("./domain/errors").SelfAuditForbidden
  | import("./domain/errors").UnauditForbidden
  | import("./domain/errors").CashierSignatureMissing
  | import("./domain/errors").UnpostDisabled
  | import("@danju/core").PermissionDenied
  | import("@danju/core").OrganisationMismatch
  | import("@danju/core").IdempotencyConflict
  | import("@danju/core").AuditChainBroken
  | SqlError

/**
 * Permission and audit configuration of the ledger service.
 *
 * @since 0.1.0
 */
export class LedgerConfig extends Context.Tag("@danju/ledger/LedgerConfig")<LedgerConfig, {
  readonly permissions: PermissionTable
}>() {
  /** The default roles of {@link ledgerPermissionTable}. */
  static readonly Default = Layer.succeed(LedgerConfig, { permissions: ledgerPermissionTable })
}

const zero = new Decimal(0)

const VoucherResult = Schema.Struct({ ids: Schema.Array(Schema.String) })

const makeService = Effect.gen(function*() {
  const config = yield* LedgerConfig
  const kit = yield* makeKit(config.permissions)
  const { repo, database, auditLog, idempotency, now, permit, isAdministrator, guarded, guardedForWrite, audit, draft } = kit
  const library = yield* LibraryRepo

  // ── chart ────────────────────────────────────────────────────────────────

  const buildAccounts = (
    accountSet: Pick<AccountSet, "codeScheme">,
    existing: ReadonlyMap<string, Account>,
    inputs: ReadonlyArray<AccountInput>
  ): Either.Either<Array<Account>, AccountCodeInvalid> => {
    const all = new Map<string, Account>(existing)
    const created: Array<Account> = []
    // Parents first, so a batch may define a parent and its children together.
    const sorted = [...inputs].sort((left, right) => left.code.length - right.code.length || (left.code < right.code ? -1 : 1))
    for (const input of sorted) {
      const level = levelOfCode(accountSet.codeScheme, input.code)
      const parentCode = parentCodeOf(accountSet.codeScheme, input.code)
      if (!/^[0-9]+$/.test(input.code) || level === undefined || parentCode === undefined) {
        return Either.left(new AccountCodeInvalid({ accountCode: input.code, reason: "scheme" }))
      }
      if (all.has(input.code)) return Either.left(new AccountCodeInvalid({ accountCode: input.code, reason: "exists" }))
      const parent = parentCode === null ? undefined : all.get(parentCode)
      if (parentCode !== null && parent === undefined) {
        return Either.left(new AccountCodeInvalid({ accountCode: input.code, reason: "parentMissing" }))
      }
      if (parent !== undefined && parent.disabled) {
        return Either.left(new AccountCodeInvalid({ accountCode: input.code, reason: "parentDisabled" }))
      }
      const category = input.category ?? parent?.category ?? categoryOfCode(input.code) ?? "asset"
      const account = AccountClass.make({
        code: input.code as Account["code"],
        name: input.name,
        parentCode: parentCode as Account["parentCode"],
        level,
        category,
        direction: input.direction ?? parent?.direction ?? (category === "liability" || category === "equity" ? "credit" : "debit"),
        dimensionTypes: input.dimensionTypes ?? [],
        quantityUnit: input.quantityUnit ?? null,
        foreignCurrency: input.foreignCurrency ?? null,
        revalue: input.revalue ?? false,
        isCash: input.isCash ?? false,
        isBank: input.isBank ?? false,
        disabled: input.disabled ?? false,
        leaf: true
      })
      all.set(account.code, account)
      created.push(account)
      if (parent !== undefined && parent.leaf) {
        const parentAsBranch = AccountClass.make({ ...parent, leaf: false })
        all.set(parent.code, parentAsBranch)
        const index = created.findIndex((candidate) => candidate.code === parent.code)
        if (index >= 0) created[index] = parentAsBranch
        else created.push(parentAsBranch)
      }
    }
    return Either.right(created)
  }

  const createAccountSet = (actor: Actor, input: CreateAccountSetInput) =>
    Effect.gen(function*() {
      const organisationId = input.organisationId ?? actor.organisationId
      yield* permit(actor, LedgerPermission.accountSetCreate, organisationId)
      const at = yield* now
      return yield* database.withTransaction(Effect.gen(function*() {
        const existing = yield* repo.findAccountSet(input.code)
        if (existing !== undefined) return yield* new AccountSetExists({ accountSet: input.code })
        const id = yield* repo.nextAccountSetId
        const template = input.template === undefined ? undefined : chartTemplates[input.template]
        const calendar = FiscalCalendar.make({
          startYear: input.startPeriod.fiscalYear,
          startMonth: input.fiscalStartMonth ?? 1,
          periodsPerYear: input.periodsPerYear ?? 12
        })
        const accountSet = AccountSet.make({
          id,
          code: input.code,
          organisationId,
          name: input.name,
          baseCurrency: input.baseCurrency ?? template?.baseCurrency ?? "CNY",
          currencyScale: input.currencyScale ?? 2,
          codeScheme: input.codeScheme ?? template?.codeScheme ?? [4, 2, 2, 2],
          calendar,
          startPeriod: input.startPeriod,
          status: "initializing",
          template: input.template ?? null,
          options: Schema.decodeUnknownSync(AccountSetOptionsSchema)({ ...template?.options, ...input.options }),
          lastClosedYear: null,
          lastClosedPeriod: null,
          createdAt: at
        })
        yield* repo.insertAccountSet(accountSet)
        const templateAccounts: ReadonlyArray<AccountInput> = template === undefined ? [] : materializeChart(template)
        const accounts = yield* Either.match(buildAccounts(accountSet, new Map(), [...templateAccounts, ...(input.accounts ?? [])]), {
          onLeft: Effect.fail,
          onRight: Effect.succeed
        })
        yield* repo.upsertAccounts(id, accounts)
        // The chart template's summary library (the mess hall's nine standard summaries)
        // comes with the books, so it is backed up, edited and deleted like any entry.
        const summaries = summarySeedOf(accountSet.template)
        yield* library.insertSummaries(id, summaries)
        yield* audit(accountSet, [
          draft(actor, at, "ledger.accountSet", id, "create", null, "initializing", {
            code: accountSet.code,
            name: accountSet.name,
            accounts: accounts.length,
            ...(summaries.length === 0 ? {} : { summaries: summaries.length })
          })
        ])
        return accountSet
      }))
    })

  const addAccounts = (actor: Actor, code: string, inputs: ReadonlyArray<AccountInput>) =>
    Effect.gen(function*() {
      const accountSet = yield* guarded(actor, code, LedgerPermission.accountManage)
      const at = yield* now
      return yield* database.withTransaction(Effect.gen(function*() {
        const chart = yield* repo.chart(accountSet.id)
        const existing = new Map(chart.accounts.map((account) => [account.code as string, account]))
        const changed = yield* Either.match(buildAccounts(accountSet, existing, inputs), { onLeft: Effect.fail, onRight: Effect.succeed })
        // A leaf that already holds postings or balances cannot become a parent: its
        // amounts would have nowhere to live.
        const becameParents = changed.filter((account) => !account.leaf && existing.get(account.code)?.leaf === true)
        const used = yield* repo.accountsInUse(accountSet.id, becameParents.map((account) => account.code))
        const blocked = becameParents.find((account) => used.has(account.code))
        if (blocked !== undefined) {
          const child = changed.find((account) => account.parentCode === blocked.code)
          return yield* new AccountCodeInvalid({ accountCode: child?.code ?? blocked.code, reason: "parentHasPostings" })
        }
        yield* repo.upsertAccounts(accountSet.id, changed)
        yield* audit(accountSet, [draft(actor, at, "ledger.account", accountSet.id, "add", null, null, { codes: inputs.map((input) => input.code) })])
        return changed
      }))
    })

  const updateAccount = (
    actor: Actor,
    code: string,
    accountCode: string,
    changes: { readonly name?: string; readonly disabled?: boolean; readonly isCash?: boolean; readonly isBank?: boolean; readonly revalue?: boolean }
  ) =>
    Effect.gen(function*() {
      const accountSet = yield* guarded(actor, code, LedgerPermission.accountManage)
      const at = yield* now
      return yield* database.withTransaction(Effect.gen(function*() {
        const chart = yield* repo.chart(accountSet.id)
        const account = chart.accounts.find((candidate) => candidate.code === accountCode)
        if (account === undefined) return yield* new AccountNotFound({ line: 0, accountCode })
        const updated = AccountClass.make({ ...account, ...changes })
        yield* repo.upsertAccounts(accountSet.id, [updated])
        yield* audit(accountSet, [draft(actor, at, "ledger.account", `${accountSet.id}:${accountCode}`, "update", null, null, changes)])
        return updated
      }))
    })

  const deleteAccounts = (actor: Actor, code: string, accountCodes: ReadonlyArray<string>, options: { readonly withChildren?: boolean } = {}) =>
    Effect.gen(function*() {
      const accountSet = yield* guarded(actor, code, LedgerPermission.accountManage)
      const at = yield* now
      return yield* database.withTransaction(Effect.gen(function*() {
        const chart = yield* repo.chart(accountSet.id)
        const byCode = new Map(chart.accounts.map((account) => [account.code as string, account]))
        const doomed = new Set<string>()
        for (const accountCode of accountCodes) {
          if (!byCode.has(accountCode)) return yield* new AccountNotFound({ line: 0, accountCode })
          doomed.add(accountCode)
          const hasChildren = chart.accounts.some((account) => account.parentCode === accountCode)
          if (hasChildren && options.withChildren !== true) return yield* new AccountCodeInvalid({ accountCode, reason: "hasChildren" })
          if (options.withChildren === true) {
            for (const account of chart.accounts) if (account.code.startsWith(accountCode)) doomed.add(account.code)
          }
        }
        const used = yield* repo.accountsInUse(accountSet.id, [...doomed])
        const first = [...doomed].sort().find((accountCode) => used.has(accountCode))
        if (first !== undefined) return yield* new AccountInUse({ accountCode: first })
        yield* repo.deleteAccounts(accountSet.id, [...doomed])
        // A parent whose last child went becomes a leaf again.
        const parents = new Set([...doomed].map((accountCode) => byCode.get(accountCode)?.parentCode).filter((parent): parent is Account["code"] => parent !== null && parent !== undefined && !doomed.has(parent)))
        const relieved = [...parents].filter((parent) => !chart.accounts.some((account) => account.parentCode === parent && !doomed.has(account.code)))
          .map((parent) => AccountClass.make({ ...byCode.get(parent)!, leaf: true }))
        yield* repo.upsertAccounts(accountSet.id, relieved)
        yield* audit(accountSet, [draft(actor, at, "ledger.account", accountSet.id, "delete", null, null, { codes: [...doomed].sort() })])
        return [...doomed].sort()
      }))
    })

  const addDimensionValues = (actor: Actor, code: string, values: ReadonlyArray<DimensionValue>) =>
    Effect.gen(function*() {
      const accountSet = yield* guarded(actor, code, LedgerPermission.accountManage)
      const at = yield* now
      yield* database.withTransaction(Effect.zipRight(
        repo.upsertDimensionValues(accountSet.id, values),
        audit(accountSet, [draft(actor, at, "ledger.dimension", accountSet.id, "upsert", null, null, { values: values.map((value) => `${value.type}:${value.code}`) })])
      ))
    })

  // ── openings and enabling ───────────────────────────────────────────────

  const setOpeningBalances = (actor: Actor, code: string, inputs: ReadonlyArray<OpeningInput>) =>
    Effect.gen(function*() {
      const at = yield* now
      // The status is read under the account set's exclusive lock, in the transaction that
      // writes: checked before it, a writer could replace the openings of books an enable
      // had just opened on the previous ones (found by the reliability suite).
      return yield* database.withTransaction(Effect.gen(function*() {
        const accountSet = yield* guardedForWrite(actor, code, LedgerPermission.openingManage, "exclusive")
        if (accountSet.status !== "initializing") {
          return yield* new AccountSetStatusInvalid({ accountSet: accountSet.code, status: accountSet.status, required: "initializing" })
        }
        const lookup = chartLookup(yield* repo.chart(accountSet.id))
        const openings: Array<OpeningBalance> = []
        for (const [index, input] of inputs.entries()) {
          const line = index + 1
          const account = lookup.account(input.accountCode)
          if (account === undefined) return yield* new AccountNotFound({ line, accountCode: input.accountCode })
          if (account.disabled) return yield* new AccountDisabled({ line, accountCode: account.code })
          if (!account.leaf) return yield* new AccountNotLeaf({ line, accountCode: account.code })
          const dimensions = input.dimensions ?? {}
          for (const type of account.dimensionTypes) {
            if (dimensions[type] === undefined || dimensions[type] === "") return yield* new DimensionInvalid({ line, accountCode: account.code, dimensionType: type, reason: "missing" })
          }
          for (const type of Object.keys(dimensions)) {
            if (!account.dimensionTypes.includes(type as never)) return yield* new DimensionInvalid({ line, accountCode: account.code, dimensionType: type, reason: "unexpected" })
            if (!lookup.dimensionValueExists(type, dimensions[type]!)) return yield* new DimensionInvalid({ line, accountCode: account.code, dimensionType: type, reason: "valueNotFound" })
          }
          const signed = account.direction === "debit" ? input.balance : input.balance.negated()
          openings.push({
            accountCode: account.code,
            dimensionKey: dimensionKeyOf(input.dimensions),
            commodity: accountSet.baseCurrency,
            balance: signed,
            yearToDateDebit: input.yearToDateDebit ?? zero,
            yearToDateCredit: input.yearToDateCredit ?? zero
          })
        }
        yield* repo.replaceOpenings(accountSet.id, openings)
        yield* audit(accountSet, [draft(actor, at, "ledger.opening", accountSet.id, "set", null, null, { rows: openings.length })])
        return openings
      }))
    })

  const enableAccountSet = (actor: Actor, code: string) =>
    Effect.gen(function*() {
      const at = yield* now
      return yield* database.withTransaction(Effect.gen(function*() {
        const accountSet = yield* guardedForWrite(actor, code, LedgerPermission.accountSetManage, "exclusive")
        if (accountSet.status !== "initializing") {
          return yield* new AccountSetStatusInvalid({ accountSet: accountSet.code, status: accountSet.status, required: "initializing" })
        }
        const openings = yield* repo.listOpenings(accountSet.id)
        const sum = (pick: (opening: OpeningBalance) => Dec) => openings.reduce((total, opening) => total.plus(pick(opening)), zero)
        const net = sum((opening) => opening.balance)
        const positive = openings.reduce((total, opening) => (opening.balance.isPositive() ? total.plus(opening.balance) : total), zero)
        if (!net.isZero()) {
          return yield* new OpeningBalancesUnbalanced({ accountSet: accountSet.code, column: "balances", debit: decimalToString(positive), credit: decimalToString(positive.minus(net)) })
        }
        const ytdDebit = sum((opening) => opening.yearToDateDebit)
        const ytdCredit = sum((opening) => opening.yearToDateCredit)
        if (!ytdDebit.equals(ytdCredit)) {
          return yield* new OpeningBalancesUnbalanced({ accountSet: accountSet.code, column: "year-to-date movements", debit: decimalToString(ytdDebit), credit: decimalToString(ytdCredit) })
        }
        yield* repo.applyBalanceDeltas(accountSet.id, openingDeltas(accountSet, openings))
        const enabled = AccountSet.make({ ...accountSet, status: "enabled" })
        yield* repo.updateAccountSet(enabled)
        yield* audit(accountSet, [draft(actor, at, "ledger.accountSet", accountSet.id, "enable", "initializing", "enabled", { openings: openings.length })])
        return enabled
      }))
    })

  // ── vouchers ─────────────────────────────────────────────────────────────

  const validateAll = (accountSet: AccountSet, chart: Chart, inputs: ReadonlyArray<VoucherInput>) =>
    Effect.gen(function*() {
      const lookup = chartLookup(chart)
      const validated = []
      for (const input of inputs) {
        const result = validateVoucher({ accountSet, account: lookup.account, dimensionValueExists: lookup.dimensionValueExists }, input)
        // The batch is refused whole at its first failing voucher; the error names the
        // line, and callers match it to the voucher by the order they sent.
        if (Either.isLeft(result)) return yield* Effect.fail(result.left)
        validated.push(result.right)
      }
      return validated
    })

  /**
   * Records vouchers in one database transaction: all or nothing. The batch API behind
   * single-voucher creation and journal import.
   */
  const recordVouchers = (actor: Actor, code: string, inputs: ReadonlyArray<VoucherInput>, options: RecordOptions = {}) =>
    Effect.gen(function*() {
      const status = options.status ?? "draft"
      const accountSet = yield* guarded(actor, code, status === "posted" ? LedgerPermission.voucherImport : LedgerPermission.voucherCreate)
      if (inputs.length > Limits.vouchersPerBatchMax) {
        return yield* Effect.dieMessage(`recordVouchers: at most ${Limits.vouchersPerBatchMax} vouchers per batch`)
      }
      const at = yield* now
      const body = Effect.gen(function*() {
        // Validated against the set as it is now, under its lock (a period may have closed
        // since the permission check above).
        const current = yield* guardedForWrite(actor, code, status === "posted" ? LedgerPermission.voucherImport : LedgerPermission.voucherCreate)
        const chart = yield* repo.chart(current.id)
        const validated = yield* validateAll(current, chart, inputs)
        const posted = status === "posted"
        const vouchers = yield* repo.insertVouchers(current, validated.map((voucher) => ({
          voucher,
          status,
          makerId: actor.operatorId,
          auditorId: posted ? actor.operatorId : null,
          posterId: posted ? actor.operatorId : null,
          reversalOfId: options.reversalOfId ?? null,
          correctionOfId: options.correctionOfId ?? null,
          at
        })))
        if (posted) yield* repo.applyBalanceDeltas(current.id, balanceDeltas(vouchers, 1))
        yield* audit(current, vouchers.map((voucher) =>
          draft(actor, at, "ledger.voucher", voucher.id, posted ? "import" : "create", null, status, {
            word: voucher.word,
            number: voucher.number,
            period: PeriodOps.format(voucher.period),
            total: decimalToString(voucher.total),
            ...(voucher.reversalOfId === null ? {} : { reversalOf: voucher.reversalOfId }),
            ...(voucher.correctionOfId === null ? {} : { correctionOf: voucher.correctionOfId })
          })))
        return vouchers
      })
      if (options.idempotencyKey === undefined) return yield* database.withTransaction(body)
      const result = yield* database.withTransaction(idempotency.run({
        scope: scopeOf(accountSet),
        key: options.idempotencyKey,
        command: "ledger.voucher.record",
        body: { inputs: inputs.map((input) => Schema.encodeSync(VoucherInputSchema)(input)), status },
        result: VoucherResult
      }, Effect.map(body, (vouchers) => ({ ids: vouchers.map((voucher) => voucher.id) }))))
      return yield* repo.findVouchers(accountSet.id, result.ids)
    })

  const createVoucher = (actor: Actor, code: string, input: VoucherInput, options: Omit<RecordOptions, "status"> = {}) =>
    Effect.map(recordVouchers(actor, code, [input], options), (vouchers) => vouchers[0]!)

  const loadVouchers = (accountSet: AccountSet, ids: ReadonlyArray<string>) =>
    Effect.gen(function*() {
      const vouchers = yield* repo.findVouchers(accountSet.id, ids)
      const found = new Set(vouchers.map((voucher) => voucher.id))
      const missing = ids.find((id) => !found.has(id))
      if (missing !== undefined) return yield* new VoucherNotFound({ voucherId: missing })
      return vouchers
    })

  /** Applies a pure transition to many vouchers in one database transaction, all or nothing. */
  const transitionVouchers = <E>(
    actor: Actor,
    code: string,
    permission: string,
    ids: ReadonlyArray<string>,
    action: string,
    step: (accountSet: AccountSet, voucher: Voucher, at: number) => Either.Either<Voucher, E>,
    balanceSign: 0 | 1 | -1
  ) =>
    Effect.gen(function*() {
      if (ids.length > Limits.vouchersPerBatchMax) return yield* Effect.dieMessage(`at most ${Limits.vouchersPerBatchMax} vouchers per call`)
      const at = yield* now
      return yield* database.withTransaction(Effect.gen(function*() {
        // The set is read under its lock: a period closed a moment ago refuses the step.
        const accountSet = yield* guardedForWrite(actor, code, permission)
        // Locked before they are read: two commands racing on one voucher (two posts)
        // must not both see it audited and both move the balances.
        yield* repo.lockVouchers(accountSet.id, ids)
        const vouchers = yield* loadVouchers(accountSet, ids)
        const changed: Array<Voucher> = []
        for (const voucher of vouchers) {
          changed.push(yield* Either.match(step(accountSet, voucher, at), { onLeft: Effect.fail, onRight: Effect.succeed }))
        }
        yield* repo.updateVoucherHeaders(changed)
        if (balanceSign !== 0) yield* repo.applyBalanceDeltas(accountSet.id, balanceDeltas(changed, balanceSign))
        yield* audit(accountSet, changed.map((voucher, index) =>
          draft(actor, at, "ledger.voucher", voucher.id, action, vouchers[index]!.status, voucher.status, { word: voucher.word, number: voucher.number })))
        return changed
      }))
    })

  const auditVouchers = (actor: Actor, code: string, ids: ReadonlyArray<string>) =>
    transitionVouchers(actor, code, LedgerPermission.voucherAudit, ids, "audit", (accountSet, voucher, at) => auditVoucher(accountSet, voucher, actor.operatorId, at), 0)

  const unauditVouchers = (actor: Actor, code: string, ids: ReadonlyArray<string>) =>
    transitionVouchers(actor, code, LedgerPermission.voucherAudit, ids, "unaudit", (accountSet, voucher) =>
      unauditVoucher(accountSet, voucher, actor.operatorId, isAdministrator(actor, accountSet.organisationId)), 0)

  const signVouchers = (actor: Actor, code: string, ids: ReadonlyArray<string>) =>
    transitionVouchers(actor, code, LedgerPermission.voucherSign, ids, "sign", (accountSet, voucher) => signVoucher(accountSet, voucher, actor.operatorId), 0)

  const postVouchers = (actor: Actor, code: string, ids: ReadonlyArray<string>) =>
    transitionVouchers(actor, code, LedgerPermission.voucherPost, ids, "post", (accountSet, voucher, at) => postVoucher(accountSet, voucher, actor.operatorId, at), 1)

  const unpostVouchers = (actor: Actor, code: string, ids: ReadonlyArray<string>) =>
    transitionVouchers(actor, code, LedgerPermission.voucherUnpost, ids, "unpost", (accountSet, voucher) => unpostVoucher(accountSet, voucher), -1)

  /**
   * Red-ink reversal (紅字沖銷, 會計基礎工作規範 art. 51): a new draft voucher with the
   * original's lines and negated amounts, dated explicitly (not before the original, in
   * an open period), summary "注銷 M月D日 字-N號憑證", linked to the original.
   */
  const reverseVoucher = (actor: Actor, code: string, voucherId: string, date: VoucherInput["date"]) =>
    Effect.gen(function*() {
      const accountSet = yield* guardedForWrite(actor, code, LedgerPermission.voucherReverse)
      // The original is locked for the whole command, so of two concurrent reversals the
      // second sees the first's reversal and fails with VoucherAlreadyReversed.
      yield* repo.lockVouchers(accountSet.id, [voucherId])
      const [original] = yield* loadVouchers(accountSet, [voucherId])
      if (original!.status !== "posted") {
        return yield* new VoucherStatusInvalid({ voucherId, status: original!.status, required: "posted", action: "reversal" })
      }
      if (original!.reversalOfId !== null) {
        return yield* new VoucherIsReversal({ voucherId, reversalOfId: original!.reversalOfId })
      }
      if (date < original!.date) return yield* new ReversalDateInvalid({ voucherId, date, originalDate: original!.date })
      const existing = yield* repo.reversalOf(accountSet.id, voucherId)
      if (existing !== undefined) return yield* new VoucherAlreadyReversed({ voucherId, reversalId: existing })
      const summary = `注銷 ${voucherReference(original!)}`
      const input: VoucherInput = {
        word: original!.word,
        date,
        attachments: 0,
        lines: original!.lines.map((line) => ({
          ...lineInputOf(accountSet, line, summary),
          ...(line.debit.isZero() ? { credit: line.credit.negated() } : { debit: line.debit.negated() }),
          ...(line.quantity === null ? {} : { quantity: line.quantity.negated() }),
          ...(line.originalAmount === null ? {} : { originalAmount: line.originalAmount.negated() })
        }))
      }
      return yield* createVoucher(actor, code, input, { reversalOfId: voucherId })
    }).pipe((command) => database.withTransaction(command))

  /** The line of an input that repeats a stored line's account, dimensions and currency data. */
  const lineInputOf = (accountSet: AccountSet, line: Voucher["lines"][number], summary: string) => {
    const dimensions = dimensionsOfKey(line.dimensionKey)
    return {
      summary,
      accountCode: line.accountCode,
      ...(dimensions === undefined ? {} : { dimensions }),
      ...(line.currency === null ? {} : { currency: line.currency }),
      ...(line.exchangeRate === null ? {} : { exchangeRate: line.exchangeRate }),
      ...(line.commodity === accountSet.baseCurrency ? {} : { commodity: line.commodity })
    }
  }

  /** The reference a generated voucher's summary gives to another: "M月D日 字-N號憑證". */
  const voucherReference = (voucher: Voucher) => {
    const [, month, day] = voucher.date.split("-").map(Number)
    return `${month}月${day}日 ${voucher.word}-${voucher.number}號憑證`
  }

  /**
   * Loads one voucher that may be changed as a draft: checks, in order, `VoucherNotFound`,
   * `PeriodClosed`, `VoucherStatusInvalid` (not a draft).
   */
  const loadDraft = (accountSet: AccountSet, voucherId: string, action: string) =>
    Effect.gen(function*() {
      const [voucher] = yield* loadVouchers(accountSet, [voucherId])
      if (isPeriodClosed(accountSet, voucher!.period)) {
        return yield* new PeriodClosed({ period: PeriodOps.format(voucher!.period), lastClosedPeriod: PeriodOps.format(accountSet.lastClosedPeriod!) })
      }
      if (voucher!.status !== "draft") {
        return yield* new VoucherStatusInvalid({ voucherId, status: voucher!.status, required: "draft", action })
      }
      return voucher!
    })

  /**
   * Edits a draft (修改憑證): replaces its header and lines with `input`, checked by every
   * voucher rule. The voucher keeps its id, and its number while its period and word stay;
   * moved to another period or word it takes that one's next number and gives its old one
   * back. The editor becomes the maker (so maker ≠ auditor keeps holding for what is
   * audited) and a cashier's signature is withdrawn (it signed other lines). Checks, in
   * order: `AccountSetNotFound`, `PermissionDenied`/`OrganisationMismatch`
   * (ledger.voucher.create), `VoucherNotFound`, `PeriodClosed`, `VoucherStatusInvalid`,
   * `VoucherEditForbidden` (reversals and difference vouchers), then the voucher rules.
   */
  const editVoucher = (actor: Actor, code: string, voucherId: string, input: VoucherInput) =>
    Effect.gen(function*() {
      const at = yield* now
      return yield* database.withTransaction(Effect.gen(function*() {
        // As the transitions: the set read under its lock, the voucher locked before it is read.
        const accountSet = yield* guardedForWrite(actor, code, LedgerPermission.voucherCreate)
        yield* repo.lockVouchers(accountSet.id, [voucherId])
        const before = yield* loadDraft(accountSet, voucherId, "edit")
        if (before.reversalOfId !== null) return yield* new VoucherEditForbidden({ voucherId, reason: "reversal", linkedId: before.reversalOfId })
        if (before.correctionOfId !== null) return yield* new VoucherEditForbidden({ voucherId, reason: "correction", linkedId: before.correctionOfId })
        const chart = yield* repo.chart(accountSet.id)
        const [validated] = yield* validateAll(accountSet, chart, [input])
        const moved = validated!.word !== before.word || !PeriodOps.equals(validated!.period, before.period)
        const number = moved ? yield* repo.assignVoucherNumber(accountSet, validated!.period, validated!.word) : before.number
        const after: Voucher = {
          ...before,
          word: validated!.word,
          number,
          period: validated!.period,
          date: validated!.date,
          attachments: validated!.attachments,
          makerId: actor.operatorId,
          cashierId: null,
          total: validated!.total,
          touchesCashOrBank: validated!.touchesCashOrBank,
          lines: validated!.lines
        }
        yield* repo.replaceVoucher(after)
        if (moved) yield* repo.releaseVoucherNumbers(accountSet, [{ period: before.period, word: before.word, number: before.number }])
        yield* audit(accountSet, [draft(actor, at, "ledger.voucher", voucherId, "edit", "draft", "draft", {
          word: after.word,
          number: after.number,
          period: PeriodOps.format(after.period),
          total: decimalToString(after.total),
          before: { word: before.word, number: before.number, period: PeriodOps.format(before.period), total: decimalToString(before.total), maker: before.makerId }
        })])
        return after
      }))
    })

  /**
   * Deletes drafts (刪除憑證), all or nothing. Posted and audited vouchers are never
   * deleted (unaudit first; posted ones are corrected by reversal). With
   * `gaplessVoucherNumbers` the numbers come back: the next vouchers of the period and
   * word take them, and a period with unused ones cannot be closed until they are filled
   * or the period is renumbered. Checks, in order: `AccountSetNotFound`,
   * `PermissionDenied`/`OrganisationMismatch` (ledger.voucher.create), more than
   * `Limits.vouchersPerBatchMax` ids is a defect, then for each id in turn
   * `VoucherNotFound`, `PeriodClosed`, `VoucherStatusInvalid`.
   */
  const deleteVouchers = (actor: Actor, code: string, ids: ReadonlyArray<string>) =>
    Effect.gen(function*() {
      if (ids.length > Limits.vouchersPerBatchMax) return yield* Effect.dieMessage(`at most ${Limits.vouchersPerBatchMax} vouchers per call`)
      const at = yield* now
      return yield* database.withTransaction(Effect.gen(function*() {
        const accountSet = yield* guardedForWrite(actor, code, LedgerPermission.voucherCreate)
        const unique = [...new Set(ids)]
        yield* repo.lockVouchers(accountSet.id, unique)
        const deleted: Array<Voucher> = []
        for (const id of unique) deleted.push(yield* loadDraft(accountSet, id, "delete"))
        yield* repo.deleteVouchers(accountSet.id, unique)
        yield* repo.releaseVoucherNumbers(accountSet, deleted.map((voucher) => ({ period: voucher.period, word: voucher.word, number: voucher.number })))
        yield* audit(accountSet, deleted.map((voucher) =>
          draft(actor, at, "ledger.voucher", voucher.id, "delete", "draft", null, {
            word: voucher.word,
            number: voucher.number,
            period: PeriodOps.format(voucher.period),
            total: decimalToString(voucher.total),
            maker: voucher.makerId
          })))
        return { deleted: deleted.map((voucher) => voucher.id) }
      }))
    })

  /**
   * A difference voucher (更正, 會計基礎工作規範 art. 51, for an amount-only error): a new
   * draft with, for every corrected line, the difference between the right amount and
   * the posted one on the same account and side (red ink where the original was too
   * large), summary "更正 M月D日 字-N號憑證", linked to the original by `correctionOfId`.
   * A voucher is corrected at most once (a further error is reversed). Checks, in order:
   * `AccountSetNotFound`, `PermissionDenied`/`OrganisationMismatch`
   * (ledger.voucher.reverse), `VoucherNotFound`, `VoucherStatusInvalid` (not posted),
   * `VoucherIsReversal`, `ReversalDateInvalid` (dated before the original),
   * `VoucherAlreadyReversed`, `VoucherAlreadyCorrected`, `CorrectionInvalid`
   * (`lineNotFound`, `lineRepeated`, then `noDifference`), then the voucher rules on the
   * difference voucher (it must balance, fall in an open period, …).
   */
  const correctVoucher = (
    actor: Actor,
    code: string,
    voucherId: string,
    correction: { readonly date: VoucherInput["date"]; readonly lines: ReadonlyArray<CorrectedLine> },
    options: { readonly idempotencyKey?: IdempotencyKey } = {}
  ) =>
    Effect.gen(function*() {
      const accountSet = yield* guardedForWrite(actor, code, LedgerPermission.voucherReverse)
      // The original is locked for the whole command: of two concurrent corrections the
      // second sees the first and fails with VoucherAlreadyCorrected.
      yield* repo.lockVouchers(accountSet.id, [voucherId])
      const [original] = yield* loadVouchers(accountSet, [voucherId])
      if (original!.status !== "posted") {
        return yield* new VoucherStatusInvalid({ voucherId, status: original!.status, required: "posted", action: "correction" })
      }
      if (original!.reversalOfId !== null) return yield* new VoucherIsReversal({ voucherId, reversalOfId: original!.reversalOfId })
      if (correction.date < original!.date) return yield* new ReversalDateInvalid({ voucherId, date: correction.date, originalDate: original!.date })
      const reversal = yield* repo.reversalOf(accountSet.id, voucherId)
      if (reversal !== undefined) return yield* new VoucherAlreadyReversed({ voucherId, reversalId: reversal })
      const existing = yield* repo.correctionsOf(accountSet.id, voucherId)
      if (existing.length > 0) return yield* new VoucherAlreadyCorrected({ voucherId, correctionId: existing[0]! })
      const seen = new Set<number>()
      for (const line of correction.lines) {
        if (line.lineNumber < 1 || line.lineNumber > original!.lines.length || !Number.isInteger(line.lineNumber)) {
          return yield* new CorrectionInvalid({ voucherId, reason: "lineNotFound", lineNumber: line.lineNumber })
        }
        if (seen.has(line.lineNumber)) return yield* new CorrectionInvalid({ voucherId, reason: "lineRepeated", lineNumber: line.lineNumber })
        seen.add(line.lineNumber)
      }
      const summary = `更正 ${voucherReference(original!)}`
      const lines = [...correction.lines].sort((left, right) => left.lineNumber - right.lineNumber).flatMap((corrected) => {
        const line = original!.lines[corrected.lineNumber - 1]!
        const debitSide = !line.debit.isZero()
        const difference = corrected.amount.minus(debitSide ? line.debit : line.credit)
        const quantity = line.quantity === null ? null : (corrected.quantity ?? line.quantity).minus(line.quantity)
        const originalAmount = line.originalAmount === null ? null : (corrected.originalAmount ?? line.originalAmount).minus(line.originalAmount)
        if (difference.isZero()) return []
        return [{
          ...lineInputOf(accountSet, line, summary),
          ...(debitSide ? { debit: difference } : { credit: difference }),
          ...(quantity === null ? {} : { quantity }),
          ...(originalAmount === null ? {} : { originalAmount })
        }]
      })
      if (lines.length === 0) return yield* new CorrectionInvalid({ voucherId, reason: "noDifference", lineNumber: 0 })
      const input: VoucherInput = { word: original!.word, date: correction.date, attachments: 0, lines }
      return yield* createVoucher(actor, code, input, { correctionOfId: voucherId, ...options })
    }).pipe((command) => database.withTransaction(command))

  const getVouchers = (actor: Actor, code: string, ids: ReadonlyArray<string>) =>
    Effect.flatMap(guarded(actor, code, LedgerPermission.reportRead), (accountSet) => loadVouchers(accountSet, ids))

  const listVouchers = (actor: Actor, code: string, filter: Omit<import("./LedgerRepo").VoucherQuery, "accountSetId">) =>
    Effect.flatMap(guarded(actor, code, LedgerPermission.reportRead), (accountSet) => repo.listVouchers({ ...filter, accountSetId: accountSet.id }))

  // ── reports ──────────────────────────────────────────────────────────────

  const trialBalance = (
    actor: Actor,
    code: string,
    range: { readonly from?: Period; readonly to?: Period; readonly commodity?: string; readonly includeUnposted?: boolean } = {}
  ) =>
    Effect.gen(function*() {
      const accountSet = yield* guarded(actor, code, LedgerPermission.reportRead)
      const { from, to } = yield* checkReportRange(
        accountSet,
        range.from ?? accountSet.startPeriod,
        range.to ?? (yield* latestPeriod(accountSet))
      )
      const commodity = range.commodity ?? accountSet.baseCurrency
      const chart = yield* repo.chart(accountSet.id)
      // The database sums per account: one row per account instead of one per account,
      // dimension set and period (see LedgerRepo.balanceSummary).
      const summary = yield* repo.balanceSummary({
        accountSetId: accountSet.id,
        from: openingBaseKey(accountSet, from),
        openingBefore: periodKeyOf(from),
        to: periodKeyOf(to),
        commodity
      })
      const baseKey = openingBaseKey(accountSet, from)
      const rows = summary.flatMap((row) => [
        { accountCode: row.accountCode, dimensionKey: "", fiscalYear: Math.floor(baseKey / 100), period: 0, commodity, debit: row.opening, credit: zero },
        { accountCode: row.accountCode, dimensionKey: "", fiscalYear: from.fiscalYear, period: from.number, commodity, debit: row.debit, credit: row.credit }
      ])
      const unposted = range.includeUnposted === true ? yield* unpostedMovements(accountSet, periodKeyOf(to)) : []
      return buildTrialBalance({ accountSet, from, to, commodity }, { accounts: chart.accounts, rows: [...rows, ...unposted] })
    })

  const unpostedMovements = (accountSet: AccountSet, toKey: number) =>
    Effect.gen(function*() {
      const sum = makeBalanceDeltaSum()
      for (const status of ["draft", "audited"] as const) {
        let after: import("./LedgerRepo").VoucherQuery["after"] = undefined
        while (true) {
          const page: ReadonlyArray<Voucher> = yield* repo.listVouchers({ accountSetId: accountSet.id, status, to: toKey, limit: Limits.pageSizeMax, ...(after === undefined ? {} : { after }) })
          sum.add(page, 1)
          if (page.length < Limits.pageSizeMax) break
          const last = page[page.length - 1]!
          after = { fiscalYear: last.period.fiscalYear, period: last.period.number, word: last.word, number: last.number }
        }
      }
      return sum.rows()
    })

  /** The latest period with data: the last period with balances, or the start period. */
  const latestPeriod = (accountSet: AccountSet) =>
    Effect.map(repo.latestPeriodKey(accountSet.id), (latest) => {
      const key = Math.max(latest ?? 0, periodKeyOf(accountSet.startPeriod))
      return { fiscalYear: Math.floor(key / 100), number: Math.max(1, key % 100) }
    })

  /**
   * Recomputes every balance row from the openings and the lines of posted vouchers and
   * compares it with the maintained row; also verifies the audit chain.
   */
  const verify = (actor: Actor, code: string) =>
    Effect.gen(function*() {
      const accountSet = yield* guarded(actor, code, LedgerPermission.reportRead)
      const maintained = yield* repo.balanceRows({ accountSetId: accountSet.id, from: 0, to: 999_999 })
      const fromLines = yield* repo.postedLineTotals(accountSet.id)
      const openings = accountSet.status === "enabled" ? yield* repo.listOpenings(accountSet.id) : []
      const expected: Array<BalanceRow> = [...fromLines, ...openingDeltas(accountSet, openings)]
      // Year-opening rows carried by a year close (年終結轉) must equal the closing
      // balances of the year before, every account but profit and loss; later years
      // have none.
      if (accountSet.lastClosedYear !== null) {
        const chart = yield* repo.chart(accountSet.id)
        for (let year = accountSet.startPeriod.fiscalYear; year <= accountSet.lastClosedYear; year++) {
          expected.push(...expectedCarryRows(chart, year, maintained.filter((row) => row.fiscalYear === year)))
        }
      }
      const differences = balanceRowDifferences(maintained, expected)
      const auditRecords = yield* auditLog.verify(scopeOf(accountSet))
      return { accountSet: accountSet.code, balanceRows: maintained.length, differences, auditRecords } satisfies VerifyReport
    })

  const getAccountSet = (actor: Actor, code: string) => guarded(actor, code, LedgerPermission.reportRead)
  // Listing names the organisation's books, so it needs the same permission as reading one.
  const listAccountSets = (actor: Actor) =>
    Effect.zipRight(
      permit(actor, LedgerPermission.reportRead, actor.organisationId),
      Effect.map(repo.listAccountSets, (sets) => sets.filter((set) => set.organisationId === actor.organisationId))
    )
  const chartOf = (actor: Actor, code: string) =>
    Effect.flatMap(guarded(actor, code, LedgerPermission.reportRead), (accountSet) => repo.chart(accountSet.id))

  return {
    createAccountSet,
    getAccountSet,
    listAccountSets,
    chartOf,
    addAccounts,
    updateAccount,
    deleteAccounts,
    addDimensionValues,
    setOpeningBalances,
    enableAccountSet,
    createVoucher,
    recordVouchers,
    auditVouchers,
    unauditVouchers,
    signVouchers,
    postVouchers,
    unpostVouchers,
    reverseVoucher,
    correctVoucher,
    editVoucher,
    deleteVouchers,
    getVouchers,
    listVouchers,
    trialBalance,
    verify
  }
})

/**
 * The year-opening (period 0) rows and the pre-start movements an account set's
 * openings become when it is enabled. Books started mid-year keep the year-to-date
 * movements before the start period in the period just before it, so year-to-date
 * totals in reports include them.
 *
 * @since 0.1.0
 */
export const openingDeltas = (accountSet: AccountSet, openings: ReadonlyArray<OpeningBalance>): Array<BalanceDelta> => {
  const deltas: Array<BalanceDelta> = []
  const year = accountSet.startPeriod.fiscalYear
  const before = accountSet.startPeriod.number - 1
  for (const opening of openings) {
    const yearOpening = opening.balance.minus(opening.yearToDateDebit).plus(opening.yearToDateCredit)
    const row = { accountCode: opening.accountCode, dimensionKey: opening.dimensionKey, fiscalYear: year, commodity: opening.commodity }
    if (!yearOpening.isZero()) {
      deltas.push({ ...row, period: 0, debit: yearOpening.isPositive() ? yearOpening : zero, credit: yearOpening.isNegative() ? yearOpening.negated() : zero })
    }
    if (before >= 1 && (!opening.yearToDateDebit.isZero() || !opening.yearToDateCredit.isZero())) {
      deltas.push({ ...row, period: before, debit: opening.yearToDateDebit, credit: opening.yearToDateCredit })
    }
  }
  return deltas
}

const AccountSetOptionsSchema = AccountSet.fields.options

/**
 * The ledger service: every command of SPEC section 2, each checking the actor's
 * permission, running in one database transaction with its audit records, and
 * rejecting bad input before anything is written.
 *
 * @since 0.1.0
 */
export class LedgerService extends Context.Tag("@danju/ledger/LedgerService")<
  LedgerService,
  Effect.Effect.Success<typeof makeService>
>() {
  /** The live service; needs the repository, database, audit log, idempotency and config. */
  static readonly Live = Layer.effect(LedgerService, makeService)
}
