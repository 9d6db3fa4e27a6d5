// Proves both quickstart programs run and print the figures the README promises, from
// source and (after `pnpm build`) as the built files a reader would run — so the example
// cannot rot.
import { execFileSync } from "node:child_process"
import { existsSync, mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { main as effectMain } from "../src/effect"
import { main as promiseMain } from "../src/promise"

const expected = [
  // cash 1280.50 + 5000 + 2640 − 1862.40 − 1745.90
  { code: "1001", closing: "5312.20" },
  // bank 23456 + 36000 − 5000
  { code: "1002", closing: "54456.00" },
  // fund −(24736.50 + 36000 + 2640 − 1862.40 − 1745.90)
  { code: "4001", closing: "-59768.20" }
]

const scratch = () => join(mkdtempSync(join(tmpdir(), "danju-quickstart-")), "books.db")

describe("ledger quickstart", () => {
  it("runs through the Promise client", async () => {
    const result = await promiseMain(scratch())
    expect(result.balanced).toBe(true)
    expect(result.rows).toEqual(expect.arrayContaining(expected.map((row) => expect.objectContaining(row))))
  })

  it("runs through the Effect API", async () => {
    const result = await effectMain(scratch())
    expect(result.balanced).toBe(true)
    expect(result.rows).toEqual(expect.arrayContaining(expected.map((row) => expect.objectContaining(row))))
  })

  const built = new URL("../dist/promise.js", import.meta.url)
  it.skipIf(!existsSync(built) && process.env["CI"] !== "true")("runs as built files, as the README says (needs `pnpm build`)", () => {
    for (const program of ["promise.js", "effect.js"]) {
      const output = execFileSync(process.execPath, [new URL(`../dist/${program}`, import.meta.url).pathname, scratch()], { encoding: "utf8" })
      expect(output).toContain("試算平衡 balanced")
      expect(output).toContain("59768.20")
    }
  })
})
