import { defineConfig } from "vitest/config"

// One vitest project per package; workspace packages resolve to their TypeScript
// sources through the "source" export condition, so tests never need a prior build.
// The JSON report feeds the one-line summary that .ci/run prints.
export default defineConfig({
  test: {
    projects: [
      "packages/*/vitest.config.ts",
      "examples/*/vitest.config.ts"
    ],
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]]
  }
})
