/**
 * Proves that no request, however hostile, breaks the reference server: for EVERY
 * endpoint of the live `/openapi.json` (a new endpoint is fuzzed without touching this
 * file), a seeded fast-check run sends requests built from the endpoint's own schemas and
 * then damaged — malformed JSON, wrong types, missing and extra fields, huge and
 * non-finite numbers (1e309, -0, NaN, Infinity as numbers and as strings), negative
 * amounts, 100 000-character strings, SQL and script fragments, Unicode edge cases
 * (escaped lone surrogates, RTL and zero-width marks, NUL, emoji, CJK), bad path and query
 * parameters, bad or missing content types, deep nesting and invalid UTF-8 — as the demo
 * administrator. Every answer is a 2xx (the input happened to be valid) or a 4xx RFC 9457
 * problem with a title and a detail; never a 5xx, never a hang (each request has a
 * deadline). A refused request leaves every table unchanged (digest of all rows, sessions
 * and login attempts excepted: logging in legitimately writes them); a read never changes
 * anything; an accepted write moves the baseline.
 *
 * Runtime: `DANJU_FUZZ_RUNS` requests per endpoint (default 16; about 50 endpoints), about
 * 20–40 s per dialect on a shared two-core machine. `DANJU_FUZZ_SEED` replays another
 * seed; a failure prints the seed, the path and the request.
 */
import fc from "fast-check"
import { dialectsUnderTest } from "@danju/core/testing"
import { afterAll, assert, beforeAll, describe, it } from "vitest"
import { standInForUnavailable } from "../support"
import type { Endpoint, RawResponse, ReliabilityServer } from "./support"
import {
  databaseDigest,
  fetchEndpoints,
  problemDefect,
  seedRoleOperators,
  send,
  startReliabilityServer,
  tokenOf
} from "./support"

const runsPerEndpoint = Number(process.env["DANJU_FUZZ_RUNS"] ?? 16)
const baseSeed = Number(process.env["DANJU_FUZZ_SEED"] ?? 20_260_105)

/** A JSON token written as is: numbers JSON.stringify cannot produce, or invalid JSON. */
class Raw {
  constructor(readonly text: string) {}
}

/** Text of a value whose leaves may be {@link Raw} tokens; strings keep JSON escapes (lone surrogates become \udXXX). */
const serialize = (value: unknown): string => {
  if (value instanceof Raw) return value.text
  if (Array.isArray(value)) return `[${value.map(serialize).join(",")}]`
  if (value !== null && typeof value === "object") {
    return `{${Object.entries(value).map(([key, member]) => `${JSON.stringify(key)}:${serialize(member)}`).join(",")}}`
  }
  return JSON.stringify(value) ?? "null"
}

const long = "長".repeat(50_000) + "x".repeat(50_000)

/** Strings that have broken parsers, databases and renderers before. */
const hostileStrings: ReadonlyArray<string> = [
  "",
  " ",
  long,
  "NaN",
  "Infinity",
  "-Infinity",
  "-0",
  "1e309",
  "-1e309",
  "1e-400",
  "-1",
  "-100.00",
  "0x1F",
  "1_000",
  "１２３", // full-width digits
  "99999999999999999999999999999999999999.99",
  "0.000000000000000000000000000000000001",
  "' OR '1'='1",
  "'; DROP TABLE danju_operators; --",
  "\" OR 1=1 --",
  "<script>alert(1)</script>",
  "{{7*7}}${7*7}",
  "../../../../etc/passwd",
  "\u0000",
  "a\u0000b",
  "\uD800", // lone high surrogate, sent as the JSON escape \ud800
  "\uDFFF",
  "\u202Eevil\u202C", // right-to-left override
  "\u200B\u200C\u200D\uFEFF", // zero-width characters and BOM
  "😀👨‍👩‍👧",
  "會計憑證記賬",
  "\r\n\t",
  "2026-02-30",
  "2026-13-01",
  "0000-00-00",
  "9999-12-31",
  "2026-00",
  "1001\u0000",
  "__proto__",
  "constructor"
]

