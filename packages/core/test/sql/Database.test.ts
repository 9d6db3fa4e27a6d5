// Proves the Database service behaves the same on SQLite and PostgreSQL: transactions
// commit or roll back whole (also on defects), nested calls join, bulk inserts and
// exact decimal increments work, and migrations are idempotent.
import { assert } from "@effect/vitest"
import { Effect, Exit } from "effect"
import { sql } from "kysely"
import { Database, migrate } from "../../src/sql/index"
import type { MigrationSet, SqlValue } from "../../src/sql/index"
import { coreMigrations } from "../../src/sql/index"
import { describeEachDialect } from "../../src/testing/index"

const testMigrations: MigrationSet = {
  packageName: "contract",
  migrations: [{
    name: "contract_0001_items",
    up: async ({ db, types }) => {
      await db.schema.createTable("contract_items")
        .addColumn("id", types.text, (column) => column.primaryKey())
        .addColumn("amount", types.decimal, (column) => column.notNull())
        .addColumn("flag", types.boolean, (column) => column.notNull())
        .execute()
      await db.schema.createTable("contract_balances")
        .addColumn("account", types.text, (column) => column.notNull())
        .addColumn("period", types.integer, (column) => column.notNull())
        .addColumn("debit", types.decimal, (column) => column.notNull())
        .addColumn("credit", types.decimal, (column) => column.notNull())
        .addPrimaryKeyConstraint("contract_balances_pk", ["account", "period"])
        .execute()
    }
  }, {
    name: "contract_0002_values",
    up: async ({ db, types }) => {
      await db.schema.createTable("contract_values")
        .addColumn("id", types.text, (column) => column.primaryKey())
        .addColumn("label", types.text)
        .addColumn("big", types.instant)
        .addColumn("bytes", types.bytes)
        .addColumn("amount", types.decimal)
        .execute()
    }
  }]
}

const countItems = Effect.flatMap(Database, (database) =>
  database.query("count", (db) =>
    db.selectFrom("contract_items").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).pipe(
      Effect.map((row) => Number(row.n))
    ))

const insertItem = (id: string, amount: string) =>
  Effect.flatMap(Database, (database) =>
    database.query("insert item", (db) => db.insertInto("contract_items").values({ id, amount, flag: true }).execute()))

