/**
 * Shared helpers of the server tests: start a server on an ephemeral port over a fresh
 * database of a dialect, and small fetch wrappers.
 */
import { freshDatabase } from "@danju/core/testing"
import type { DialectName } from "@danju/core/sql"
import { LogLevel } from "effect"
import { startServer } from "../src/server"

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
