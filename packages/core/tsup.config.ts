import { defineConfig } from "tsup"

export default defineConfig({
  entry: ["src/index.ts", "src/sql/index.ts", "src/testing/index.ts", "src/http/index.ts"],
  format: ["esm"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20.19",
  external: ["better-sqlite3", "pg", "kysely", "effect", "decimal.js", "@effect/platform"]
})
