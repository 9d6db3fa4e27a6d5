// Proves the operator store and login flow on both dialects: operators round-trip with
// their roles, logins are unique, sessions store only the token's SHA-256, a token
// resolves to its actor until logout (revoked), its lifetime ends (expired, TestClock) or
// it goes unused for the idle timeout (idle; each use moves the deadline, recorded at most
// once a minute),
// disabled operators can neither log in nor use old sessions, and five failures within
// the window lock a login (429-style error with the wait) until the window has passed.
import { assert } from "@effect/vitest"
import { Effect, Either, Layer, Option, TestClock } from "effect"
import { AuditLog } from "../../src/AuditLog"
import { Limits } from "../../src/Limits"
import { OperatorId, OrganisationId, RoleName } from "../../src/Operator"
import {
  AuditLogSql,
  authenticate,
  coreMigrations,
  createOperator,
  Database,
  ensureOperator,
  login,
  logout,
  operatorAuditScope,
  OperatorStore,
  OperatorStoreSql,
  sessionTokenHash
} from "../../src/sql/index"
import { describeEachDialect } from "../../src/testing/index"

const migrations = coreMigrations

const organisationId = OrganisationId.make("mess-hall")
const password = "correct horse battery"

const newOperator = (loginName: string, roles: ReadonlyArray<string> = ["maker"]) =>
  createOperator({
    organisationId,
    login: loginName,
    displayName: `Operator ${loginName}`,
    password,
    roles: roles.map((role) => RoleName.make(role))
  })

