// Proves that every user-visible error of @danju/ledger is catalogued: each exported
// Schema.TaggedError in packages/ledger/src has docs/errors/ledger/<Tag>.md with the
// required sections, linked from docs/errors/README.md, naming tests that exist — so a
// new error without documentation fails CI — and that every guarantee on the ledger
// reference pages names a test that exists (ARCHITECTURE practices 6 and 18). The check
// itself is core's (packages/core/test/docs/catalogue.ts).
import { assert, describe, it } from "@effect/vitest"
import { join } from "node:path"
import { checkGuarantees, describeErrorCatalogue, repositoryRoot } from "../../../core/test/docs/catalogue"

describeErrorCatalogue("ledger")

describe("ledger reference guarantees", () => {
  // The aggregates of the ledger core; the period-end, report and backup pages are
  // added here by their authors.
  const pages = [
    "account-sets.md",
    "chart.md",
    "openings.md",
    "vouchers.md",
    "trial-balance.md",
    "journal.md",
    "templates.md",
    "library.md",
    "demo.md",
    "permissions.md",
    "reports.md",
    "period-end.md"
  ]

  it.each(pages)("%s names an existing test for every guarantee", (page) => {
    assert.deepStrictEqual(checkGuarantees(join(repositoryRoot, "docs", "reference", "ledger", page)), [])
  })
})
