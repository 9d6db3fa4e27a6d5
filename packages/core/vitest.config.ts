import { defineProject } from "vitest/config"

export default defineProject({
  ssr: { resolve: { conditions: ["source"] } },
  test: {
    name: "core",
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000
  }
})
