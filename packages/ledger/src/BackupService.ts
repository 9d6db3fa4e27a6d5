import { createHash } from "node:crypto"
import { Chunk, Context, Effect, Either, Layer, Stream } from "effect"
import type { Actor, AuditChainBroken, AuditDraft, OrganisationMismatch, PermissionDenied } from "@danju/core"
import { Limits } from "@danju/core"
import type { SqlError } from "@danju/core/sql"
import type { BackupPage } from "./BackupRepo"
import { BackupRepo } from "./BackupRepo"
import type { BackupFileError } from "./domain/backup/BackupErrors"
import { BackupAccountSetExists, BackupCorrupt } from "./domain/backup/BackupErrors"
import type { BackupEntry, BackupHasher, BackupManifest, BackupRow, BackupTableName } from "./domain/backup/BackupFormat"
import {
  backupTableNames,
  danjuLedgerVersion,
  emptyBackupCounts,
  encodeBackupHeader,
  encodeBackupRecord,
  encodeBackupTrailer,
  makeBackupReader,
  renameBackupEntry
} from "./domain/backup/BackupFormat"
import type { AccountSetNotFound } from "./domain/errors"
import type { AccountSetCode } from "./domain/ids"
import { LedgerPermission } from "./domain/permissions"
import { bulkLoadedTables, makeKit, scopeOf } from "./internal/kit"
import { LedgerConfig } from "./LedgerService"

/**
 * What a finished backup wrote.
 *
 * @since 0.1.0
 */
export interface BackupSummary {
  readonly accountSet: string
  readonly accountSetId: string
  /** Records per table. */
  readonly counts: Readonly<Record<BackupTableName, number>>
  /** The SHA-256 in the trailer (of everything before it). */
  readonly sha256: string
  /** Characters written (UTF-16 code units, as handed to the writer). */
  readonly characters: number
}

/**
 * What a finished restore created.
 *
 * @since 0.1.0
 */
export interface RestoreSummary {
  /** The code and id of the restored account set in this store. */
  readonly accountSet: string
  readonly accountSetId: string
  /** The code and id it had in the store the backup came from. */
  readonly sourceAccountSet: string
  readonly sourceAccountSetId: string
  readonly counts: Readonly<Record<BackupTableName, number>>
  /** The SHA-256 of the file (from its trailer, verified). */
  readonly sha256: string
  /** Audit records of the restored set: the file's, replayed, plus the restore record. */
  readonly auditRecords: number
}

/**
 * Options of a restore.
 *
 * @since 0.1.0
 */
export interface RestoreOptions {
  /**
   * Restore as a new account set under this code (and a new id), beside the original.
   * Without it the set keeps its code (which must be free) and, when free, its id.
   */
  readonly as?: AccountSetCode
}

/**
 * Every failure of backup and restore besides the caller's own writer and reader errors.
 *
 * @since 0.1.0
 */
export type LedgerBackupError =
  | BackupFileError
  | BackupAccountSetExists
  | AccountSetNotFound
  | PermissionDenied
  | OrganisationMismatch
  | AuditChainBroken
  | SqlError

const sha256Hasher = (): BackupHasher => {
  const hash = createHash("sha256")
  return { update: (text) => hash.update(text, "utf8"), digest: () => hash.digest("hex") }
}

const auditDraftOf = (row: BackupRow): AuditDraft => ({
  at: row["at"] as number,
  actor: row["actor"] as string,
  aggregate: row["aggregate"] as string,
  aggregateId: row["aggregate_id"] as string,
  action: row["action"] as string,
  fromState: row["from_state"] as string | null,
  toState: row["to_state"] as string | null,
  // The reader checked that the payload is JSON.
  payload: JSON.parse(row["payload"] as string) as unknown
})

