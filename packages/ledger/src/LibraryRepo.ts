import type { Effect } from "effect"
import { Context } from "effect"
import type { SqlError } from "@danju/core/sql"
import type { SummaryEntry } from "./domain/Library"
import type { VoucherTemplate } from "./domain/templates/voucherTemplates"

/**
 * The storage port of an account set's library: its summary library (摘要庫) and its
 * stored voucher templates (模式憑證; the built-in ones come from the chart template and
 * are never stored). Listings are bounded by `Limits.summariesPerSetMax` and
 * `Limits.voucherTemplatesPerSetMax`, which the service enforces on insert.
 *
 * Every method runs inside the service's database transaction; none starts its own.
 *
 * @since 0.1.0
 */
export interface LibraryRepoShape {
  /** Every summary-library entry of the account set, by code. */
  readonly listSummaries: (accountSetId: string) => Effect.Effect<ReadonlyArray<SummaryEntry>, SqlError>
  readonly findSummary: (accountSetId: string, code: string) => Effect.Effect<SummaryEntry | undefined, SqlError>
  readonly countSummaries: (accountSetId: string) => Effect.Effect<number, SqlError>
  /** Inserts new entries (their codes are free: the service checked). */
  readonly insertSummaries: (accountSetId: string, entries: ReadonlyArray<SummaryEntry>) => Effect.Effect<void, SqlError>
  /** Replaces the stored entry with the same code. */
  readonly updateSummary: (accountSetId: string, entry: SummaryEntry) => Effect.Effect<void, SqlError>
  readonly deleteSummary: (accountSetId: string, code: string) => Effect.Effect<void, SqlError>

  /** Every stored voucher template of the account set, by id. */
  readonly listVoucherTemplates: (accountSetId: string) => Effect.Effect<ReadonlyArray<VoucherTemplate>, SqlError>
  readonly findVoucherTemplate: (accountSetId: string, id: string) => Effect.Effect<VoucherTemplate | undefined, SqlError>
  readonly countVoucherTemplates: (accountSetId: string) => Effect.Effect<number, SqlError>
  readonly insertVoucherTemplate: (accountSetId: string, template: VoucherTemplate) => Effect.Effect<void, SqlError>
  /** Replaces the stored template with the same id. */
  readonly updateVoucherTemplate: (accountSetId: string, template: VoucherTemplate) => Effect.Effect<void, SqlError>
  readonly deleteVoucherTemplate: (accountSetId: string, id: string) => Effect.Effect<void, SqlError>
}

/**
 * The library storage port.
 *
 * @since 0.1.0
 */
export class LibraryRepo extends Context.Tag("@danju/ledger/LibraryRepo")<LibraryRepo, LibraryRepoShape>() {}
