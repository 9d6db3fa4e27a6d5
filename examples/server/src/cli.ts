/**
 * The `danju` command line. Heavy modules (the HTTP stack, the SQL layer) are imported
 * inside the command that needs them, so `danju --help` or a report command starts
 * without loading the server.
 *
 * @since 0.1.0
 */
import { Command, Options } from "@effect/cli"
import { Effect, Option, Schema } from "effect"
import { serverVersion } from "./version"

// Kept free of @danju/core imports: parsing arguments must not load the kernel.
const RoleNameOption = Schema.String.pipe(Schema.pattern(/^[A-Za-z][A-Za-z0-9_-]*$/), Schema.maxLength(64))
const OrganisationOption = Schema.String.pipe(Schema.minLength(1), Schema.maxLength(64))

const databaseUrlOption = Options.text("db").pipe(
  Options.withDescription(
    "Database URL: sqlite:<file>, sqlite::memory: or postgres://user@host:port/database. " +
      "Default: $DATABASE_URL, else sqlite:./data/danju.db"
  ),
  Options.optional
)

const databaseUrlOf = (flag: Option.Option<string>) =>
  Effect.map(
    Effect.promise(() => import("./database")),
    (module) => module.resolveDatabaseUrl(Option.getOrUndefined(flag), process.env)
  )

const migrateCommand = Command.make("migrate", { db: databaseUrlOption }, ({ db }) =>
  Effect.gen(function*() {
    const url = yield* databaseUrlOf(db)
    const { runMigrate } = yield* Effect.promise(() => import("./commands/migrate"))
    yield* runMigrate(url)
  })).pipe(Command.withDescription("Apply every pending migration (safe to repeat)"))

const serveCommand = Command.make(
  "serve",
  {
    db: databaseUrlOption,
    port: Options.integer("port").pipe(
      Options.withDescription("TCP port (0 picks a free one)"),
      Options.withDefault(8080)
    ),
    host: Options.text("host").pipe(Options.withDescription("Interface to listen on"), Options.withDefault("127.0.0.1")),
    demo: Options.boolean("demo").pipe(
      Options.withDescription(
        "Seed the demo organisation \"demo\" with operators admin / maker / checker, passwords " +
          "danju-admin-demo / danju-maker-demo / danju-checker-demo (idempotent; never on a shared server)"
      )
    )
  },
  ({ db, demo, host, port }) =>
    Effect.gen(function*() {
      const databaseUrl = yield* databaseUrlOf(db)
      const { runServe } = yield* Effect.promise(() => import("./commands/serve"))
      yield* runServe({ databaseUrl, port, host, demo })
    })
).pipe(Command.withDescription("Run the HTTP API (docs at /docs, OpenAPI at /openapi.json); migrates first"))

const operatorCreateCommand = Command.make(
  "create",
  {
    db: databaseUrlOption,
    login: Options.text("login").pipe(Options.withDescription("Login name (unique)")),
    password: Options.text("password").pipe(Options.withDescription("Initial password (8 to 256 characters)")),
    roles: Options.text("role").pipe(
      Options.repeated,
      Options.withSchema(Schema.mutable(Schema.Array(RoleNameOption))),
      Options.withDescription("Role to grant; repeat for several (administrator, maker, checker, …)")
    ),
    organisation: Options.text("organisation").pipe(
      Options.withSchema(OrganisationOption),
      Options.withDescription("Organisation the operator belongs to"),
      Options.withDefault("main")
    ),
    displayName: Options.text("display-name").pipe(
      Options.withDescription("Name shown in the UI and audit trail (default: the login)"),
      Options.optional
    )
  },
  ({ db, displayName, login, organisation, password, roles }) =>
    Effect.gen(function*() {
      const databaseUrl = yield* databaseUrlOf(db)
      const [{ runCreateOperator }, core] = yield* Effect.promise(() =>
        Promise.all([import("./commands/operator"), import("@danju/core")])
      )
      yield* runCreateOperator({
        databaseUrl,
        organisationId: core.OrganisationId.make(organisation),
        login,
        displayName: Option.getOrElse(displayName, () => login),
        password,
        roles: roles.map((role) => core.RoleName.make(role))
      })
    })
).pipe(Command.withDescription("Create an operator and print it as JSON"))

const operatorCommand = Command.make("operator").pipe(
  Command.withDescription("Manage operators"),
  Command.withSubcommands([operatorCreateCommand])
)

/**
 * The root `danju` command.
 *
 * @since 0.1.0
 */
export const danju = Command.make("danju").pipe(
  Command.withDescription("Danju (單據) reference server and tools. Logs go to stderr, results to stdout as JSON."),
  Command.withSubcommands([migrateCommand, serveCommand, operatorCommand])
)

/**
 * Runs the CLI on `argv` (as `process.argv`).
 *
 * @since 0.1.0
 */
export const cli = Command.run(danju, { name: "danju", version: serverVersion })