const makeBackupService = Effect.gen(function*() {
  const config = yield* LedgerConfig
  const kit = yield* makeKit(config.permissions)
  const backupRepo = yield* BackupRepo
  const { repo, database, auditLog, now, permit, guarded, audit, draft } = kit

  /**
   * Writes the account set to `write` as a backup file, chunk by chunk: the database is
   * read page by page inside one consistent snapshot, so memory stays bounded whatever
   * the size of the books, and no chunk exceeds `Limits.backupChunkCharactersMax`
   * characters unless one line does. The audit chain is verified first (a backup never
   * carries a tampered chain); the backup itself is then recorded in the chain.
   */
  const backup = <E, R>(actor: Actor, code: string, write: (chunk: string) => Effect.Effect<void, E, R>) =>
    Effect.gen(function*() {
      const accountSet = yield* guarded(actor, code, LedgerPermission.backupCreate)
      const at = yield* now
      const summary = yield* backupRepo.readConsistently(Effect.gen(function*() {
        yield* auditLog.verify(scopeOf(accountSet))
        const hasher = sha256Hasher()
        const counts = emptyBackupCounts()
        // Lines collect synchronously into chunks; the writer is called once per full
        // chunk, after each page, so per-row work stays plain JavaScript.
        let buffer = ""
        let characters = 0
        const ready: Array<string> = []
        const append = (line: string, hashed: boolean) => {
          const text = line + "\n"
          if (hashed) hasher.update(text)
          if (buffer.length > 0 && buffer.length + text.length > Limits.backupChunkCharactersMax) {
            ready.push(buffer)
            buffer = ""
          }
          buffer += text
          if (buffer.length >= Limits.backupChunkCharactersMax) {
            ready.push(buffer)
            buffer = ""
          }
        }
        const drain = (all: boolean) =>
          Effect.suspend(() => {
            if (all && buffer !== "") {
              ready.push(buffer)
              buffer = ""
            }
            const chunks = ready.splice(0)
            for (const chunk of chunks) characters += chunk.length
            return Effect.forEach(chunks, write, { discard: true })
          })
        append(
          encodeBackupHeader({
            accountSet: accountSet.code,
            accountSetId: accountSet.id,
            organisationId: accountSet.organisationId,
            createdAt: new Date(at).toISOString(),
            danjuVersion: danjuLedgerVersion
          }),
          true
        )
        for (const table of backupTableNames) {
          let after: BackupRow | undefined = undefined
          while (true) {
            const page: BackupPage = yield* backupRepo.readPage(table, accountSet.id, after, Limits.backupPageRows)
            for (const row of page.rows) append(encodeBackupRecord(table, row), true)
            yield* drain(false)
            counts[table] += page.rows.length
            if (!page.more || page.rows.length === 0) break
            after = page.rows[page.rows.length - 1]
          }
        }
        const sha256 = hasher.digest()
        append(encodeBackupTrailer(counts, sha256), false)
        yield* drain(true)
        return { accountSet: accountSet.code, accountSetId: accountSet.id, counts, sha256, characters } satisfies BackupSummary
      }))
      yield* database.withTransaction(
        audit(accountSet, [draft(actor, at, "ledger.accountSet", accountSet.id, "backup", null, null, { sha256: summary.sha256, counts: summary.counts })])
      )
      return summary
    })

  /**
   * Reads a backup file (its lines, without newlines) and verifies all of it: header,
   * every record, checksum and counts. Touches no database and needs no permission.
   */
  const inspect = <E, R>(lines: Stream.Stream<string, E, R>): Effect.Effect<BackupManifest, BackupFileError | E, R> =>
    Effect.gen(function*() {
      const reader = makeBackupReader(sha256Hasher())
      yield* Stream.runForEachChunk(lines, (chunk) => Effect.sync(() => Chunk.forEach(chunk, (line) => void reader.push(line))))
      return yield* Either.match(reader.finish(), { onLeft: Effect.fail, onRight: Effect.succeed })
    })

  /**
   * Restores a backup file. `lines` is read twice — first to verify the whole file,
   * then, inside one database transaction, to write it — so it must be re-runnable (a
   * stream that opens the file each time it runs). Nothing is written unless the whole
   * file verifies, and a failure during the write rolls everything back.
   *
   * Audit records are replayed into the restored set's chain through the audit log and
   * followed by a `restore` record naming the file's SHA-256 and the source chain's
   * head. Restored under the same id in a store with the same audit key, the records
   * are identical to the source's (same hashes); under a new id they are re-chained
   * under the new scope, and the restore record links them to the source chain.
   */
  const restore = <E, R>(actor: Actor, lines: Stream.Stream<string, E, R>, options: RestoreOptions = {}) =>
    Effect.gen(function*() {
      yield* permit(actor, LedgerPermission.backupRestore, actor.organisationId)
      const manifest = yield* inspect(lines)
      const { header } = manifest
      yield* permit(actor, LedgerPermission.backupRestore, header.organisationId)
      const code = options.as ?? header.accountSet
      const at = yield* now
      return yield* database.withTransaction(Effect.gen(function*() {
        if ((yield* repo.findAccountSet(code)) !== undefined) return yield* new BackupAccountSetExists({ code })
        const keepsId = options.as === undefined && (yield* backupRepo.claimAccountSetId(header.accountSetId))
        const toId = keepsId ? header.accountSetId : yield* repo.nextAccountSetId
        const renaming = { fromId: header.accountSetId, toId, toCode: code }
        const scope = scopeOf({ id: toId })

        // Records collect synchronously into batches of one table; after each chunk of
        // lines the full batches are written in file order.
        const reader = makeBackupReader(sha256Hasher())
        type Batch = { readonly table: BackupTableName; readonly rows: Array<BackupRow>; readonly drafts: Array<AuditDraft> }
        let open: Batch | undefined
        const full: Array<Batch> = []
        let auditRecords = 0
        const take = (entry: BackupEntry) => {
          const renamed = renameBackupEntry(entry, renaming)
          if (open !== undefined && open.table !== renamed.table) {
            full.push(open)
            open = undefined
          }
          open ??= { table: renamed.table, rows: [], drafts: [] }
          if (renamed.table === "danju_audit_log") open.drafts.push(auditDraftOf(renamed.row))
          else open.rows.push(renamed.row)
          if (open.rows.length + open.drafts.length >= Limits.backupRowsPerInsertMax) {
            full.push(open)
            open = undefined
          }
        }
        const writeBatches = (all: boolean) =>
          Effect.suspend(() => {
            if (all && open !== undefined) {
              full.push(open)
              open = undefined
            }
            return Effect.forEach(full.splice(0), (batch) => {
              auditRecords += batch.drafts.length
              return batch.table === "danju_audit_log"
                ? auditLog.append(scope, batch.drafts)
                : backupRepo.insertRows(batch.table, batch.rows)
            }, { discard: true })
          })
        const changed = (line: number) => new BackupCorrupt({ reason: "changed", line, detail: "" })
        let lineNumber = 0
        yield* Stream.runForEachChunk(lines, (chunk) =>
          Effect.suspend((): Effect.Effect<void, BackupCorrupt | SqlError> => {
            for (const line of chunk) {
              lineNumber += 1
              const entry = reader.push(line)
              if (reader.failed()) return Effect.fail(changed(lineNumber))
              if (entry !== undefined) take(entry)
            }
            return writeBatches(false)
          }))
        yield* writeBatches(true)
        const verdict = reader.finish()
        if (Either.isLeft(verdict) || verdict.right.sha256 !== manifest.sha256) return yield* changed(lineNumber)

        yield* auditLog.append(scope, [
          draft(actor, at, "ledger.accountSet", toId, "restore", null, null, {
            file: { sha256: manifest.sha256, createdAt: header.createdAt, danjuVersion: header.danjuVersion, formatVersion: header.version },
            source: { accountSet: header.accountSet, accountSetId: header.accountSetId, auditHead: manifest.auditHead },
            counts: manifest.counts
          })
        ])
        return {
          accountSet: code,
          accountSetId: toId,
          sourceAccountSet: header.accountSet,
          sourceAccountSetId: header.accountSetId,
          counts: manifest.counts,
          sha256: manifest.sha256,
          auditRecords: auditRecords + 1
        } satisfies RestoreSummary
      })).pipe(
        // Two restores under one new code may both find it free; the loser's insert then
        // breaks the code's unique constraint (PostgreSQL, concurrent connections). Its
        // transaction is rolled back whole; it gets the typed answer, not a raw SqlError.
        Effect.catchIf(
          (error): error is SqlError =>
            typeof error === "object" && error !== null && (error as { readonly _tag?: unknown })._tag === "SqlError" &&
            (error as SqlError).reason === "constraint",
          (error): Effect.Effect<never, SqlError | BackupAccountSetExists> =>
            Effect.flatMap(repo.findAccountSet(code), (existing): Effect.Effect<never, SqlError | BackupAccountSetExists> =>
              existing === undefined ? Effect.fail(error) : Effect.fail(new BackupAccountSetExists({ code })))
        ),
        Effect.tap(() => database.refreshStatistics(bulkLoadedTables))
      )
    })

  return { backup, inspect, restore }
})

/**
 * Backup and restore of account sets (SPEC section 2, "Backup / restore"): one file
 * per account set with a format version, record counts and a SHA-256; restore into an
 * empty store or as a new account set, all or nothing. Needs `ledger.backup.create`
 * to back up and `ledger.backup.restore` to restore.
 *
 * @example
 * ```ts
 * import { Effect, Stream } from "effect"
 * import { LedgerBackup } from "@danju/ledger"
 *
 * const program = Effect.gen(function*() {
 *   const backups = yield* LedgerBackup
 *   const chunks: Array<string> = []
 *   yield* backups.backup(actor, "mess", (chunk) => Effect.sync(() => chunks.push(chunk)))
 *   const lines = Stream.make(chunks.join("")).pipe(Stream.splitLines)
 *   yield* backups.restore(actor, lines, { as: AccountSetCode.make("mess-copy") })
 * })
 * ```
 *
 * @since 0.1.0
 */
export class LedgerBackup extends Context.Tag("@danju/ledger/LedgerBackup")<
  LedgerBackup,
  Effect.Effect.Success<typeof makeBackupService>
>() {
  /** The live service; needs the repositories, database, audit log, idempotency and config. */
  static readonly Live = Layer.effect(LedgerBackup, makeBackupService)
}
