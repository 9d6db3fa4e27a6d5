/**
 * Proves `danju audit verify` as a real process (dist/bin.js) over a SQLite file with the
 * demo books: an untouched database verifies every scope with exit code 0 and a JSON
 * summary; each kind of tampering with stored audit rows — an edited payload, a deleted
 * middle row, a deleted last row, two rows reordered, a record forged at the end with a
 * correctly computed hash, a chain forged under a new scope — fails with exit code 1 and
 * a message naming the scope and the sequence number; `--scope` verifies one scope only.
 */
import { spawnSync } from "node:child_process"
import { copyFileSync, existsSync, mkdtempSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { hashAuditRecord } from "@danju/core"
import { assert, beforeAll, describe, it } from "vitest"
import { inCi } from "../support"

// better-sqlite3's types are a dev dependency of @danju/core only: the few calls the
// tampering needs are declared here.
interface RawDatabase {
  prepare(sql: string): { run(...parameters: ReadonlyArray<unknown>): unknown; get(...parameters: ReadonlyArray<unknown>): unknown }
  transaction(run: () => void): () => void
  close(): void
}
const Sqlite = createRequire(import.meta.url)("better-sqlite3") as new (file: string) => RawDatabase

const binPath = fileURLToPath(new URL("../../dist/bin.js", import.meta.url))
const built = existsSync(binPath)

const run = (args: ReadonlyArray<string>) =>
  spawnSync(process.execPath, [binPath, ...args], { encoding: "utf8", env: { ...process.env, DATABASE_URL: "" }, timeout: 120_000 })

interface Row {
  scope: string
  sequence: number
  at: number
  actor: string
  aggregate: string
  aggregate_id: string
  action: string
  from_state: string | null
  to_state: string | null
  payload: string
  previous_hash: string
  hash: string
}

describe.skipIf(!built && !inCi)("danju audit verify (needs pnpm build)", () => {
  const directory = mkdtempSync(join(tmpdir(), "danju-audit-cli-"))
  const original = join(directory, "original.db")
  let scope = ""
  let length = 0
  let copies = 0

  /** A copy of the demo database, changed by `change` through a raw connection. */
  const tampered = (change: (db: RawDatabase) => void) => {
    copies += 1
    const file = join(directory, `copy-${copies}.db`)
    copyFileSync(original, file)
    const db = new Sqlite(file)
    try {
      change(db)
    } finally {
      db.close()
    }
    return `sqlite:${file}`
  }

  const rowAt = (db: RawDatabase, sequence: number) =>
    db.prepare("select * from danju_audit_log where scope = ? and sequence = ?").get(scope, sequence) as Row

  const expectBroken = (url: string, sequence: number, args: ReadonlyArray<string> = []) => {
    const result = run(["audit", "verify", "--db", url, ...args])
    assert.strictEqual(result.status, 1, result.stdout + result.stderr)
    assert.include(result.stderr, `audit log of ${scope} fails verification at record ${sequence}:`)
    assert.notInclude(result.stderr, "    at ")
    return JSON.parse(result.stdout) as { intact: boolean; broken: Array<{ scope: string; sequence: number; fault: string }> }
  }

  beforeAll(() => {
    const seeded = run(["demo", "--db", `sqlite:${original}`])
    assert.strictEqual(seeded.status, 0, seeded.stderr)
    const db = new Sqlite(original)
    const longest = db.prepare("select scope, count(*) as records from danju_audit_log group by scope order by records desc limit 1").get() as { scope: string; records: number }
    db.close()
    scope = longest.scope
    length = longest.records
    assert.isAtLeast(length, 6)
  })

  it("an untouched database verifies every scope with exit code 0", () => {
    const result = run(["audit", "verify", "--db", `sqlite:${original}`])
    assert.strictEqual(result.status, 0, result.stderr)
    const summary = JSON.parse(result.stdout) as { intact: boolean; scopes: Array<{ scope: string; records: number }>; broken: Array<unknown> }
    assert.isTrue(summary.intact)
    assert.deepStrictEqual(summary.broken, [])
    assert.isAtLeast(summary.scopes.length, 2)
    assert.deepInclude(summary.scopes, { scope, records: length })
    const one = run(["audit", "verify", "--db", `sqlite:${original}`, "--scope", scope])
    assert.strictEqual(one.status, 0, one.stderr)
    assert.deepStrictEqual(JSON.parse(one.stdout).scopes, [{ scope, records: length }])
  })

  it("finds an edited payload", () => {
    const url = tampered((db) => {
      db.prepare("update danju_audit_log set payload = ? where scope = ? and sequence = 3").run(JSON.stringify({ total: "0.01" }), scope)
    })
    const summary = expectBroken(url, 3)
    assert.deepStrictEqual(summary.broken.map((broken) => [broken.scope, broken.sequence, broken.fault]), [[scope, 3, "hashMismatch"]])
    assert.isFalse(summary.intact)
  })

  it("finds a deleted middle row", () => {
    const url = tampered((db) => {
      db.prepare("delete from danju_audit_log where scope = ? and sequence = 3").run(scope)
    })
    expectBroken(url, 4)
  })

  it("finds a deleted last row", () => {
    const url = tampered((db) => {
      db.prepare("delete from danju_audit_log where scope = ? and sequence = ?").run(scope, length)
    })
    const summary = expectBroken(url, length)
    assert.strictEqual(summary.broken[0]!.fault, "headMismatch")
  })

  it("finds two rows swapped", () => {
    const url = tampered((db) => {
      const swap = db.prepare("update danju_audit_log set sequence = ? where scope = ? and sequence = ?")
      db.transaction(() => {
        swap.run(-1, scope, 2)
        swap.run(2, scope, 3)
        swap.run(3, scope, -1)
      })()
    })
    expectBroken(url, 2)
  })

  it("finds a record forged at the end with a correctly computed hash", () => {
    const url = tampered((db) => {
      const last = rowAt(db, length)
      const forged = {
        scope,
        sequence: length + 1,
        at: last.at + 1,
        actor: "intruder",
        aggregate: "ledger.voucher",
        aggregateId: "S1-V999",
        action: "post",
        fromState: "audited",
        toState: "posted",
        payload: { word: "記", number: 999 },
        previousHash: last.hash
      }
      db.prepare(`insert into danju_audit_log (scope, sequence, at, actor, aggregate, aggregate_id, action, from_state, to_state, payload, previous_hash, hash)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
        scope, forged.sequence, forged.at, forged.actor, forged.aggregate, forged.aggregateId, forged.action, forged.fromState,
        forged.toState, JSON.stringify(forged.payload), forged.previousHash, hashAuditRecord(forged)
      )
    })
    const summary = expectBroken(url, length + 1)
    assert.strictEqual(summary.broken[0]!.fault, "headMismatch")
  })

  it("finds a chain forged under a scope Danju never wrote, and --scope limits the check", () => {
    const url = tampered((db) => {
      const first = rowAt(db, 1)
      db.prepare(`insert into danju_audit_log (scope, sequence, at, actor, aggregate, aggregate_id, action, from_state, to_state, payload, previous_hash, hash)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
        "ledger:S99", 1, first.at, first.actor, first.aggregate, first.aggregate_id, first.action, first.from_state, first.to_state,
        first.payload, first.previous_hash, first.hash
      )
    })
    const result = run(["audit", "verify", "--db", url])
    assert.strictEqual(result.status, 1, result.stdout)
    assert.include(result.stderr, "audit log of ledger:S99 fails verification at record 1:")
    const other = run(["audit", "verify", "--db", url, "--scope", scope])
    assert.strictEqual(other.status, 0, other.stderr)
  })

  it("an unknown --scope is refused, not reported as verified", () => {
    const result = run(["audit", "verify", "--db", `sqlite:${original}`, "--scope", "ledger:nothing"])
    assert.strictEqual(result.status, 1)
    assert.include(result.stderr, "danju: audit scope \"ledger:nothing\" has no records")
  })
})
