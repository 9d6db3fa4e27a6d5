/**
 * Shared helpers of the server tests: start a server on an ephemeral port over a fresh
 * database of a dialect, and small fetch wrappers.
 */
import { OrganisationId, RoleName } from "@danju/core"
import { freshDatabase } from "@danju/core/testing"
import type { DialectName } from "@danju/core/sql"
import { ensureOperator } from "@danju/core/sql"
import { Effect, LogLevel } from "effect"
import { describe, it } from "vitest"
import { demoOperators } from "../src/demo"
import { startServer } from "../src/server"
import type { ServerOptions } from "../src/server"

export interface RunningServer {
  readonly url: string
  readonly close: () => Promise<void>
}

export const startTestServer = (dialect: DialectName): Promise<RunningServer> =>
  startServer({
    database: freshDatabase(dialect),
    port: 0,
    host: "127.0.0.1",
    demo: true,
    minimumLogLevel: LogLevel.Warning
  })

export interface JsonResponse {
  readonly status: number
  readonly contentType: string
  readonly headers: Headers
  readonly body: any
}

export const request = async (
  url: string,
  init: { method?: string; body?: string; token?: string; contentType?: string } = {}
): Promise<JsonResponse> => {
  const headers: Record<string, string> = {}
  if (init.body !== undefined) headers["content-type"] = init.contentType ?? "application/json"
  if (init.token !== undefined) headers["authorization"] = `Bearer ${init.token}`
  const response = await fetch(url, {
    method: init.method ?? "GET",
    headers,
    ...(init.body === undefined ? {} : { body: init.body })
  })
  const text = await response.text()
  return {
    status: response.status,
    contentType: response.headers.get("content-type") ?? "",
    headers: response.headers,
    body: text === "" ? undefined : JSON.parse(text)
  }
}

export const loginAs = async (url: string, login: string, password: string): Promise<string> => {
  const response = await request(`${url}/auth/login`, { method: "POST", body: JSON.stringify({ login, password }) })
  if (response.status !== 200) throw new Error(`login ${login} failed with ${response.status}`)
  return response.body.token as string
}

export const inCi = process.env["CI"] === "true" || process.env["CI"] === "1"

/**
 * For a dialect that cannot run here, declares the suite `title` with one stand-in test —
 * a failure when CI=true (CI requires every dialect), skipped otherwise — and returns
 * true, so the caller skips the real suite; false for a dialect that can run.
 */
export const standInForUnavailable = (
  title: string,
  dialect: { readonly name: string; readonly unavailable?: string | undefined }
): boolean => {
  if (dialect.unavailable === undefined) return false
  describe(title, () => {
    it.skipIf(!inCi)(`needs ${dialect.name} (${dialect.unavailable}; required when CI=true)`, () => {
      throw new Error(`${dialect.name} cannot run: ${dialect.unavailable}`)
    })
  })
  return true
}

/** The password of a demo operator (`admin`, `maker`, `checker`, `cashier`). */
export const demoPassword = (login: string): string => {
  const operator = demoOperators.find((candidate) => candidate.login === login)
  if (operator === undefined) throw new Error(`no demo operator ${login}`)
  return operator.password
}

/** The password of `outsider`, an administrator of another organisation (`elsewhere`). */
export const outsiderPassword = "outsider password 1"

/**
 * Starts the server on a fresh database of a dialect with the demo data and `outsider`,
 * an administrator of another organisation; `seed` runs after that operator exists.
 */
export const startServerWithOutsider = (
  dialect: DialectName,
  seed: NonNullable<ServerOptions["seed"]> = Effect.void
): Promise<RunningServer> =>
  startServer({
    database: freshDatabase(dialect),
    port: 0,
    host: "127.0.0.1",
    demo: true,
    minimumLogLevel: LogLevel.Warning,
    seed: Effect.zipRight(
      ensureOperator({
        organisationId: OrganisationId.make("elsewhere"),
        login: "outsider",
        displayName: "Outsider",
        password: outsiderPassword,
        roles: [RoleName.make("administrator")]
      }),
      seed
    )
  })

/**
 * A fetch wrapper for one account set's endpoints: `call(login, method, path, body?)`
 * sends `path` under `base()` (or as is when it is a full URL) with the login's bearer
 * token, JSON bodies as JSON (strings as they are), and parses the answer.
 */
export const accountSetCaller = (base: () => string, tokens: Readonly<Record<string, string>>) =>
  (login: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<JsonResponse> =>
    fetch(`${path.startsWith("http") ? "" : base()}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens[login]}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers
      },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) })
    }).then(async (response): Promise<JsonResponse> => {
      const text = await response.text()
      return {
        status: response.status,
        contentType: response.headers.get("content-type") ?? "",
        headers: response.headers,
        body: text === "" ? undefined : JSON.parse(text)
      }
    })
