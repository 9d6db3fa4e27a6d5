import { Context, Effect, Either, Layer, Schema } from "effect"
import type { Actor, Dec, IdempotencyKey, LocalDate } from "@danju/core"
import { decimalToString, Limits } from "@danju/core"
import type { SqlError } from "@danju/core/sql"
import type { AccountSet } from "./domain/AccountSet"
import { VoucherNotFound } from "./domain/errors"
import type { LibraryContext, SummaryEntryChanges, SummaryEntryInput, SummaryFilter, VoucherTemplateHeader } from "./domain/Library"
import {
  builtInVoucherTemplatesOf,
  changeSummaryEntry,
  checkSummaryEntry,
  checkVoucherTemplate,
  LibraryLimitReached,
  libraryVoucherTemplateOf,
  matchesSummaryFilter,
  SummaryCodeExists,
  SummaryEntry,
  SummaryEntryInput as SummaryEntryInputSchema,
  summaryEntryOf,
  SummaryNotFound,
  VoucherTemplateExists,
  VoucherTemplateNotFound,
  VoucherTemplateReadOnly,
  voucherTemplateFromVoucher
} from "./domain/Library"
import { LedgerPermission } from "./domain/permissions"
import type { VoucherTemplate as VoucherTemplateType } from "./domain/templates/voucherTemplates"
import { instantiateVoucherTemplate as instantiate, VoucherTemplate } from "./domain/templates/voucherTemplates"
import { VoucherInput } from "./domain/Voucher"
import { chartLookup, makeKit, scopeOf } from "./internal/kit"
import { LedgerConfig, LedgerService } from "./LedgerService"
import { LibraryRepo } from "./LibraryRepo"

/**
 * What filling a voucher template takes: the voucher date, one amount per placeholder
 * (`placeholdersOf(template)`), and optionally the attachments count, a summary that
 * replaces every line's (退張三伙食費) and another voucher word.
 *
 * @since 0.1.0
 */
export interface InstantiateVoucherTemplateInput {
  readonly date: LocalDate
  readonly amounts: Readonly<Record<string, Dec>>
  readonly attachments?: number
  readonly summary?: string
  readonly word?: string
}

/**
 * Options of the library's creating commands.
 *
 * @since 0.1.0
 */
export interface LibraryCommandOptions {
  /** A retry with the same key and input returns the first result; another input is `IdempotencyConflict`. */
  readonly idempotencyKey?: IdempotencyKey
}

const VoucherIdResult = Schema.Struct({ id: Schema.String })
const encodeTemplate = Schema.encodeSync(VoucherTemplate)
const encodeSummaryInput = Schema.encodeSync(SummaryEntryInputSchema)
const decodeVoucherInput = Schema.decodeUnknown(VoucherInput)

