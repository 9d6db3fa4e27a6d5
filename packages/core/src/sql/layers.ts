import { Effect, Layer, Schema } from "effect"
import { Database } from "./Database"
import type { DatabaseShape } from "./Database"
import { openPostgres } from "./postgres"
import { openSqlite } from "./sqlite"
import type { SqlError } from "./SqlError"

/**
 * A database URL Danju does not understand.
 *
 * @since 0.1.0
 */
export class DatabaseUrlInvalid extends Schema.TaggedError<DatabaseUrlInvalid>()("DatabaseUrlInvalid", {
  url: Schema.String
}) {
  override get message(): string {
    return `unsupported database URL "${this.url}": use sqlite:<file path>, sqlite::memory: or postgres://user@host:port/database`
  }
}

/**
 * Where the data lives, parsed from a URL.
 *
 * @since 0.1.0
 */
export type DatabaseLocation =
  | { readonly dialect: "sqlite"; readonly path: string }
  | { readonly dialect: "postgres"; readonly url: string }

/**
 * Parses `sqlite:<path>`, `sqlite::memory:`, `sqlite://<path>`, `postgres://…` or
 * `postgresql://…`.
 *
 * @since 0.1.0
 */
export const parseDatabaseUrl = (url: string): Effect.Effect<DatabaseLocation, DatabaseUrlInvalid> => {
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    return Effect.succeed({ dialect: "postgres", url })
  }
  if (url.startsWith("sqlite:")) {
    const rest = url.slice("sqlite:".length)
    const path = rest === ":memory:" ? ":memory:" : rest.startsWith("//") ? rest.slice(2) : rest
    if (path.length > 0) return Effect.succeed({ dialect: "sqlite", path })
  }
  return Effect.fail(new DatabaseUrlInvalid({ url: url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@") }))
}

/**
 * Opens the database a URL names, for the life of the scope.
 *
 * @since 0.1.0
 */
export const openDatabase = (
  url: string,
  options: { readonly schema?: string; readonly poolSize?: number } = {}
): Effect.Effect<DatabaseShape, SqlError | DatabaseUrlInvalid, import("effect").Scope.Scope> =>
  Effect.flatMap(parseDatabaseUrl(url), (location) =>
    location.dialect === "sqlite"
      ? openSqlite({ path: location.path })
      : openPostgres({ url: location.url, ...options }))

/**
 * Live layers of the {@link Database} service.
 *
 * @example
 * ```ts
 * import { DatabaseLive } from "@danju/core/sql"
 * const embedded = DatabaseLive.layer("sqlite:./data/danju.db")
 * const server = DatabaseLive.layer("postgres://danju@127.0.0.1:5432/danju")
 * ```
 *
 * @since 0.1.0
 */
export const DatabaseLive = {
  layer: (
    url: string,
    options: { readonly schema?: string; readonly poolSize?: number } = {}
  ): Layer.Layer<Database, SqlError | DatabaseUrlInvalid> => Layer.scoped(Database, openDatabase(url, options))
}
