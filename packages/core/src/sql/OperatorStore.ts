/**
 * Operators, sessions and the per-login rate limit: the {@link OperatorStore} port, its
 * SQL adapter over {@link Database} (tables of migration `core_0002_operators_sessions`),
 * and the login flow built on them ({@link createOperator}, {@link login},
 * {@link authenticate}, {@link logout}).
 *
 * Session tokens are 256 random bits handed to the client once; the database keeps only
 * their SHA-256, so reading the sessions table yields no usable token.
 *
 * @since 0.1.0
 */
import { createHash, randomBytes, randomUUID } from "node:crypto"
import { Clock, Context, Effect, Layer, Option, ParseResult, Schema } from "effect"
import type { AuditDraft } from "../AuditLog"
import { AuditLog } from "../AuditLog"
import { Limits } from "../Limits"
import type { Actor, OperatorDisabled as OperatorDisabledError } from "../Operator"
import { Operator, OperatorDisabled, OperatorId, OrganisationId, RoleNames } from "../Operator"
import type { RoleName } from "../Operator"
import type { PasswordPolicyViolation } from "../Password"
import { hashPassword, verifyPassword } from "../Password"
import { SessionInvalid } from "../Session"
import { Database } from "./Database"
import type { SqlError } from "./SqlError"

// ── errors ─────────────────────────────────────────────────────────────────

/**
 * The login name is unknown, the password is wrong, or the operator belongs to another
 * organisation than the one named. One error for all three, so that a caller cannot tell
 * which logins exist.
 *
 * @since 0.1.0
 */
export class LoginFailed extends Schema.TaggedError<LoginFailed>()("LoginFailed", {
  login: Schema.String
}) {
  override get message(): string {
    return `login "${this.login}" failed: unknown login or wrong password`
  }
}

/**
 * Too many failed logins for one login name inside the rate-limit window; the caller may
 * try again after `retryAfterSeconds`.
 *
 * @since 0.1.0
 */
export class LoginRateLimited extends Schema.TaggedError<LoginRateLimited>()("LoginRateLimited", {
  login: Schema.String,
  failuresMax: Schema.Int,
  windowMinutes: Schema.Int,
  retryAfterSeconds: Schema.Int
}) {
  override get message(): string {
    return `login "${this.login}" is locked after ${this.failuresMax} failed attempts within ${this.windowMinutes} minutes; retry in ${this.retryAfterSeconds} s`
  }
}

// SessionInvalid lives in the pure module ../Session (HTTP contracts declare it without
// reaching the SQL layer); re-exported here so existing imports keep working.
export { SessionInvalid, SessionInvalidReason } from "../Session"

/**
 * Another operator already has this login name (login names are unique across
 * organisations, so a login alone identifies an operator).
 *
 * @since 0.1.0
 */
export class OperatorLoginTaken extends Schema.TaggedError<OperatorLoginTaken>()("OperatorLoginTaken", {
  login: Schema.String
}) {
  override get message(): string {
    return `an operator with login "${this.login}" already exists`
  }
}

// ── port ───────────────────────────────────────────────────────────────────

/**
 * An operator with the scrypt hash of their password, as storage holds it. The hash
 * never leaves the login flow.
 *
 * @since 0.1.0
 */
export interface OperatorCredentials {
  readonly operator: Operator
  readonly passwordHash: string
}

/**
 * A stored session: the SHA-256 (hex) of its token, its lifetime and its last use, in
 * epoch milliseconds.
 *
 * @since 0.1.0
 */
export interface SessionRecord {
  readonly tokenHash: string
  readonly operatorId: OperatorId
  readonly createdAt: number
  readonly expiresAt: number
  /** When the session was last used (recorded at most once per `Limits.sessionUseRecordedEverySeconds`). */
  readonly lastUsedAt: number
  readonly revokedAt: number | undefined
}

/**
 * Changes to an operator; absent fields stay as they are.
 *
 * @since 0.1.0
 */
export interface OperatorChanges {
  readonly displayName?: string
  readonly roles?: ReadonlyArray<RoleName>
  readonly disabled?: boolean
  readonly passwordHash?: string
}

/**
 * What the login flow needs from storage. Every read is bounded: listings take a page
 * of at most `Limits.pageSizeMax`, failure reads at most `Limits.loginFailuresPerWindowMax`.
 *
 * @since 0.1.0
 */
