import { createHash, createHmac } from "node:crypto"
import { Context, Effect, Either, Schema } from "effect"
import { canonicalJson } from "./internal/canonicalJson"
import type { SqlError } from "./sql/SqlError"

/**
 * One state change, as the service that made it describes it. The audit log adds the
 * scope's sequence number and the chain hashes.
 *
 * @since 0.1.0
 */
export interface AuditDraft {
  /** Epoch milliseconds from the Effect clock. */
  readonly at: number
  /** Operator id (or `system:<job>` for scheduled work). */
  readonly actor: string
  /** Aggregate type, e.g. `ledger.voucher`. */
  readonly aggregate: string
  readonly aggregateId: string
  /** What happened, e.g. `audit`, `post`, `renumber`. */
  readonly action: string
  readonly fromState: string | null
  readonly toState: string | null
  /** Whatever explains the change (old numbers, comment, amounts); JSON-encodable. */
  readonly payload: unknown
}

/**
 * A stored audit record: a draft placed in its scope's hash chain.
 *
 * @since 0.1.0
 */
export interface AuditRecord extends AuditDraft {
  /** The account set or organisation whose chain holds the record. */
  readonly scope: string
  /** 1, 2, 3 … within the scope, without gaps. */
  readonly sequence: number
  readonly previousHash: string
  readonly hash: string
}

/** The previous hash of a scope's first record. @since 0.1.0 */
export const GENESIS_HASH = "0".repeat(64)

/**
 * How records are hashed. Without a key the chain detects edits made by anyone who
 * does not recompute every later hash; with a secret key (HMAC-SHA-256) it detects
 * edits by anyone who lacks the key, including someone with write access to the
 * database.
 *
 * @since 0.1.0
 */
export interface AuditHashing {
  readonly key?: string
}

/**
 * The hash of a record: SHA-256 (or HMAC-SHA-256) over the canonical JSON of every
 * field except the hash itself, previous hash included — so changing, removing or
 * reordering any record breaks every link after it.
 *
 * @since 0.1.0
 */
export const hashAuditRecord = (record: Omit<AuditRecord, "hash">, hashing: AuditHashing = {}): string => {
  // A fixed-order array of the header fields (cheap and unambiguous) followed by the
  // canonical JSON of the payload (key order cannot change the hash).
  const text = JSON.stringify([
    record.scope,
    record.sequence,
    record.at,
    record.actor,
    record.aggregate,
    record.aggregateId,
    record.action,
    record.fromState,
    record.toState,
    record.previousHash
  ]) + canonicalJson(record.payload ?? null)
  return hashing.key === undefined
    ? createHash("sha256").update(text).digest("hex")
    : createHmac("sha256", hashing.key).update(text).digest("hex")
}

/**
 * Places drafts after the head `(sequence, hash)` of a scope's chain.
 *
 * @since 0.1.0
 */
export const chainRecords = (
  scope: string,
  head: { readonly sequence: number; readonly hash: string },
  drafts: ReadonlyArray<AuditDraft>,
  hashing: AuditHashing = {}
): Array<AuditRecord> => {
  const records: Array<AuditRecord> = []
  let previous = head
  for (const draft of drafts) {
    const unhashed = { ...draft, scope, sequence: previous.sequence + 1, previousHash: previous.hash }
    const record: AuditRecord = { ...unhashed, hash: hashAuditRecord(unhashed, hashing) }
    records.push(record)
    previous = record
  }
  return records
}

/**
 * Why a chain failed verification.
 *
 * - `hashMismatch`: a record's content no longer matches its hash (edited).
 * - `linkBroken`: a record's previous hash is not its predecessor's hash (removed,
 *   inserted or reordered records).
 * - `sequenceGap`: sequence numbers are not 1, 2, 3 … (removed or reordered records).
 * - `headMismatch`: the last record is not the head the log recorded (records removed
 *   from the end, or appended outside Danju).
 *
 * @since 0.1.0
 */
export const AuditChainFault = Schema.Literal("hashMismatch", "linkBroken", "sequenceGap", "headMismatch")

/** @since 0.1.0 */
export type AuditChainFault = typeof AuditChainFault.Type

/**
 * An audit chain that does not verify: someone changed stored audit records.
 *
 * @since 0.1.0
 */
