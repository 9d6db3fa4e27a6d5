/**
 * The `danju` command line. Heavy modules (the HTTP stack, the SQL layer) are imported
 * inside the command that needs them, so `danju --help` or a report command starts
 * without loading the server.
 *
 * @since 0.1.0
 */
import { Args, Command, Options } from "@effect/cli"
import { Effect, Option, Schema } from "effect"
import { reportNames } from "./commands/reportNames"
import type { ReportName } from "./commands/reportNames"
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
        "Seed the demo organisation \"demo\" with operators admin / maker / checker / cashier, passwords " +
          "danju-admin-demo / danju-maker-demo / danju-checker-demo / danju-cashier-demo (idempotent; never on a shared server)"
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

const accountSetOption = Options.text("set").pipe(Options.withDescription("Account set code (賬套)"))

const importJournalCommand = Command.make(
  "import-journal",
  {
    db: databaseUrlOption,
    set: accountSetOption,
    file: Options.file("file", { exists: "yes" }).pipe(Options.withDescription("hledger/ledger-style journal file")),
    organisation: Options.text("organisation").pipe(
      Options.withDescription("Organisation that owns the new account set"),
      Options.withDefault("main")
    ),
    name: Options.text("name").pipe(Options.withDescription("Display name of the new account set"), Options.optional)
  },
  ({ db, file, name, organisation, set }) =>
    Effect.gen(function*() {
      const databaseUrl = yield* databaseUrlOf(db)
      const { runImportJournal } = yield* Effect.promise(() => import("./commands/ledger"))
      yield* runImportJournal({ databaseUrl, accountSet: set, file, organisation, name: Option.getOrUndefined(name) })
    })
).pipe(Command.withDescription(
  "Import a plain-text journal as a new account set: every entry becomes an audited, posted voucher, all in one " +
    "database transaction (an unbalanced or malformed entry is reported with its line number and nothing is written). " +
    "Prints a JSON summary."
))

const exportJournalCommand = Command.make(
  "export-journal",
  {
    db: databaseUrlOption,
    set: accountSetOption,
    out: Options.file("out").pipe(Options.withDescription("File to write the journal to"))
  },
  ({ db, out, set }) =>
    Effect.gen(function*() {
      const databaseUrl = yield* databaseUrlOf(db)
      const { runExportJournal } = yield* Effect.promise(() => import("./commands/ledger"))
      yield* runExportJournal({ databaseUrl, accountSet: set, out })
    })
).pipe(Command.withDescription("Write the posted books as a journal hledger reads (hledger bal equals the trial balance)"))

const formatOption = Options.choice("format", ["json", "csv", "table", "xlsx"]).pipe(
  Options.withDescription("json: the JSON document alone on stdout; csv: UTF-8 with BOM; table: for terminals; xlsx: a workbook (needs --out)"),
  Options.withDefault("table" as const)
)

const outOption = Options.file("out").pipe(Options.withDescription("Write to this file instead of stdout"), Options.optional)

const trialBalanceCommand = Command.make(
  "trial-balance",
  {
    db: databaseUrlOption,
    set: accountSetOption,
    from: Options.text("from").pipe(Options.withDescription("First period, YYYY-MM (default: the first period)"), Options.optional),
    to: Options.text("to").pipe(Options.withDescription("Last period, YYYY-MM (default: the latest period with data)"), Options.optional),
    format: formatOption,
    out: outOption
  },
  ({ db, format, from, out, set, to }) =>
    Effect.gen(function*() {
      const databaseUrl = yield* databaseUrlOf(db)
      const { runTrialBalance } = yield* Effect.promise(() => import("./commands/ledger"))
      yield* runTrialBalance({
        databaseUrl,
        accountSet: set,
        from: Option.getOrUndefined(from),
        to: Option.getOrUndefined(to),
        format,
        out: Option.getOrUndefined(out)
      })
    })
).pipe(Command.withDescription("Print the trial balance (試算平衡表) of an account set"))

const reportNameArgument = Args.choice(reportNames.map((name): [string, ReportName] => [name, name])).pipe(Args.withDescription("The report"))