const makeLibraryService = Effect.gen(function*() {
  const config = yield* LedgerConfig
  const kit = yield* makeKit(config.permissions)
  const library = yield* LibraryRepo
  const ledger = yield* LedgerService
  const { repo, database, idempotency, now, guarded, audit, draft } = kit

  const contextOf = (accountSet: AccountSet) =>
    Effect.map(repo.chart(accountSet.id), (chart): LibraryContext => {
      const lookup = chartLookup(chart)
      return { accountSet, account: lookup.account, dimensionValueExists: lookup.dimensionValueExists }
    })

  /** Runs a creating command in one database transaction, once per idempotency key. */
  const once = <A, I, E>(
    accountSet: AccountSet,
    options: LibraryCommandOptions,
    command: string,
    body: unknown,
    result: Schema.Schema<A, I>,
    effect: Effect.Effect<A, E>
  ) =>
    options.idempotencyKey === undefined
      ? database.withTransaction(effect)
      : database.withTransaction(idempotency.run({ scope: scopeOf(accountSet), key: options.idempotencyKey, command, body, result }, effect))

  /**
   * An insert whose key a concurrent command took between our check and our write: on
   * PostgreSQL (read committed) the primary key refuses it, and the caller gets the same
   * typed error the check gives. SQLite serializes writers, so it never gets here.
   */
  const insertOrTaken = <E>(insert: Effect.Effect<void, SqlError>, taken: () => E) =>
    Effect.catchIf(insert, (error) => error.reason === "constraint", () => Effect.fail(taken()))

  const summaryId = (accountSet: AccountSet, code: string) => `${accountSet.id}:summary:${code}`
  const templateId = (accountSet: AccountSet, id: string) => `${accountSet.id}:template:${id}`

  // ── summary library (摘要庫) ─────────────────────────────────────────────

  const listSummaries = (actor: Actor, code: string, filter: SummaryFilter = {}) =>
    Effect.gen(function*() {
      const accountSet = yield* guarded(actor, code, LedgerPermission.reportRead)
      const entries = yield* library.listSummaries(accountSet.id)
      return entries.filter((entry) => matchesSummaryFilter(entry, filter))
    })

  const addSummary = (actor: Actor, code: string, input: SummaryEntryInput, options: LibraryCommandOptions = {}) =>
    Effect.gen(function*() {
      const accountSet = yield* guarded(actor, code, LedgerPermission.libraryManage)
      const at = yield* now
      const entry = summaryEntryOf(input)
      return yield* once(accountSet, options, "ledger.summary.add", encodeSummaryInput(input), SummaryEntry, Effect.gen(function*() {
        if ((yield* library.findSummary(accountSet.id, entry.code)) !== undefined) {
          return yield* new SummaryCodeExists({ accountSet: accountSet.code, code: entry.code })
        }
        if ((yield* library.countSummaries(accountSet.id)) >= Limits.summariesPerSetMax) {
          return yield* new LibraryLimitReached({ accountSet: accountSet.code, kind: "summary", maximum: Limits.summariesPerSetMax })
        }
        const checked = yield* Either.match(checkSummaryEntry(yield* contextOf(accountSet), entry), { onLeft: Effect.fail, onRight: Effect.succeed })
        yield* insertOrTaken(library.insertSummaries(accountSet.id, [checked]), () => new SummaryCodeExists({ accountSet: accountSet.code, code: entry.code }))
        yield* audit(accountSet, [draft(actor, at, "ledger.summary", summaryId(accountSet, entry.code), "add", null, null, Schema.encodeSync(SummaryEntry)(checked))])
        return checked
      }))
    })

  const updateSummary = (actor: Actor, code: string, summaryCode: string, changes: SummaryEntryChanges) =>
    Effect.gen(function*() {
      const accountSet = yield* guarded(actor, code, LedgerPermission.libraryManage)
      const at = yield* now
      return yield* database.withTransaction(Effect.gen(function*() {
        const existing = yield* library.findSummary(accountSet.id, summaryCode)
        if (existing === undefined) return yield* new SummaryNotFound({ accountSet: accountSet.code, code: summaryCode })
        const changed = changeSummaryEntry(existing, changes)
        const checked = yield* Either.match(checkSummaryEntry(yield* contextOf(accountSet), changed), { onLeft: Effect.fail, onRight: Effect.succeed })
        yield* library.updateSummary(accountSet.id, checked)
        yield* audit(accountSet, [draft(actor, at, "ledger.summary", summaryId(accountSet, summaryCode), "update", null, null, { changes })])
        return checked
      }))
    })

  const deleteSummary = (actor: Actor, code: string, summaryCode: string) =>
    Effect.gen(function*() {
      const accountSet = yield* guarded(actor, code, LedgerPermission.libraryManage)
      const at = yield* now
      return yield* database.withTransaction(Effect.gen(function*() {
        const existing = yield* library.findSummary(accountSet.id, summaryCode)
        if (existing === undefined) return yield* new SummaryNotFound({ accountSet: accountSet.code, code: summaryCode })
        yield* library.deleteSummary(accountSet.id, summaryCode)
        yield* audit(accountSet, [draft(actor, at, "ledger.summary", summaryId(accountSet, summaryCode), "delete", null, null, { text: existing.text })])
        return existing
      }))
    })

  // ── voucher templates (模式憑證) ─────────────────────────────────────────

  const builtInOf = (accountSet: AccountSet, id: string) =>
    builtInVoucherTemplatesOf(accountSet.template).find((template) => template.id === id)

  /** A built-in or stored template, or `VoucherTemplateNotFound`. */
  const findTemplate = (accountSet: AccountSet, id: string) =>
    Effect.gen(function*() {
      const builtIn = builtInOf(accountSet, id)
      if (builtIn !== undefined) return libraryVoucherTemplateOf(builtIn, true)
      const stored = yield* library.findVoucherTemplate(accountSet.id, id)
      if (stored === undefined) return yield* new VoucherTemplateNotFound({ accountSet: accountSet.code, templateId: id })
      return libraryVoucherTemplateOf(stored, false)
    })

  const listVoucherTemplates = (actor: Actor, code: string) =>
    Effect.gen(function*() {
      const accountSet = yield* guarded(actor, code, LedgerPermission.reportRead)
      const stored = yield* library.listVoucherTemplates(accountSet.id)
      return [
        ...builtInVoucherTemplatesOf(accountSet.template).map((template) => libraryVoucherTemplateOf(template, true)),
        ...stored.map((template) => libraryVoucherTemplateOf(template, false))
      ]
    })

  const getVoucherTemplate = (actor: Actor, code: string, id: string) =>
    Effect.flatMap(guarded(actor, code, LedgerPermission.reportRead), (accountSet) => findTemplate(accountSet, id))

  /** Checks and stores a new template; the caller runs it in a transaction. */
  const store = (actor: Actor, accountSet: AccountSet, template: VoucherTemplateType, at: number, origin: Record<string, unknown>) =>
    Effect.gen(function*() {
      if (builtInOf(accountSet, template.id) !== undefined) {
        return yield* new VoucherTemplateExists({ accountSet: accountSet.code, templateId: template.id, builtIn: true })
      }
      if ((yield* library.findVoucherTemplate(accountSet.id, template.id)) !== undefined) {
        return yield* new VoucherTemplateExists({ accountSet: accountSet.code, templateId: template.id, builtIn: false })
      }
      if ((yield* library.countVoucherTemplates(accountSet.id)) >= Limits.voucherTemplatesPerSetMax) {
        return yield* new LibraryLimitReached({ accountSet: accountSet.code, kind: "voucherTemplate", maximum: Limits.voucherTemplatesPerSetMax })
      }
      const checked = yield* Either.match(checkVoucherTemplate(yield* contextOf(accountSet), template), { onLeft: Effect.fail, onRight: Effect.succeed })
      yield* insertOrTaken(
        library.insertVoucherTemplate(accountSet.id, checked),
        () => new VoucherTemplateExists({ accountSet: accountSet.code, templateId: checked.id, builtIn: false })
      )
      yield* audit(accountSet, [
        draft(actor, at, "ledger.voucherTemplate", templateId(accountSet, checked.id), "create", null, null, { ...origin, template: encodeTemplate(checked) })
      ])
      return checked
    })

  const saveVoucherTemplate = (actor: Actor, code: string, template: VoucherTemplateType, options: LibraryCommandOptions = {}) =>
    Effect.gen(function*() {
      const accountSet = yield* guarded(actor, code, LedgerPermission.libraryManage)
      const at = yield* now
      const saved = yield* once(accountSet, options, "ledger.voucherTemplate.save", encodeTemplate(template), VoucherTemplate, store(actor, accountSet, template, at, {}))
      return libraryVoucherTemplateOf(saved, false)
    })

  const saveVoucherTemplateFromVoucher = (
    actor: Actor,
    code: string,
    voucherId: string,
    header: VoucherTemplateHeader,
    options: LibraryCommandOptions = {}
  ) =>
    Effect.gen(function*() {
      const accountSet = yield* guarded(actor, code, LedgerPermission.libraryManage)
      const at = yield* now
      const body = { voucherId, header }
      const saved = yield* once(accountSet, options, "ledger.voucherTemplate.fromVoucher", body, VoucherTemplate, Effect.gen(function*() {
        const [voucher] = yield* repo.findVouchers(accountSet.id, [voucherId])
        if (voucher === undefined) return yield* new VoucherNotFound({ voucherId })
        const template = yield* Either.match(voucherTemplateFromVoucher(voucher, accountSet.baseCurrency, header), {
          onLeft: Effect.fail,
          onRight: Effect.succeed
        })
        return yield* store(actor, accountSet, template, at, { fromVoucher: voucherId })
      }))
      return libraryVoucherTemplateOf(saved, false)
    })

  /**
   * A change to a stored template, in one transaction: built-ins are read-only
   * (`VoucherTemplateReadOnly`), an unknown id is `VoucherTemplateNotFound`; `change`
   * stores and audits, and answers the template as it now is.
   */
  const changeStoredTemplate = <E>(
    actor: Actor,
    code: string,
    id: string,
    change: (accountSet: AccountSet, stored: VoucherTemplateType, at: number) => Effect.Effect<VoucherTemplateType, E>
  ) =>
    Effect.gen(function*() {
      const accountSet = yield* guarded(actor, code, LedgerPermission.libraryManage)
      const at = yield* now
      if (builtInOf(accountSet, id) !== undefined) return yield* new VoucherTemplateReadOnly({ accountSet: accountSet.code, templateId: id })
      return yield* database.withTransaction(Effect.gen(function*() {
        const stored = yield* library.findVoucherTemplate(accountSet.id, id)
        if (stored === undefined) return yield* new VoucherTemplateNotFound({ accountSet: accountSet.code, templateId: id })
        return libraryVoucherTemplateOf(yield* change(accountSet, stored, at), false)
      }))
    })

  const renameVoucherTemplate = (actor: Actor, code: string, id: string, changes: { readonly name: string; readonly description?: string }) =>
    changeStoredTemplate(actor, code, id, (accountSet, stored, at) =>
      Effect.gen(function*() {
        const renamed = VoucherTemplate.make({ ...stored, name: changes.name, description: changes.description ?? stored.description })
        yield* library.updateVoucherTemplate(accountSet.id, renamed)
        yield* audit(accountSet, [
          draft(actor, at, "ledger.voucherTemplate", templateId(accountSet, id), "rename", null, null, {
            from: { name: stored.name, description: stored.description },
            to: { name: renamed.name, description: renamed.description }
          })
        ])
        return renamed
      }))

  const deleteVoucherTemplate = (actor: Actor, code: string, id: string) =>
    changeStoredTemplate(actor, code, id, (accountSet, stored, at) =>
      Effect.gen(function*() {
        yield* library.deleteVoucherTemplate(accountSet.id, id)
        yield* audit(accountSet, [
          draft(actor, at, "ledger.voucherTemplate", templateId(accountSet, id), "delete", null, null, { template: encodeTemplate(stored) })
        ])
        return stored
      }))

  /**
   * Fills a template and makes a draft voucher of it through `LedgerService.createVoucher`,
   * so every voucher rule applies; the template's use is recorded in the audit log.
   */
  const instantiateVoucherTemplate = (
    actor: Actor,
    code: string,
    id: string,
    input: InstantiateVoucherTemplateInput,
    options: LibraryCommandOptions = {}
  ) =>
    Effect.gen(function*() {
      const accountSet = yield* guarded(actor, code, LedgerPermission.voucherCreate)
      const at = yield* now
      const amounts = Object.fromEntries(Object.entries(input.amounts).map(([placeholder, amount]) => [placeholder, decimalToString(amount)]))
      const fill = {
        date: input.date,
        amounts,
        ...(input.attachments === undefined ? {} : { attachments: input.attachments }),
        ...(input.summary === undefined ? {} : { summary: input.summary }),
        ...(input.word === undefined ? {} : { word: input.word })
      }
      const result = yield* once(accountSet, options, "ledger.voucherTemplate.instantiate", { id, fill }, VoucherIdResult, Effect.gen(function*() {
        const template = yield* findTemplate(accountSet, id)
        const encoded = yield* Either.match(instantiate(template, fill), { onLeft: Effect.fail, onRight: Effect.succeed })
        // The fill's fields are typed (a date, decimals), so the voucher decodes; a summary
        // longer than the voucher schema allows is the caller's programming error.
        const voucherInput = yield* Effect.orDie(decodeVoucherInput(encoded))
        const voucher = yield* ledger.createVoucher(actor, code, voucherInput)
        yield* audit(accountSet, [
          draft(actor, at, "ledger.voucherTemplate", templateId(accountSet, id), "instantiate", null, null, {
            voucherId: voucher.id,
            word: voucher.word,
            number: voucher.number,
            builtIn: template.builtIn
          })
        ])
        return { id: voucher.id }
      }))
      const [voucher] = yield* repo.findVouchers(accountSet.id, [result.id])
      return voucher!
    })

  return {
    listSummaries,
    addSummary,
    updateSummary,
    deleteSummary,
    listVoucherTemplates,
    getVoucherTemplate,
    saveVoucherTemplate,
    saveVoucherTemplateFromVoucher,
    renameVoucherTemplate,
    deleteVoucherTemplate,
    instantiateVoucherTemplate
  }
})

