/**
 * Shared helpers of the reliability suites: a server whose database the test can read
 * while it runs, a digest of every row of every table (to prove a refused request wrote
 * nothing), the endpoints of the live `/openapi.json`, operators of every demo role, and
 * RFC 9457 response checks.
 */
import { createHash } from "node:crypto"
import { OrganisationId, RoleName } from "@danju/core"
import type { Role } from "@danju/core"
import { Database, ensureOperator } from "@danju/core/sql"
import type { DatabaseShape, DialectName } from "@danju/core/sql"
import { ledgerRoles } from "@danju/ledger"
import { freshDatabase } from "@danju/core/testing"
import { Context, Effect, Exit, Layer, LogLevel, Scope } from "effect"
import type { ServerOptions } from "../../src/server"
import { startServer } from "../../src/server"
import { demoOrganisationId } from "../../src/demo"

/**
 * Tables whose rows legitimately change on a refused request: a failed login records an
 * attempt (the rate limit), and a login opens a session. Every other table must be
 * byte-for-byte unchanged after a 4xx.
 */
export const volatileTables: ReadonlyArray<string> = ["danju_sessions", "danju_login_attempts"]

/** A running server plus the very database it writes to. */
export interface ReliabilityServer {
  readonly url: string
  readonly database: DatabaseShape
  readonly run: <A, E>(effect: Effect.Effect<A, E, Database>) => Promise<A>
  readonly close: () => Promise<void>
}

/**
 * Starts the reference server (demo data, quiet logs) over a fresh database of the dialect
 * and keeps a handle on that database for digests and direct inspection.
 */
export const startReliabilityServer = async (
  dialect: DialectName,
  seed?: ServerOptions["seed"]
): Promise<ReliabilityServer> => {
  const scope = Effect.runSync(Scope.make())
  const context = await Effect.runPromise(Layer.buildWithScope(freshDatabase(dialect), scope))
  const database = Context.get(context, Database)
  const server = await startServer({
    database: Layer.succeed(Database, database),
    port: 0,
    host: "127.0.0.1",
    demo: true,
    minimumLogLevel: LogLevel.Error,
    ...(seed === undefined ? {} : { seed })
  }).catch(async (error) => {
    await Effect.runPromise(Scope.close(scope, Exit.void))
    throw error
  })
  return {
    url: server.url,
    database,
    run: (effect) => Effect.runPromise(Effect.provideService(effect, Database, database)),
    close: async () => {
      await server.close()
      await Effect.runPromise(Scope.close(scope, Exit.void))
    }
  }
}

/** The user tables of the current database (the test schema on PostgreSQL), sorted. */
export const tableNames = Effect.gen(function*() {
  const database = yield* Database
  const rows = database.dialect === "sqlite"
    ? yield* database.query("list tables", (db) =>
      db.selectFrom("sqlite_master").select("name").where("type", "=", "table")
        .where("name", "not like", "sqlite_%").execute())
    : yield* database.query("list tables", (db) =>
      db.selectFrom("information_schema.tables").select("table_name as name")
        .where("table_schema", "=", db.fn<string>("current_schema", []))
        .where("table_type", "=", "BASE TABLE").execute())
  return rows.map((row: { name: string }) => String(row.name)).sort()
})

const canonical = (value: unknown): string => {
  if (value === null || value === undefined) return "∅"
  if (value instanceof Date) return `date:${value.toISOString()}`
  if (Buffer.isBuffer(value)) return `bytes:${value.toString("hex")}`
  if (typeof value === "object") return `json:${JSON.stringify(value)}`
  return `${typeof value}:${String(value)}`
}

/**
 * One hash over every row of every table but `exclude`, in a stable order (tables by
 * name, columns by name, rows by their canonical text), with the row count per table.
 */
export const databaseDigest = (exclude: ReadonlyArray<string> = volatileTables) =>
  Effect.gen(function*() {
    const database = yield* Database
    const tables = (yield* tableNames).filter((name) => !exclude.includes(name))
    const hash = createHash("sha256")
    const counts: Record<string, number> = {}
    for (const table of tables) {
      const rows = yield* database.query(`dump ${table}`, (db) => db.selectFrom(table).selectAll().execute())
      const lines = rows.map((row: Record<string, unknown>) =>
        Object.keys(row).sort().map((column) => `${column}=${canonical(row[column])}`).join("\u0001")
      ).sort()
      counts[table] = lines.length
      hash.update(`table ${table} ${lines.length}\n`)
      for (const line of lines) hash.update(`${line}\n`)
    }
    return { hash: hash.digest("hex"), counts }
  })

/** One operation of the OpenAPI document. */
export interface Endpoint {
  readonly operationId: string
  readonly method: string
  /** The OpenAPI path, with `{param}` placeholders. */
  readonly path: string
  readonly pathParameters: ReadonlyArray<string>
  readonly queryParameters: ReadonlyArray<{ readonly name: string; readonly schema: any }>
  readonly headerParameters: ReadonlyArray<string>
  /** The JSON schema of the body, with `$ref`s left in place; undefined when none. */
  readonly body: any
  readonly secured: boolean
}

