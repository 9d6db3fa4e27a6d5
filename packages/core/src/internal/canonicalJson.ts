/**
 * JSON with object keys sorted at every level, so that equal values always produce the
 * same text and hence the same hash. Arrays keep their order. `undefined` members are
 * dropped as JSON.stringify does; values JSON cannot represent (functions, symbols,
 * bigint, non-finite numbers) are programmer errors and throw.
 */
export const canonicalJson = (value: unknown): string => {
  if (value === null) return "null"
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value)
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: non-finite number ${value}`)
      return JSON.stringify(value)
    case "object": {
      if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(",")}]`
      const maybeJson = value as { toJSON?: () => unknown }
      if (typeof maybeJson.toJSON === "function") return canonicalJson(maybeJson.toJSON())
      const entries = Object.keys(value).sort()
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
        .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      return `{${entries.join(",")}}`
    }
    default:
      throw new TypeError(`canonicalJson: cannot encode ${typeof value}`)
  }
}