export class AuditChainBroken extends Schema.TaggedError<AuditChainBroken>()("AuditChainBroken", {
  scope: Schema.String,
  sequence: Schema.Number,
  fault: AuditChainFault
}) {
  override get message(): string {
    const what = {
      hashMismatch: "its content does not match its hash (it was edited)",
      linkBroken: "it does not link to the record before it (records were removed, inserted or reordered)",
      sequenceGap: "the sequence has a gap or is out of order (records were removed or reordered)",
      headMismatch: "the chain does not end at the recorded head (records were removed from the end or added outside Danju)"
    }[this.fault]
    return `audit log of ${this.scope} fails verification at record ${this.sequence}: ${what}`
  }
}

/**
 * Where a partial verification stands: the last verified record's sequence and hash
 * (`{ sequence: 0, hash: GENESIS_HASH }` before the first).
 *
 * @since 0.1.0
 */
export interface ChainPosition {
  readonly sequence: number
  readonly hash: string
}

/** The position before a scope's first record. @since 0.1.0 */
export const chainStart: ChainPosition = { sequence: 0, hash: GENESIS_HASH }

/**
 * Verifies the next records of a chain after `position`, so a long chain can be
 * verified page by page in bounded memory. Returns the new position.
 *
 * @since 0.1.0
 */
export const verifySegment = (
  scope: string,
  position: ChainPosition,
  records: ReadonlyArray<AuditRecord>,
  hashing: AuditHashing = {}
): Either.Either<ChainPosition, AuditChainBroken> => {
  let current = position
  for (const record of records) {
    if (record.sequence !== current.sequence + 1) {
      return Either.left(new AuditChainBroken({ scope, sequence: record.sequence, fault: "sequenceGap" }))
    }
    if (record.previousHash !== current.hash) {
      return Either.left(new AuditChainBroken({ scope, sequence: record.sequence, fault: "linkBroken" }))
    }
    const { hash, ...unhashed } = record
    if (hashAuditRecord(unhashed, hashing) !== hash) {
      return Either.left(new AuditChainBroken({ scope, sequence: record.sequence, fault: "hashMismatch" }))
    }
    current = { sequence: record.sequence, hash }
  }
  return Either.right(current)
}

/**
 * Checks that a fully verified chain ends at the head the log recorded.
 *
 * @since 0.1.0
 */
export const verifyHead = (
  scope: string,
  end: ChainPosition,
  head: ChainPosition | undefined
): Either.Either<number, AuditChainBroken> => {
  const recorded = head ?? chainStart
  return recorded.sequence === end.sequence && recorded.hash === end.hash
    ? Either.right(end.sequence)
    : Either.left(new AuditChainBroken({ scope, sequence: Math.max(recorded.sequence, end.sequence), fault: "headMismatch" }))
}

/**
 * Checks a scope's whole chain, in sequence order, against itself and against the
 * head the log keeps. Returns the number of records verified.
 *
 * @since 0.1.0
 */
export const verifyChain = (
  scope: string,
  records: ReadonlyArray<AuditRecord>,
  head: ChainPosition | undefined,
  hashing: AuditHashing = {}
): Either.Either<number, AuditChainBroken> =>
  Either.flatMap(verifySegment(scope, chainStart, records, hashing), (end) => verifyHead(scope, end, head))

/**
 * A query over one scope's audit records.
 *
 * @since 0.1.0
 */
export interface AuditQuery {
  readonly scope: string
  readonly aggregate?: string
  readonly aggregateId?: string
  /** Records with a sequence greater than this (paging cursor). */
  readonly afterSequence?: number
  /** At most `Limits.pageSizeMax`. */
  readonly limit: number
}

/**
 * The audit log port. Appends run inside the caller's database transaction, so a
 * change and its record commit or vanish together.
 *
 * @since 0.1.0
 */
export interface AuditLogShape {
  /** Appends drafts to a scope's chain; returns the stored records. */
  readonly append: (scope: string, drafts: ReadonlyArray<AuditDraft>) => Effect.Effect<ReadonlyArray<AuditRecord>, SqlError>
  /** Reads records in sequence order. */
  readonly read: (query: AuditQuery) => Effect.Effect<ReadonlyArray<AuditRecord>, SqlError>
  /** Verifies a scope's whole chain (streamed in pages, bounded memory). */
  readonly verify: (scope: string) => Effect.Effect<number, AuditChainBroken | SqlError>
  /** Every scope that has records. */
  readonly scopes: Effect.Effect<ReadonlyArray<string>, SqlError>
}

/**
 * The audit log service.
 *
 * @since 0.1.0
 */
export class AuditLog extends Context.Tag("@danju/core/AuditLog")<AuditLog, AuditLogShape>() {}