const hostileValues: ReadonlyArray<unknown> = [
  ...hostileStrings,
  new Raw("1e309"),
  new Raw("-1e309"),
  new Raw("-0"),
  new Raw("1e-400"),
  new Raw("9007199254740993"),
  new Raw("123456789012345678901234567890"),
  new Raw("-1"),
  new Raw("0.1"),
  new Raw("NaN"),
  new Raw("Infinity"),
  null,
  true,
  false,
  [],
  {},
  [[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]],
  JSON.parse("{\"__proto__\":{\"polluted\":true},\"constructor\":{\"prototype\":{\"polluted\":true}}}"),
  Array.from({ length: 2000 }, () => "1001")
]

/** Whole bodies that are not what any endpoint expects. */
const junkBodies: ReadonlyArray<string | Uint8Array> = [
  "",
  "{",
  "}",
  "not json",
  "\u0000",
  "null",
  "[]",
  "\"text\"",
  "123",
  "1e309",
  "{\"a\":1,\"a\":2}",
  "\uFEFF{}",
  "{\"__proto__\":{\"polluted\":true}}",
  "[".repeat(100_000),
  "[".repeat(100_000) + "]".repeat(100_000),
  "{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000),
  JSON.stringify({ text: long }),
  new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]), // invalid UTF-8 inside JSON
  new Uint8Array([0x00, 0x01, 0x02, 0xff, 0x80, 0x0a])
]

const contentTypes: ReadonlyArray<string | undefined> = [
  undefined,
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data",
  "multipart/form-data; boundary=danju",
  "application/json; charset=utf-16",
  "application/xml",
  "application/json\u0000"
].filter((type) => type === undefined || !type.includes("\u0000"))

/** Values the endpoints' own parameters plausibly take, so fuzzing reaches the handlers. */
const plausibleStrings = [
  "1001",
  "1002",
  "4001",
  "5001",
  "2026-01",
  "2026-11",
  "2026-11-05",
  "2026-01-31",
  "CNY",
  "USD",
  "記",
  "mess-demo",
  "company-demo",
  "100.00",
  "0.01",
  "-5.00",
  "0",
  "x"
]

interface Context {
  readonly spec: any
  readonly pathValues: Record<string, ReadonlyArray<string>>
}

const resolve = (spec: any, schema: any): any => {
  let current = schema
  for (let hops = 0; current?.$ref !== undefined && hops < 20; hops++) {
    const name = String(current.$ref).replace("#/components/schemas/", "")
    current = spec.components?.schemas?.[name]
  }
  return current ?? {}
}

/** A value shaped like the schema (mostly), with hostile values mixed in at every level. */
const valueOf = (context: Context, schema: any, depth: number): fc.Arbitrary<unknown> => {
  const hostile = fc.constantFrom(...hostileValues)
  if (depth > 6) return hostile
  const resolved = resolve(context.spec, schema)
  const alternatives: Array<any> = resolved.anyOf ?? resolved.oneOf ?? []
  if (alternatives.length > 0) {
    return fc.oneof(...alternatives.map((alternative) => valueOf(context, alternative, depth + 1)), hostile)
  }
  const plausible: fc.Arbitrary<unknown> = (() => {
    if (Array.isArray(resolved.enum) && resolved.enum.length > 0) return fc.constantFrom(...resolved.enum)
    if (resolved.const !== undefined) return fc.constant(resolved.const)
    switch (resolved.type) {
      case "object": {
        const properties: Record<string, any> = resolved.properties ?? {}
        const names = Object.keys(properties)
        const required = new Set<string>(resolved.required ?? [])
        const members = names.map((name) =>
          fc.tuple(
            fc.constant(name),
            // A required field goes missing now and then; an optional one often.
            fc.integer({ min: 0, max: 9 }),
            valueOf(context, properties[name], depth + 1)
          )
        )
        const extra = fc.option(fc.tuple(fc.constantFrom("extra", "__proto__", "constructor", "ｉｄ", "\u0000"), hostile), {
          freq: 4
        })
        return fc.tuple(fc.tuple(...members), extra).map(([entries, more]) => {
          const object: Record<string, unknown> = {}
          for (const [name, dice, value] of entries) {
            if (dice === 0 || (!required.has(name) && dice < 4)) continue
            Object.defineProperty(object, name, { value, enumerable: true, writable: true, configurable: true })
          }
          if (more !== null) {
            Object.defineProperty(object, more[0], { value: more[1], enumerable: true, writable: true, configurable: true })
          }
          return object
        })
      }
      case "array":
        return fc.array(valueOf(context, resolved.items ?? {}, depth + 1), { minLength: 0, maxLength: 3 })
      case "string":
        return fc.constantFrom(...plausibleStrings)
      case "integer":
      case "number":
        return fc.constantFrom(0, 1, 12, 2026, 100)
      case "boolean":
        return fc.boolean()
      default:
        return fc.constantFrom<unknown>("x", 1, true, null)
    }
  })()
  return fc.oneof({ arbitrary: plausible, weight: 4 }, { arbitrary: hostile, weight: 1 })
}

