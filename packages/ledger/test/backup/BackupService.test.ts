// Proves backup and restore of account sets on every dialect: backup → restore as a new
// code reproduces every stored row (ids renamed) and every report; numbering continues
// without gaps after a restore; restore into an empty store keeps code, id and the
// audit records' hashes; the restored audit chain verifies; a corrupt (one byte
// flipped), truncated (cut anywhere), foreign or newer-version file, an existing code
// or a missing permission fails with its typed error and leaves the database digest
// unchanged; random small books survive the round trip (fast-check); a backup of 20,000
// vouchers reaches the writer in small chunks; every ledger table is carried, the
// library (summaries and voucher templates) included.
import { createHash } from "node:crypto"
import { assert } from "@effect/vitest"
import { Effect, Layer, Stream } from "effect"
import * as fc from "fast-check"
import { AuditLog } from "@danju/core"
import { Database } from "@danju/core/sql"
import { describeEachDialect, migratedDatabase } from "@danju/core/testing"
import type { BackupPage } from "../../src/BackupRepo"
import { BackupRepo } from "../../src/BackupRepo"
import { LedgerBackup } from "../../src/BackupService"
import type { BackupRow, BackupTableName } from "../../src/domain/backup/BackupFormat"
import { backupColumnsOf, backupTableNames, renameBackupEntry } from "../../src/domain/backup/BackupFormat"
import { AccountSetCode } from "../../src/domain/ids"
import type { VoucherInput } from "../../src/domain/Voucher"
import { LedgerRepo } from "../../src/LedgerRepo"
import { LedgerService } from "../../src/LedgerService"
import { LedgerLibrary } from "../../src/LibraryService"
import { ledgerSqlLayer } from "../../src/storage/index"
import { administrator, checker, dec, maker, messAccounts, migrations, voucher } from "../support"

const code = (text: string) => AccountSetCode.make(text)

// ── fixtures ────────────────────────────────────────────────────────────────

const summary = "購買伙食用品"

const buildBooks = (setCode: string) =>
  Effect.gen(function*() {
    const ledger = yield* LedgerService
    const database = yield* Database
    const accountSet = yield* ledger.createAccountSet(administrator, {
      code: code(setCode),
      name: "三連伙食賬",
      codeScheme: [4, 2, 2],
      startPeriod: { fiscalYear: 2026, number: 3 },
      accounts: [...messAccounts, { code: "1122", name: "應收賬款", category: "asset", direction: "debit", dimensionTypes: ["customer"] }]
    })
    yield* ledger.addDimensionValues(administrator, setCode, [{ type: "customer", code: "C01", name: "一連", disabled: false }])
    yield* ledger.setOpeningBalances(administrator, setCode, [
      { accountCode: "1001", balance: dec("500.00") },
      { accountCode: "1002", balance: dec("12000.00") },
      { accountCode: "1122", dimensions: { customer: "C01" }, balance: dec("300.50") },
      { accountCode: "4001", balance: dec("12800.50") }
    ])
    yield* ledger.enableAccountSet(administrator, setCode)
    const made = yield* ledger.recordVouchers(maker, setCode, [
      voucher({ date: "2026-03-02", lines: [
        { summary: "提取現金備用", accountCode: "1001", debit: "2000.00" },
        { summary: "提取現金備用", accountCode: "1002", credit: "2000.00" }
      ] }),
      voucher({ date: "2026-03-05", lines: [
        { summary, accountCode: "4001", debit: "1234.56" },
        { summary, accountCode: "1002", credit: "1234.56" }
      ] }),
      voucher({ date: "2026-03-09", lines: [
        { summary: "一連伙食費欠款", accountCode: "1122", dimensions: { customer: "C01" }, debit: "88.80" },
        { summary: "一連伙食費欠款", accountCode: "4001", credit: "88.80" }
      ] })
    ])
    yield* ledger.auditVouchers(checker, setCode, made.slice(0, 2).map((made) => made.id))
    yield* ledger.postVouchers(checker, setCode, made.slice(0, 2).map((made) => made.id))
    // A red-ink reversal links two vouchers by id; the link must survive renaming.
    yield* ledger.reverseVoucher(maker, setCode, made[1]!.id, "2026-03-10" as VoucherInput["date"])
    // The library: a summary with every optional field, and a template with dimensions
    // saved from a voucher (its lines are stored as JSON).
    const library = yield* LedgerLibrary
    yield* library.addSummary(maker, setCode, { code: "01", text: "購買伙食用品", category: "伙食", mnemonic: "GMHSYP", defaultAccountCode: "4001" })
    yield* library.addSummary(maker, setCode, { code: "02", text: "提取現金備用" })
    yield* library.saveVoucherTemplateFromVoucher(maker, setCode, made[2]!.id, { id: "debt", name: "伙食費欠款", description: "一連" })
    // A period seal, written the way period close stores it.
    yield* database.query("seal for test", (db) =>
      db.insertInto("ledger_period_seals").values({
        account_set_id: accountSet.id, period_key: 202602, closed_at: 1, closed_by: "checker", seal_hash: "f".repeat(64)
      }).execute())
    return accountSet
  })

