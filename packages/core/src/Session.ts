/**
 * Why a request's session was refused. Pure, so that HTTP contracts (which must not
 * reach the SQL layer) can declare the 401 problem of their bearer middleware; the login
 * flow that raises it lives in `@danju/core/sql` (`OperatorStore.ts`).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/**
 * Why a session token was refused: none was sent, it was never issued (or was
 * forged), it expired (its lifetime from login ran out), it was idle (unused for
 * `Limits.sessionIdleMinutes`), it was revoked by logout, or its operator has been
 * disabled.
 *
 * @since 0.1.0
 */
export const SessionInvalidReason = Schema.Literal("missing", "unknown", "expired", "idle", "revoked", "operatorDisabled")

/** @see {@link SessionInvalidReason} @since 0.1.0 */
export type SessionInvalidReason = typeof SessionInvalidReason.Type

/**
 * A request carried no usable session token.
 *
 * @since 0.1.0
 */
export class SessionInvalid extends Schema.TaggedError<SessionInvalid>()("SessionInvalid", {
  reason: SessionInvalidReason
}) {
  override get message(): string {
    switch (this.reason) {
      case "missing":
        return "no session token: log in and send it as \"Authorization: Bearer <token>\""
      case "unknown":
        return "the session token is not valid: log in again"
      case "expired":
        return "the session has expired: log in again"
      case "idle":
        return "the session ended after a time without use: log in again"
      case "revoked":
        return "the session was ended by logout: log in again"
      case "operatorDisabled":
        return "the operator of this session has been disabled"
    }
  }
}
