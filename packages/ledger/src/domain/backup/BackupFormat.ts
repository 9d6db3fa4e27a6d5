import { Either, Schema } from "effect"
import { GENESIS_HASH, Limits } from "@danju/core"
import type { BackupFileError } from "./BackupErrors"
import { BackupCorrupt, backupExcerpt, BackupForeign, BackupFormatUnsupported } from "./BackupErrors"

// The backup file format `danju-ledger-backup`, version 1. Pure: no I/O, no clock, no
// hashing implementation (the caller supplies a SHA-256 hasher).
//
// A file is UTF-8 text, one JSON value per line, each line ending in "\n":
//
//   {"format":"danju-ledger-backup","version":1,"accountSet":"mess","accountSetId":"S1",...}
//   {"table":"ledger_account_sets","row":{"id":"S1","code":"mess",...}}
//   {"table":"ledger_accounts","row":{...}}
//   ...
//   {"trailer":"danju-ledger-backup","counts":{"ledger_accounts":4,...},"sha256":"<hex>"}
//
// The SHA-256 covers every byte before the trailer (header and records, newlines
// included). Tables come in the fixed order of `backupTables`, each contiguous; a record
// is a stored row with its columns in table order. Records are stored rows rather than
// domain values so that a restore reproduces the store exactly, derived data (maintained
// balances, seals) included, without recomputing anything.

/**
 * The format name written in every header.
 *
 * @since 0.1.0
 */
export const backupFormatName = "danju-ledger-backup"

/**
 * The format version this Danju writes.
 *
 * @since 0.1.0
 */
export const backupFormatVersion = 1

/**
 * The format versions this Danju reads.
 *
 * @since 0.1.0
 */
export const backupFormatVersionsSupported: ReadonlyArray<number> = [1]

/**
 * The Danju version written in headers (the `@danju/ledger` package version; a test
 * keeps the two equal).
 *
 * @since 0.1.0
 */
export const danjuLedgerVersion = "0.1.0"

// Every Danju backup header starts with these characters (the writer puts `format`
// first); a first line that does not is a foreign file, one that stops inside them is
// a Danju backup cut short.
const headerMagic = "{\"format\":\"danju-"
const trailerMagic = "{\"trailer\":"

/**
 * The kind of a column value in the file: text, a safe integer, a decimal string (kept
 * verbatim, so scale survives) or a boolean; `?` allows null.
 *
 * @since 0.1.0
 */
export type BackupColumnKind = "text" | "text?" | "integer" | "integer?" | "decimal" | "decimal?" | "boolean"

/**
 * A value of a backup row.
 *
 * @since 0.1.0
 */
export type BackupValue = string | number | boolean | null

/**
 * A stored row as the file carries it: column name → value.
 *
 * @since 0.1.0
 */
export type BackupRow = Readonly<Record<string, BackupValue>>

const accountSetsColumns = {
  id: "text",
  code: "text",
  organisation_id: "text",
  name: "text",
  base_currency: "text",
  currency_scale: "integer",
  code_scheme: "text",
  calendar: "text",
  start_year: "integer",
  start_period: "integer",
  status: "text",
  options: "text",
  last_closed_year: "integer?",
  last_closed_fiscal_year: "integer?",
  last_closed_period: "integer?",
  created_at: "integer",
  template: "text?"
} as const

/**
 * The tables of version 1 in file order, with their columns in record order. The
 * account set's `chart_version` (a cache token) is not data and is not carried; the
 * restore writes a fresh one. The audit log carries the account set's scope only;
 * counters the scopes of its voucher numbers and ids. Idempotency records are not
 * carried: they guard retries of requests to the source store, not the books.
 *
 * @since 0.1.0
 */