/** The text with lone surrogates replaced, as a URL must carry it. */
const wellFormed = (text: string) => text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD")

/** A path segment: mostly a real value, else a hostile string or raw percent-encoded junk. */
const segmentOf = (context: Context, name: string): fc.Arbitrary<string> => {
  const valid = context.pathValues[name] ?? ["x"]
  return fc.oneof(
    { arbitrary: fc.constantFrom(...valid).map(encodeURIComponent), weight: 6 },
    {
      arbitrary: fc.constantFrom(...hostileStrings.filter((text) => text.length < 5000 && text !== ""))
        .map((text) => encodeURIComponent(wellFormed(text))),
      weight: 2
    },
    { arbitrary: fc.constantFrom("%00", "%FF", "%ED%A0%80", "%E0%A4%A", "..%2F..%2F", "%2e%2e", "a".repeat(4000)), weight: 1 }
  )
}

interface FuzzRequest {
  readonly method: string
  readonly path: string
  readonly headers: Record<string, string>
  readonly body: string | Uint8Array | undefined
}

const describeRequest = (request: FuzzRequest): string => {
  const body = request.body === undefined
    ? "(none)"
    : typeof request.body === "string"
    ? JSON.stringify(request.body.length > 300 ? `${request.body.slice(0, 300)}… (${request.body.length} chars)` : request.body)
    : `bytes ${Buffer.from(request.body).toString("hex")}`
  return `${request.method} ${request.path.length > 300 ? `${request.path.slice(0, 300)}…` : request.path} ` +
    `content-type=${request.headers["content-type"] ?? "(none)"} body=${body}`
}

const requestOf = (context: Context, endpoint: Endpoint): fc.Arbitrary<FuzzRequest> => {
  const path = fc.tuple(...endpoint.pathParameters.map((name) => segmentOf(context, name))).map((segments) => {
    let index = 0
    return endpoint.path.replace(/\{[^}]+\}/g, () => segments[index++]!)
  })
  const query = fc.tuple(
    fc.tuple(...endpoint.queryParameters.map((parameter) =>
      fc.option(
        fc.tuple(
          fc.constant(parameter.name),
          fc.oneof(
            { arbitrary: valueOf(context, parameter.schema, 5).map((value) => typeof value === "string" ? value : serialize(value)), weight: 3 },
            { arbitrary: fc.constantFrom(...hostileStrings), weight: 2 }
          ),
          fc.boolean() // repeat the parameter (?limit=1&limit=2)
        ),
        { freq: 2 }
      )
    )),
    fc.option(fc.tuple(fc.constantFrom("unknown", "__proto__", "limit[]", ""), fc.constantFrom(...hostileStrings.filter((text) => text.length < 1000))), {
      freq: 4
    })
  ).map(([parameters, extra]) => {
    const search = new URLSearchParams()
    for (const parameter of parameters) {
      if (parameter === null) continue
      const [name, value, repeated] = parameter
      search.append(name, value)
      if (repeated) search.append(name, value)
    }
    if (extra !== null) search.append(extra[0], extra[1])
    const text = search.toString()
    return text === "" ? "" : `?${text}`
  })
  const body: fc.Arbitrary<string | Uint8Array | undefined> = endpoint.method === "GET"
    ? fc.constant(undefined)
    : endpoint.body === undefined
    ? fc.option(fc.constantFrom(...junkBodies), { freq: 3, nil: undefined })
    : fc.oneof(
      { arbitrary: valueOf(context, endpoint.body, 0).map(serialize), weight: 6 },
      { arbitrary: fc.constantFrom(...hostileValues).map(serialize), weight: 1 },
      { arbitrary: fc.constantFrom(...junkBodies), weight: 2 },
      { arbitrary: fc.constant(undefined), weight: 1 }
    )
  const contentType = fc.oneof(
    { arbitrary: fc.constant<string | undefined>("application/json"), weight: 6 },
    { arbitrary: fc.constantFrom(...contentTypes), weight: 2 }
  )
  const idempotencyKey = endpoint.headerParameters.includes("idempotency-key")
    ? fc.option(fc.constantFrom("key-1", "x".repeat(8000), "' OR 1=1 --", "%00", " "), { nil: undefined })
    : fc.constant(undefined)
  return fc.record({ path, query, body, contentType, idempotencyKey }).map((parts) => {
    const headers: Record<string, string> = {}
    if (parts.body !== undefined && parts.contentType !== undefined) headers["content-type"] = parts.contentType
    if (parts.idempotencyKey !== undefined) headers["idempotency-key"] = parts.idempotencyKey
    return { method: endpoint.method, path: `${parts.path}${parts.query}`, headers, body: parts.body }
  })
}

