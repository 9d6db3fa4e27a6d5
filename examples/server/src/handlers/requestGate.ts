/**
 * Checks every request before the API decodes it, so hostile input is refused with a
 * `RequestInvalid` problem (400) instead of reaching a parser that fails unexpectedly:
 *
 * 1. a body must be JSON (`application/json` or `application/*+json`), and a POST, PUT,
 *    PATCH or DELETE may name no other Content-Type: the platform would otherwise parse
 *    `multipart/form-data` (a malformed boundary failed as a 500, an empty body hung the
 *    request, files were stored on disk) or `application/x-www-form-urlencoded` (which
 *    turns `curl -d '{…}'` into a confusing field error);
 * 2. a JSON body may nest arrays and objects at most `Limits.httpRequestJsonDepthMax`
 *    deep: decoding a body nested tens of thousands deep exhausted the stack (500).
 *
 * Also answers the requests Node's HTTP parser refuses itself (request line or headers
 * too large, malformed HTTP) with a problem document instead of a bare status line.
 *
 * @since 0.1.0
 */
import type { Server } from "node:http"
import type { Socket } from "node:net"
import { HttpServerRequest } from "@effect/platform"
import type { HttpApp } from "@effect/platform"
import { Limits } from "@danju/core"
import { problemResponseOf, problemType } from "@danju/core/http"
import { Effect } from "effect"
import { RequestInvalid } from "../http/errors"

const methodsWithBody: ReadonlySet<string> = new Set(["POST", "PUT", "PATCH", "DELETE"])

/** Whether a Content-Type names JSON (`application/json`, `application/problem+json`, …). */
export const isJsonMediaType = (contentType: string | undefined): boolean => {
  if (contentType === undefined) return false
  const mediaType = contentType.split(";")[0]!.trim().toLowerCase()
  return mediaType === "application/json" || (mediaType.startsWith("application/") && mediaType.endsWith("+json"))
}

/**
 * How deep arrays and objects nest in a JSON text, counted without parsing (brackets inside
 * strings do not count); stops counting once `limit` is exceeded.
 */
export const jsonNestingDepth = (text: string, limit: number): number => {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (inString) {
      if (code === 0x5c) index++ // backslash: skip the escaped character
      else if (code === 0x22) inString = false
      continue
    }
    if (code === 0x22) inString = true
    else if (code === 0x5b || code === 0x7b) {
      depth++
      if (depth > deepest) {
        deepest = depth
        if (deepest > limit) return deepest
      }
    } else if (code === 0x5d || code === 0x7d) depth--
  }
  return deepest
}

const refuse = (path: string, message: string) =>
  problemResponseOf(new RequestInvalid({ issues: [{ path, message }] })) ??
    Effect.dieMessage("RequestInvalid is not declared as a problem")

const hasBody = (headers: Readonly<Record<string, string | undefined>>): boolean => {
  const length = headers["content-length"]
  if (length !== undefined) return length.trim() !== "0"
  return headers["transfer-encoding"] !== undefined
}

/**
 * Wraps the HTTP app with the checks above; runs inside the body-size limit, so reading the
 * body to measure its nesting obeys `Limits.httpRequestBodyBytesMax`. The body read here is
 * cached by the request, and the API decodes the same text.
 *
 * @since 0.1.0
 */
export const requestGate = <E, R>(app: HttpApp.Default<E, R>): HttpApp.Default<E, R> =>
  Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    if (!methodsWithBody.has(request.method)) return yield* app
    const contentType = request.headers["content-type"]
    const withBody = hasBody(request.headers)
    // A non-JSON Content-Type is refused even with an empty body: the platform would wait
    // for a multipart body that never comes.
    if (contentType === undefined ? withBody : !isJsonMediaType(contentType)) {
      return yield* refuse(
        "content-type",
        contentType === undefined
          ? "the request has a body but no Content-Type: send it as application/json"
          : `the body must be application/json, not ${contentType.slice(0, 100)}`
      )
    }
    if (!withBody) return yield* app
    // A body that cannot be read (too large, connection lost) fails again, and is
    // answered, where the API reads it.
    const text = yield* Effect.option(request.text)
    if (text._tag === "Some" && jsonNestingDepth(text.value, Limits.httpRequestJsonDepthMax) > Limits.httpRequestJsonDepthMax) {
      return yield* refuse("body", `JSON nested deeper than ${Limits.httpRequestJsonDepthMax} levels`)
    }
    return yield* app
  })

/**
 * Makes Node's HTTP server answer the requests its parser refuses (431 request line or
 * headers too large, 400 malformed HTTP) with an RFC 9457 problem document, as every other
 * answer of the server is. Without it Node writes a bare status line.
 *
 * @since 0.1.0
 */
export const answerParserErrorsWithProblems = (server: Server): Server =>
  server.on("clientError", (error: Error & { readonly code?: string }, socket: Socket) => {
    if (!socket.writable) {
      socket.destroy()
      return
    }
    const tooLarge = error.code === "HPE_HEADER_OVERFLOW"
    const status = tooLarge ? 431 : 400
    const body = JSON.stringify({
      type: problemType("RequestInvalid"),
      title: tooLarge ? "Request header fields too large" : "Invalid request",
      status,
      detail: tooLarge
        ? "the request line or headers are too large (at most 16 KiB): shorten the URL or the headers"
        : "the request is not valid HTTP",
      code: "RequestInvalid",
      issues: [{ path: tooLarge ? "headers" : "request", message: tooLarge ? "too large" : "not valid HTTP" }]
    })
    socket.end(
      `HTTP/1.1 ${status} ${tooLarge ? "Request Header Fields Too Large" : "Bad Request"}\r\n` +
        "Content-Type: application/problem+json\r\n" +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        "Connection: close\r\n\r\n" +
        body
    )
  })