export interface OperatorStoreShape {
  /** Stores a new operator; fails when the login is taken. */
  readonly insertOperator: (
    operator: Operator,
    passwordHash: string,
    createdAt: number
  ) => Effect.Effect<void, OperatorLoginTaken | SqlError>
  readonly findOperatorById: (id: OperatorId) => Effect.Effect<Option.Option<Operator>, SqlError>
  readonly findOperatorByLogin: (login: string) => Effect.Effect<Option.Option<OperatorCredentials>, SqlError>
  /** Operators of one organisation in login order, after `afterLogin` when given. */
  readonly listOperators: (
    organisationId: OrganisationId,
    page: { readonly limit: number; readonly afterLogin?: string }
  ) => Effect.Effect<ReadonlyArray<Operator>, SqlError>
  /** Applies changes; false when no operator has this id. */
  readonly updateOperator: (id: OperatorId, changes: OperatorChanges) => Effect.Effect<boolean, SqlError>
  readonly insertSession: (session: SessionRecord) => Effect.Effect<void, SqlError>
  readonly findSession: (tokenHash: string) => Effect.Effect<Option.Option<SessionRecord>, SqlError>
  /** Records a use of a live session at `at`, unless one at or after `notBefore` is recorded already. */
  readonly recordSessionUse: (tokenHash: string, at: number, notBefore: number) => Effect.Effect<void, SqlError>
  /** Marks a session revoked at `at`; false when it is unknown or already revoked. */
  readonly revokeSession: (tokenHash: string, at: number) => Effect.Effect<boolean, SqlError>
  /** Revokes every live session of an operator (password change, disabling). */
  readonly revokeSessionsOfOperator: (operatorId: OperatorId, at: number) => Effect.Effect<number, SqlError>
  /** Deletes sessions that expired, or went idle, before `before`; returns how many. */
  readonly deleteExpiredSessions: (before: number) => Effect.Effect<number, SqlError>
  /** Records one failed login and forgets that login's failures older than `forgetBefore`. */
  readonly recordLoginFailure: (login: string, at: number, forgetBefore: number) => Effect.Effect<void, SqlError>
  /** Times of the most recent failures after `since`, newest first, at most `limit`. */
  readonly recentLoginFailures: (
    login: string,
    since: number,
    limit: number
  ) => Effect.Effect<ReadonlyArray<number>, SqlError>
  readonly clearLoginFailures: (login: string) => Effect.Effect<void, SqlError>
}

/**
 * Storage of operators, sessions and failed logins. The live adapter is
 * {@link OperatorStoreSql}; the flow functions of this module ({@link login} …) use it.
 *
 * @example
 * ```ts
 * import { Effect, Layer } from "effect"
 * import { DatabaseLive, OperatorStoreSql, login } from "@danju/core/sql"
 *
 * const layer = OperatorStoreSql.layer.pipe(Layer.provide(DatabaseLive.layer("sqlite:./data/danju.db")))
 * const session = login({ login: "admin", password: "danju-admin-demo" }).pipe(Effect.provide(layer))
 * ```
 *
 * @since 0.1.0
 */
export class OperatorStore extends Context.Tag("@danju/core/sql/OperatorStore")<OperatorStore, OperatorStoreShape>() {}

// ── SQL adapter ────────────────────────────────────────────────────────────

interface OperatorRow {
  id: string
  organisation_id: string
  login: string
  display_name: string
  password_hash: string
  roles: string
  disabled: boolean | number
  created_at: number | string
}

interface SessionRow {
  token_hash: string
  operator_id: string
  created_at: number | string
  expires_at: number | string
  last_used_at: number | string | null
  revoked_at: number | string | null
}

interface LoginAttemptRow {
  id: number | string
  login: string
  failed_at: number | string
}

interface OperatorTables {
  danju_operators: OperatorRow
  danju_sessions: SessionRow
  danju_login_attempts: LoginAttemptRow
}

// pg returns BIGINT as a string and BOOLEAN as a boolean; better-sqlite3 returns numbers
// for both. Rows are decoded here, at the storage edge.
const InstantColumn = Schema.Union(Schema.Number, Schema.NumberFromString)
const BooleanColumn = Schema.Union(
  Schema.Boolean,
  Schema.transform(Schema.Literal(0, 1), Schema.Boolean, {
    strict: true,
    decode: (value) => value === 1,
    encode: (value) => (value ? 1 : 0)
  })
)