describeEachDialect("Database", [coreMigrations, testMigrations], (it, dialect) => {
  it.effect("commits a transaction", () =>
    Effect.gen(function*() {
      const database = yield* Database
      const before = yield* countItems
      yield* database.withTransaction(Effect.zipRight(insertItem("commit-1", "1.10"), insertItem("commit-2", "2.20")))
      assert.strictEqual(yield* countItems, before + 2)
    }))

  it.effect("rolls back the whole transaction on a failure", () =>
    Effect.gen(function*() {
      const database = yield* Database
      const before = yield* countItems
      const exit = yield* Effect.exit(
        database.withTransaction(Effect.zipRight(insertItem("rollback-1", "1"), Effect.fail("business rule" as const)))
      )
      assert.isTrue(Exit.isFailure(exit))
      assert.strictEqual(yield* countItems, before)
    }))

  it.effect("rolls back on a defect", () =>
    Effect.gen(function*() {
      const database = yield* Database
      const before = yield* countItems
      const exit = yield* Effect.exit(
        database.withTransaction(Effect.zipRight(insertItem("defect-1", "1"), Effect.dieMessage("boom")))
      )
      assert.isTrue(Exit.isFailure(exit))
      assert.strictEqual(yield* countItems, before)
    }))

  it.effect("joins an outer transaction from a nested call", () =>
    Effect.gen(function*() {
      const database = yield* Database
      const before = yield* countItems
      const exit = yield* Effect.exit(database.withTransaction(Effect.gen(function*() {
        yield* database.withTransaction(insertItem("nested-1", "1"))
        assert.isTrue(yield* database.inTransaction)
        return yield* Effect.fail("outer fails" as const)
      })))
      assert.isTrue(Exit.isFailure(exit))
      assert.strictEqual(yield* countItems, before)
    }))

  it.effect("reports a constraint violation as a typed SqlError", () =>
    Effect.gen(function*() {
      yield* insertItem("duplicate", "1")
      const error = yield* Effect.flip(insertItem("duplicate", "2"))
      assert.strictEqual(error._tag, "SqlError")
      assert.strictEqual(error.reason, "constraint")
      assert.isFalse(error.retryable)
    }))

  it.effect("bulk-inserts rows and keeps decimals exact", () =>
    Effect.gen(function*() {
      const database = yield* Database
      const rows = Array.from({ length: 2_500 }, (_, index) => [`bulk-${index}`, "0.10", index % 2 === 0] as const)
      yield* database.insertMany("bulk insert", "contract_items", ["id", "amount", "flag"], rows)
      const total = yield* database.query("sum", (db) =>
        db.selectFrom("contract_items")
          .select(() => database.capabilities.decimalArithmetic === "native"
            ? sql<string>`sum(amount)`.as("total")
            : sql<string>`danju_decimal_sum(amount)`.as("total"))
          .where("id", "like", "bulk-%")
          .executeTakeFirstOrThrow())
      // 2,500 × 0.10 in binary floats is 250.00000000000335; exact decimal arithmetic is 250.
      assert.strictEqual(Number(total.total) === 250 && !String(total.total).includes("0000000"), true)
    }))

  it.effect("bulk-inserts every kind of value unchanged: quotes, backslashes, control and CJK characters, nulls, large integers, bytes, long decimals", () =>
    Effect.gen(function*() {
      const database = yield* Database
      const rows: ReadonlyArray<ReadonlyArray<SqlValue>> = [
        ["quotes", "he said \"好\" \\ back\nslash\t𠀀單據 ' ; drop table x; --", 9_007_199_254_740_991n, new Uint8Array([0, 1, 127, 128, 255]), "12345678901234567890.123456789"],
        ["nulls", null, null, null, null],
        ["small", "", -1, new Uint8Array([]), "-0.000001"],
        ["surrogate", "a\uD800b", 1_700_000_000_000, new Uint8Array([92, 120]), "0"]
      ]
      yield* database.withTransaction(database.insertMany("bulk values", "contract_values", ["id", "label", "big", "bytes", "amount"], rows))
      const read = yield* database.query("read values", (db) => db.selectFrom("contract_values").selectAll().orderBy("id").execute())
      const shown = read.map((row) => [
        row.id,
        row.label,
        row.big === null ? null : String(row.big),
        row.bytes === null ? null : [...(row.bytes as Uint8Array)],
        row.amount === null ? null : String(row.amount)
      ])
      assert.deepStrictEqual(shown, [
        ["nulls", null, null, null, null],
        ["quotes", "he said \"好\" \\ back\nslash\t𠀀單據 ' ; drop table x; --", "9007199254740991", [0, 1, 127, 128, 255], "12345678901234567890.123456789"],
        ["small", "", "-1", [], "-0.000001"],
        // A lone surrogate has no UTF-8 form. PostgreSQL: U+FFFD, as a bound parameter's
        // would be (its JSON input would refuse the escape). SQLite: better-sqlite3 writes the
        // surrogate's three WTF-8 bytes, which read back as three U+FFFD.
        ["surrogate", dialect === "postgres" ? "a\uFFFDb" : "a\uFFFD\uFFFD\uFFFDb", "1700000000000", [92, 120], "0"]
      ])
    }))

  it.effect("refreshes the planner's statistics after a bulk load (PostgreSQL ANALYZE; nothing on SQLite)", () =>
    Effect.gen(function*() {
      const database = yield* Database
      const rows = Array.from({ length: 1_200 }, (_, index) => [`stats-${index}`, "1.00", true] as const)
      yield* database.withTransaction(database.insertMany("bulk insert", "contract_items", ["id", "amount", "flag"], rows))
      yield* database.refreshStatistics(["contract_items"])
      if (dialect === "postgres") {
        // pg_class.reltuples is -1 for a table never analyzed (PostgreSQL 14+), the row count after ANALYZE.
        const counted = yield* database.query("reltuples", (db) =>
          sql<{ reltuples: number }>`select reltuples from pg_class where oid = 'contract_items'::regclass`.execute(db))
        assert.strictEqual(Number(counted.rows[0]?.reltuples), yield* countItems)
      } else {
        const stat = yield* database.query("sqlite_stat1", (db) =>
          sql<{ n: number }>`select count(*) as n from sqlite_master where name = 'sqlite_stat1'`.execute(db))
        assert.strictEqual(Number(stat.rows[0]?.n), 0)
      }
      // A table that does not exist fails inside; the call still succeeds (statistics are
      // optional) and the loaded rows are untouched.
      const after = yield* Effect.exit(database.refreshStatistics(["contract_missing"]))
      assert.isTrue(Exit.isSuccess(after))
      const loaded = yield* database.query("count loaded", (db) =>
        db.selectFrom("contract_items").select((eb) => eb.fn.countAll().as("n")).where("id", "like", "stats-%").executeTakeFirstOrThrow())
      assert.strictEqual(Number(loaded.n), 1_200)
    }))

  it.effect("increments decimal balances exactly, inserting missing rows", () =>
    Effect.gen(function*() {
      const database = yield* Database
      for (let round = 0; round < 3; round++) {
        yield* database.incrementDecimals("increment", "contract_balances", ["account", "period"], ["debit", "credit"], [
          ["1001", 1, "0.1", "0"],
          ["1002", 1, "0.2", "0.3"]
        ])
      }
      const rows = yield* database.query("read balances", (db) =>
        db.selectFrom("contract_balances").selectAll().orderBy("account").execute())
      assert.deepStrictEqual(rows.map((row) => [row.account, String(Number(row.debit)), String(row.credit)]), [
        ["1001", "0.3", dialect === "postgres" ? "0" : "0"],
        ["1002", "0.6", dialect === "postgres" ? "0.9" : "0.9"]
      ])
      // The stored text is the exact decimal, not a float rendering such as 0.30000000000000004.
      assert.strictEqual(String(rows[0]!.debit), "0.3")
    }))

  it.effect("migrates idempotently", () =>
    Effect.gen(function*() {
      const again = yield* migrate([coreMigrations, testMigrations])
      assert.deepStrictEqual(again.applied, [])
      assert.isTrue(again.alreadyApplied.includes("contract_0001_items"))
    }))

  it.effect("refuses a database migrated by a newer version", () =>
    Effect.gen(function*() {
      const older: MigrationSet = { packageName: "contract", migrations: [] }
      const error = yield* Effect.flip(migrate([older]))
      assert.strictEqual(error._tag, "MigrationUnknown")
    }))

  it.effect("rejects a malformed migration set before touching the database", () =>
    Effect.gen(function*() {
      const bad: MigrationSet = {
        packageName: "contract",
        migrations: [{ name: "contract_0002_b", up: async () => undefined }, {
          name: "contract_0001_a",
          up: async () => undefined
        }]
      }
      const error = yield* Effect.flip(migrate([bad]))
      assert.strictEqual(error._tag, "MigrationSetInvalid")
    }))

  it.effect("names its server version", () =>
    Effect.gen(function*() {
      const database = yield* Database
      assert.match(database.serverVersion, dialect === "sqlite" ? /^SQLite 3\./ : /^PostgreSQL \d+/)
    }))
})
