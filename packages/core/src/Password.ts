/**
 * Password hashing with scrypt, the memory-hard KDF in `node:crypto`, so Danju needs no
 * native add-on. Hashes are self-describing PHC-style strings
 * (`$scrypt$ln=15,r=8,p=1$<salt>$<hash>`, base64 without padding), so parameters can be
 * raised later while old hashes keep verifying.
 *
 * @since 0.1.0
 */
import * as Crypto from "node:crypto"
import { Effect, Schema } from "effect"
import { Limits } from "./Limits"

/**
 * scrypt cost parameters: `logN` is log2 of the CPU/memory cost N, `blockSize` is r,
 * `parallelization` is p. Memory use is about 128 · N · r bytes.
 *
 * @since 0.1.0
 */
export interface ScryptParameters {
  readonly logN: number
  readonly blockSize: number
  readonly parallelization: number
}

/**
 * Default cost: N = 2^15, r = 8, p = 1 (32 MiB, roughly 50–100 ms on one core).
 *
 * @since 0.1.0
 */
export const scryptParametersDefault: ScryptParameters = { logN: 15, blockSize: 8, parallelization: 1 }

/**
 * Range of parameters {@link verifyPassword} and {@link hashPassword} accept. The lower
 * bounds stop a downgraded (cheap) hash from being accepted; the upper bounds stop a
 * forged hash string from making one login allocate gigabytes.
 *
 * @since 0.1.0
 */
export const scryptParametersSupported = {
  logNMin: 14,
  logNMax: 20,
  blockSizeMin: 8,
  blockSizeMax: 32,
  parallelizationMin: 1,
  parallelizationMax: 16,
  saltBytesMin: 16,
  saltBytesMax: 64,
  hashBytesMin: 32,
  hashBytesMax: 64
} as const

const saltBytesDefault = 16
const hashBytesDefault = 32

/**
 * A password is shorter or longer than `Limits.passwordLengthMin`/`passwordLengthMax`
 * (counted in characters, i.e. Unicode code points after NFC normalisation).
 *
 * @since 0.1.0
 */
export class PasswordPolicyViolation extends Schema.TaggedError<PasswordPolicyViolation>()(
  "PasswordPolicyViolation",
  {
    reason: Schema.Literal("tooShort", "tooLong"),
    length: Schema.Int,
    lengthMin: Schema.Int,
    lengthMax: Schema.Int
  }
) {
  override get message(): string {
    return `Password has ${this.length} characters; it must have between ${this.lengthMin} and ${this.lengthMax}`
  }
}

/**
 * A stored hash is not a Danju scrypt hash, or its parameters are outside
 * {@link scryptParametersSupported}.
 *
 * @since 0.1.0
 */
export class PasswordHashUnsupported extends Schema.TaggedError<PasswordHashUnsupported>()(
  "PasswordHashUnsupported",
  {
    reason: Schema.Literal("malformed", "algorithm", "parameters")
  }
) {
  override get message(): string {
    switch (this.reason) {
      case "malformed":
        return "Stored password hash is malformed"
      case "algorithm":
        return "Stored password hash uses an algorithm other than scrypt"
      case "parameters":
        return "Stored password hash uses unsupported scrypt parameters"
    }
  }
}

/** Options of {@link hashPassword}. @since 0.1.0 */
export interface HashPasswordOptions {
  /** Fixed salt (tests and reproducible fixtures only); random 16 bytes otherwise. */
  readonly salt?: Uint8Array
  /** Cost parameters; {@link scryptParametersDefault} otherwise. */
  readonly parameters?: ScryptParameters
}

// NFC so that the same password typed through different input methods (composed or
// decomposed characters) hashes the same.
const normalise = (password: string): string => password.normalize("NFC")

const characterCount = (text: string): number => {
  let count = 0
  for (const _ of text) count++
  return count
}

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString("base64").replace(/=+$/, "")

const parametersSupported = (parameters: ScryptParameters): boolean => {
  const s = scryptParametersSupported
  return Number.isInteger(parameters.logN) && parameters.logN >= s.logNMin && parameters.logN <= s.logNMax &&
    Number.isInteger(parameters.blockSize) && parameters.blockSize >= s.blockSizeMin &&
    parameters.blockSize <= s.blockSizeMax &&
    Number.isInteger(parameters.parallelization) && parameters.parallelization >= s.parallelizationMin &&
    parameters.parallelization <= s.parallelizationMax
}

const derive = (
  password: string,
  salt: Uint8Array,
  parameters: ScryptParameters,
  keyLength: number
): Effect.Effect<Buffer> =>
  Effect.async<Buffer>((resume) => {
    const cost = 2 ** parameters.logN
    Crypto.scrypt(
      password,
      salt,
      keyLength,
      {
        N: cost,
        r: parameters.blockSize,
        p: parameters.parallelization,
        // scrypt needs 128·N·r·p bytes plus bookkeeping; twice that leaves headroom
        // without lifting the cap for hashes outside the supported range.
        maxmem: 256 * cost * parameters.blockSize * parameters.parallelization
      },
      (error, key) => {
        // Parameters are validated before derivation, so a failure here is a defect.
        resume(error === null ? Effect.succeed(key) : Effect.die(error))
      }
    )
  })