const OperatorRowSchema = Schema.Struct({
  id: OperatorId,
  organisation_id: OrganisationId,
  login: Schema.String,
  display_name: Schema.String,
  password_hash: Schema.String,
  roles: Schema.parseJson(RoleNames),
  disabled: BooleanColumn
})

const SessionRowSchema = Schema.Struct({
  token_hash: Schema.String,
  operator_id: OperatorId,
  created_at: InstantColumn,
  expires_at: InstantColumn,
  last_used_at: Schema.NullOr(InstantColumn),
  revoked_at: Schema.NullOr(InstantColumn)
})

// A row that fails to decode was written by something other than this adapter: a defect.
const decodeOperatorRow = (row: OperatorRow): Effect.Effect<OperatorCredentials> =>
  Schema.decodeUnknown(OperatorRowSchema)(row).pipe(
    Effect.map((decoded) => ({
      operator: Operator.make({
        id: decoded.id,
        organisationId: decoded.organisation_id,
        login: decoded.login,
        displayName: decoded.display_name,
        roles: decoded.roles,
        disabled: decoded.disabled
      }),
      passwordHash: decoded.password_hash
    })),
    Effect.orDie
  )

const decodeSessionRow = (row: SessionRow): Effect.Effect<SessionRecord> =>
  Schema.decodeUnknown(SessionRowSchema)(row).pipe(
    Effect.map((decoded) => ({
      tokenHash: decoded.token_hash,
      operatorId: decoded.operator_id,
      createdAt: decoded.created_at,
      expiresAt: decoded.expires_at,
      // Sessions opened before core_0003 were last used, as far as anyone knows, when opened.
      lastUsedAt: decoded.last_used_at ?? decoded.created_at,
      revokedAt: decoded.revoked_at ?? undefined
    })),
    Effect.orDie
  )

/**
 * The {@link OperatorStore} over the core tables `danju_operators`, `danju_sessions` and
 * `danju_login_attempts`.
 *
 * @example
 * ```ts
 * import { Layer } from "effect"
 * import { DatabaseLive, OperatorStoreSql } from "@danju/core/sql"
 *
 * const live = OperatorStoreSql.layer.pipe(Layer.provide(DatabaseLive.layer("sqlite::memory:")))
 * ```
 *
 * @since 0.1.0
 */
