import { defineProject } from "vitest/config"

export default defineProject({
  ssr: { resolve: { conditions: ["source"] } },
  test: {
    name: "server",
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000
  }
})
