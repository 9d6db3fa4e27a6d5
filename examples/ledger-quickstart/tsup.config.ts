import { defineConfig } from "tsup"

export default defineConfig({
  entry: ["src/promise.ts", "src/effect.ts"],
  format: ["esm"],
  dts: false,
  sourcemap: true,
  clean: true,
  target: "node20.19",
  external: ["better-sqlite3", "pg"]
})