export const OperatorStoreSql = {
  layer: Layer.effect(
    OperatorStore,
    Effect.gen(function*() {
      const database = yield* Database
      // Column types are part of the migration contract: a boolean column is INTEGER on
      // SQLite, whose driver refuses to bind JavaScript booleans.
      const booleanValue = (value: boolean): boolean | number =>
        database.columnTypes.boolean === "integer" ? (value ? 1 : 0) : value

      const insertOperator: OperatorStoreShape["insertOperator"] = (operator, passwordHash, createdAt) =>
        database.withTransaction(Effect.gen(function*() {
          const existing = yield* database.query<{ id: string } | undefined, OperatorTables>(
            "check operator login",
            (db) => db.selectFrom("danju_operators").select("id").where("login", "=", operator.login).executeTakeFirst()
          )
          if (existing !== undefined) return yield* new OperatorLoginTaken({ login: operator.login })
          yield* database.query<unknown, OperatorTables>("insert operator", (db) =>
            db.insertInto("danju_operators").values({
              id: operator.id,
              organisation_id: operator.organisationId,
              login: operator.login,
              display_name: operator.displayName,
              password_hash: passwordHash,
              roles: JSON.stringify(operator.roles),
              disabled: booleanValue(operator.disabled),
              created_at: createdAt
            }).execute())
        })).pipe(
          // A concurrent insert of the same login on PostgreSQL passes the check above
          // and is stopped by the unique index instead.
          Effect.catchIf(
            (error): error is SqlError => error._tag === "SqlError" && error.reason === "constraint",
            () => Effect.fail(new OperatorLoginTaken({ login: operator.login }))
          )
        )

      const findOperatorById: OperatorStoreShape["findOperatorById"] = (id) =>
        database.query<OperatorRow | undefined, OperatorTables>("find operator", (db) =>
          db.selectFrom("danju_operators").selectAll().where("id", "=", id).executeTakeFirst()).pipe(
            Effect.flatMap((row) =>
              row === undefined
                ? Effect.succeed(Option.none())
                : Effect.map(decodeOperatorRow(row), (credentials) => Option.some(credentials.operator))
            )
          )

      const findOperatorByLogin: OperatorStoreShape["findOperatorByLogin"] = (login) =>
        database.query<OperatorRow | undefined, OperatorTables>("find operator by login", (db) =>
          db.selectFrom("danju_operators").selectAll().where("login", "=", login).executeTakeFirst()).pipe(
            Effect.flatMap((row) =>
              row === undefined ? Effect.succeed(Option.none()) : Effect.map(decodeOperatorRow(row), Option.some)
            )
          )

      const listOperators: OperatorStoreShape["listOperators"] = (organisationId, page) =>
        database.query<Array<OperatorRow>, OperatorTables>("list operators", (db) => {
          let select = db.selectFrom("danju_operators").selectAll().where("organisation_id", "=", organisationId)
          if (page.afterLogin !== undefined) select = select.where("login", ">", page.afterLogin)
          return select.orderBy("login").limit(Math.max(1, Math.min(page.limit, Limits.pageSizeMax))).execute()
        }).pipe(
          Effect.flatMap((rows) => Effect.forEach(rows, decodeOperatorRow)),
          Effect.map((rows) => rows.map((credentials) => credentials.operator))
        )

      const updateOperator: OperatorStoreShape["updateOperator"] = (id, changes) => {
        const set: Partial<OperatorRow> = {}
        if (changes.displayName !== undefined) set.display_name = changes.displayName
        if (changes.roles !== undefined) set.roles = JSON.stringify(changes.roles)
        if (changes.disabled !== undefined) set.disabled = booleanValue(changes.disabled)
        if (changes.passwordHash !== undefined) set.password_hash = changes.passwordHash
        if (Object.keys(set).length === 0) {
          return Effect.map(findOperatorById(id), Option.isSome)
        }
        return database.query<ReadonlyArray<{ numUpdatedRows: bigint }>, OperatorTables>("update operator", (db) =>
          db.updateTable("danju_operators").set(set).where("id", "=", id).execute()).pipe(
            Effect.map((results) => results.some((result) => result.numUpdatedRows > 0n))
          )
      }

      const insertSession: OperatorStoreShape["insertSession"] = (session) =>
        database.query<unknown, OperatorTables>("insert session", (db) =>
          db.insertInto("danju_sessions").values({
            token_hash: session.tokenHash,
            operator_id: session.operatorId,
            created_at: session.createdAt,
            expires_at: session.expiresAt,
            last_used_at: session.lastUsedAt,
            revoked_at: session.revokedAt ?? null
          }).execute()).pipe(Effect.asVoid)

      const findSession: OperatorStoreShape["findSession"] = (tokenHash) =>
        database.query<SessionRow | undefined, OperatorTables>("find session", (db) =>
          db.selectFrom("danju_sessions").selectAll().where("token_hash", "=", tokenHash).executeTakeFirst()).pipe(
            Effect.flatMap((row) =>
              row === undefined ? Effect.succeed(Option.none()) : Effect.map(decodeSessionRow(row), Option.some)
            )
          )

      const recordSessionUse: OperatorStoreShape["recordSessionUse"] = (tokenHash, at, notBefore) =>
        database.query<unknown, OperatorTables>("record session use", (db) =>
          db.updateTable("danju_sessions").set({ last_used_at: at })
            .where("token_hash", "=", tokenHash)
            .where((row) => row.or([row("last_used_at", "is", null), row("last_used_at", "<", notBefore)]))
            .execute()).pipe(Effect.asVoid)

      const revokeSession: OperatorStoreShape["revokeSession"] = (tokenHash, at) =>
        database.query<ReadonlyArray<{ numUpdatedRows: bigint }>, OperatorTables>("revoke session", (db) =>
          db.updateTable("danju_sessions").set({ revoked_at: at })
            .where("token_hash", "=", tokenHash).where("revoked_at", "is", null).execute()).pipe(
            Effect.map((results) => results.some((result) => result.numUpdatedRows > 0n))
          )

      const revokeSessionsOfOperator: OperatorStoreShape["revokeSessionsOfOperator"] = (operatorId, at) =>
        database.query<ReadonlyArray<{ numUpdatedRows: bigint }>, OperatorTables>("revoke sessions of operator", (db) =>
          db.updateTable("danju_sessions").set({ revoked_at: at })
            .where("operator_id", "=", operatorId).where("revoked_at", "is", null).where("expires_at", ">", at)
            .execute()).pipe(
            Effect.map((results) => results.reduce((total, result) => total + Number(result.numUpdatedRows), 0))
          )

      const deleteExpiredSessions: OperatorStoreShape["deleteExpiredSessions"] = (before) =>
        database.query<ReadonlyArray<{ numDeletedRows: bigint }>, OperatorTables>("delete expired sessions", (db) =>
          db.deleteFrom("danju_sessions").where((row) =>
            row.or([
              row("expires_at", "<", before),
              row(row.fn.coalesce("last_used_at", "created_at"), "<", before - Limits.sessionIdleMinutes * 60_000)
            ])
          ).execute()).pipe(
            Effect.map((results) => results.reduce((total, result) => total + Number(result.numDeletedRows), 0))
          )

      const recordLoginFailure: OperatorStoreShape["recordLoginFailure"] = (login, at, forgetBefore) =>
        database.withTransaction(Effect.gen(function*() {
          // Pruning on every write keeps the table at most a window's worth of rows per
          // login name, so it needs no separate clean-up job.
          yield* database.query<unknown, OperatorTables>("forget old login failures", (db) =>
            db.deleteFrom("danju_login_attempts").where("login", "=", login).where("failed_at", "<", forgetBefore)
              .execute())
          yield* database.query<unknown, OperatorTables>("record login failure", (db) =>
            db.insertInto("danju_login_attempts").values({ login, failed_at: at } as never).execute())
        }))

      const recentLoginFailures: OperatorStoreShape["recentLoginFailures"] = (login, since, limit) =>
        database.query<Array<{ failed_at: number | string }>, OperatorTables>("read login failures", (db) =>
          db.selectFrom("danju_login_attempts").select("failed_at")
            .where("login", "=", login).where("failed_at", ">", since)
            .orderBy("failed_at", "desc")
            .limit(Math.max(1, Math.min(limit, Limits.loginFailuresPerWindowMax)))
            .execute()).pipe(Effect.map((rows) => rows.map((row) => Number(row.failed_at))))

      const clearLoginFailures: OperatorStoreShape["clearLoginFailures"] = (login) =>
        database.query<unknown, OperatorTables>("clear login failures", (db) =>
          db.deleteFrom("danju_login_attempts").where("login", "=", login).execute()).pipe(Effect.asVoid)

      return OperatorStore.of({
        insertOperator,
        findOperatorById,
        findOperatorByLogin,
        listOperators,
        updateOperator,
        insertSession,
        findSession,
        recordSessionUse,
        revokeSession,
        revokeSessionsOfOperator,
        deleteExpiredSessions,
        recordLoginFailure,
        recentLoginFailures,
        clearLoginFailures
      })
    })
  )
}

