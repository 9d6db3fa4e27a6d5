/**
 * Every bound Danju enforces, in one place, units last in each name
 * (`linesPerVoucherMax`, `pageSizeMax`). Nothing in Danju is unbounded: queries,
 * pages, batches, strings and retries all take their ceiling from here, and the HTTP
 * and CLI schemas enforce the same numbers so that a request over a limit is rejected
 * before anything is written.
 *
 * Each section belongs to one module; add new limits to the section of the module
 * that enforces them.
 *
 * @since 0.1.0
 */
export const Limits = {
  // ── text ──────────────────────────────────────────────────────────────────
  /** Longest free-text field (summary, comment, name) in characters. */
  textLengthMax: 500,
  /** Longest code (account code, voucher word, document number) in characters. */
  codeLengthMax: 64,

  // ── Operator, Permission, Password, ApprovalChain ────────────────────────
  /** Most roles one operator holds. */
  rolesPerOperatorMax: 64,
  /** Most roles in one permission table. */
  rolesPerTableMax: 1_000,
  /** Most permission grants one role carries. */
  permissionsPerRoleMax: 1_000,
  /** Shortest password accepted, in characters (code points). */
  passwordLengthMin: 8,
  /** Longest password accepted, in characters; also caps the work a login can cause. */
  passwordLengthMax: 256,
  /** Most steps in one approval chain definition. */
  approvalStepsMax: 32,
  /** Most operators a countersign step may require or name. */
  countersignOperatorsMax: 32,
  /** Most guards attached to one approval step. */
  guardsPerStepMax: 32,
  /** Longest deadline of one approval step, in minutes (one year). */
  stepDeadlineMinutesMax: 525_600,

  // ── amounts ──────────────────────────────────────────────────────────────
  /** Largest number of significant digits of an amount or quantity. */
  amountDigitsMax: 28,
  /** Largest scale (digits after the decimal point) of any commodity. */
  amountScaleMax: 10,
  /** Largest absolute amount accepted at an edge (10^18 − 1 of the commodity). */
  amountAbsoluteMax: "999999999999999999",

  // ── Amount (allocation), Period, BusinessCalendar, Sla ───────────────────
  /** Most parts one `allocate`/`distribute` call produces. */
  allocationPartsMax: 10_000,
  /** Earliest year of a calendar date (LocalDate) or fiscal year. */
  calendarYearMin: 1000,
  /** Latest year of a calendar date (LocalDate) or fiscal year. */
  calendarYearMax: 9999,
  /** Most days a business-calendar search walks before failing (about ten years). */
  businessCalendarSearchDaysMax: 3_660,
  /** Most working-hour intervals on one weekday of a business calendar. */
  businessIntervalsPerDayMax: 8,
  /** Most custom extra holidays plus extra workdays on one business calendar. */
  businessCalendarExtraDaysMax: 3_660,
  /** Most pauses recorded on one SLA clock. */
  slaPausesPerClockMax: 1_000,
  /** Most targets (response, arrival, resolution …) in one SLA policy. */
  slaTargetsPerPolicyMax: 32,

  // ── paging and batches ────────────────────────────────────────────────────
  /** Largest page a query returns. */
  pageSizeMax: 1_000,
  /** Largest number of commands in one batch call (one database transaction). */
  batchSizeMax: 10_000,

  // ── Idempotency ──────────────────────────────────────────────────────────
  /** Longest idempotency key in characters (a UUID is 36). */
  idempotencyKeyLengthMax: 128,

  // ── AuditLog ─────────────────────────────────────────────────────────────
  /** Records read per page when verifying an audit chain (bounds memory). */
  auditVerifyPageSize: 5_000,

  // ── OperatorStore (sessions, login rate limit) and the reference server ─
  /** Failed logins of one login name inside the window before further attempts get 429. */
  loginFailuresPerWindowMax: 5,
  /** Length of the login rate-limit window, in minutes. */
  loginFailureWindowMinutes: 15,
  /** Lifetime of a session token from login, in minutes (12 hours), however busy. */
  sessionLifetimeMinutes: 720,
  /**
   * A session unused for this many minutes ends (the operator walked away from the
   * desk); each use moves the deadline on. Together with the lifetime above this is the
   * login timeout that 等保 2.0 asks of systems holding financial records.
   */
  sessionIdleMinutes: 30,
  /**
   * A session's last use is written at most once per this many seconds, so a busy
   * client does not turn every read into a write; the idle deadline is therefore exact
   * to within this interval (a session may end up to this much early, never late).
   */
  sessionUseRecordedEverySeconds: 60,
  /**
   * An ended session (expired or idle) is kept this many minutes, so that its token is
   * still answered with the reason (`expired`, `idle`) rather than `unknown`; each login
   * then deletes the sessions that ended longer ago (the table holds live sessions and a
   * day's worth of ended ones, however many logins there have been).
   */
  sessionEndedKeptMinutes: 1_440,
  /** Largest HTTP request body the reference server reads, in bytes. */
  httpRequestBodyBytesMax: 10_485_760,
  /**
   * Deepest nesting of arrays and objects in a JSON request body the reference server
   * decodes; deeper bodies are refused before decoding (deep nesting exhausted the stack).
   */
  httpRequestJsonDepthMax: 32,

  // ── ledger ───────────────────────────────────────────────────────────────
  /** Most lines on one voucher. */
  linesPerVoucherMax: 1_000,
  /** Most levels of an account code scheme (4-2-2-2-2-2 …). */
  accountLevelsMax: 8,
  /** Most dimension types one account may require. */
  dimensionsPerAccountMax: 6,
  /** Most accounts in one chart. */
  accountsPerSetMax: 100_000,
  /** Most vouchers in one batch call (one database transaction). */
  vouchersPerBatchMax: 10_000,

  // ── ledger journal (JournalParser, JournalChart) ─────────────────────────
  /** Longest line of a plain-text journal, in characters; bounds the parser's buffer. */
  journalLineLengthMax: 10_000,
  /** Most postings in one journal entry (each becomes a voucher line). */
  journalPostingsPerEntryMax: 1_000,
  /** Longest full account name (`a:b:c`) in a journal, in characters. */
  journalAccountNameLengthMax: 1_000,
  /** Most commodities whose decimal mark `commodity`/`D` directives may declare. */
  journalCommodityDirectivesMax: 1_000,

  // ── ledger period end (PeriodEndService) ─────────────────────────────────
  /** Most voucher ids or account codes a period-end error lists; the rest are counted. */
  periodEndListedItemsMax: 20,
  /** Most vouchers of one period (all words) one renumbering call reorders. */
  vouchersPerRenumberMax: 100_000,
  /** Most period seals read for one account set (13 periods a year for over 700 years). */
  periodSealsPerSetMax: 10_000,

  // ── ledger library (LibraryService: 摘要庫, 模式憑證) ────────────────────────
  /** Most entries of one account set's summary library (摘要庫); a list returns them all. */
  summariesPerSetMax: 1_000,
  /** Most stored voucher templates (模式憑證) of one account set, besides the built-in ones. */
  voucherTemplatesPerSetMax: 1_000,

  // ── ledger backup (BackupFormat, BackupService) ──────────────────────────
  /** Rows read per database page while writing a backup (bounds its memory). */
  backupPageRows: 1_000,
  /** Characters of backup text collected before handing a chunk to the writer. */
  backupChunkCharactersMax: 65_536,
  /** Longest line of a backup file, in characters (an audit payload is the longest). */
  backupLineLengthMax: 8_000_000,
  /** Rows written per bulk insert while restoring a backup. */
  backupRowsPerInsertMax: 1_000,

  // ── ledger reports (ReportService, domain/reports, render) ────────────────
  /** Most voucher lines one unpaged report (journal, mess statement) reads; page the detail ledger instead. */
  reportLinesMax: 200_000,
  /** Longest report formula, in characters. */
  formulaLengthMax: 2_000,
  /** Deepest nesting of a report formula (parentheses, unary minus, calls). */
  formulaDepthMax: 32,
  /** Most lines in one financial-statement template. */
  statementLinesMax: 500,
  /** Most lines on one printed voucher page (Kingdee prints 5–8). */
  printLinesPerPageMax: 50,

  // ── storage ──────────────────────────────────────────────────────────────
  /** Most retries of a database transaction that failed on serialization or busy. */
  transactionRetriesMax: 10,
  /** Milliseconds a SQLite connection waits on a locked database before failing. */
  sqliteBusyTimeoutMilliseconds: 5_000,
  /** KiB of page cache a SQLite connection may hold (SQLite's own default is 2 MiB). */
  sqliteCacheKibibytes: 65_536
} as const

/** The type of {@link Limits}. @since 0.1.0 */
export type Limits = typeof Limits
