/**
 * Proves the `danju` CLI: `migrate` is idempotent (second run applies nothing), help and
 * version work on every command, `operator create` refuses a taken login with a one-line
 * message and exit code 1, and `serve` prints its URL on stdout and answers /health.
 * The source CLI runs in-process; the built `dist/bin.js` runs as a real process.
 */
import { spawn, spawnSync } from "node:child_process"
import { existsSync, mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import * as NodeContext from "@effect/platform-node/NodeContext"
import { Console, Effect } from "effect"
import { assert, describe, it } from "vitest"
import { cli } from "../src/cli"
import { inCi } from "./support"

const binPath = fileURLToPath(new URL("../dist/bin.js", import.meta.url))
const built = existsSync(binPath)

const temporaryDatabaseUrl = (): string => `sqlite:${join(mkdtempSync(join(tmpdir(), "danju-cli-")), "danju.db")}`

// Runs the source CLI in-process, capturing what it writes to stdout through Console.
const runInProcess = async (args: ReadonlyArray<string>): Promise<Array<string>> => {
  const lines: Array<string> = []
  const capture: Console.Console = {
    ...globalThis.console,
    [Console.TypeId]: Console.TypeId,
    log: (...values: ReadonlyArray<unknown>) => Effect.sync(() => void lines.push(values.map(String).join(" "))),
    unsafe: { ...globalThis.console, log: (...values: ReadonlyArray<unknown>) => void lines.push(values.join(" ")) }
  } as unknown as Console.Console
  await Effect.runPromise(
    cli(["node", "danju", ...args]).pipe(Effect.withConsole(capture), Effect.provide(NodeContext.layer))
  )
  return lines
}

const runBuilt = (args: ReadonlyArray<string>, env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [binPath, ...args], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: "", ...env },
    timeout: 60_000
  })

describe("danju CLI from source", () => {
  it("migrate applies every migration once; a second run applies nothing", async () => {
    const url = temporaryDatabaseUrl()
    const first = JSON.parse((await runInProcess(["migrate", "--db", url])).join("\n"))
    assert.include(first.applied, "core_0001_audit_idempotency_counters")
    assert.include(first.applied, "core_0002_operators_sessions")
    assert.deepStrictEqual(first.alreadyApplied, [])
    const second = JSON.parse((await runInProcess(["migrate", "--db", url])).join("\n"))
    assert.deepStrictEqual(second.applied, [])
    assert.sameMembers(second.alreadyApplied, first.applied)
  })
})

describe("danju CLI as a process (dist/bin.js)", () => {
  it.skipIf(!built && !inCi)("--help and --version work on the root and every command (needs pnpm build)", () => {
    const version = runBuilt(["--version"])
    assert.strictEqual(version.status, 0)
    assert.match(version.stdout.trim(), /^\d+\.\d+\.\d+$/)
    for (const command of [[], ["migrate"], ["serve"], ["operator"], ["operator", "create"]]) {
      const help = runBuilt([...command, "--help"])
      assert.strictEqual(help.status, 0, `${command.join(" ")} --help: ${help.stderr}`)
      assert.include(help.stdout, "USAGE")
    }
    assert.include(runBuilt(["serve", "--help"]).stdout, "--demo")
  })

  it.skipIf(!built && !inCi)("operator create prints JSON; a taken login fails with one line and exit code 1", () => {
    const url = temporaryDatabaseUrl()
    const args = ["operator", "create", "--db", url, "--login", "wang.wu", "--password", "a long password", "--role", "maker"]
    const created = runBuilt(args)
    assert.strictEqual(created.status, 0, created.stderr)
    const operator = JSON.parse(created.stdout)
    assert.strictEqual(operator.login, "wang.wu")
    assert.deepStrictEqual(operator.roles, ["maker"])
    assert.notProperty(operator, "passwordHash")
    const again = runBuilt(args)
    assert.strictEqual(again.status, 1)
    assert.strictEqual(again.stdout, "")
    const errorLines = again.stderr.trim().split("\n").filter((line) => line.startsWith("danju:"))
    assert.deepStrictEqual(errorLines, ["danju: an operator with login \"wang.wu\" already exists"])
    assert.notInclude(again.stderr, "    at ")
  })

  it.skipIf(!built && !inCi)("an unsupported database URL fails with a clear message and exit code 1", () => {
    const result = runBuilt(["migrate", "--db", "mysql://somewhere/db"])
    assert.strictEqual(result.status, 1)
    assert.include(result.stderr, "danju: unsupported database URL")
    assert.notInclude(result.stderr, "    at ")
  })

  it.skipIf(!built && !inCi)("serve --port 0 prints its URL on stdout and answers /health", async () => {
    const child = spawn(process.execPath, [binPath, "serve", "--port", "0", "--db", temporaryDatabaseUrl(), "--demo"], {
      stdio: ["ignore", "pipe", "pipe"]
    })
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = ""
        child.stdout.on("data", (chunk: Buffer) => {
          output += chunk.toString("utf8")
          const line = output.split("\n").find((candidate) => candidate.includes("\"listening\""))
          if (line !== undefined) resolve(JSON.parse(line).url)
        })
        child.on("exit", (code) => reject(new Error(`serve exited with ${code}`)))
      })
      const health = await fetch(`${url}/health`)
      assert.strictEqual(health.status, 200)
      assert.strictEqual(((await health.json()) as { status: string }).status, "ok")
    } finally {
      child.kill("SIGTERM")
    }
  })
})
