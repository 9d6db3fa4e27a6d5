import { defineProject } from "vitest/config"

export default defineProject({
  ssr: { resolve: { conditions: ["source"] } },
  test: {
    name: "ledger-quickstart",
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000
  }
})