const backupOf = (setCode: string, actor = administrator) =>
  Effect.gen(function*() {
    const backups = yield* LedgerBackup
    const chunks: Array<string> = []
    const written = yield* backups.backup(actor, setCode, (chunk) => Effect.sync(() => void chunks.push(chunk)))
    return { text: chunks.join(""), chunks, summary: written }
  })

/** The file's lines as the CLI streams them: chunks of any size, split at newlines. */
const linesOf = (text: string) => Stream.fromIterable(text.match(/[\s\S]{1,997}/g) ?? []).pipe(Stream.splitLines)

/** Every row of every carried table of one account set, through the backup port. */
const storedRows = (accountSetId: string) =>
  Effect.gen(function*() {
    const backupRepo = yield* BackupRepo
    const all: Array<{ table: BackupTableName; row: BackupRow }> = []
    for (const table of backupTableNames) {
      let after: BackupRow | undefined
      while (true) {
        const page: BackupPage = yield* backupRepo.readPage(table, accountSetId, after, 1000)
        for (const row of page.rows) all.push({ table, row })
        if (!page.more || page.rows.length === 0) break
        after = page.rows[page.rows.length - 1]
      }
    }
    return all
  })

/** The reports a restore must reproduce, with the account set's code and id left out. */
const reportsOf = (setCode: string) =>
  Effect.gen(function*() {
    const ledger = yield* LedgerService
    const repo = yield* LedgerRepo
    const library = yield* LedgerLibrary
    const accountSet = yield* ledger.getAccountSet(administrator, setCode)
    const posted = yield* ledger.trialBalance(administrator, setCode)
    const all = yield* ledger.trialBalance(administrator, setCode, { includeUnposted: true })
    const vouchers = yield* ledger.listVouchers(administrator, setCode, { limit: 1000 })
    const stripId = (text: string | null) => (text === null ? null : text.replace(`${accountSet.id}-`, "<set>-"))
    return JSON.stringify({
      trialBalance: { ...posted, accountSet: "" },
      trialBalanceWithUnposted: { ...all, accountSet: "" },
      vouchers: vouchers.map((v) => ({ ...v, id: stripId(v.id), accountSetId: "", reversalOfId: stripId(v.reversalOfId) })),
      chart: yield* ledger.chartOf(administrator, setCode),
      openings: yield* repo.listOpenings(accountSet.id),
      balances: [...(yield* repo.balanceRows({ accountSetId: accountSet.id, from: 0, to: 999_999 }))]
        .map((row) => JSON.stringify(row)).sort(),
      accountSet: { ...accountSet, id: "", code: "" },
      summaries: yield* library.listSummaries(administrator, setCode),
      voucherTemplates: yield* library.listVoucherTemplates(administrator, setCode)
    })
  })

/** Row counts and a hash of every ledger and core table: the whole store's state. */
const databaseDigest = Effect.gen(function*() {
  const database = yield* Database
  const tables = [
    ...backupTableNames.filter((table) => table.startsWith("ledger_")),
    "danju_audit_log",
    "danju_audit_heads",
    "danju_counters",
    "danju_idempotency"
  ]
  const hash = createHash("sha256")
  const counts: Record<string, number> = {}
  for (const table of tables) {
    const rows = yield* database.query("digest", (db) => db.selectFrom(table).selectAll().execute())
    counts[table] = rows.length
    const texts = rows.map((row: Record<string, unknown>) =>
      JSON.stringify(Object.keys(row).sort().map((key) => [key, row[key] === null ? null : String(row[key])]))).sort()
    hash.update(`${table}\n${texts.join("\n")}\n`)
  }
  return { counts, hash: hash.digest("hex") }
})

