import { defineConfig } from "tsup"

// The CLI is bundled with its dependencies (effect, @effect/*, @danju/* from source) so
// that esbuild tree-shakes them: loading the whole `effect` barrel and @effect/cli costs
// more than half a second per process, and the CLI is timed as a whole process.
// Database drivers stay external: better-sqlite3 is native, pg is optional at run time.
export default defineConfig({
  entry: ["src/bin.ts", "src/index.ts"],
  format: ["esm"],
  dts: false,
  sourcemap: true,
  clean: true,
  target: "node20",
  platform: "node",
  splitting: true,
  treeshake: false,
  noExternal: [/^(?!better-sqlite3$|pg$|pg-native$)/],
  external: ["better-sqlite3", "pg", "pg-native"],
  esbuildOptions(options) {
    options.conditions = ["source", "import", "module", "node"]
    options.mainFields = ["module", "main"]
  },
  banner: {
    js: [
      "#!/usr/bin/env node",
      "import { createRequire as __danjuCreateRequire } from \"node:module\";",
      "const require = __danjuCreateRequire(import.meta.url);"
    ].join("\n")
  }
})