// ── login flow ─────────────────────────────────────────────────────────────

/**
 * Appends one record to an organisation's operator chain ({@link operatorAuditScope}):
 * operator changes (`core.operator`) and session events (`core.session`). Run it in the
 * transaction of the change it records.
 *
 * @since 0.1.0
 */
export const recordOperatorEvent = (organisationId: OrganisationId, draft: AuditDraft): Effect.Effect<void, SqlError, AuditLog> =>
  Effect.flatMap(AuditLog, (auditLog) => auditLog.append(operatorAuditScope(organisationId), [draft])).pipe(Effect.asVoid)

// A session is named in the audit log by the first 16 hex digits of its token's SHA-256:
// enough to tell sessions apart, useless as a token.
const sessionAuditId = (tokenHash: string): string => tokenHash.slice(0, 16)

/**
 * SHA-256 (hex) of a session token: what the sessions table stores and looks up.
 *
 * @since 0.1.0
 */
export const sessionTokenHash = (token: string): string => createHash("sha256").update(token, "utf8").digest("hex")

// Verified against when the login is unknown, so that an unknown login costs the same
// scrypt work as a wrong password and response times do not reveal which logins exist.
// The password it was made from was random and is not kept.
const UNKNOWN_LOGIN_HASH = "$scrypt$ln=15,r=8,p=1$dLk9LABdTlnCI7S+VQwtQQ$SnOgq/zxPMsbsy5ANRpZGzrNe8cmv/OdY4zoDzJn9I8"

// Tokens Danju issues are 43 characters; anything much longer is refused before hashing.
const sessionTokenLengthMax = 256

/**
 * What creating an operator needs. The password is hashed here; `id` is generated when absent.
 *
 * @since 0.1.0
 */
