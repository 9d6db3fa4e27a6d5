// Proves the pure backup file format: a file written with the encoders reads back as
// its manifest; every kind of damage earns its typed error whatever else is wrong
// (checksum mismatch beats everything, a file without trailer is foreign or truncated);
// records are checked column by column and against the header's account set; renaming
// a set rewrites exactly the ids derived from it; the written Danju version is the
// package's.
import { readFileSync } from "node:fs"
import { createHash } from "node:crypto"
import { assert, describe, it } from "@effect/vitest"
import { Either } from "effect"
import { GENESIS_HASH } from "@danju/core"
import type { BackupFileError } from "../../src/domain/backup/BackupErrors"
import type { BackupHasher, BackupManifest, BackupRow, BackupTableName } from "../../src/domain/backup/BackupFormat"
import {
  danjuLedgerVersion,
  emptyBackupCounts,
  encodeBackupHeader,
  encodeBackupRecord,
  encodeBackupTrailer,
  makeBackupReader,
  renameBackupEntry,
  renameDerivedId
} from "../../src/domain/backup/BackupFormat"

const hasher = (): BackupHasher => {
  const hash = createHash("sha256")
  return { update: (text) => hash.update(text, "utf8"), digest: () => hash.digest("hex") }
}

const header = { accountSet: "mess", accountSetId: "S1", organisationId: "org-1", createdAt: "2026-03-31T00:00:00.000Z", danjuVersion: "0.1.0" }

const accountSetRow: BackupRow = {
  id: "S1", code: "mess", organisation_id: "org-1", name: "伙食賬", base_currency: "CNY", currency_scale: 2,
  code_scheme: "[4,2,2]", calendar: "{}", start_year: 2026, start_period: 3, status: "enabled", options: "{}",
  last_closed_year: null, last_closed_fiscal_year: null, last_closed_period: null, created_at: 0
}

const auditRow = (sequence: number, previousHash: string): BackupRow => ({
  scope: "ledger:S1", sequence, at: 0, actor: "admin", aggregate: "ledger.accountSet", aggregate_id: "S1", action: "create",
  from_state: null, to_state: "initializing", payload: "{\"code\":\"mess\"}", previous_hash: previousHash, hash: `${sequence}`.padStart(64, "a")
})

/** Writes a file: header, records, trailer with the true checksum (unless overridden). */
const writeFile = (
  records: ReadonlyArray<{ readonly table: BackupTableName; readonly row: BackupRow }>,
  options: { readonly version?: number; readonly counts?: Record<BackupTableName, number>; readonly sha256?: string } = {}
): Array<string> => {
  const hash = hasher()
  const lines = [encodeBackupHeader({ ...header, ...(options.version === undefined ? {} : { version: options.version }) })]
  const counts = emptyBackupCounts()
  for (const record of records) {
    lines.push(encodeBackupRecord(record.table, record.row))
    counts[record.table] += 1
  }
  for (const line of lines) hash.update(line + "\n")
  lines.push(encodeBackupTrailer(options.counts ?? counts, options.sha256 ?? hash.digest()))
  return lines
}

const goodRecords = [
  { table: "ledger_account_sets", row: accountSetRow },
  { table: "ledger_accounts", row: {
    account_set_id: "S1", code: "1001", name: "庫存現金", parent_code: null, level: 1, category: "asset", direction: "debit",
    dimension_types: "[]", quantity_unit: null, foreign_currency: null, revalue: false, is_cash: true, is_bank: false, disabled: false, leaf: true
  } },
  { table: "ledger_openings", row: {
    account_set_id: "S1", account_code: "1001", dimension_key: "", commodity: "CNY", balance: "500.00", year_to_date_debit: "0", year_to_date_credit: "0"
  } },
  { table: "danju_counters", row: { scope: "ledger:voucher-id:S1", value: 3 } },
  { table: "danju_audit_log", row: auditRow(1, GENESIS_HASH) },
  { table: "danju_audit_log", row: auditRow(2, "1".padStart(64, "a")) }
] as const satisfies ReadonlyArray<{ table: BackupTableName; row: BackupRow }>

const read = (lines: ReadonlyArray<string>): Either.Either<BackupManifest, BackupFileError> => {
  const reader = makeBackupReader(hasher())
  for (const line of lines) reader.push(line)
  return reader.finish()
}

const failure = (lines: ReadonlyArray<string>) => {
  const result = read(lines)
  assert.isTrue(Either.isLeft(result), "expected the file to be refused")
  return (result as Either.Left<BackupFileError, BackupManifest>).left
}

const withRow = (table: BackupTableName, row: BackupRow) =>
  goodRecords.map((record) => (record.table === table ? { table, row } : record))

