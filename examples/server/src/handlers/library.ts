/**
 * Handlers of the ledger's library group (`LedgerLibraryApi`): the summary library
 * (摘要庫) and voucher templates (模式憑證). Each endpoint calls `LedgerLibrary` with the
 * actor of the current session; the service checks the permission and the organisation.
 *
 * @since 0.1.0
 */
import { HttpApiBuilder } from "@effect/platform"
import { LedgerLibrary } from "@danju/ledger"
import type { LibraryVoucherTemplate } from "@danju/ledger"
import { Effect } from "effect"
import { Api } from "../api"
import { asCaller, idempotencyOf } from "./ledger"

/**
 * The summary library and voucher templates of an account set.
 *
 * @since 0.1.0
 */
export const LedgerLibraryLive = HttpApiBuilder.group(Api, "ledgerLibrary", (handlers) =>
  Effect.gen(function*() {
    const library = yield* LedgerLibrary
    const asTemplates = (templates: ReadonlyArray<LibraryVoucherTemplate>) => ({ templates })
    return handlers
      .handle("listSummaries", ({ path, urlParams }) =>
        asCaller((actor) => Effect.map(library.listSummaries(actor, path.accountSet, urlParams), (summaries) => ({ summaries }))))
      .handle("addSummary", ({ headers, path, payload }) =>
        asCaller((actor) => library.addSummary(actor, path.accountSet, payload, idempotencyOf(headers))))
      .handle("updateSummary", ({ path, payload }) =>
        asCaller((actor) => library.updateSummary(actor, path.accountSet, path.summaryCode, payload)))
      .handle("deleteSummary", ({ path }) => asCaller((actor) => library.deleteSummary(actor, path.accountSet, path.summaryCode)))
      .handle("listVoucherTemplates", ({ path }) =>
        asCaller((actor) => Effect.map(library.listVoucherTemplates(actor, path.accountSet), asTemplates)))
      .handle("getVoucherTemplate", ({ path }) => asCaller((actor) => library.getVoucherTemplate(actor, path.accountSet, path.templateId)))
      .handle("saveVoucherTemplate", ({ headers, path, payload }) =>
        asCaller((actor) =>
          "fromVoucher" in payload
            ? library.saveVoucherTemplateFromVoucher(actor, path.accountSet, payload.fromVoucher, {
              id: payload.id,
              name: payload.name,
              ...(payload.description === undefined ? {} : { description: payload.description })
            }, idempotencyOf(headers))
            : library.saveVoucherTemplate(actor, path.accountSet, payload, idempotencyOf(headers))
        ))
      .handle("renameVoucherTemplate", ({ path, payload }) =>
        asCaller((actor) => library.renameVoucherTemplate(actor, path.accountSet, path.templateId, payload)))
      .handle("deleteVoucherTemplate", ({ path }) =>
        asCaller((actor) => library.deleteVoucherTemplate(actor, path.accountSet, path.templateId)))
      .handle("instantiateVoucherTemplate", ({ headers, path, payload }) =>
        asCaller((actor) => library.instantiateVoucherTemplate(actor, path.accountSet, path.templateId, payload, idempotencyOf(headers))))
  }))
