/**
 * Proves the browsable API docs work offline: headless Chromium opens /docs of a running
 * server, every request to another host is blocked (and recorded), and the rendered page
 * still shows the endpoint paths, the ledger's among them. A screenshot is written to a temp file for inspection.
 */
import { existsSync } from "node:fs"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { chromium } from "playwright-core"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { inCi, startTestServer } from "./support"
import type { RunningServer } from "./support"

const chromiumPath = "/usr/bin/chromium"
const chromiumMissing = !existsSync(chromiumPath)

describe("API docs page in a browser", () => {
  let server: RunningServer | undefined
  beforeAll(async () => {
    if (!chromiumMissing || inCi) server = await startTestServer("sqlite")
  })
  afterAll(async () => {
    await server?.close()
  })

  it.skipIf(chromiumMissing && !inCi)(
    `renders /docs without network access, listing /health, /auth/login and the ledger endpoints (needs ${chromiumPath}; required in CI)`,
    async () => {
      if (server === undefined) throw new Error("server did not start")
      const browser = await chromium.launch({
        executablePath: chromiumPath,
        args: [
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run"
        ]
      })
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
        const origin = new URL(server.url).origin
        const external: Array<string> = []
        await page.route("**/*", (route) => {
          const url = route.request().url()
          if (url.startsWith(origin) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue()
          external.push(url)
          return route.abort()
        })
        const pageErrors: Array<string> = []
        page.on("pageerror", (error) => pageErrors.push(error.message))
        await page.goto(`${server.url}/docs`, { waitUntil: "load" })
        await page.getByText("/auth/login").first().waitFor({ state: "visible", timeout: 30_000 })
        await page.getByText("/health").first().waitFor({ state: "visible", timeout: 30_000 })
        await page.getByText("/ledger/account-sets/{accountSet}/vouchers").first().waitFor({ state: "attached", timeout: 30_000 })
        const text = await page.locator("body").innerText()
        assert.include(text, "/auth/login")
        assert.include(text, "/health")
        // The ledger's groups and endpoints, as a person reading the page sees them.
        for (
          const visible of [
            "Ledger: account sets",
            "Ledger: vouchers",
            "Ledger: reports",
            "/ledger/account-sets",
            "/ledger/account-sets/{accountSet}/vouchers/audit",
            "/ledger/account-sets/{accountSet}/trial-balance",
            "Make a voucher (ledger.voucher.create)"
          ]
        ) assert.include(text, visible)
        assert.include(text, "Danju API")
        assert.deepStrictEqual(pageErrors, [])
        assert.deepStrictEqual(external, [], `the docs page tried to reach: ${external.join(", ")}`)
        const screenshot = join(mkdtempSync(join(tmpdir(), "danju-docs-")), "docs.png")
        await page.screenshot({ path: screenshot, fullPage: false })
        assert.isTrue(existsSync(screenshot))
        console.info(`docs screenshot: ${screenshot}`)
      } finally {
        await browser.close()
      }
    }
  )
})