describe("BackupFormat", () => {
  it("reads back what the encoders wrote", () => {
    const result = read([...writeFile(goodRecords), ""])
    assert.isTrue(Either.isRight(result))
    const manifest = (result as Either.Right<BackupFileError, BackupManifest>).right
    assert.strictEqual(manifest.header.accountSet, "mess")
    assert.strictEqual(manifest.counts.ledger_accounts, 1)
    assert.strictEqual(manifest.counts.danju_audit_log, 2)
    assert.deepStrictEqual(manifest.auditHead, { sequence: 2, hash: "2".padStart(64, "a") })
  })

  it("reports an empty file, a cut header and a missing trailer as truncated", () => {
    for (const lines of [[], [""], ["{\"form"], writeFile(goodRecords).slice(0, 3), [...writeFile(goodRecords).slice(0, -1), "{\"trailer\":\"danju-led"]]) {
      const error = failure(lines)
      assert.strictEqual(error._tag, "BackupCorrupt")
      assert.strictEqual(error._tag === "BackupCorrupt" && error.reason, "truncated")
    }
  })

  it("reports a file that is not a Danju backup as foreign", () => {
    for (const lines of [["{\"hello\":1}", "{\"trailer\":1}"], ["2026-03-01 opening", "  assets:cash  500 CNY"], ["date,amount", "2026-03-01,1"]]) {
      const error = failure(lines)
      assert.strictEqual(error._tag, "BackupForeign")
    }
  })

  it("reports another format or a newer version as unsupported", () => {
    const newer = failure(writeFile(goodRecords, { version: 2 }))
    assert.deepInclude(newer, { _tag: "BackupFormatUnsupported", format: "danju-ledger-backup", version: 2 })
    const grain = failure(["{\"format\":\"danju-grain-backup\",\"version\":1}"])
    assert.deepInclude(grain, { _tag: "BackupFormatUnsupported", format: "danju-grain-backup", version: 1 })
  })

  it("lets a checksum mismatch win over every other problem", () => {
    const lines = writeFile(goodRecords)
    // A changed header would read as foreign; with its trailer intact it is corrupt.
    const error = failure(["x" + lines[0]!.slice(1), ...lines.slice(1)])
    assert.deepInclude(error, { _tag: "BackupCorrupt", reason: "checksum", line: lines.length })
    const amount = failure(lines.map((line) => line.replace("500.00", "500.01")))
    assert.deepInclude(amount, { _tag: "BackupCorrupt", reason: "checksum" })
  })

  // Each case replaces the third record (the opening) with a damaged line and seals the
  // file with a true checksum, so only the record check can catch it.
  const opening = goodRecords[2].row
  it.each([
    { reason: "syntax", line: "not json" },
    { reason: "table", line: encodeBackupRecord("ledger_openings", opening).replace("ledger_openings", "ledger_secrets") },
    { reason: "column", line: encodeBackupRecord("ledger_openings", { ...opening, balance: 500 }) },
    { reason: "column", line: JSON.stringify({ table: "ledger_openings", row: { ...opening, extra: 1 } }) },
    { reason: "accountSet", line: encodeBackupRecord("ledger_openings", { ...opening, account_set_id: "S2" }) },
    { reason: "accountSet", line: encodeBackupRecord("danju_counters", { scope: "ledger:voucher-id:S10", value: 1 }) }
  ] as const)("refuses a record with a $reason problem even under a true checksum", ({ line, reason }) => {
    const lines = writeFile(goodRecords).slice(0, -1)
    lines[3] = line
    const hash = hasher()
    for (const text of lines) hash.update(text + "\n")
    const counts = emptyBackupCounts()
    for (const record of goodRecords) counts[record.table] += 1
    const error = failure([...lines, encodeBackupTrailer(counts, hash.digest())])
    assert.deepInclude(error, { _tag: "BackupCorrupt", reason, line: 4 })
  })

  it("refuses tables out of order, a broken audit link, wrong counts and data after the trailer", () => {
    const swapped = [goodRecords[0], goodRecords[2], goodRecords[1]]
    assert.deepInclude(failure(writeFile(swapped)), { _tag: "BackupCorrupt", reason: "table", line: 4 })
    const unlinked = withRow("danju_audit_log", auditRow(2, GENESIS_HASH))
    assert.deepInclude(failure(writeFile(unlinked)), { _tag: "BackupCorrupt", reason: "audit" })
    const counts = { ...emptyBackupCounts(), ledger_account_sets: 1, ledger_accounts: 2 }
    assert.deepInclude(failure(writeFile(goodRecords, { counts })), { _tag: "BackupCorrupt", reason: "counts" })
    assert.deepInclude(failure([...writeFile(goodRecords), "", "more"]), { _tag: "BackupCorrupt", reason: "afterTrailer" })
    const noAccountSet = writeFile(goodRecords.slice(1))
    assert.deepInclude(failure(noAccountSet), { _tag: "BackupCorrupt", reason: "accountSet", line: 2 })
  })

  it("renames exactly the ids derived from the account set", () => {
    const renaming = { fromId: "S1", toId: "S7", toCode: "copy" }
    assert.strictEqual(renameDerivedId("S1", renaming), "S7")
    assert.strictEqual(renameDerivedId("S1-V12", renaming), "S7-V12")
    assert.strictEqual(renameDerivedId("S1:1001", renaming), "S7:1001")
    assert.strictEqual(renameDerivedId("S10-V1", renaming), "S10-V1")
    assert.deepInclude(renameBackupEntry({ table: "ledger_account_sets", row: accountSetRow }, renaming).row, { id: "S7", code: "copy" })
    assert.deepInclude(renameBackupEntry({ table: "danju_counters", row: { scope: "ledger:S1:2026-3:記", value: 4 } }, renaming).row, { scope: "ledger:S7:2026-3:記" })
    assert.deepInclude(renameBackupEntry({ table: "danju_counters", row: { scope: "ledger:voucher-id:S1", value: 4 } }, renaming).row, { scope: "ledger:voucher-id:S7" })
    const audit = renameBackupEntry({ table: "danju_audit_log", row: auditRow(1, GENESIS_HASH) }, renaming).row
    assert.deepInclude(audit, { scope: "ledger:S7", aggregate_id: "S7", payload: "{\"code\":\"mess\"}" })
    const voucher = renameBackupEntry({ table: "ledger_lines", row: { voucher_id: "S1-V3", account_set_id: "S1" } }, renaming).row
    assert.deepStrictEqual(voucher, { voucher_id: "S7-V3", account_set_id: "S7" })
  })

  it("writes the package's version into headers", () => {
    const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
    assert.strictEqual(danjuLedgerVersion, manifest.version)
  })
})