const reportCommand = Command.make(
  "report",
  {
    name: reportNameArgument,
    db: databaseUrlOption,
    set: accountSetOption,
    from: Options.text("from").pipe(Options.withDescription("First period, YYYY-MM (default: depends on the report)"), Options.optional),
    to: Options.text("to").pipe(Options.withDescription("Last period, YYYY-MM (default: the latest period with data)"), Options.optional),
    commodity: Options.text("commodity").pipe(Options.withDescription("Commodity of the figures (default: the base currency)"), Options.optional),
    includeUnposted: Options.boolean("include-unposted").pipe(Options.withDescription("Add draft and audited vouchers")),
    account: Options.text("account").pipe(
      Options.withDescription("Account code: required by detail-ledger; one account of a journal; the fund of the mess statement"),
      Options.optional
    ),
    ids: Options.text("ids").pipe(Options.withDescription("Comma-separated voucher ids (voucher-print)"), Options.optional),
    format: formatOption,
    out: outOption
  },
  ({ account, commodity, db, format, from, ids, includeUnposted, name, out, set, to }) =>
    Effect.gen(function*() {
      const databaseUrl = yield* databaseUrlOf(db)
      const { runReport } = yield* Effect.promise(() => import("./commands/ledger"))
      yield* runReport({
        databaseUrl,
        accountSet: set,
        report: name,
        from: Option.getOrUndefined(from),
        to: Option.getOrUndefined(to),
        commodity: Option.getOrUndefined(commodity),
        includeUnposted,
        account: Option.getOrUndefined(account),
        ids: Option.getOrUndefined(ids),
        format,
        out: Option.getOrUndefined(out)
      })
    })
).pipe(Command.withDescription(
  "Print a report (科目余額表, 總分類賬, 明細賬, 日記賬, 憑證, 伙食公布表, 資產負債表, 利潤表) as json, csv, table or xlsx (xlsx needs --out)"
))

const ledgerCommand = Command.make("ledger").pipe(
  Command.withDescription("General ledger tools: journal import/export and reports"),
  Command.withSubcommands([importJournalCommand, exportJournalCommand, trialBalanceCommand, reportCommand])
)

const demoCommand = Command.make("demo", { db: databaseUrlOption }, ({ db }) =>
  Effect.gen(function*() {
    const databaseUrl = yield* databaseUrlOf(db)
    const { runDemo } = yield* Effect.promise(() => import("./commands/demo"))
    yield* runDemo(databaseUrl)
  })).pipe(Command.withDescription(
    "Load the demo organisation: operators admin / maker / checker / cashier and the ledger's demo books " +
      "(mess-hall account set mess-demo, company company-demo). Idempotent."
  ))

const backupCommand = Command.make(
  "backup",
  {
    db: databaseUrlOption,
    set: accountSetOption,
    out: Options.file("out").pipe(Options.withDescription("Backup file to write (written to <out>.partial, renamed when complete)"))
  },
  ({ db, out, set }) =>
    Effect.gen(function*() {
      const databaseUrl = yield* databaseUrlOf(db)
      const { runBackup } = yield* Effect.promise(() => import("./commands/ledger"))
      yield* runBackup({ databaseUrl, accountSet: set, out })
    })
).pipe(Command.withDescription("Back up one account set (all data and its audit log) to a checksummed file"))

const restoreCommand = Command.make(
  "restore",
  {
    db: databaseUrlOption,
    in: Options.file("in", { exists: "yes" }).pipe(Options.withDescription("Backup file written by danju backup")),
    as: Options.text("as").pipe(Options.withDescription("Restore under this new account set code"), Options.optional),
    organisation: Options.text("organisation").pipe(
      Options.withDescription("Organisation that owns the restored account set"),
      Options.withDefault("main")
    )
  },
  ({ as, db, in: file, organisation }) =>
    Effect.gen(function*() {
      const databaseUrl = yield* databaseUrlOf(db)
      const { runRestore } = yield* Effect.promise(() => import("./commands/ledger"))
      yield* runRestore({ databaseUrl, file, as: Option.getOrUndefined(as), organisation })
    })
).pipe(Command.withDescription(
  "Restore an account set from a backup file; a corrupt, truncated or foreign file fails with a clear message and changes nothing"
))

const auditVerifyCommand = Command.make(
  "verify",
  {
    db: databaseUrlOption,
    scope: Options.text("scope").pipe(
      Options.withDescription("Verify only this scope (e.g. ledger:S1); default: every scope that has records"),
      Options.optional
    )
  },
  ({ db, scope }) =>
    Effect.gen(function*() {
      const databaseUrl = yield* databaseUrlOf(db)
      const { runAuditVerify } = yield* Effect.promise(() => import("./commands/audit"))
      yield* runAuditVerify({ databaseUrl, scope: Option.getOrUndefined(scope) })
    })
).pipe(Command.withDescription(
  "Verify the audit log's hash chains (every scope, or --scope): prints a JSON summary; an edited, removed, " +
    "reordered or forged record fails with exit code 1 and names the scope and the record's sequence number"
))

const auditCommand = Command.make("audit").pipe(
  Command.withDescription("Audit log tools"),
  Command.withSubcommands([auditVerifyCommand])
)

/**
 * The root `danju` command.
 *
 * @since 0.1.0
 */
export const danju = Command.make("danju").pipe(
  Command.withDescription("Danju (單據) reference server and tools. Logs go to stderr, results to stdout as JSON."),
  Command.withSubcommands([
    migrateCommand,
    serveCommand,
    demoCommand,
    operatorCommand,
    ledgerCommand,
    backupCommand,
    restoreCommand,
    auditCommand
  ])
)

/**
 * Runs the CLI on `argv` (as `process.argv`).
 *
 * @since 0.1.0
 */
export const cli = Command.run(danju, { name: "danju", version: serverVersion })