export interface CreateOperatorInput {
  readonly id?: OperatorId
  readonly organisationId: OrganisationId
  readonly login: string
  readonly displayName: string
  readonly password: string
  readonly roles: ReadonlyArray<RoleName>
  /**
   * Who creates the operator, as the audit record names them: an operator id, or
   * `system:<job>` for set-up work (default `system:operator-create`).
   */
  readonly createdBy?: string
}

/**
 * The audit scope of an organisation's operators: every operator created in the
 * organisation has its record in this chain (`aggregate` `core.operator`).
 *
 * @since 0.1.0
 */
export const operatorAuditScope = (organisationId: OrganisationId): string => `core:organisation:${organisationId}`

/**
 * The fields of a new operator break the bounds of {@link Operator} (empty or too long
 * login or display name, malformed role name, too many roles).
 *
 * @since 0.1.0
 */
export class OperatorFieldsInvalid extends Schema.TaggedError<OperatorFieldsInvalid>()("OperatorFieldsInvalid", {
  login: Schema.String,
  detail: Schema.String
}) {
  override get message(): string {
    return `operator "${this.login}" is invalid: ${this.detail}`
  }
}

/**
 * A fresh operator id (`op_` and 32 hex digits), random so that ids reveal nothing.
 *
 * @since 0.1.0
 */
export const makeOperatorId = (): Effect.Effect<OperatorId> =>
  Effect.sync(() => OperatorId.make(`op_${randomUUID().replaceAll("-", "")}`))

/**
 * Creates an operator with a scrypt-hashed password and, in the same database
 * transaction, its audit record in {@link operatorAuditScope} (`core.operator`, `create`,
 * → `enabled`, naming `createdBy`; the payload holds login, display name and roles, never
 * the password or its hash). Check order:
 * `OperatorFieldsInvalid` → `PasswordPolicyViolation` → `OperatorLoginTaken`.
 *
 * @example
 * ```ts
 * import { OrganisationId, RoleName } from "@danju/core"
 * import { createOperator } from "@danju/core/sql"
 *
 * const program = createOperator({
 *   organisationId: OrganisationId.make("demo"),
 *   login: "zhang.san",
 *   displayName: "張三",
 *   password: "a long enough password",
 *   roles: [RoleName.make("maker")]
 * })
 * ```
 *
 * @since 0.1.0
 */
export const createOperator = (
  input: CreateOperatorInput
): Effect.Effect<
  Operator,
  OperatorFieldsInvalid | PasswordPolicyViolation | OperatorLoginTaken | SqlError,
  OperatorStore | AuditLog | Database
> =>
  Effect.gen(function*() {
    const store = yield* OperatorStore
    const database = yield* Database
    const operator = yield* Schema.decodeUnknown(Operator)({
      id: input.id ?? (yield* makeOperatorId()),
      organisationId: input.organisationId,
      login: input.login,
      displayName: input.displayName,
      roles: [...input.roles],
      disabled: false
    }).pipe(
      Effect.mapError((error) =>
        new OperatorFieldsInvalid({ login: input.login, detail: ParseResult.TreeFormatter.formatErrorSync(error) })
      )
    )
    // Hashed before the transaction: scrypt takes a noticeable time and needs no lock.
    const passwordHash = yield* hashPassword(input.password)
    const now = yield* Clock.currentTimeMillis
    yield* database.withTransaction(Effect.zipRight(
      store.insertOperator(operator, passwordHash, now),
      recordOperatorEvent(operator.organisationId, {
        at: now,
        actor: input.createdBy ?? "system:operator-create",
        aggregate: "core.operator",
        aggregateId: operator.id,
        action: "create",
        fromState: null,
        toState: "enabled",
        payload: { login: operator.login, displayName: operator.displayName, roles: operator.roles }
      })
    ))
    return operator
  })

/**
 * Creates the operator unless one with this login exists already, which is returned
 * unchanged (its password is not reset): seeding demo data twice changes nothing.
 *
 * @since 0.1.0
 */
export const ensureOperator = (
  input: CreateOperatorInput
): Effect.Effect<
  { readonly operator: Operator; readonly created: boolean },
  OperatorFieldsInvalid | PasswordPolicyViolation | SqlError,
  OperatorStore | AuditLog | Database