export const backupTables = {
  ledger_account_sets: accountSetsColumns,
  ledger_accounts: {
    account_set_id: "text",
    code: "text",
    name: "text",
    parent_code: "text?",
    level: "integer",
    category: "text",
    direction: "text",
    dimension_types: "text",
    quantity_unit: "text?",
    foreign_currency: "text?",
    revalue: "boolean",
    is_cash: "boolean",
    is_bank: "boolean",
    disabled: "boolean",
    leaf: "boolean"
  },
  ledger_dimension_values: { account_set_id: "text", type: "text", code: "text", name: "text", disabled: "boolean" },
  ledger_openings: {
    account_set_id: "text",
    account_code: "text",
    dimension_key: "text",
    commodity: "text",
    balance: "decimal",
    year_to_date_debit: "decimal",
    year_to_date_credit: "decimal"
  },
  ledger_vouchers: {
    id: "text",
    account_set_id: "text",
    fiscal_year: "integer",
    period: "integer",
    word: "text",
    number: "integer",
    date: "text",
    attachments: "integer",
    status: "text",
    maker_id: "text",
    auditor_id: "text?",
    cashier_id: "text?",
    poster_id: "text?",
    reversal_of_id: "text?",
    created_at: "integer",
    audited_at: "integer?",
    posted_at: "integer?",
    total: "decimal",
    touches_cash_or_bank: "boolean",
    correction_of_id: "text?"
  },
  ledger_lines: {
    voucher_id: "text",
    line_number: "integer",
    account_set_id: "text",
    account_code: "text",
    dimension_key: "text",
    commodity: "text",
    debit: "decimal",
    credit: "decimal",
    summary: "text",
    quantity: "decimal?",
    currency: "text?",
    exchange_rate: "decimal?",
    original_amount: "decimal?",
    fiscal_year: "integer",
    period: "integer",
    date: "text"
  },
  ledger_balances: {
    account_set_id: "text",
    period_key: "integer",
    account_code: "text",
    dimension_key: "text",
    commodity: "text",
    debit: "decimal",
    credit: "decimal"
  },
  ledger_period_seals: { account_set_id: "text", period_key: "integer", closed_at: "integer", closed_by: "text", seal_hash: "text" },
  ledger_voucher_gaps: { account_set_id: "text", fiscal_year: "integer", period: "integer", word: "text", number: "integer" },
  ledger_summaries: {
    account_set_id: "text",
    code: "text",
    summary_text: "text",
    category: "text?",
    mnemonic: "text?",
    account_code: "text?"
  },
  ledger_voucher_templates: { account_set_id: "text", id: "text", name: "text", description: "text", word: "text?", lines: "text" },
  danju_counters: { scope: "text", value: "integer" },
  danju_audit_log: {
    scope: "text",
    sequence: "integer",
    at: "integer",
    actor: "text",
    aggregate: "text",
    aggregate_id: "text",
    action: "text",
    from_state: "text?",
    to_state: "text?",
    payload: "text",
    previous_hash: "text",
    hash: "text"
  }
} as const satisfies Record<string, Record<string, BackupColumnKind>>

/**
 * A table a backup carries.
 *
 * @since 0.1.0
 */
export type BackupTableName = keyof typeof backupTables

/**
 * The tables in file order.
 *
 * @since 0.1.0
 */
export const backupTableNames = Object.keys(backupTables) as ReadonlyArray<BackupTableName>

/**
 * The columns of a table in record order.
 *
 * @since 0.1.0
 */
export const backupColumnsOf = (table: BackupTableName): ReadonlyArray<string> => Object.keys(backupTables[table])

/**
 * The first line of a backup file.
 *
 * @since 0.1.0
 */
export const BackupHeader = Schema.Struct({
  format: Schema.String,
  version: Schema.Number,
  /** The account set's code. */
  accountSet: Schema.String,
  /** The account set's id in the source store (`S<n>`). */
  accountSetId: Schema.String,
  organisationId: Schema.String,
  /** When the backup was taken, ISO 8601 in UTC. */
  createdAt: Schema.String,
  danjuVersion: Schema.String
})

/** @since 0.1.0 */
export type BackupHeader = typeof BackupHeader.Type

const TrailerSchema = Schema.Struct({
  trailer: Schema.Literal(backupFormatName),
  counts: Schema.Record({ key: Schema.String, value: Schema.Int }),
  sha256: Schema.String.pipe(Schema.pattern(/^[0-9a-f]{64}$/))
})

/**
 * An incremental SHA-256, supplied by the caller (Node's `crypto.createHash("sha256")`
 * fits): domain code does no I/O and carries no hashing implementation.
 *
 * @since 0.1.0
 */
export interface BackupHasher {
  /** Adds text, hashed as UTF-8. */
  readonly update: (text: string) => unknown
  /** The hex digest of everything added. Called once. */
  readonly digest: () => string
}

/**
 * Encodes the header line (without its newline).
 *
 * @since 0.1.0
 */
export const encodeBackupHeader = (header: Omit<BackupHeader, "format" | "version"> & { readonly version?: number }): string =>
  JSON.stringify({
    format: backupFormatName,
    version: header.version ?? backupFormatVersion,
    accountSet: header.accountSet,
    accountSetId: header.accountSetId,
    organisationId: header.organisationId,
    createdAt: header.createdAt,
    danjuVersion: header.danjuVersion
  })

/**
 * Encodes one record line (without its newline), columns in table order.
 *
 * @since 0.1.0
 */
