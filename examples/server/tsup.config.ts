import { execFileSync } from "node:child_process"
import { build, defineConfig } from "tsup"
import type { Options } from "tsup"

// The CLI is bundled with its dependencies (effect, @effect/*, @danju/* from source) so
// that esbuild tree-shakes them: loading the whole `effect` barrel and @effect/cli costs
// more than half a second per process, and the CLI is timed as a whole process.
// Database drivers stay external: better-sqlite3 is native, pg is optional at run time.
const bundled: Options = {
  dts: false,
  sourcemap: true,
  target: "node20",
  platform: "node",
  treeshake: false,
  noExternal: [/^(?!better-sqlite3$|pg$|pg-native$)/],
  external: ["better-sqlite3", "pg", "pg-native"],
  esbuildOptions(options) {
    options.conditions = ["source", "import", "module", "node"]
    options.mainFields = ["module", "main"]
  }
}

export default defineConfig({
  ...bundled,
  entry: ["src/bin.ts", "src/index.ts", "src/leanCache.ts"],
  format: ["esm"],
  clean: true,
  splitting: true,
  banner: {
    js: [
      "#!/usr/bin/env node",
      "import { createRequire as __danjuCreateRequire } from \"node:module\";",
      "const require = __danjuCreateRequire(import.meta.url);"
    ].join("\n")
  },
  // The lean path of report commands (src/lean.ts, loaded by bin.ts): one CommonJS
  // script, so that it can run from a V8 code cache (Node 20 has none for ES modules),
  // then that cache, written after the script's module initialisers ran. `import()` of
  // the drivers becomes `require` (a vm script has no ES module loader).
  async onSuccess() {
    await build({
      ...bundled,
      config: false,
      silent: true,
      entry: { lean: "src/lean.ts" },
      format: ["cjs"],
      outExtension: () => ({ js: ".cjs" }),
      clean: false,
      splitting: false,
      esbuildOptions(options) {
        bundled.esbuildOptions?.(options, { format: "cjs" })
        options.supported = { ...options.supported, "dynamic-import": false }
      }
    })
    execFileSync(process.execPath, ["dist/leanCache.js"], { stdio: "inherit" })
  }
})
