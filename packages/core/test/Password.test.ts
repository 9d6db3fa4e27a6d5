// Proves that scrypt hashes are self-describing PHC-style strings that verify the right
// password and refuse a wrong one, that the length policy is enforced with a typed
// error, that foreign, malformed or downgraded hashes are refused rather than verified,
// and that constantTimeEqual is plain equality on any strings.
import { assert, describe, it } from "@effect/vitest"
import { Effect, Exit, FastCheck as fc } from "effect"
import { Limits } from "../src/Limits"
import {
  constantTimeEqual,
  hashPassword,
  PasswordHashUnsupported,
  PasswordPolicyViolation,
  verifyPassword
} from "../src/Password"

const salt = Uint8Array.from({ length: 16 }, (_, index) => index)
const password = "correct horse battery staple"

describe("hashPassword", () => {
  it.effect("encodes the algorithm, parameters, salt and hash", () =>
    Effect.gen(function*() {
      const stored = yield* hashPassword(password)
      assert.match(stored, /^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/)
    }))

  it.effect("is deterministic for an injected salt and differs with random salts", () =>
    Effect.gen(function*() {
      const first = yield* hashPassword(password, { salt })
      const second = yield* hashPassword(password, { salt })
      assert.strictEqual(first, second)
      assert.isTrue(first.startsWith("$scrypt$ln=15,r=8,p=1$AAECAwQFBgcICQoLDA0ODw$"))
      const random = yield* hashPassword(password)
      assert.notStrictEqual(random, first)
    }))

  it.effect("honours explicit parameters", () =>
    Effect.gen(function*() {
      const stored = yield* hashPassword(password, { salt, parameters: { logN: 14, blockSize: 8, parallelization: 2 } })
      assert.isTrue(stored.startsWith("$scrypt$ln=14,r=8,p=2$"))
      assert.isTrue(yield* verifyPassword(password, stored))
    }))

  const policyRows = [
    { name: "one under the minimum", length: Limits.passwordLengthMin - 1, reason: "tooShort" },
    { name: "empty", length: 0, reason: "tooShort" },
    { name: "one over the maximum", length: Limits.passwordLengthMax + 1, reason: "tooLong" }
  ] as const
  it.effect.each(policyRows)("fails with PasswordPolicyViolation when $name", ({ length, reason }) =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(hashPassword("密".repeat(length)))
      assert.deepStrictEqual(
        error,
        new PasswordPolicyViolation({
          reason,
          length,
          lengthMin: Limits.passwordLengthMin,
          lengthMax: Limits.passwordLengthMax
        })
      )
    }))

  it.effect("counts characters, not UTF-16 units: eight astral characters are enough", () =>
    Effect.gen(function*() {
      const stored = yield* hashPassword("𠀀".repeat(Limits.passwordLengthMin), { salt })
      assert.isTrue(yield* verifyPassword("𠀀".repeat(Limits.passwordLengthMin), stored))
    }))

  it.effect("dies on parameters outside the supported range (a programming error)", () =>
    Effect.gen(function*() {
      const exit = yield* Effect.exit(
        hashPassword(password, { parameters: { logN: 10, blockSize: 8, parallelization: 1 } })
      )
      assert.isTrue(Exit.isFailure(exit) && exit.cause._tag === "Die")
    }))
})

describe("verifyPassword", () => {
  it.effect("accepts the password and refuses others", () =>
    Effect.gen(function*() {
      const stored = yield* hashPassword(password, { salt })
      assert.isTrue(yield* verifyPassword(password, stored))
      assert.isFalse(yield* verifyPassword("correct horse battery stable", stored))
      assert.isFalse(yield* verifyPassword("", stored))
      assert.isFalse(yield* verifyPassword("x".repeat(Limits.passwordLengthMax + 1), stored))
    }))

  it.effect("treats composed and decomposed forms of the same text as one password (NFC)", () =>
    Effect.gen(function*() {
      const composed = "café-密碼-1234"
      const decomposed = composed.normalize("NFD")
      assert.notStrictEqual(composed, decomposed)
      const stored = yield* hashPassword(decomposed, { salt })
      assert.isTrue(yield* verifyPassword(composed, stored))
    }))

  const b64Salt = "AAECAwQFBgcICQoLDA0ODw"
  const b64Hash = "A".repeat(43)
  const unsupportedRows = [
    { name: "another algorithm", stored: `$argon2id$v=19$m=65536,t=3,p=4$${b64Salt}$${b64Hash}`, reason: "algorithm" },
    { name: "not a PHC string", stored: "plaintext-password", reason: "malformed" },
    { name: "an empty string", stored: "", reason: "malformed" },
    { name: "a missing hash", stored: `$scrypt$ln=15,r=8,p=1$${b64Salt}`, reason: "malformed" },
    { name: "a short salt", stored: `$scrypt$ln=15,r=8,p=1$AAEC$${b64Hash}`, reason: "malformed" },
    { name: "a short hash", stored: `$scrypt$ln=15,r=8,p=1$${b64Salt}$AAAA`, reason: "malformed" },
    { name: "a downgraded cost", stored: `$scrypt$ln=10,r=8,p=1$${b64Salt}$${b64Hash}`, reason: "parameters" },
    { name: "a cost that would exhaust memory", stored: `$scrypt$ln=30,r=8,p=1$${b64Salt}$${b64Hash}`, reason: "parameters" },
    { name: "a tiny block size", stored: `$scrypt$ln=15,r=1,p=1$${b64Salt}$${b64Hash}`, reason: "parameters" },
    { name: "zero parallelization", stored: `$scrypt$ln=15,r=8,p=0$${b64Salt}$${b64Hash}`, reason: "parameters" }
  ] as const
  it.effect.each(unsupportedRows)("fails with PasswordHashUnsupported ($reason) for $name", ({ reason, stored }) =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(verifyPassword(password, stored))
      assert.deepStrictEqual(error, new PasswordHashUnsupported({ reason }))
    }))
})

describe("constantTimeEqual", () => {
  it.each([
    { a: "token", b: "token", equal: true },
    { a: "token", b: "tokem", equal: false },
    { a: "token", b: "token-longer", equal: false },
    { a: "", b: "", equal: true },
    { a: "", b: "x", equal: false },
    { a: "令牌", b: "令牌", equal: true }
  ])("'$a' = '$b' is $equal", ({ a, b, equal }) => {
    assert.strictEqual(constantTimeEqual(a, b), equal)
  })

  it.prop("agrees with === on arbitrary strings", { a: fc.string(), b: fc.string() }, ({ a, b }) => {
    assert.strictEqual(constantTimeEqual(a, b), a === b)
    assert.isTrue(constantTimeEqual(a, a))
  })
})
