// Proves `pnpm lint` enforces the dependency rule of docs/ARCHITECTURE.md: the same
// ESLint configuration CI runs rejects a domain file importing kysely, a node module or
// reading the wall clock, a service importing storage, and an HTTP contract importing
// the SQL layer — and accepts the allowed imports.
import { ESLint } from "eslint"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

const root = fileURLToPath(new URL("../../../../", import.meta.url))
const eslint = new ESLint({ cwd: root })

const lint = async (filePath: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` })
  return (result?.messages ?? []).filter((message) => message.severity === 2).map((message) => message.ruleId)
}

describe("dependency rule", () => {
  it.each([
    ["a domain file importing kysely", "packages/ledger/src/domain/Voucher.ts", `import { sql } from "kysely"\nexport const q = sql\n`, "no-restricted-imports"],
    ["a domain file importing the SQL layer", "packages/ledger/src/domain/Voucher.ts", `import { Database } from "@danju/core/sql"\nexport const d = Database\n`, "no-restricted-imports"],
    ["a domain file importing node:fs", "packages/gsp/src/domain/Lot.ts", `import { readFileSync } from "node:fs"\nexport const r = readFileSync\n`, "no-restricted-imports"],
    ["a domain file reading the wall clock", "packages/gsp/src/domain/Lot.ts", `export const now = () => Date.now()\n`, "no-restricted-syntax"],
    ["a domain file creating the current date", "packages/gsp/src/domain/Lot.ts", `export const now = () => new Date()\n`, "no-restricted-syntax"],
    ["a domain file using Math.random", "packages/gsp/src/domain/Lot.ts", `export const pick = () => Math.random()\n`, "no-restricted-syntax"],
    ["a service importing a storage adapter", "packages/ledger/src/LedgerService.ts", `import { LedgerSql } from "./storage/LedgerSql"\nexport const s = LedgerSql\n`, "no-restricted-imports"],
    ["a service importing kysely", "packages/ledger/src/LedgerService.ts", `import { Kysely } from "kysely"\nexport const k = Kysely\n`, "no-restricted-imports"],
    ["an HTTP contract importing the SQL layer", "packages/ledger/src/http/LedgerApi.ts", `import { Database } from "@danju/core/sql"\nexport const d = Database\n`, "no-restricted-imports"],
    ["storage importing the HTTP contract", "packages/ledger/src/storage/LedgerSql.ts", `import { LedgerApi } from "../http/LedgerApi"\nexport const a = LedgerApi\n`, "no-restricted-imports"],
    ["core's kernel importing a driver", "packages/core/src/Amount.ts", `import Database from "better-sqlite3"\nexport const d = Database\n`, "no-restricted-imports"]
  ])("rejects %s", async (_name, filePath, code, rule) => {
    expect(await lint(filePath, code)).toContain(rule)
  })

  it.each([
    ["a domain file importing effect and core", "packages/ledger/src/domain/Voucher.ts", `import { Schema } from "effect"\nimport { Limits } from "@danju/core"\nexport const s = [Schema, Limits]\n`],
    ["storage importing kysely and the SQL layer", "packages/ledger/src/storage/LedgerSql.ts", `import { sql } from "kysely"\nimport { Database } from "@danju/core/sql"\nexport const s = [sql, Database]\n`],
    ["the server importing everything", "examples/server/src/main.ts", `import { sql } from "kysely"\nimport { Database } from "@danju/core/sql"\nexport const s = [sql, Database]\n`]
  ])("accepts %s", async (_name, filePath, code) => {
    expect(await lint(filePath, code)).toEqual([])
  })
})