export const encodeBackupRecord = (table: BackupTableName, row: BackupRow): string => {
  const ordered: Record<string, BackupValue> = {}
  for (const column of backupColumnsOf(table)) ordered[column] = row[column] ?? null
  return JSON.stringify({ table, row: ordered })
}

/**
 * Encodes the trailer line (without its newline): the record count of every table and
 * the SHA-256 of everything before the trailer.
 *
 * @since 0.1.0
 */
export const encodeBackupTrailer = (counts: Readonly<Record<BackupTableName, number>>, sha256: string): string => {
  const ordered: Record<string, number> = {}
  for (const table of backupTableNames) ordered[table] = counts[table]
  return JSON.stringify({ trailer: backupFormatName, counts: ordered, sha256 })
}

/**
 * A record count per table, all zero.
 *
 * @since 0.1.0
 */
export const emptyBackupCounts = (): Record<BackupTableName, number> =>
  Object.fromEntries(backupTableNames.map((table) => [table, 0])) as Record<BackupTableName, number>

/**
 * What a fully verified backup file holds.
 *
 * @since 0.1.0
 */
export interface BackupManifest {
  readonly header: BackupHeader
  readonly counts: Readonly<Record<BackupTableName, number>>
  /** The SHA-256 of everything before the trailer, as the trailer states it. */
  readonly sha256: string
  /** The last audit record of the account set's chain in the file. */
  readonly auditHead: { readonly sequence: number; readonly hash: string }
}

/**
 * One record of a backup file.
 *
 * @since 0.1.0
 */
export interface BackupEntry {
  readonly table: BackupTableName
  readonly row: BackupRow
}

/**
 * An incremental reader: feed it every line of a file in order (without newlines),
 * then ask it for the verdict. It holds one line at a time and a few counters, so
 * files of any size are read in bounded memory.
 *
 * @since 0.1.0
 */
export interface BackupReader {
  /** Reads the next line; returns its record when the line is a valid record so far. */
  readonly push: (line: string) => BackupEntry | undefined
  /** True once a problem was seen; later records are no longer returned. */
  readonly failed: () => boolean
  /**
   * The verdict after the last line. A file is judged as a whole: a trailer whose
   * checksum does not match makes it corrupt whatever else is wrong; a file without a
   * trailer is foreign when its first line is not a Danju header, else truncated.
   */
  readonly finish: () => Either.Either<BackupManifest, BackupFileError>
}

const decimalPattern = /^-?[0-9]+(\.[0-9]+)?$/