const checkPolicy = (password: string): Effect.Effect<void, PasswordPolicyViolation> => {
  const length = characterCount(password)
  if (length < Limits.passwordLengthMin || length > Limits.passwordLengthMax) {
    return Effect.fail(
      new PasswordPolicyViolation({
        reason: length < Limits.passwordLengthMin ? "tooShort" : "tooLong",
        length,
        lengthMin: Limits.passwordLengthMin,
        lengthMax: Limits.passwordLengthMax
      })
    )
  }
  return Effect.void
}

/**
 * Hashes a password for storage. Fails with {@link PasswordPolicyViolation} when the
 * password is too short or too long; dies if given parameters or a salt outside
 * {@link scryptParametersSupported} (a programming error).
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { hashPassword, verifyPassword } from "@danju/core"
 *
 * const program = Effect.gen(function*() {
 *   const stored = yield* hashPassword("correct horse battery staple")
 *   // stored = "$scrypt$ln=15,r=8,p=1$<salt>$<hash>"
 *   return yield* verifyPassword("correct horse battery staple", stored) // true
 * })
 * ```
 * @since 0.1.0
 */
export const hashPassword = (
  password: string,
  options: HashPasswordOptions = {}
): Effect.Effect<string, PasswordPolicyViolation> =>
  Effect.gen(function*() {
    const normalised = normalise(password)
    yield* checkPolicy(normalised)
    const parameters = options.parameters ?? scryptParametersDefault
    if (!parametersSupported(parameters)) {
      return yield* Effect.dieMessage("hashPassword: scrypt parameters outside the supported range")
    }
    const salt = options.salt ?? (yield* Effect.sync(() => Crypto.randomBytes(saltBytesDefault)))
    if (salt.length < scryptParametersSupported.saltBytesMin || salt.length > scryptParametersSupported.saltBytesMax) {
      return yield* Effect.dieMessage("hashPassword: salt length outside the supported range")
    }
    const key = yield* derive(normalised, salt, parameters, hashBytesDefault)
    return `$scrypt$ln=${parameters.logN},r=${parameters.blockSize},p=${parameters.parallelization}` +
      `$${base64(salt)}$${base64(key)}`
  })

const hashPattern = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,3}),p=(\d{1,3})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/

interface ParsedHash {
  readonly parameters: ScryptParameters
  readonly salt: Buffer
  readonly key: Buffer
}

const parseHash = (stored: string): Effect.Effect<ParsedHash, PasswordHashUnsupported> => {
  if (!stored.startsWith("$scrypt$")) {
    return Effect.fail(
      new PasswordHashUnsupported({ reason: stored.startsWith("$") ? "algorithm" : "malformed" })
    )
  }
  const match = hashPattern.exec(stored)
  if (match === null) return Effect.fail(new PasswordHashUnsupported({ reason: "malformed" }))
  const [, logN, blockSize, parallelization, salt, key] = match
  const parameters: ScryptParameters = {
    logN: Number(logN),
    blockSize: Number(blockSize),
    parallelization: Number(parallelization)
  }
  const saltBytes = Buffer.from(salt ?? "", "base64")
  const keyBytes = Buffer.from(key ?? "", "base64")
  const s = scryptParametersSupported
  if (
    saltBytes.length < s.saltBytesMin || saltBytes.length > s.saltBytesMax ||
    keyBytes.length < s.hashBytesMin || keyBytes.length > s.hashBytesMax
  ) {
    return Effect.fail(new PasswordHashUnsupported({ reason: "malformed" }))
  }
  if (!parametersSupported(parameters)) {
    return Effect.fail(new PasswordHashUnsupported({ reason: "parameters" }))
  }
  return Effect.succeed({ parameters, salt: saltBytes, key: keyBytes })
}

/**
 * Checks a password against a stored hash in constant time. A wrong password is
 * `false`, not an error; a hash Danju cannot read (other algorithm, unsupported
 * parameters) fails with {@link PasswordHashUnsupported}. A password longer than
 * `Limits.passwordLengthMax` is `false` without hashing, so huge inputs cost nothing.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { verifyPassword } from "@danju/core"
 *
 * declare const stored: string
 * const ok = Effect.runPromise(verifyPassword("the attempt", stored))
 * ```
 * @since 0.1.0
 */
export const verifyPassword = (
  password: string,
  stored: string
): Effect.Effect<boolean, PasswordHashUnsupported> =>
  Effect.gen(function*() {
    const parsed = yield* parseHash(stored)
    const normalised = normalise(password)
    if (characterCount(normalised) > Limits.passwordLengthMax) return false
    const key = yield* derive(normalised, parsed.salt, parsed.parameters, parsed.key.length)
    return Crypto.timingSafeEqual(key, parsed.key)
  })

/**
 * Compares two secrets (API tokens, reset codes) in time independent of their content
 * and length: both are hashed with SHA-256 first, so `timingSafeEqual` always compares
 * 32 bytes.
 *
 * @example
 * ```ts
 * import { constantTimeEqual } from "@danju/core"
 *
 * constantTimeEqual("token-a", "token-a") // true
 * ```
 * @since 0.1.0
 */
export const constantTimeEqual = (a: string, b: string): boolean => {
  const digestA = Crypto.createHash("sha256").update(a, "utf8").digest()
  const digestB = Crypto.createHash("sha256").update(b, "utf8").digest()
  return Crypto.timingSafeEqual(digestA, digestB)
}
