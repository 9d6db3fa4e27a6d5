/**
 * Proves the reference server end to end over real HTTP on 127.0.0.1, on every dialect
 * under test: health reports the database, the OpenAPI document lists every endpoint,
 * login issues bearer tokens that `me`/`logout` honour, failures are RFC 9457 problems
 * (400 decode and bad JSON, 401, 403, 404, 409, 429 with Retry-After) and nothing leaks
 * internals.
 */
import { dialectsUnderTest } from "@danju/core/testing"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { demoOperators } from "../src/demo"
import { loginAs, request, standInForUnavailable, startTestServer } from "./support"
import type { RunningServer } from "./support"

const problemContentType = "application/problem+json"

const assertProblem = (
  response: { status: number; contentType: string; body: any },
  status: number,
  code: string
) => {
  assert.strictEqual(response.status, status)
  assert.include(response.contentType, problemContentType)
  assert.strictEqual(response.body.status, status)
  assert.strictEqual(response.body.code, code)
  assert.isString(response.body.type)
  assert.match(response.body.type, /^urn:danju:problem:[a-z-]+$/)
  assert.isString(response.body.title)
  assert.isString(response.body.detail)
  assert.isAbove(response.body.detail.length, 0)
}

const password = (login: string): string => {
  const operator = demoOperators.find((candidate) => candidate.login === login)
  if (operator === undefined) throw new Error(`no demo operator ${login}`)
  return operator.password
}