const kindMatches = (kind: BackupColumnKind, value: unknown): boolean => {
  if (value === null) return kind.endsWith("?")
  switch (kind) {
    case "text":
    case "text?":
      return typeof value === "string"
    case "integer":
    case "integer?":
      return typeof value === "number" && Number.isSafeInteger(value)
    case "decimal":
    case "decimal?":
      return typeof value === "string" && decimalPattern.test(value)
    case "boolean":
      return typeof value === "boolean"
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/** The counter scopes of an account set: voucher numbers and voucher ids. */
const belongsToCounters = (scope: string, accountSetId: string) =>
  scope.startsWith(`ledger:${accountSetId}:`) || scope === `ledger:voucher-id:${accountSetId}`

/**
 * Starts reading a backup file.
 *
 * @example
 * ```ts
 * import { createHash } from "node:crypto"
 * import { makeBackupReader } from "@danju/ledger"
 *
 * const hash = createHash("sha256")
 * const reader = makeBackupReader({ update: (text) => hash.update(text), digest: () => hash.digest("hex") })
 * for (const line of ["{\"format\":\"danju-ledger-backup\",\"version\":1}"]) reader.push(line)
 * const verdict = reader.finish() // Either.left(BackupCorrupt { reason: "truncated" })
 * ```
 *
 * @since 0.1.0
 */
export const makeBackupReader = (hasher: BackupHasher): BackupReader => {
  let lineNumber = 0
  let firstLine: string | undefined
  let header: BackupHeader | undefined
  let headerProblem: BackupFileError | undefined
  let problem: BackupCorrupt | undefined
  let trailer: { readonly line: number; readonly counts: Readonly<Record<string, number>>; readonly sha256: string } | undefined
  let tableIndex = -1
  let auditHead = { sequence: 0, hash: GENESIS_HASH }
  const counts = emptyBackupCounts()

  const corrupt = (reason: BackupCorrupt["reason"], line: number, detail: string) =>
    new BackupCorrupt({ reason, line, detail })

  const readHeader = (line: string): void => {
    if (!line.startsWith(headerMagic)) {
      headerProblem = headerMagic.startsWith(line)
        ? corrupt("truncated", 1, "inside the header line")
        : new BackupForeign({ firstLine: backupExcerpt(line) })
      return
    }
    const parsed = parseJson(line)
    const loose = Schema.decodeUnknownEither(Schema.Struct({ format: Schema.String, version: Schema.Number }))(parsed)
    if (Either.isLeft(loose)) {
      headerProblem = corrupt("header", 1, "not a JSON object with a format and a version")
      return
    }
    if (loose.right.format !== backupFormatName || !backupFormatVersionsSupported.includes(loose.right.version)) {
      headerProblem = new BackupFormatUnsupported({
        format: loose.right.format,
        version: loose.right.version,
        supported: backupFormatVersionsSupported
      })
      return
    }
    const full = Schema.decodeUnknownEither(BackupHeader)(parsed)
    if (Either.isLeft(full)) {
      headerProblem = corrupt("header", 1, "a header field is missing or of the wrong kind")
      return
    }
    header = full.right
  }

  const readRecord = (line: string, at: number, owner: BackupHeader): BackupEntry | BackupCorrupt => {
    const parsed = parseJson(line)
    if (!isPlainObject(parsed) || typeof parsed["table"] !== "string" || !isPlainObject(parsed["row"]) || Object.keys(parsed).length !== 2) {
      return corrupt("syntax", at, "expected {\"table\":…,\"row\":{…}}")
    }
    const table = parsed["table"]
    const index = backupTableNames.indexOf(table as BackupTableName)
    if (index === -1) return corrupt("table", at, `unknown table ${backupExcerpt(table)}`)
    if (index < tableIndex) return corrupt("table", at, `${table} after ${backupTableNames[tableIndex]}`)
    const name = table as BackupTableName
    if (index > 0 && counts.ledger_account_sets === 0) return corrupt("accountSet", at, "the account set record must come first")
    if (name === "ledger_account_sets" && counts.ledger_account_sets > 0) return corrupt("accountSet", at, "a second account set record")
    tableIndex = index
    const row = parsed["row"]
    const columns = backupTables[name] as Readonly<Record<string, BackupColumnKind>>
    const names = Object.keys(columns)
    if (Object.keys(row).length !== names.length) return corrupt("column", at, `${name} has ${Object.keys(row).length} columns, not ${names.length}`)
    for (const column of names) {
      if (!(column in row)) return corrupt("column", at, `${name}.${column} is missing`)
      if (!kindMatches(columns[column]!, row[column])) return corrupt("column", at, `${name}.${column} is not ${columns[column]}`)
    }
    const values = row as BackupRow
    const id = owner.accountSetId
    if ("account_set_id" in columns && values["account_set_id"] !== id) {
      return corrupt("accountSet", at, `${name} row of account set ${String(values["account_set_id"])}, not ${id}`)
    }
    switch (name) {
      case "ledger_account_sets":
        if (values["id"] !== id || values["code"] !== owner.accountSet || values["organisation_id"] !== owner.organisationId) {
          return corrupt("accountSet", at, "the account set record differs from the header")
        }
        break
      case "danju_counters":
        if (!belongsToCounters(values["scope"] as string, id)) return corrupt("accountSet", at, `counter ${values["scope"]} of another account set`)
        break
      case "danju_audit_log": {
        if (values["scope"] !== `ledger:${id}`) return corrupt("accountSet", at, `audit scope ${values["scope"]} of another account set`)
        if (parseJson(values["payload"] as string) === undefined) return corrupt("column", at, "danju_audit_log.payload is not JSON")
        if (values["sequence"] !== auditHead.sequence + 1 || values["previous_hash"] !== auditHead.hash) {
          return corrupt("audit", at, `record ${values["sequence"]} does not follow record ${auditHead.sequence}`)
        }
        auditHead = { sequence: values["sequence"] as number, hash: values["hash"] as string }
        break
      }
      default:
        break
    }
    counts[name] += 1
    return { table: name, row: values }
  }

  const push = (line: string): BackupEntry | undefined => {
    lineNumber += 1
    if (trailer !== undefined) {
      if (line !== "" && problem === undefined) problem = corrupt("afterTrailer", lineNumber, "")
      return undefined
    }
    if (lineNumber > 1 && line.startsWith(trailerMagic)) {
      const decoded = Schema.decodeUnknownEither(TrailerSchema)(parseJson(line))
      if (Either.isRight(decoded)) {
        trailer = { line: lineNumber, counts: decoded.right.counts, sha256: decoded.right.sha256 }
        return undefined
      }
    }
    hasher.update(line + "\n")
    if (lineNumber === 1) {
      firstLine = line
      readHeader(line)
      return undefined
    }
    if (header === undefined || headerProblem !== undefined || problem !== undefined) return undefined
    if (line.length > Limits.backupLineLengthMax) {
      problem = corrupt("lineTooLong", lineNumber, `${line.length} characters`)
      return undefined
    }
    const result = readRecord(line, lineNumber, header)
    if (result instanceof BackupCorrupt) {
      problem = result
      return undefined
    }
    return result
  }

  const finish = (): Either.Either<BackupManifest, BackupFileError> => {
    if (firstLine === undefined && trailer === undefined) return Either.left(corrupt("truncated", 1, "it is empty"))
    if (trailer === undefined) {
      if (headerProblem instanceof BackupForeign || headerProblem instanceof BackupFormatUnsupported) return Either.left(headerProblem)
      return Either.left(corrupt("truncated", lineNumber, "no trailer after the last line"))
    }
    const digest = hasher.digest()
    if (digest !== trailer.sha256) return Either.left(corrupt("checksum", trailer.line, ""))
    if (headerProblem !== undefined) return Either.left(headerProblem)
    if (header === undefined) return Either.left(corrupt("header", 1, "no header"))
    if (problem !== undefined) return Either.left(problem)
    for (const table of backupTableNames) {
      if (trailer.counts[table] !== counts[table]) {
        return Either.left(corrupt("counts", trailer.line, `${table}: trailer says ${trailer.counts[table] ?? "nothing"}, file holds ${counts[table]}`))
      }
    }
    if (Object.keys(trailer.counts).length !== backupTableNames.length) return Either.left(corrupt("counts", trailer.line, "unknown tables counted"))
    if (counts.ledger_account_sets !== 1) return Either.left(corrupt("accountSet", trailer.line, "no account set record"))
    return Either.right({ header, counts, sha256: digest, auditHead })
  }

  return { push, failed: () => headerProblem !== undefined || problem !== undefined || (header === undefined && lineNumber > 0), finish }
}

/**
 * How a restore renames the account set: from the id in the file to the id in the
 * target store, and to the target code.
 *
 * @since 0.1.0
 */
export interface BackupRenaming {
  readonly fromId: string
  readonly toId: string
  readonly toCode: string
}

/**
 * Replaces the account set id at the start of an id derived from it: the id itself,
 * `<id>-V<n>` (vouchers) and `<id>:<rest>` (accounts in audit records).
 *
 * @since 0.1.0
 */
export const renameDerivedId = (value: string, renaming: BackupRenaming): string =>
  value === renaming.fromId
    ? renaming.toId
    : value.startsWith(`${renaming.fromId}-`) || value.startsWith(`${renaming.fromId}:`)
    ? renaming.toId + value.slice(renaming.fromId.length)
    : value

const renameCounterScope = (scope: string, renaming: BackupRenaming): string =>
  scope === `ledger:voucher-id:${renaming.fromId}`
    ? `ledger:voucher-id:${renaming.toId}`
    : `ledger:${renaming.toId}${scope.slice(`ledger:${renaming.fromId}`.length)}`

/**
 * A record of a verified file as the restore target stores it: the account set's id
 * and code replaced wherever they appear in keys (ids of vouchers, counter scopes, the
 * audit scope and audit aggregate ids). Text inside audit payloads is history and stays
 * as written.
 *
 * @since 0.1.0
 */
export const renameBackupEntry = (entry: BackupEntry, renaming: BackupRenaming): BackupEntry => {
  if (renaming.fromId === renaming.toId && entry.table !== "ledger_account_sets") return entry
  const row: Record<string, BackupValue> = { ...entry.row }
  if ("account_set_id" in row) row["account_set_id"] = renaming.toId
  switch (entry.table) {
    case "ledger_account_sets":
      row["id"] = renaming.toId
      row["code"] = renaming.toCode
      break
    case "ledger_vouchers":
      row["id"] = renameDerivedId(row["id"] as string, renaming)
      if (row["reversal_of_id"] !== null) row["reversal_of_id"] = renameDerivedId(row["reversal_of_id"] as string, renaming)
      if (row["correction_of_id"] !== null) row["correction_of_id"] = renameDerivedId(row["correction_of_id"] as string, renaming)
      break
    case "ledger_lines":
      row["voucher_id"] = renameDerivedId(row["voucher_id"] as string, renaming)
      break
    case "danju_counters":
      row["scope"] = renameCounterScope(row["scope"] as string, renaming)
      break
    case "danju_audit_log":
      row["scope"] = `ledger:${renaming.toId}`
      row["aggregate_id"] = renameDerivedId(row["aggregate_id"] as string, renaming)
      break
    default:
      break
  }
  return { table: entry.table, row }
}
