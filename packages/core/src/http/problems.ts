/**
 * Problems of core errors that any package's contract may need, declared once here so
 * that every API maps them to the same status and schema.
 *
 * @since 0.1.0
 */
import { IdempotencyConflict } from "../Idempotency"
import { PeriodInvalid } from "../Period"
import { problem } from "./Problem"

/**
 * 409 problem: the `Idempotency-Key` was used before for another command or body.
 *
 * @since 0.1.0
 */
export const IdempotencyConflictProblem = problem(IdempotencyConflict, {
  status: 409,
  title: "Idempotency key reused",
  description: "The Idempotency-Key was already used for a different command or body; send a new key for a new command."
})

/**
 * 422 problem: a period does not exist in the account set's fiscal calendar (e.g. 13 on
 * a 12-period calendar).
 *
 * @since 0.1.0
 */
export const PeriodInvalidProblem = problem(PeriodInvalid, { status: 422, title: "Period rejected" })