const flipByte = (text: string, position: number) => {
  const bytes = Buffer.from(text, "utf8")
  bytes[position] = bytes[position]! ^ 0x01
  return bytes.toString("utf8")
}

const cutAt = (text: string, position: number) => Buffer.from(text, "utf8").subarray(0, position).toString("utf8")

/** Restores `text` and expects the typed error `tag`; the store must be unchanged. */
const expectRefused = (text: string, tag: string, options: { readonly as?: string } = {}) =>
  Effect.gen(function*() {
    const backups = yield* LedgerBackup
    const before = yield* databaseDigest
    const error = yield* Effect.flip(backups.restore(administrator, linesOf(text), options.as === undefined ? {} : { as: code(options.as) }))
    assert.strictEqual(error._tag, tag, `expected ${tag}, got ${error._tag}: ${error.message}`)
    assert.deepStrictEqual(yield* databaseDigest, before)
    return error
  })

/** The file with header fields replaced and a trailer whose checksum matches again. */
const resealed = (text: string, changes: { readonly version?: number; readonly format?: string }) => {
  const lines = text.split("\n")
  const header = { ...(JSON.parse(lines[0]!) as Record<string, unknown>), ...changes }
  const body = [JSON.stringify(header), ...lines.slice(1, -2)]
  const hash = createHash("sha256")
  for (const line of body) hash.update(line + "\n")
  const trailer = JSON.parse(lines[lines.length - 2]!) as { readonly counts: unknown }
  return `${body.join("\n")}\n${JSON.stringify({ trailer: "danju-ledger-backup", counts: trailer.counts, sha256: hash.digest("hex") })}\n`
}

const positions = (length: number, count: number, seed: number) =>
  fc.sample(fc.integer({ min: 0, max: length - 1 }), { numRuns: count, seed })

