// Proves the transaction helper's failure handling: retryable failures (serialization,
// deadlock, busy) re-run the whole body a bounded number of times, other failures are
// not retried; two connections writing one SQLite file queue on BEGIN IMMEDIATE and the
// busy timeout instead of failing; database URLs parse or fail with a typed error.
import { assert, describe, it } from "@effect/vitest"
import { spawn } from "node:child_process"
import { mkdtempSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Exit } from "effect"
import { sql } from "kysely"
import { Limits } from "../../src/Limits"
import { Database, DatabaseLive, openSqlite, parseDatabaseUrl, SqlError } from "../../src/sql/index"

const require = createRequire(import.meta.url)

const retryable = new SqlError({ reason: "serialization", operation: "test", code: "40001", detail: "could not serialize access" })
const constraint = new SqlError({ reason: "constraint", operation: "test", code: "23505", detail: "duplicate key" })

describe("withTransaction retries", () => {
  it.scopedLive("re-runs the whole body after a serialization failure", () =>
    Effect.gen(function*() {
      const database = yield* openSqlite({ path: ":memory:" })
      let attempts = 0
      const result = yield* database.withTransaction(Effect.suspend(() => {
        attempts += 1
        return attempts < 3 ? Effect.fail(retryable) : Effect.succeed("done")
      }))
      assert.strictEqual(result, "done")
      assert.strictEqual(attempts, 3)
    }))

  it.scopedLive("gives up after Limits.transactionRetriesMax retries", () =>
    Effect.gen(function*() {
      const database = yield* openSqlite({ path: ":memory:" })
      let attempts = 0
      const exit = yield* Effect.exit(database.withTransaction(Effect.suspend(() => {
        attempts += 1
        return Effect.fail(retryable)
      })))
      assert.isTrue(Exit.isFailure(exit))
      assert.strictEqual(attempts, Limits.transactionRetriesMax + 1)
    }), { timeout: 30_000 })

  it.scopedLive("never retries a constraint violation or a business failure", () =>
    Effect.gen(function*() {
      const database = yield* openSqlite({ path: ":memory:" })
      let attempts = 0
      yield* Effect.flip(database.withTransaction(Effect.suspend(() => {
        attempts += 1
        return Effect.fail(constraint)
      })))
      yield* Effect.flip(database.withTransaction(Effect.suspend(() => {
        attempts += 1
        return Effect.fail("VoucherUnbalanced" as const)
      })))
      assert.strictEqual(attempts, 2)
    }))
})

describe("SQLite connection setup", () => {
  it.scopedLive("gives the connection the page cache of Limits.sqliteCacheKibibytes, or the one asked for", () =>
    Effect.gen(function*() {
      const directory = mkdtempSync(join(tmpdir(), "danju-sqlite-"))
      const cacheOf = (database: Database["Type"]) =>
        database.query("read cache_size", (db) => sql<{ cache_size: number }>`pragma cache_size`.execute(db))
      const standard = yield* openSqlite({ path: join(directory, "standard.db") })
      assert.deepStrictEqual((yield* cacheOf(standard)).rows[0]?.cache_size, -Limits.sqliteCacheKibibytes)
      const small = yield* openSqlite({ path: join(directory, "small.db"), cacheKibibytes: 4096 })
      assert.deepStrictEqual((yield* cacheOf(small)).rows[0]?.cache_size, -4096)
      const journalMode = yield* standard.query("read journal_mode", (db) => sql<{ journal_mode: string }>`pragma journal_mode`.execute(db))
      assert.strictEqual(journalMode.rows[0]?.journal_mode, "wal")
    }))
})

describe("SQLite file shared by two processes", () => {
  it.scopedLive("queues a writer behind another process's write transaction instead of failing", () =>
    Effect.gen(function*() {
      const file = join(mkdtempSync(join(tmpdir(), "danju-sqlite-")), "shared.db")
      const database = yield* openSqlite({ path: file })
      yield* database.query("create", (db) => db.schema.createTable("items").addColumn("id", "integer").execute())
      // Another process takes the write lock, writes, holds it for 400 ms, then commits.
      const holder = spawn(process.execPath, ["-e", `
        const Database = require(${JSON.stringify(require.resolve("better-sqlite3"))})
        const db = new Database(${JSON.stringify(file)})
        db.pragma("busy_timeout = 5000")
        db.exec("begin immediate")
        db.prepare("insert into items (id) values (1)").run()
        process.stdout.write("locked\\n")
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 400)
        db.exec("commit")
        db.close()
      `], { stdio: ["ignore", "pipe", "inherit"] })
      yield* Effect.async<void>((resume) => {
        holder.stdout.once("data", () => resume(Effect.void))
      })
      yield* database.withTransaction(database.query("insert 2", (db) => db.insertInto("items").values({ id: 2 }).execute()))
      yield* Effect.async<void>((resume) => {
        if (holder.exitCode !== null) resume(Effect.void)
        else holder.once("exit", () => resume(Effect.void))
      })
      const rows = yield* database.query("read", (db) => db.selectFrom("items").select("id").orderBy("rowid").execute())
      assert.deepStrictEqual(rows.map((row) => row.id), [1, 2])
    }), { timeout: 30_000 })
})

describe("database URLs", () => {
  it.effect.each([
    ["sqlite:./data/danju.db", { dialect: "sqlite", path: "./data/danju.db" }],
    ["sqlite::memory:", { dialect: "sqlite", path: ":memory:" }],
    ["sqlite:///var/lib/danju.db", { dialect: "sqlite", path: "/var/lib/danju.db" }],
    ["postgres://danju@127.0.0.1:5432/danju", { dialect: "postgres", url: "postgres://danju@127.0.0.1:5432/danju" }],
    ["postgresql://danju@db/danju", { dialect: "postgres", url: "postgresql://danju@db/danju" }]
  ] as const)("parses %s", ([url, expected]) =>
    Effect.gen(function*() {
      assert.deepStrictEqual(yield* parseDatabaseUrl(url), expected)
    }))

  it.effect.each(["mysql://x", "sqlite:", "", "file:./x.db"])("refuses %j with DatabaseUrlInvalid", (url) =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(parseDatabaseUrl(url))
      assert.strictEqual(error._tag, "DatabaseUrlInvalid")
    }))

  it.effect("hides the password of a refused URL", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(parseDatabaseUrl("mysql://user:secret@host/db"))
      assert.notInclude(error.message, "secret")
    }))

  it.effect("opens a layer from a URL", () =>
    Effect.gen(function*() {
      const database = yield* Database
      assert.strictEqual(database.dialect, "sqlite")
    }).pipe(Effect.provide(DatabaseLive.layer("sqlite::memory:"))))
})
