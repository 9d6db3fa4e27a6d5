// Proves that every user-visible error of @danju/core is catalogued: each exported
// Schema.TaggedError in packages/core/src has docs/errors/core/<Tag>.md with the required
// sections, linked from docs/errors/README.md, naming tests that exist — so a new error
// without documentation fails CI — and every guarantee on a core reference page names a
// test that exists. The check itself lives in ./catalogue.ts for every
// package to reuse; the last tests show it catches a damaged catalogue.
import { assert, describe, it } from "@effect/vitest"
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import {
  checkErrorCatalogue,
  checkGuarantees,
  collectTaggedErrors,
  describeErrorCatalogue,
  markdownLinks,
  namedTests,
  repositoryRoot
} from "./catalogue"

describeErrorCatalogue("core", {
  // Pages that name no test yet. Remove a tag here when its page gains one.
  untested: ["DatabaseUrlInvalid", "OperatorFieldsInvalid"]
})

describe("reference guarantees", () => {
  // Every guarantee of a core reference page names the test that proves it (ARCHITECTURE
  // practice 6); a renamed or deleted test breaks the page, so the page must follow.
  const referenceDirectory = join(repositoryRoot, "docs", "reference", "core")
  const pages = readdirSync(referenceDirectory).filter((name) => name.endsWith(".md")).sort()

  it("exist for every core module group", () => {
    assert.includeMembers(pages, ["amounts.md", "approval-chains.md", "audit-log.md", "calendars-and-sla.md", "idempotency.md", "limits.md", "operators-and-permissions.md", "periods.md", "sql.md"])
  })

  it.each(pages)("%s names an existing test for every guarantee", (page) => {
    assert.deepStrictEqual(checkGuarantees(join(referenceDirectory, page)), [])
  })
})

describe("the catalogue check", () => {
  it("collects tags declared over several lines, as Password.ts and ChineseNumerals.ts write them", () => {
    const tags = collectTaggedErrors("core").map((error) => error.tag)
    for (const tag of ["PasswordPolicyViolation", "ChineseCapitalMoneyUnsupported", "BusinessCalendarSearchExceeded", "SqlError"]) {
      assert.include(tags, tag)
    }
  })

  it("reports missing, unlinked, stale and malformed pages of a damaged copy of the catalogue", () => {
    const copy = mkdtempSync(join(tmpdir(), "danju-catalogue-"))
    try {
      cpSync(join(repositoryRoot, "docs", "errors"), copy, { recursive: true })
      rmSync(join(copy, "core", "AmountInvalid.md"))
      const index = join(copy, "README.md")
      writeFileSync(index, readFileSync(index, "utf8").replace("(core/SqlError.md)", "(core/SqlErr.md)"))
      writeFileSync(join(copy, "core", "NoSuchError.md"), "# `NoSuchError`\n")
      const page = join(copy, "core", "DateInvalid.md")
      writeFileSync(page, readFileSync(page, "utf8").replace("## How to fix", "## Fix"))
      const report = checkErrorCatalogue("core", { errorsDirectory: copy })
      assert.deepStrictEqual(report.missingPages, ["AmountInvalid"])
      assert.deepStrictEqual(report.unlinkedPages, ["SqlError"])
      assert.deepStrictEqual(report.stalePages, ["NoSuchError.md"])
      assert.deepStrictEqual(report.malformedPages, ["DateInvalid: missing or misplaced \"## How to fix\""])
    } finally {
      rmSync(copy, { recursive: true, force: true })
    }
  })

  it("reads links and named tests the way the pages write them", () => {
    assert.isTrue(markdownLinks("see [x](./core/AmountInvalid.md#fields) and [y](core/SqlError.md)").has("core/AmountInvalid.md"))
    assert.deepStrictEqual(
      namedTests("## Tests\n\n- [`packages/core/test/Amount.test.ts`](../x) › \"Amount.parse\" › \"rejects\"\n"),
      [{ file: "packages/core/test/Amount.test.ts", titles: ["Amount.parse", "rejects"] }]
    )
  })
})
