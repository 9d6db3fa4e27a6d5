import { Schema } from "effect"

// The ways a backup file can be refused, and the one way a restore target can be.
// Reading decides which error a file earns only after seeing all of it (see
// `makeBackupReader`), so a damaged file is always reported the same way wherever the
// damage lies, and nothing is ever written before the whole file has been checked.

/** Longest excerpt of a foreign file's first line kept in {@link BackupForeign}. */
const excerptLengthMax = 80

/**
 * Cuts a line to the excerpt kept in {@link BackupForeign}.
 *
 * @since 0.1.0
 */
export const backupExcerpt = (text: string): string =>
  text.length > excerptLengthMax ? text.slice(0, excerptLengthMax) + "…" : text

/**
 * What is wrong with a damaged backup file, in the order the reader reports them:
 *
 * - `truncated`: the file is empty or ends before its trailer (cut short);
 * - `checksum`: the SHA-256 in the trailer does not match the content (a byte changed);
 * - `header`: the first line starts like a Danju backup header but cannot be read;
 * - `lineTooLong`: a line exceeds `Limits.backupLineLengthMax`;
 * - `syntax`: a line is not a JSON record `{"table":…,"row":…}`;
 * - `table`: an unknown table, or tables out of their fixed order;
 * - `column`: a row lacks a column, has an extra one, or a value of the wrong kind;
 * - `accountSet`: a row belongs to another account set than the header names, or the
 *   account set row is missing or repeated;
 * - `audit`: the audit records do not link up (sequence gap or broken previous hash);
 * - `afterTrailer`: more data follows the trailer;
 * - `counts`: the trailer's row counts differ from the rows present;
 * - `changed`: the file changed between verification and the restore's second read.
 *
 * @since 0.1.0
 */
export const BackupCorruptReason = Schema.Literal(
  "truncated",
  "checksum",
  "header",
  "lineTooLong",
  "syntax",
  "table",
  "column",
  "accountSet",
  "audit",
  "afterTrailer",
  "counts",
  "changed"
)

/** @since 0.1.0 */
export type BackupCorruptReason = typeof BackupCorruptReason.Type

/**
 * A Danju ledger backup that is damaged: truncated, changed after it was written, or
 * malformed. `line` is the 1-based line where the damage shows (the trailer's line for
 * a checksum mismatch). Restore writes nothing.
 *
 * @since 0.1.0
 */
export class BackupCorrupt extends Schema.TaggedError<BackupCorrupt>()("BackupCorrupt", {
  reason: BackupCorruptReason,
  line: Schema.Int,
  detail: Schema.String
}) {
  override get message(): string {
    const what = {
      truncated: "the file is cut short",
      checksum: "the SHA-256 checksum does not match the content (the file was changed or damaged)",
      header: "the header line cannot be read",
      lineTooLong: "a line is longer than any backup writes",
      syntax: "a line is not a backup record",
      table: "a record names an unknown table or is out of order",
      column: "a record has missing, extra or ill-typed columns",
      accountSet: "a record does not belong to the backed-up account set",
      audit: "the audit records do not form one chain",
      afterTrailer: "data follows the trailer",
      counts: "the trailer's record counts do not match the records",
      changed: "the file changed between verification and restore"
    }[this.reason]
    return `backup file is corrupt at line ${this.line}: ${what}${this.detail === "" ? "" : ` (${this.detail})`}; nothing was restored`
  }
}

/**
 * The file is not a Danju backup at all: its first line is not a Danju backup header.
 *
 * @since 0.1.0
 */
export class BackupForeign extends Schema.TaggedError<BackupForeign>()("BackupForeign", {
  /** The file's first line, cut to 80 characters. */
  firstLine: Schema.String
}) {
  override get message(): string {
    return `not a Danju ledger backup: the first line ${JSON.stringify(this.firstLine)} is not a backup header; nothing was restored`
  }
}

/**
 * A Danju backup of another kind (`danju-grain-backup` …) or of a format version this
 * Danju does not read (written by a newer Danju).
 *
 * @since 0.1.0
 */
export class BackupFormatUnsupported extends Schema.TaggedError<BackupFormatUnsupported>()("BackupFormatUnsupported", {
  format: Schema.String,
  version: Schema.Number,
  /** The versions of `danju-ledger-backup` this Danju reads. */
  supported: Schema.Array(Schema.Number)
}) {
  override get message(): string {
    return `backup format ${this.format} version ${this.version} is not supported: this Danju restores danju-ledger-backup version ${
      this.supported.join(", ")
    }; nothing was restored`
  }
}

/**
 * The account set code a restore would create exists already in the target store.
 * Restore under another code (`--as <new code>`) instead.
 *
 * @since 0.1.0
 */
export class BackupAccountSetExists extends Schema.TaggedError<BackupAccountSetExists>()("BackupAccountSetExists", {
  code: Schema.String
}) {
  override get message(): string {
    return `account set ${this.code} exists already; restore the backup under a new code (--as <new code>); nothing was restored`
  }
}

/**
 * Every way reading a backup file can fail.
 *
 * @since 0.1.0
 */
export type BackupFileError = BackupCorrupt | BackupForeign | BackupFormatUnsupported