/** The server's OpenAPI document and its endpoints, from the running server. */
export const fetchEndpoints = async (url: string): Promise<{ readonly spec: any; readonly endpoints: ReadonlyArray<Endpoint> }> => {
  const spec: any = await (await fetch(`${url}/openapi.json`)).json()
  const endpoints: Array<Endpoint> = []
  for (const [path, item] of Object.entries(spec.paths as Record<string, Record<string, any>>)) {
    for (const [method, operation] of Object.entries(item)) {
      const parameters: Array<any> = operation.parameters ?? []
      endpoints.push({
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path,
        pathParameters: parameters.filter((parameter) => parameter.in === "path").map((parameter) => parameter.name),
        queryParameters: parameters.filter((parameter) => parameter.in === "query").map((parameter) => ({
          name: parameter.name,
          schema: parameter.schema
        })),
        headerParameters: parameters.filter((parameter) => parameter.in === "header").map((parameter) => parameter.name),
        body: operation.requestBody?.content?.["application/json"]?.schema,
        secured: Array.isArray(operation.security) && operation.security.length > 0
      })
    }
  }
  return { spec, endpoints }
}

/** Fills the `{param}` placeholders of an OpenAPI path (values are URL-encoded). */
export const fillPath = (path: string, values: Record<string, string>): string =>
  path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = values[name]
    if (value === undefined) throw new Error(`no value for path parameter ${name} of ${path}`)
    return encodeURIComponent(value)
  })

/** A raw HTTP answer: status, content type, headers and the parsed body (or the text). */
export interface RawResponse {
  readonly status: number
  readonly contentType: string
  readonly headers: Headers
  readonly text: string
  readonly body: any
}

/** Sends a request with a deadline: a hang fails the test instead of blocking it. */
export const send = async (
  url: string,
  init: { readonly method?: string; readonly headers?: Record<string, string>; readonly body?: string | Uint8Array },
  timeoutMilliseconds = 15_000
): Promise<RawResponse> => {
  const response = await fetch(url, {
    method: init.method ?? "GET",
    headers: init.headers ?? {},
    ...(init.body === undefined ? {} : { body: init.body }),
    signal: AbortSignal.timeout(timeoutMilliseconds)
  })
  const text = await response.text()
  let body: any = undefined
  try {
    body = text === "" ? undefined : JSON.parse(text)
  } catch {
    body = undefined
  }
  return { status: response.status, contentType: response.headers.get("content-type") ?? "", headers: response.headers, text, body }
}

/** Why a response is not a well-formed RFC 9457 problem, or undefined when it is one. */
export const problemDefect = (response: RawResponse): string | undefined => {
  if (!response.contentType.includes("application/problem+json")) return `content type "${response.contentType}"`
  const body = response.body
  if (typeof body !== "object" || body === null) return "body is not a JSON object"
  if (body.status !== response.status) return `body status ${body.status} ≠ ${response.status}`
  if (typeof body.title !== "string" || body.title.length === 0) return "no title"
  if (typeof body.detail !== "string" || body.detail.length === 0) return "no detail"
  if (typeof body.code !== "string" || body.code.length === 0) return "no code"
  if (typeof body.type !== "string" || !/^urn:danju:problem:[a-z-]+$/.test(body.type)) return `type ${body.type}`
  return undefined
}

/** The ledger's roles by name, straight from the ledger's permission table. */
export const ledgerRoleNames: ReadonlyArray<string> = ledgerRoles.map((role: Role) => role.name)

/** The password of every operator {@link seedRoleOperators} creates. */
export const rolePassword = "reliability password 1"

/** Login of the operator holding exactly one ledger role. */
export const roleLogin = (role: string): string => `role-${role}`

/** Login of the administrator of the second organisation. */
export const outsiderLogin = "outsider-admin"

/** The second organisation. */
export const otherOrganisationId = OrganisationId.make("elsewhere")

/**
 * One operator per ledger role (administrator, accountant, supervisor, cashier, viewer)
 * and one holding only core's `checker` role (no ledger permission) in the demo
 * organisation, and an administrator of another organisation.
 */
export const seedRoleOperators = Effect.gen(function*() {
  for (const role of [...ledgerRoleNames, "checker"]) {
    yield* ensureOperator({
      organisationId: demoOrganisationId,
      login: roleLogin(role),
      displayName: `Role ${role}`,
      password: rolePassword,
      roles: [RoleName.make(role)]
    })
  }
  yield* ensureOperator({
    organisationId: otherOrganisationId,
    login: outsiderLogin,
    displayName: "Outsider",
    password: rolePassword,
    roles: [RoleName.make("administrator")]
  })
})

/** Logs in and returns the bearer token. */
export const tokenOf = async (url: string, login: string, password: string = rolePassword): Promise<string> => {
  const response = await send(`${url}/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ login, password })
  })
  if (response.status !== 200) throw new Error(`login ${login} failed with ${response.status}: ${response.text}`)
  return response.body.token as string
}
