// Lint enforces the dependency rule of docs/ARCHITECTURE.md: pure rules → services →
// ports → storage adapters → HTTP. A violating import fails `pnpm lint` (and CI); the
// rule itself is tested in packages/core/test/lint/DependencyRule.test.ts.
import js from "@eslint/js"
import tseslint from "typescript-eslint"

const driverPatterns = ["kysely", "kysely/*", "better-sqlite3", "pg", "pg-*"]
const storagePatterns = ["**/storage", "**/storage/*", "**/storage/**"]
const httpPatterns = ["**/http", "**/http/*", "**/http/**", "@effect/platform", "@effect/platform/*", "@effect/platform-node"]

const restrict = (groups, message) => ({ group: groups, message })

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "**/coverage/**", "bench/results/**", "bench/.work/**", "**/*.d.ts", "test-results/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", Buffer: "readonly", performance: "readonly", URL: "readonly", setTimeout: "readonly", clearTimeout: "readonly" } },
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" }],
      "@typescript-eslint/no-namespace": "off",
      "@typescript-eslint/no-empty-object-type": "off",
      "no-constant-condition": ["error", { checkLoops: false }]
    }
  },
  {
    // Pure domain rules: no storage, no HTTP, no Node I/O, no wall clock or randomness.
    files: ["packages/*/src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [
          restrict(driverPatterns, "domain code is pure: storage belongs in src/storage (ARCHITECTURE.md dependency rule)"),
          restrict(["@danju/core/sql", "@danju/core/sql/*"], "domain code must not reach the SQL layer"),
          restrict(httpPatterns, "domain code must not depend on HTTP"),
          restrict(storagePatterns, "domain code must not import storage adapters"),
          restrict(["node:*", "fs", "path", "http", "crypto"], "domain code does no I/O: take what you need as a parameter or a service")
        ]
      }],
      "no-restricted-syntax": ["error",
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "use the Effect Clock (or take `now` as a parameter) in domain code" },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "use the Effect Clock (or take `now` as a parameter) in domain code" },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: "randomness is a service, not a global, in domain code" }
      ]
    }
  },
  {
    // Services and ports orchestrate; they never see SQL, storage adapters or HTTP.
    files: ["packages/*/src/*Service.ts", "packages/*/src/*Repo.ts", "packages/*/src/services/**/*.ts", "packages/*/src/internal/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [
          restrict(driverPatterns, "services talk to storage through their Repo port, never through Kysely"),
          restrict(storagePatterns, "services depend on ports, not storage adapters"),
          restrict(httpPatterns, "services must not depend on HTTP")
        ]
      }]
    }
  },
  {
    files: ["packages/*/src/storage/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [restrict(httpPatterns, "storage must not depend on HTTP")] }]
    }
  },
  {
    files: ["packages/*/src/http/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [
          restrict(driverPatterns, "the HTTP contract must not touch the database"),
          restrict(storagePatterns, "the HTTP contract must not import storage adapters"),
          restrict(["@danju/core/sql", "@danju/core/sql/*"], "the HTTP contract must not reach the SQL layer")
        ]
      }]
    }
  },
  {
    // Core's pure modules (everything outside src/sql and src/testing) do no storage or HTTP.
    files: ["packages/core/src/*.ts", "packages/core/src/internal/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [
          restrict(driverPatterns, "core's kernel is pure: SQL lives in packages/core/src/sql"),
          restrict(httpPatterns, "core must not depend on HTTP")
        ]
      }],
      "no-restricted-syntax": ["error",
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "use the Effect Clock (or take `now` as a parameter)" },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "use the Effect Clock (or take `now` as a parameter)" },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: "randomness is a service, not a global" }
      ]
    }
  }
)
