/**
 * The `operators` group: list and create the operators of the caller's organisation.
 *
 * @since 0.1.0
 */
import { HttpApiEndpoint, HttpApiGroup, OpenApi } from "@effect/platform"
import { Limits, PasswordPolicyViolation, RoleName } from "@danju/core"
import { Authentication, OrganisationMismatchProblem, PermissionDeniedProblem, problem } from "@danju/core/http"
import { OperatorFieldsInvalid, OperatorLoginTaken } from "@danju/core/sql"
import { Schema } from "effect"
import { OperatorView } from "./AuthApi"

/**
 * `GET /operators` query: one page in login order.
 *
 * @since 0.1.0
 */
export const OperatorsQuery = Schema.Struct({
  limit: Schema.optional(
    Schema.NumberFromString.pipe(Schema.int(), Schema.between(1, Limits.pageSizeMax))
  ),
  after: Schema.optional(Schema.String.pipe(Schema.maxLength(Limits.codeLengthMax))).annotations({
    description: "Return operators whose login sorts after this one"
  })
})

/**
 * `POST /operators` body.
 *
 * @since 0.1.0
 */
export const CreateOperatorRequest = Schema.Struct({
  login: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(Limits.codeLengthMax)),
  displayName: Schema.String.pipe(Schema.minLength(1), Schema.maxLength(Limits.textLengthMax)),
  password: Schema.String.pipe(Schema.maxLength(Limits.passwordLengthMax)),
  roles: Schema.Array(RoleName).pipe(Schema.maxItems(Limits.rolesPerOperatorMax))
}).annotations({ identifier: "CreateOperatorRequest" })

/** 409 problem: the login exists. @since 0.1.0 */
export const OperatorLoginTakenProblem = problem(OperatorLoginTaken, { status: 409, title: "Login taken" })
/** 422 problem: the password breaks the policy. @since 0.1.0 */
export const PasswordPolicyViolationProblem = problem(PasswordPolicyViolation, {
  status: 422,
  title: "Password rejected"
})
/** 422 problem: operator fields out of bounds. @since 0.1.0 */
export const OperatorFieldsInvalidProblem = problem(OperatorFieldsInvalid, {
  status: 422,
  title: "Operator invalid"
})

/**
 * Operator administration within the caller's organisation.
 *
 * @since 0.1.0
 */
export class OperatorsApi extends HttpApiGroup.make("operators")
  .add(
    HttpApiEndpoint.get("list", "/operators")
      .setUrlParams(OperatorsQuery)
      .addSuccess(Schema.Struct({ operators: Schema.Array(OperatorView) }))
      .annotate(OpenApi.Summary, "Operators of my organisation (permission core.operator.read)")
  )
  .add(
    HttpApiEndpoint.post("create", "/operators")
      .setPayload(CreateOperatorRequest)
      .addSuccess(OperatorView, { status: 201 })
      .addError(OperatorLoginTakenProblem)
      .addError(PasswordPolicyViolationProblem)
      .addError(OperatorFieldsInvalidProblem)
      .annotate(OpenApi.Summary, "Create an operator in my organisation (permission core.operator.create)")
  )
  .addError(PermissionDeniedProblem)
  .addError(OrganisationMismatchProblem)
  .middleware(Authentication)
  .annotate(OpenApi.Description, "Operators (操作員) and their roles")
{}
