// Proves the package is publishable as the architecture asks: ESM, typed, sources
// resolvable in the workspace, internals blocked, and its entry point loads.
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { packageName } from "../src/index"

const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"))

describe("callcenter package", () => {
  it("is named as its entry point says", () => {
    expect(manifest.name).toBe(packageName)
  })

  it("exports ESM with types and a source condition, and blocks internals", () => {
    expect(manifest.type).toBe("module")
    expect(manifest.exports["."]).toEqual({ source: "./src/index.ts", types: "./dist/index.d.ts", import: "./dist/index.js" })
    expect(manifest.exports["./internal/*"]).toBeNull()
    expect(manifest.sideEffects).toBe(false)
  })

  it("depends on the core kernel of the workspace", () => {
    expect(manifest.dependencies["@danju/core"]).toBe("workspace:*")
  })
})