> =>
  Effect.gen(function*() {
    const store = yield* OperatorStore
    const existing = yield* store.findOperatorByLogin(input.login)
    if (Option.isSome(existing)) return { operator: existing.value.operator, created: false }
    return yield* createOperator(input).pipe(
      Effect.map((operator) => ({ operator, created: true })),
      // Another process seeded it between the check and the insert.
      Effect.catchTag("OperatorLoginTaken", () =>
        Effect.flatMap(store.findOperatorByLogin(input.login), (found) =>
          Option.match(found, {
            onNone: () => Effect.dieMessage(`operator ${input.login} vanished while being seeded`),
            onSome: (credentials) => Effect.succeed({ operator: credentials.operator, created: false })
          })))
    )
  })

/**
 * What a login sends: login name, password and, optionally, the organisation the
 * operator expects to act in (a mismatch fails like a wrong password).
 *
 * @since 0.1.0
 */
export interface LoginInput {
  readonly login: string
  readonly password: string
  readonly organisationId?: OrganisationId | undefined
}

/**
 * A session opened by {@link login}. `token` is the only copy of the secret: send it as
 * `Authorization: Bearer <token>`.
 *
 * @since 0.1.0
 */
export interface SessionIssued {
  readonly token: string
  readonly expiresAt: number
  readonly operator: Operator
}

/**
 * Checks a login and opens a session of `Limits.sessionLifetimeMinutes` that also ends
 * after `Limits.sessionIdleMinutes` without use, and deletes the sessions that ended more
 * than `Limits.sessionEndedKeptMinutes` ago (so the table never grows with the number of
 * logins). Check order:
 * 1. `LoginRateLimited` — `Limits.loginFailuresPerWindowMax` failures of this login
 *    within `Limits.loginFailureWindowMinutes` (checked first, so a locked login costs
 *    no password hashing and a right password does not unlock it early);
 * 2. `LoginFailed` — unknown login, wrong password or other organisation (each records
 *    a failure);
 * 3. `OperatorDisabled` — the password was right but the operator may no longer act.
 *
 * Time comes from the Effect `Clock`, so tests move through the window with `TestClock`.
 * Two concurrent attempts may both pass the limit check; the overshoot is bounded by the
 * number of concurrent requests and the next attempt is refused.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { login } from "@danju/core/sql"
 *
 * const program = Effect.map(login({ login: "admin", password: "danju-admin-demo" }), (session) => session.token)
 * ```
 *
 * @since 0.1.0
 */
export const login = (
  input: LoginInput
): Effect.Effect<
  SessionIssued,
  LoginRateLimited | LoginFailed | OperatorDisabledError | SqlError,
  OperatorStore | AuditLog | Database
> =>
  Effect.gen(function*() {
    const store = yield* OperatorStore
    const now = yield* Clock.currentTimeMillis
    const windowMilliseconds = Limits.loginFailureWindowMinutes * 60_000
    const failures = yield* store.recentLoginFailures(
      input.login,
      now - windowMilliseconds,
      Limits.loginFailuresPerWindowMax
    )
    if (failures.length >= Limits.loginFailuresPerWindowMax) {
      // The oldest of the newest `max` failures is the first to leave the window; once it
      // has, one more attempt is allowed.
      const oldest = failures[Limits.loginFailuresPerWindowMax - 1] ?? now
      return yield* new LoginRateLimited({
        login: input.login,
        failuresMax: Limits.loginFailuresPerWindowMax,
        windowMinutes: Limits.loginFailureWindowMinutes,
        retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMilliseconds - now) / 1000))
      })
    }
    const found = yield* store.findOperatorByLogin(input.login)
    const credentials = Option.getOrUndefined(found)
    const passwordMatches = yield* verifyPassword(input.password, credentials?.passwordHash ?? UNKNOWN_LOGIN_HASH)
      .pipe(Effect.orDieWith((error) => new Error(`stored password hash of ${input.login} is unusable: ${error.message}`)))
    const organisationMatches = credentials !== undefined &&
      (input.organisationId === undefined || input.organisationId === credentials.operator.organisationId)
    if (credentials === undefined || !passwordMatches || !organisationMatches) {
      yield* store.recordLoginFailure(input.login, now, now - windowMilliseconds)
      return yield* new LoginFailed({ login: input.login })
    }
    if (credentials.operator.disabled) {
      return yield* new OperatorDisabled({ operatorId: credentials.operator.id })
    }
    yield* store.clearLoginFailures(input.login)
    const token = yield* Effect.sync(() => randomBytes(32).toString("base64url"))
    const expiresAt = now + Limits.sessionLifetimeMinutes * 60_000
    const tokenHash = sessionTokenHash(token)
    const database = yield* Database
    yield* database.withTransaction(Effect.zipRight(
      store.insertSession({
        tokenHash,
        operatorId: credentials.operator.id,
        createdAt: now,
        expiresAt,
        lastUsedAt: now,
        revokedAt: undefined
      }),
      recordOperatorEvent(credentials.operator.organisationId, {
        at: now,
        actor: credentials.operator.id,
        aggregate: "core.session",
        aggregateId: sessionAuditId(tokenHash),
        action: "login",
        fromState: null,
        toState: "active",
        payload: { login: credentials.operator.login, expiresAt }
      })
    ))
    yield* store.deleteExpiredSessions(now - Limits.sessionEndedKeptMinutes * 60_000)
    return { token, expiresAt, operator: credentials.operator }
  })