describeEachDialect("LedgerBackup", migrations, (it, dialect) => {
  it.effect("round trip: restore as a new code reproduces every row and every report", () =>
    Effect.gen(function*() {
      const backups = yield* LedgerBackup
      const source = yield* buildBooks("trip")
      // Read before the backup, which records itself in the chain after writing the file.
      const sourceRows = yield* storedRows(source.id)
      const { text, summary: written } = yield* backupOf("trip")
      assert.strictEqual(written.counts.ledger_vouchers, 4)
      assert.strictEqual(written.counts.ledger_period_seals, 1)
      assert.strictEqual(written.counts.ledger_summaries, 2)
      assert.strictEqual(written.counts.ledger_voucher_templates, 1)

      const restored = yield* backups.restore(administrator, linesOf(text), { as: code("trip-copy") })
      assert.notStrictEqual(restored.accountSetId, source.id)
      assert.strictEqual(restored.sha256, written.sha256)
      assert.strictEqual(yield* reportsOf("trip-copy"), yield* reportsOf("trip"))

      // Every stored row, renamed, except the audit log (re-chained, see below).
      const renaming = { fromId: source.id, toId: restored.accountSetId, toCode: "trip-copy" }
      const copyRows = yield* storedRows(restored.accountSetId)
      const withoutAudit = (rows: ReadonlyArray<{ table: BackupTableName; row: BackupRow }>) => rows.filter((entry) => entry.table !== "danju_audit_log")
      assert.deepStrictEqual(withoutAudit(copyRows), withoutAudit(sourceRows.map((entry) => renameBackupEntry(entry, renaming))))

      // Audit records: the source's, re-chained under the new scope, then one restore record.
      const content = (row: BackupRow) => ({ ...row, scope: "", aggregate_id: "", previous_hash: "", hash: "" })
      const sourceAudit = sourceRows.filter((entry) => entry.table === "danju_audit_log").map((entry) => renameBackupEntry(entry, renaming).row)
      const copyAudit = copyRows.filter((entry) => entry.table === "danju_audit_log").map((entry) => entry.row)
      assert.strictEqual(copyAudit.length, sourceAudit.length + 1)
      assert.deepStrictEqual(copyAudit.slice(0, -1).map(content), sourceAudit.map(content))
      assert.deepStrictEqual(copyAudit.slice(0, -1).map((row) => row["aggregate_id"]), sourceAudit.map((row) => row["aggregate_id"]))
      const restoreRecord = copyAudit[copyAudit.length - 1]!
      assert.strictEqual(restoreRecord["action"], "restore")
      assert.include(restoreRecord["payload"] as string, written.sha256)
    }))

  it.effect("restored audit chain verifies and verify finds no balance differences", () =>
    Effect.gen(function*() {
      const backups = yield* LedgerBackup
      const ledger = yield* LedgerService
      const auditLog = yield* AuditLog
      yield* buildBooks("chain")
      const { text } = yield* backupOf("chain")
      const restored = yield* backups.restore(administrator, linesOf(text), { as: code("chain-copy") })
      assert.strictEqual(yield* auditLog.verify(`ledger:${restored.accountSetId}`), restored.auditRecords)
      const report = yield* ledger.verify(administrator, "chain-copy")
      assert.deepStrictEqual(report.differences, [])
      assert.strictEqual(report.auditRecords, restored.auditRecords)
    }))

  it.effect("restore as a new code keeps numbering gap-free", () =>
    Effect.gen(function*() {
      const backups = yield* LedgerBackup
      const ledger = yield* LedgerService
      yield* buildBooks("numbers")
      const { text } = yield* backupOf("numbers")
      const restored = yield* backups.restore(administrator, linesOf(text), { as: code("numbers-copy") })
      const next = voucher({ date: "2026-03-20", lines: [
        { summary, accountCode: "4001", debit: "1.00" },
        { summary, accountCode: "1001", credit: "1.00" }
      ] })
      const [inSource] = yield* ledger.recordVouchers(maker, "numbers", [next])
      const [inCopy] = yield* ledger.recordVouchers(maker, "numbers-copy", [next])
      // Four vouchers in March (three made, one reversal): both continue with number 5.
      assert.strictEqual(inSource!.number, 5)
      assert.strictEqual(inCopy!.number, 5)
      assert.strictEqual(inCopy!.id, `${restored.accountSetId}-V5`)
    }))

  it.effect("a number a deleted draft gave back travels with the backup: the copy's next voucher takes it", () =>
    Effect.gen(function*() {
      const backups = yield* LedgerBackup
      const ledger = yield* LedgerService
      yield* buildBooks("gaps")
      const april = (amount: string) => voucher({ date: "2026-04-02", lines: [
        { summary, accountCode: "4001", debit: amount },
        { summary, accountCode: "1001", credit: amount }
      ] })
      const made = yield* ledger.recordVouchers(maker, "gaps", [april("1.00"), april("2.00")])
      yield* ledger.deleteVouchers(maker, "gaps", [made[0]!.id])
      const { text, summary: written } = yield* backupOf("gaps")
      assert.strictEqual(written.counts.ledger_voucher_gaps, 1)
      yield* backups.restore(administrator, linesOf(text), { as: code("gaps-copy") })
      const [inCopy] = yield* ledger.recordVouchers(maker, "gaps-copy", [april("3.00")])
      assert.strictEqual(inCopy!.number, 1)
    }))

  it.effect("restore into an empty store keeps code, id and audit hashes", () =>
    Effect.gen(function*() {
      const auditLog = yield* AuditLog
      const source = yield* buildBooks("empty-store")
      // Read before the backup, which records itself in the chain after writing the file.
      const sourceAudit = yield* auditLog.read({ scope: `ledger:${source.id}`, limit: 1000 })
      const { text } = yield* backupOf("empty-store")
      const sourceReports = yield* reportsOf("empty-store")
      const target = Effect.gen(function*() {
        const backups = yield* LedgerBackup
        const ledger = yield* LedgerService
        const targetAudit = yield* AuditLog
        const restored = yield* backups.restore(administrator, linesOf(text))
        assert.strictEqual(restored.accountSet, "empty-store")
        assert.strictEqual(restored.accountSetId, source.id)
        const records = yield* targetAudit.read({ scope: `ledger:${source.id}`, limit: 1000 })
        assert.deepStrictEqual(records.slice(0, sourceAudit.length), sourceAudit)
        assert.strictEqual(yield* targetAudit.verify(`ledger:${source.id}`), sourceAudit.length + 1)
        assert.strictEqual(yield* reportsOf("empty-store"), sourceReports)
        // Sets created later never collide with the restored id.
        const later = yield* ledger.createAccountSet(administrator, { code: code("later"), name: "新賬套", startPeriod: { fiscalYear: 2026, number: 1 } })
        assert.notStrictEqual(later.id, source.id)
      })
      yield* Effect.provide(target, ledgerSqlLayer().pipe(Layer.provideMerge(migratedDatabase(dialect, migrations)), Layer.orDie))
    }))

  it.effect("an existing code is refused unless restored as a new one", () =>
    Effect.gen(function*() {
      yield* buildBooks("exists")
      yield* buildBooks("exists-too")
      const { text } = yield* backupOf("exists")
      const same = yield* expectRefused(text, "BackupAccountSetExists")
      assert.deepInclude(same, { code: "exists" })
      const taken = yield* expectRefused(text, "BackupAccountSetExists", { as: "exists-too" })
      assert.deepInclude(taken, { code: "exists-too" })
    }))

  it.effect("backup and restore need their permissions", () =>
    Effect.gen(function*() {
      const backups = yield* LedgerBackup
      yield* buildBooks("guarded")
      const denied = yield* Effect.flip(backups.backup(maker, "guarded", () => Effect.void))
      assert.strictEqual(denied._tag, "PermissionDenied")
      // The supervisor may back up but not restore.
      const { text } = yield* backupOf("guarded", checker)
      const before = yield* databaseDigest
      const refused = yield* Effect.flip(backups.restore(checker, linesOf(text), { as: code("guarded-copy") }))
      assert.strictEqual(refused._tag, "PermissionDenied")
      assert.deepStrictEqual(yield* databaseDigest, before)
    }))

  it.effect("a corrupt file (one byte flipped) changes nothing", () =>
    Effect.gen(function*() {
      yield* buildBooks("flipped")
      const { text } = yield* backupOf("flipped")
      const length = Buffer.byteLength(text, "utf8")
      // The first and last bytes, inside the header and the trailer, and random ones.
      for (const position of [0, 5, length - 2, length - 40, ...positions(length, 12, 42)]) {
        yield* expectRefused(flipByte(text, position), "BackupCorrupt", { as: "flipped-copy" })
      }
    }))

  it.effect("a truncated file (cut anywhere) changes nothing", () =>
    Effect.gen(function*() {
      yield* buildBooks("cut")
      const { text } = yield* backupOf("cut")
      const length = Buffer.byteLength(text, "utf8")
      for (const position of [0, 1, 20, length - 2, ...positions(length - 2, 12, 7)]) {
        const error = yield* expectRefused(cutAt(text, position), "BackupCorrupt", { as: "cut-copy" })
        assert.deepInclude(error, { reason: "truncated" })
      }
    }))

  it.effect("a foreign file or a newer format version changes nothing", () =>
    Effect.gen(function*() {
      yield* buildBooks("foreign")
      const { text } = yield* backupOf("foreign")
      const foreign = [
        "{\"hello\":\"world\"}\n{\"trailer\":true}\n",
        "2026-03-01 opening balances\n    assets:cash  500.00 CNY\n    equity:opening\n",
        "date,account,amount\n2026-03-01,1001,500.00\n",
        "\u0000\u0001\u0002binary\n",
        ...fc.sample(fc.json(), { numRuns: 5, seed: 3 }).map((json) => `${json}\n`).filter((json) => !json.startsWith("{\"format\":\"danju-"))
      ]
      for (const file of foreign) yield* expectRefused(file, "BackupForeign", { as: "foreign-copy" })
      // A file a newer Danju wrote, and one of another Danju package: true checksums.
      const newer = yield* expectRefused(resealed(text, { version: 2 }), "BackupFormatUnsupported", { as: "foreign-copy" })
      assert.deepInclude(newer, { format: "danju-ledger-backup", version: 2 })
      const grain = yield* expectRefused(resealed(text, { format: "danju-grain-backup" }), "BackupFormatUnsupported", { as: "foreign-copy" })
      assert.deepInclude(grain, { format: "danju-grain-backup", version: 1 })
    }))

  let propertyRun = 0
  const pairs = [["1001", "1002"], ["1002", "1001"], ["4001", "1001"], ["1001", "4001"], ["1002", "4001"], ["4001", "1002"]] as const
  const movement = fc.record({
    day: fc.integer({ min: 1, max: 28 }),
    cents: fc.integer({ min: 1, max: 99_999_999 }),
    pair: fc.constantFrom(...pairs),
    posted: fc.boolean()
  })
  it.effect.prop("random small books: backup → restore → same trial balance", [fc.array(movement, { maxLength: 8 })], ([movements]) =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      const backups = yield* LedgerBackup
      propertyRun += 1
      const setCode = `random-${propertyRun}`
      yield* ledger.createAccountSet(administrator, {
        code: code(setCode), name: "隨機賬套", codeScheme: [4, 2, 2], startPeriod: { fiscalYear: 2026, number: 3 }, accounts: messAccounts
      })
      yield* ledger.enableAccountSet(administrator, setCode)
      const amount = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`
      const made = movements.length === 0 ? [] : yield* ledger.recordVouchers(maker, setCode, movements.map((m) =>
        voucher({ date: `2026-03-${String(m.day).padStart(2, "0")}`, lines: [
          { summary, accountCode: m.pair[0], debit: amount(m.cents) },
          { summary, accountCode: m.pair[1], credit: amount(m.cents) }
        ] })))
      const toPost = made.filter((_, index) => movements[index]!.posted).map((v) => v.id)
      if (toPost.length > 0) {
        yield* ledger.auditVouchers(checker, setCode, toPost)
        yield* ledger.postVouchers(checker, setCode, toPost)
      }
      const { text } = yield* backupOf(setCode)
      yield* backups.restore(administrator, linesOf(text), { as: code(`${setCode}-copy`) })
      assert.strictEqual(yield* reportsOf(`${setCode}-copy`), yield* reportsOf(setCode))
    }), { fastCheck: { numRuns: 10 } })

  if (dialect === "sqlite") {
    it.effect("carries every ledger table and every column", () =>
      Effect.gen(function*() {
        const database = yield* Database
        const tables = yield* database.query("list tables", (db) => db.introspection.getTables())
        const ledgerTables = tables.filter((table) => table.name.startsWith("ledger_"))
        assert.isAbove(ledgerTables.length, 0)
        for (const table of ledgerTables) {
          assert.include(backupTableNames as ReadonlyArray<string>, table.name, `${table.name} is not carried by backups`)
          const columns = table.columns.map((column) => column.name).filter((name) => name !== "chart_version").sort()
          assert.deepStrictEqual(columns, [...backupColumnsOf(table.name as BackupTableName)].sort(), `columns of ${table.name}`)
        }
      }))
  }

  it.effect("a backup of 20,000 vouchers reaches the writer in small chunks and restores", () =>
    Effect.gen(function*() {
      const ledger = yield* LedgerService
      const backups = yield* LedgerBackup
      yield* ledger.createAccountSet(administrator, {
        code: code("large"), name: "大賬套", codeScheme: [4, 2, 2], startPeriod: { fiscalYear: 2026, number: 3 }, accounts: messAccounts
      })
      yield* ledger.enableAccountSet(administrator, "large")
      const one = voucher({ date: "2026-03-15", lines: [
        { summary, accountCode: "4001", debit: "12.34" },
        { summary, accountCode: "1001", credit: "12.34" }
      ] })
      for (let batch = 0; batch < 2; batch++) {
        yield* ledger.recordVouchers(administrator, "large", Array.from({ length: 10_000 }, () => one), { status: "posted" })
      }
      let largest = 0
      let chunks = 0
      const text: Array<string> = []
      const written = yield* backups.backup(administrator, "large", (chunk) =>
        Effect.sync(() => {
          largest = Math.max(largest, Buffer.byteLength(chunk, "utf8"))
          chunks += 1
          text.push(chunk)
        }))
      assert.strictEqual(written.counts.ledger_vouchers, 20_000)
      assert.strictEqual(written.counts.ledger_lines, 40_000)
      assert.isAbove(chunks, 100)
      assert.isAtMost(largest, 1_048_576)
      const lines = Stream.fromIterable(text).pipe(Stream.splitLines)
      const manifest = yield* backups.inspect(lines)
      assert.strictEqual(manifest.sha256, written.sha256)
      // And the bulk writes of a restore at that size.
      yield* backups.restore(administrator, lines, { as: code("large-copy") })
      const trialBalance = (setCode: string) => Effect.map(ledger.trialBalance(administrator, setCode), (report) => JSON.stringify(report.rows))
      assert.strictEqual(yield* trialBalance("large-copy"), yield* trialBalance("large"))
    }), { timeout: 300_000 })
}, () => ledgerSqlLayer())