describeEachDialect("OperatorStore", [migrations], (it) => {
  it.effect("stores an operator with its roles and finds it by id and login", () =>
    Effect.gen(function*() {
      const operator = yield* newOperator("store-roundtrip", ["maker", "checker"])
      const store = yield* OperatorStore
      const byId = yield* store.findOperatorById(operator.id)
      assert.isTrue(Option.isSome(byId))
      assert.deepStrictEqual<ReadonlyArray<string>>(Option.getOrThrow(byId).roles, ["maker", "checker"])
      assert.isFalse(Option.getOrThrow(byId).disabled)
      const byLogin = yield* store.findOperatorByLogin("store-roundtrip")
      assert.strictEqual(Option.getOrThrow(byLogin).operator.id, operator.id)
      assert.match(Option.getOrThrow(byLogin).passwordHash, /^\$scrypt\$/)
      assert.isTrue(Option.isNone(yield* store.findOperatorById(OperatorId.make("op_missing"))))
    }))

  it.effect("creating an operator records who created it, with the roles, in the organisation's audit chain; never the password", () =>
    Effect.gen(function*() {
      const operator = yield* createOperator({
        organisationId,
        login: "audited-operator",
        displayName: "審計員",
        password,
        roles: [RoleName.make("checker")],
        createdBy: "op-creator"
      })
      const auditLog = yield* AuditLog
      const records = yield* auditLog.read({ scope: operatorAuditScope(organisationId), limit: 1_000 })
      const record = records.find((candidate) => candidate.aggregateId === operator.id)
      assert.deepInclude(record, {
        actor: "op-creator",
        aggregate: "core.operator",
        action: "create",
        fromState: null,
        toState: "enabled",
        payload: { login: "audited-operator", displayName: "審計員", roles: ["checker"] }
      })
      assert.notInclude(JSON.stringify(records), password)
      assert.notInclude(JSON.stringify(records), "$scrypt$")
      assert.isAtLeast(yield* auditLog.verify(operatorAuditScope(organisationId)), 1)
      // A refused creation (login taken) writes no record.
      const before = (yield* auditLog.read({ scope: operatorAuditScope(organisationId), limit: 1_000 })).length
      const taken = yield* Effect.flip(createOperator({ organisationId, login: "audited-operator", displayName: "x", password, roles: [] }))
      assert.strictEqual(taken._tag, "OperatorLoginTaken")
      assert.strictEqual((yield* auditLog.read({ scope: operatorAuditScope(organisationId), limit: 1_000 })).length, before)
    }))

  it.effect("a login and a logout each append a record naming the operator and the session, never the token; a failed login or a repeated logout records nothing", () =>
    Effect.gen(function*() {
      const operator = yield* newOperator("audited-session")
      const auditLog = yield* AuditLog
      const sessionRecords = () =>
        Effect.map(
          auditLog.read({ scope: operatorAuditScope(organisationId), aggregate: "core.session", limit: 1_000 }),
          (records) => records.filter((record) => record.actor === operator.id)
        )
      const failed = yield* Effect.flip(login({ login: "audited-session", password: "not the password" }))
      assert.strictEqual(failed._tag, "LoginFailed")
      assert.deepStrictEqual(yield* sessionRecords(), [])
      const session = yield* login({ login: "audited-session", password })
      yield* logout(session.token)
      yield* logout(session.token)
      const records = yield* sessionRecords()
      const sessionId = sessionTokenHash(session.token).slice(0, 16)
      assert.deepStrictEqual(records.map((record) => [record.aggregateId, record.action, record.fromState, record.toState]), [
        [sessionId, "login", null, "active"],
        [sessionId, "logout", "active", "ended"]
      ])
      assert.notInclude(JSON.stringify(records), session.token)
      assert.notInclude(JSON.stringify(records), sessionTokenHash(session.token))
    }))

  it.effect("refuses a second operator with the same login; ensureOperator returns the first", () =>
    Effect.gen(function*() {
      const first = yield* newOperator("store-unique")
      const second = yield* Effect.either(newOperator("store-unique"))
      assert.isTrue(Either.isLeft(second))
      if (Either.isLeft(second)) assert.strictEqual(second.left._tag, "OperatorLoginTaken")
      const ensured = yield* ensureOperator({
        organisationId,
        login: "store-unique",
        displayName: "someone else",
        password: "another password",
        roles: []
      })
      assert.isFalse(ensured.created)
      assert.strictEqual(ensured.operator.id, first.id)
    }))

  it.effect("rejects out-of-bounds operator fields with a typed error", () =>
    Effect.gen(function*() {
      const result = yield* Effect.either(newOperator(""))
      assert.isTrue(Either.isLeft(result))
      if (Either.isLeft(result)) assert.strictEqual(result.left._tag, "OperatorFieldsInvalid")
    }))

  it.effect("a login opens a session whose token resolves to the actor; only its hash is stored", () =>
    Effect.gen(function*() {
      const operator = yield* newOperator("session-actor", ["checker"])
      const session = yield* login({ login: "session-actor", password, organisationId })
      assert.strictEqual(session.expiresAt, Limits.sessionLifetimeMinutes * 60_000)
      const authenticated = yield* authenticate(session.token)
      assert.deepStrictEqual(authenticated.actor, { operatorId: operator.id, organisationId, roles: [RoleName.make("checker")] })
      const database = yield* Database
      const rows = yield* database.query("read sessions", (db) =>
        db.selectFrom("danju_sessions").select("token_hash").where("operator_id", "=", operator.id).execute())
      assert.deepStrictEqual(rows.map((row) => row.token_hash), [sessionTokenHash(session.token)])
      assert.notStrictEqual(rows[0]?.token_hash, session.token)
    }))

  it.effect("logout revokes the session; an unknown token is refused", () =>
    Effect.gen(function*() {
      yield* newOperator("session-logout")
      const session = yield* login({ login: "session-logout", password })
      yield* logout(session.token)
      yield* logout(session.token)
      const revoked = yield* Effect.either(authenticate(session.token))
      assert.deepStrictEqual(Either.getLeft(revoked).pipe(Option.map((error) => error.reason)), Option.some("revoked"))
      const unknown = yield* Effect.either(authenticate("no-such-token"))
      assert.deepStrictEqual(Either.getLeft(unknown).pipe(Option.map((error) => error.reason)), Option.some("unknown"))
      const missing = yield* Effect.either(authenticate(""))
      assert.deepStrictEqual(Either.getLeft(missing).pipe(Option.map((error) => error.reason)), Option.some("missing"))
    }))

  it.effect("a session expires after its lifetime, however busy", () =>
    Effect.gen(function*() {
      yield* newOperator("session-expiry")
      const session = yield* login({ login: "session-expiry", password })
      // Used every 20 minutes, it never goes idle, but the lifetime from login still ends it.
      const lifetimeSeconds = Limits.sessionLifetimeMinutes * 60
      for (let elapsed = 20 * 60; elapsed < lifetimeSeconds; elapsed += 20 * 60) {
        yield* TestClock.adjust("20 minutes")
        yield* authenticate(session.token)
      }
      yield* TestClock.setTime(lifetimeSeconds * 1000 - 1000)
      yield* authenticate(session.token)
      yield* TestClock.adjust("1 second")
      const expired = yield* Effect.either(authenticate(session.token))
      assert.deepStrictEqual(Either.getLeft(expired).pipe(Option.map((error) => error.reason)), Option.some("expired"))
    }))

  it.effect("a session unused for the idle timeout ends; each use moves the deadline on", () =>
    Effect.gen(function*() {
      yield* newOperator("session-idle")
      const reasonOf = (token: string) =>
        Effect.map(Effect.either(authenticate(token)), (result) => Either.isRight(result) ? "ok" : result.left.reason)
      const idleSeconds = Limits.sessionIdleMinutes * 60
      const quiet = yield* login({ login: "session-idle", password })
      yield* TestClock.adjust(`${idleSeconds - 1} seconds`)
      assert.strictEqual(yield* reasonOf(quiet.token), "ok")
      // That use counts: the same wait again is still within the idle timeout of it.
      yield* TestClock.adjust(`${idleSeconds - 1} seconds`)
      assert.strictEqual(yield* reasonOf(quiet.token), "ok")
      yield* TestClock.adjust(`${idleSeconds} seconds`)
      assert.strictEqual(yield* reasonOf(quiet.token), "idle")
      // A refused token records nothing: it stays refused.
      assert.strictEqual(yield* reasonOf(quiet.token), "idle")
      // Uses are written at most once per interval: a burst of requests is one write.
      const busy = yield* login({ login: "session-idle", password })
      const store = yield* OperatorStore
      const lastUse = () => Effect.map(store.findSession(sessionTokenHash(busy.token)), (found) => Option.getOrThrow(found).lastUsedAt)
      const opened = yield* lastUse()
      yield* TestClock.adjust(`${Limits.sessionUseRecordedEverySeconds - 1} seconds`)
      assert.strictEqual(yield* reasonOf(busy.token), "ok")
      assert.strictEqual(yield* lastUse(), opened)
      yield* TestClock.adjust("1 second")
      assert.strictEqual(yield* reasonOf(busy.token), "ok")
      assert.strictEqual(yield* lastUse(), opened + Limits.sessionUseRecordedEverySeconds * 1000)
      // Idle sessions are deleted with expired ones (other tests' sessions share the database).
      const deleted = yield* store.deleteExpiredSessions(yield* Effect.clockWith((clock) => clock.currentTimeMillis))
      assert.isAtLeast(deleted, 1)
      assert.isTrue(Option.isNone(yield* store.findSession(sessionTokenHash(quiet.token))))
      assert.isTrue(Option.isSome(yield* store.findSession(sessionTokenHash(busy.token))))
    }))

  it.effect("a login deletes the sessions that ended more than a day ago; newer ended ones still answer with their reason", () =>
    Effect.gen(function*() {
      yield* newOperator("session-retention")
      const store = yield* OperatorStore
      const stored = (token: string) => Effect.map(store.findSession(sessionTokenHash(token)), Option.isSome)
      const old = yield* login({ login: "session-retention", password })
      yield* TestClock.adjust(`${Limits.sessionEndedKeptMinutes - 60} minutes`)
      const recent = yield* login({ login: "session-retention", password })
      // `old` went idle 30 minutes after its login, more than a day ago once this much has passed.
      yield* TestClock.adjust(`${60 + Limits.sessionIdleMinutes + 1} minutes`)
      assert.isTrue(yield* stored(old.token))
      yield* login({ login: "session-retention", password })
      assert.isFalse(yield* stored(old.token))
      assert.isTrue(yield* stored(recent.token))
      const reason = yield* Effect.flip(authenticate(recent.token))
      assert.strictEqual(reason.reason, "idle")
      const forgotten = yield* Effect.flip(authenticate(old.token))
      assert.strictEqual(forgotten.reason, "unknown")
    }))

  it.effect("a disabled operator cannot log in and their open sessions stop working", () =>
    Effect.gen(function*() {
      const operator = yield* newOperator("disabled-operator")
      const session = yield* login({ login: "disabled-operator", password })
      const store = yield* OperatorStore
      assert.isTrue(yield* store.updateOperator(operator.id, { disabled: true }))
      const again = yield* Effect.either(login({ login: "disabled-operator", password }))
      assert.deepStrictEqual(Either.getLeft(again).pipe(Option.map((error) => error._tag)), Option.some("OperatorDisabled"))
      const old = yield* Effect.either(authenticate(session.token))
      assert.deepStrictEqual(
        Either.getLeft(old).pipe(Option.map((error) => error.reason)),
        Option.some("operatorDisabled")
      )
    }))

  it.effect("five failures lock the login, even for the right password, until the window passes", () =>
    Effect.gen(function*() {
      yield* newOperator("rate-limited")
      for (let attempt = 0; attempt < Limits.loginFailuresPerWindowMax; attempt++) {
        const failed = yield* Effect.either(login({ login: "rate-limited", password: "wrong password" }))
        assert.deepStrictEqual(Either.getLeft(failed).pipe(Option.map((error) => error._tag)), Option.some("LoginFailed"))
        yield* TestClock.adjust("1 minute")
      }
      const locked = yield* Effect.flip(login({ login: "rate-limited", password }))
      assert.strictEqual(locked._tag, "LoginRateLimited")
      if (locked._tag === "LoginRateLimited") {
        // The first failure (t = 0) leaves the 15-minute window at t = 15 min; now is t = 5 min.
        assert.strictEqual(locked.retryAfterSeconds, (Limits.loginFailureWindowMinutes - 5) * 60)
      }
      yield* TestClock.adjust(`${Limits.loginFailureWindowMinutes - 5} minutes`)
      const session = yield* login({ login: "rate-limited", password })
      assert.isString(session.token)
      const store = yield* OperatorStore
      assert.deepStrictEqual(yield* store.recentLoginFailures("rate-limited", 0, Limits.loginFailuresPerWindowMax), [])
    }))

  it.effect("an unknown login is also rate limited, so probing logins gets locked out the same way", () =>
    Effect.gen(function*() {
      for (let attempt = 0; attempt < Limits.loginFailuresPerWindowMax; attempt++) {
        yield* Effect.flip(login({ login: "nobody", password: "guess guess" }))
      }
      const locked = yield* Effect.flip(login({ login: "nobody", password: "guess guess" }))
      assert.strictEqual(locked._tag, "LoginRateLimited")
    }))
}, () => Layer.mergeAll(OperatorStoreSql.layer, AuditLogSql.layer()))