for (const dialect of dialectsUnderTest()) {
  if (standInForUnavailable(`server [${dialect.name}]`, dialect)) continue

  describe(`server [${dialect.name}]`, () => {
    let server: RunningServer
    beforeAll(async () => {
      server = await startTestServer(dialect.name)
    })
    afterAll(async () => {
      await server?.close()
    })

    it("GET /health reports ok, the version and the database dialect", async () => {
      const response = await request(`${server.url}/health`)
      assert.strictEqual(response.status, 200)
      assert.strictEqual(response.body.status, "ok")
      assert.strictEqual(response.body.database.dialect, dialect.name)
      assert.match(response.body.database.serverVersion, dialect.name === "sqlite" ? /^SQLite \d/ : /^PostgreSQL \d/)
      assert.match(response.body.version, /^\d+\.\d+\.\d+/)
    })

    it("GET /openapi.json is OpenAPI 3.1 listing every endpoint with problem+json errors", async () => {
      const response = await request(`${server.url}/openapi.json`)
      assert.strictEqual(response.status, 200)
      assert.strictEqual(response.body.openapi, "3.1.0")
      const paths = Object.keys(response.body.paths)
      for (const path of ["/health", "/openapi.json", "/auth/login", "/auth/logout", "/auth/me", "/operators"]) {
        assert.include(paths, path)
      }
      const login = response.body.paths["/auth/login"].post
      assert.containsAllKeys(login.responses, ["200", "400", "401", "403", "429"])
      assert.containsAllKeys(login.responses["429"].content, [problemContentType])
      assert.containsAllKeys(login.responses["400"].content, [problemContentType])
      assert.notProperty(login.responses["400"].content, "application/json")
      assert.notProperty(response.body.components.schemas, "HttpApiDecodeError")
      assert.notProperty(response.body.components.schemas, "Issue")
      assert.strictEqual(
        login.responses["429"].content[problemContentType].schema.$ref,
        "#/components/schemas/LoginRateLimited"
      )
      assert.property(login.responses["429"].headers, "Retry-After")
      assert.includeMembers(
        response.body.components.schemas.LoginRateLimited.required,
        ["type", "title", "status", "detail", "code", "retryAfterSeconds"]
      )
      assert.property(response.body.components.securitySchemes, "bearer")
    })

    it("login returns a token that GET /auth/me accepts", async () => {
      const login = await request(`${server.url}/auth/login`, {
        method: "POST",
        body: JSON.stringify({ login: "admin", password: password("admin"), organisation: "demo" })
      })
      assert.strictEqual(login.status, 200)
      assert.isString(login.body.token)
      assert.isAtLeast(login.body.token.length, 40)
      assert.isTrue(Date.parse(login.body.expiresAt) > 0)
      assert.strictEqual(login.body.idleTimeoutMinutes, 30)
      assert.strictEqual(login.body.operator.login, "admin")
      assert.deepStrictEqual(login.body.operator.roles, ["administrator"])
      assert.notProperty(login.body.operator, "passwordHash")
      const me = await request(`${server.url}/auth/me`, { token: login.body.token })
      assert.strictEqual(me.status, 200)
      assert.strictEqual(me.body.operator.login, "admin")
      assert.strictEqual(me.body.operator.organisationId, "demo")
      assert.strictEqual(me.body.expiresAt, login.body.expiresAt)
      assert.strictEqual(me.body.idleTimeoutMinutes, 30)
    })

    it("a wrong password, an unknown login and another organisation are the same 401 problem", async () => {
      for (
        const body of [
          { login: "maker", password: "not-the-password" },
          { login: "nobody-here", password: "whatever-it-is" },
          { login: "maker", password: password("maker"), organisation: "elsewhere" }
        ]
      ) {
        const response = await request(`${server.url}/auth/login`, { method: "POST", body: JSON.stringify(body) })
        assertProblem(response, 401, "LoginFailed")
        assert.strictEqual(response.body.login, body.login)
      }
    })

    it("protected endpoints answer 401 problems for a missing, unknown or revoked token", async () => {
      assertProblem(await request(`${server.url}/auth/me`), 401, "SessionInvalid")
      const unknown = await request(`${server.url}/auth/me`, { token: "not-a-token" })
      assertProblem(unknown, 401, "SessionInvalid")
      assert.strictEqual(unknown.body.reason, "unknown")
      const token = await loginAs(server.url, "maker", password("maker"))
      const logout = await request(`${server.url}/auth/logout`, { method: "POST", token })
      assert.strictEqual(logout.status, 204)
      const revoked = await request(`${server.url}/auth/me`, { token })
      assertProblem(revoked, 401, "SessionInvalid")
      assert.strictEqual(revoked.body.reason, "revoked")
    })

    it("five failed logins lock the login: the sixth attempt, even correct, is a 429 with Retry-After", async () => {
      for (let attempt = 1; attempt <= 5; attempt++) {
        const response = await request(`${server.url}/auth/login`, {
          method: "POST",
          body: JSON.stringify({ login: "checker", password: `wrong-${attempt}-password` })
        })
        assertProblem(response, 401, "LoginFailed")
      }
      const locked = await request(`${server.url}/auth/login`, {
        method: "POST",
        body: JSON.stringify({ login: "checker", password: password("checker") })
      })
      assertProblem(locked, 429, "LoginRateLimited")
      const retryAfter = Number(locked.headers.get("retry-after"))
      assert.isTrue(Number.isInteger(retryAfter))
      assert.isAbove(retryAfter, 0)
      assert.isAtMost(retryAfter, 15 * 60)
      assert.strictEqual(locked.body.retryAfterSeconds, retryAfter)
      assert.strictEqual(locked.body.failuresMax, 5)
    })

    it("a role without the permission gets a 403 problem; the administrator lists and creates operators", async () => {
      const makerToken = await loginAs(server.url, "maker", password("maker"))
      const denied = await request(`${server.url}/operators`, { token: makerToken })
      assertProblem(denied, 403, "PermissionDenied")
      assert.strictEqual(denied.body.permission, "core.operator.read")

      const adminToken = await loginAs(server.url, "admin", password("admin"))
      const listed = await request(`${server.url}/operators?limit=10`, { token: adminToken })
      assert.strictEqual(listed.status, 200)
      assert.deepStrictEqual(
        listed.body.operators.map((operator: { login: string }) => operator.login),
        ["admin", "cashier", "checker", "maker"]
      )
      const body = JSON.stringify({ login: "zhang.san", displayName: "張三", password: "long enough pass", roles: ["maker"] })
      const created = await request(`${server.url}/operators`, { method: "POST", body, token: adminToken })
      assert.strictEqual(created.status, 201)
      assert.strictEqual(created.body.organisationId, "demo")
      const again = await request(`${server.url}/operators`, { method: "POST", body, token: adminToken })
      assertProblem(again, 409, "OperatorLoginTaken")
      const weak = await request(`${server.url}/operators`, {
        method: "POST",
        body: JSON.stringify({ login: "li.si", displayName: "李四", password: "short", roles: [] }),
        token: adminToken
      })
      assertProblem(weak, 422, "PasswordPolicyViolation")
    })

    it("malformed JSON, wrong types and out-of-range parameters are 400 problems naming the field", async () => {
      const badJson = await request(`${server.url}/auth/login`, { method: "POST", body: "{\"login\": \"admin\"," })
      assertProblem(badJson, 400, "RequestInvalid")
      assert.strictEqual(badJson.body.issues[0].path, "body")

      const wrongType = await request(`${server.url}/auth/login`, {
        method: "POST",
        body: JSON.stringify({ login: 5, password: "x" })
      })
      assertProblem(wrongType, 400, "RequestInvalid")
      assert.strictEqual(wrongType.body.issues[0].path, "login")

      const missing = await request(`${server.url}/auth/login`, { method: "POST", body: JSON.stringify({}) })
      assertProblem(missing, 400, "RequestInvalid")

      const adminToken = await loginAs(server.url, "admin", password("admin"))
      const badLimit = await request(`${server.url}/operators?limit=100000`, { token: adminToken })
      assertProblem(badLimit, 400, "RequestInvalid")
      assert.strictEqual(badLimit.body.issues[0].path, "limit")
    })

    it("an unknown route is a 404 problem naming method and path", async () => {
      const response = await request(`${server.url}/no/such/route?x=1`)
      assertProblem(response, 404, "EndpointNotFound")
      assert.strictEqual(response.body.method, "GET")
      assert.strictEqual(response.body.path, "/no/such/route")
    })

    it("GET /docs serves the API reference page with its script inlined (no CDN)", async () => {
      const response = await fetch(`${server.url}/docs`)
      assert.strictEqual(response.status, 200)
      assert.include(response.headers.get("content-type") ?? "", "text/html")
      const html = await response.text()
      // The page loads no script from elsewhere (the browser test checks the network too).
      assert.notMatch(html, /<script[^>]+src=/)
      assert.isAbove(html.length, 1_000_000)
      assert.include(html, "/auth/login")
    })
  })
}