/**
 * The operator behind a live session, and the actor their commands carry.
 *
 * @since 0.1.0
 */
export interface Authenticated {
  readonly actor: Actor
  readonly operator: Operator
  readonly session: SessionRecord
}

/**
 * Resolves a session token to its operator and actor, and records the use (at most once
 * per `Limits.sessionUseRecordedEverySeconds`), which moves the idle deadline on. Check
 * order: `unknown` (never issued, or too long to be one) → `revoked` → `expired` (its
 * lifetime from login is over) → `idle` (unused for `Limits.sessionIdleMinutes`) →
 * `operatorDisabled`. A refused token records nothing.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { authenticate } from "@danju/core/sql"
 *
 * declare const token: string
 * const actor = Effect.map(authenticate(token), (authenticated) => authenticated.actor)
 * ```
 *
 * @since 0.1.0
 */
export const authenticate = (token: string): Effect.Effect<Authenticated, SessionInvalid | SqlError, OperatorStore> =>
  Effect.gen(function*() {
    if (token.length === 0) return yield* new SessionInvalid({ reason: "missing" })
    if (token.length > sessionTokenLengthMax) return yield* new SessionInvalid({ reason: "unknown" })
    const store = yield* OperatorStore
    const found = yield* store.findSession(sessionTokenHash(token))
    if (Option.isNone(found)) return yield* new SessionInvalid({ reason: "unknown" })
    const session = found.value
    if (session.revokedAt !== undefined) return yield* new SessionInvalid({ reason: "revoked" })
    const now = yield* Clock.currentTimeMillis
    if (now >= session.expiresAt) return yield* new SessionInvalid({ reason: "expired" })
    if (now >= session.lastUsedAt + Limits.sessionIdleMinutes * 60_000) return yield* new SessionInvalid({ reason: "idle" })
    const operator = yield* store.findOperatorById(session.operatorId)
    if (Option.isNone(operator)) return yield* new SessionInvalid({ reason: "unknown" })
    if (operator.value.disabled) return yield* new SessionInvalid({ reason: "operatorDisabled" })
    const recordEvery = Limits.sessionUseRecordedEverySeconds * 1000
    if (now - session.lastUsedAt >= recordEvery) {
      yield* store.recordSessionUse(session.tokenHash, now, now - recordEvery + 1)
    }
    const actor: Actor = {
      operatorId: operator.value.id,
      organisationId: operator.value.organisationId,
      roles: operator.value.roles
    }
    return { actor, operator: operator.value, session }
  })

/**
 * Ends the session of a token, with a `logout` audit record in the operator's
 * organisation. Ending an unknown or already ended session does nothing (and records
 * nothing), so a client may repeat a logout safely.
 *
 * @since 0.1.0
 */
export const logout = (token: string): Effect.Effect<void, SqlError, OperatorStore | AuditLog | Database> =>
  Effect.gen(function*() {
    if (token.length === 0 || token.length > sessionTokenLengthMax) return
    const store = yield* OperatorStore
    const database = yield* Database
    const now = yield* Clock.currentTimeMillis
    const tokenHash = sessionTokenHash(token)
    yield* database.withTransaction(Effect.gen(function*() {
      const session = yield* store.findSession(tokenHash)
      if (Option.isNone(session)) return
      if (!(yield* store.revokeSession(tokenHash, now))) return
      const operator = yield* store.findOperatorById(session.value.operatorId)
      if (Option.isNone(operator)) return
      yield* recordOperatorEvent(operator.value.organisationId, {
        at: now,
        actor: operator.value.id,
        aggregate: "core.session",
        aggregateId: sessionAuditId(tokenHash),
        action: "logout",
        fromState: "active",
        toState: "ended",
        payload: { login: operator.value.login }
      })
    }))
  })