/**
 * The account set's library (SPEC §2, "Summary library and voucher templates"): the
 * summary library (摘要庫) — entries with a code, text, category, mnemonic (助記碼) and
 * default account — and voucher templates (模式憑證): the read-only built-in templates of
 * the chart template (the mess hall's nine standard entries) and the account set's own,
 * saved from a definition or from an existing voucher, and instantiated into draft
 * vouchers through `LedgerService.createVoucher`. Reading needs `ledger.report.read`,
 * changing `ledger.library.manage`, instantiating `ledger.voucher.create`; every change
 * is audited. Rules and their order: docs/reference/ledger/library.md.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { Dec } from "@danju/core"
 * import { LedgerLibrary } from "@danju/ledger"
 *
 * const buyFood = (actor, date) =>
 *   Effect.gen(function*() {
 *     const library = yield* LedgerLibrary
 *     // A mess-hall account set ships the nine standard entries as templates.
 *     return yield* library.instantiateVoucherTemplate(actor, "mess", "buyFood", { date, amounts: { amount: new Dec("1862.40") } })
 *   })
 * ```
 *
 * @since 0.1.0
 */
export class LedgerLibrary extends Context.Tag("@danju/ledger/LedgerLibrary")<
  LedgerLibrary,
  Effect.Effect.Success<typeof makeLibraryService>
>() {
  /** The live service; needs the repositories, `LedgerService`, database, audit log, idempotency and config. */
  static readonly Live = Layer.effect(LedgerLibrary, makeLibraryService)
}