const mutating = (endpoint: Endpoint) => endpoint.method !== "GET" && endpoint.method !== "HEAD"

for (const dialect of dialectsUnderTest()) {
  if (standInForUnavailable(`HTTP fuzzing [${dialect.name}]`, dialect)) continue

  describe(`HTTP fuzzing [${dialect.name}]`, () => {
    let server: ReliabilityServer
    let token = ""
    let endpoints: ReadonlyArray<Endpoint> = []
    let context: Context
    const accepted: Record<string, number> = {}
    const failures: Array<string> = []

    beforeAll(async () => {
      server = await startReliabilityServer(dialect.name, seedRoleOperators)
      token = await tokenOf(server.url, "admin", "danju-admin-demo")
      const discovered = await fetchEndpoints(server.url)
      endpoints = discovered.endpoints
      const vouchers = await send(`${server.url}/ledger/account-sets/mess-demo/vouchers?limit=5`, {
        headers: { authorization: `Bearer ${token}` }
      })
      assert.strictEqual(vouchers.status, 200, vouchers.text)
      context = {
        spec: discovered.spec,
        pathValues: {
          accountSet: ["mess-demo", "company-demo", "no-such-books"],
          voucherId: [...vouchers.body.vouchers.map((voucher: { id: string }) => voucher.id), "no-such-voucher"],
          accountCode: ["1001", "4001", "9999"]
        }
      }
    }, 120_000)

    afterAll(async () => {
      await server?.close()
    })

    it("discovers every endpoint of the OpenAPI document, the ledger's among them", () => {
      assert.isAtLeast(endpoints.length, 40)
      for (const operationId of ["auth.login", "operators.create", "ledgerVouchers.create", "ledgerPeriodEnd.closeYear", "ledgerBookReports.voucherPrint"]) {
        assert.isTrue(endpoints.some((endpoint) => endpoint.operationId === operationId), operationId)
      }
    })

    // Regressions: each request below failed before the request gate (handlers/requestGate.ts).
    it("a multipart body with a broken boundary, or none at all, is a 400 problem (was a 500 and a hang)", async () => {
      const digest = (await server.run(databaseDigest())).hash
      const url = `${server.url}/ledger/account-sets/mess-demo/vouchers`
      const headers = { authorization: `Bearer ${token}` }
      for (const [contentType, body] of [["multipart/form-data", "garbage"], ["multipart/form-data; boundary=danju", ""], ["multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"date\"\r\n\r\n2026-11-05\r\n--x--"]]) {
        const response = await send(url, { method: "POST", headers: { ...headers, "content-type": contentType! }, body: body! }, 5_000)
        assert.strictEqual(response.status, 400, response.text)
        assert.isUndefined(problemDefect(response))
        assert.strictEqual(response.body.issues[0].path, "content-type")
        assert.include(response.body.detail, "application/json")
      }
      const form = await send(url, { method: "POST", headers: { ...headers, "content-type": "application/x-www-form-urlencoded" }, body: "date=2026-11-05" })
      assert.strictEqual(form.status, 400)
      const missing = await send(url, { method: "POST", headers, body: new Uint8Array(Buffer.from("{}")) })
      assert.strictEqual(missing.status, 400)
      assert.match(missing.body.detail, /no Content-Type/)
      assert.strictEqual((await server.run(databaseDigest())).hash, digest)
    })

    it("JSON nested 100 000 deep is a 400 problem naming the limit (was a 500: stack exhausted)", async () => {
      const response = await send(`${server.url}/ledger/account-sets/mess-demo/vouchers/post`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: "[".repeat(100_000) + "]".repeat(100_000)
      })
      assert.strictEqual(response.status, 400, response.text)
      assert.isUndefined(problemDefect(response))
      assert.match(response.body.detail, /nested deeper than 32 levels/)
      // Brackets inside strings do not count, and ordinary bodies pass.
      const quoted = await send(`${server.url}/ledger/account-sets/mess-demo/vouchers/post`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ voucherIds: ["[".repeat(100)] })
      })
      assert.strictEqual(quoted.status, 400)
      assert.strictEqual(quoted.body.issues[0].path, "voucherIds.0")
    })

    it("a URL longer than Node's header limit is a 431 problem, not a bare status line", async () => {
      const response = await send(`${server.url}/ledger/account-sets/${"a".repeat(100_000)}`, { headers: { authorization: `Bearer ${token}` } })
      assert.strictEqual(response.status, 431)
      assert.isUndefined(problemDefect(response))
      assert.strictEqual(response.body.code, "RequestInvalid")
      // The server still answers afterwards.
      assert.strictEqual((await send(`${server.url}/health`, {})).status, 200)
    })

    it("answers every fuzzed request of every endpoint with a 2xx or a 4xx problem, and a refusal writes nothing", async () => {
      for (const [index, endpoint] of endpoints.entries()) {
        const seed = baseSeed + index
        let baseline = (await server.run(databaseDigest())).hash
        const before = baseline
        const property = fc.asyncProperty(requestOf(context, endpoint), async (request) => {
          const headers: Record<string, string> = { ...request.headers }
          if (endpoint.secured) headers["authorization"] = `Bearer ${token}`
          const where = `${endpoint.operationId} (seed ${seed}): ${describeRequest(request)}`
          let response: RawResponse
          try {
            response = await send(`${server.url}${request.path}`, {
              method: request.method,
              headers,
              ...(request.body === undefined ? {} : { body: request.body })
            })
          } catch (error) {
            failures.push(`${where} → no answer: ${String(error)}`)
            return
          }
          const answered = `${where} → ${response.status} ${response.text.slice(0, 300)}`
          if (response.status >= 500 || (response.status >= 300 && response.status < 400)) failures.push(answered)
          else if (response.status >= 400) {
            const defect = problemDefect(response)
            if (defect !== undefined) failures.push(`not a problem (${defect}): ${answered}`)
            if (response.status === 401 && response.body?.code === "SessionInvalid") failures.push(`the administrator's session must survive fuzzing: ${answered}`)
          } else {
            accepted[endpoint.operationId] = (accepted[endpoint.operationId] ?? 0) + 1
          }
          if (!mutating(endpoint)) return
          const after = (await server.run(databaseDigest())).hash
          if (response.status >= 400 && after !== baseline) failures.push(`a refused request changed the database: ${answered}`)
          baseline = after
          // Logging out (a valid request to do so) ends the administrator's session; the
          // harness logs in again, which writes its own audit record: a new baseline.
          if (endpoint.operationId === "auth.logout" && response.status < 300) {
            token = await tokenOf(server.url, "admin", "danju-admin-demo")
            baseline = (await server.run(databaseDigest())).hash
          }
        })
        await fc.assert(property, { seed, numRuns: runsPerEndpoint })
        if (!mutating(endpoint) && (await server.run(databaseDigest())).hash !== before) {
          failures.push(`a read changed the database: ${endpoint.operationId} (seed ${seed})`)
        }
      }
      if (process.env["DANJU_FUZZ_REPORT"] !== undefined) console.log(JSON.stringify(accepted))
      assert.deepStrictEqual(failures, [])
      // Some fuzzed requests are valid; the run shows which endpoints accepted any.
      assert.isAbove(Object.keys(accepted).length, 0)
    }, 900_000)
  })
}
