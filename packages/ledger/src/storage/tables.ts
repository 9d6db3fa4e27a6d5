// Kysely table types of the ledger. Never exported from the package: rows are decoded
// into domain values inside storage/. Decimals arrive as strings from PostgreSQL and
// as strings (TEXT) or numbers from SQLite; booleans as 0/1 from SQLite.

type DecimalColumn = string
type Flag = number | boolean
type Int = number | string

export interface LedgerTables {
  ledger_account_sets: {
    id: string
    code: string
    organisation_id: string
    name: string
    base_currency: string
    currency_scale: Int
    code_scheme: string
    calendar: string
    start_year: Int
    start_period: Int
    status: string
    template: string | null
    options: string
    last_closed_year: Int | null
    last_closed_fiscal_year: Int | null
    last_closed_period: Int | null
    created_at: Int
    chart_version: string
  }
  ledger_accounts: {
    account_set_id: string
    code: string
    name: string
    parent_code: string | null
    level: Int
    category: string
    direction: string
    dimension_types: string
    quantity_unit: string | null
    foreign_currency: string | null
    revalue: Flag
    is_cash: Flag
    is_bank: Flag
    disabled: Flag
    leaf: Flag
  }
  ledger_dimension_values: {
    account_set_id: string
    type: string
    code: string
    name: string
    disabled: Flag
  }
  ledger_openings: {
    account_set_id: string
    account_code: string
    dimension_key: string
    commodity: string
    balance: DecimalColumn
    year_to_date_debit: DecimalColumn
    year_to_date_credit: DecimalColumn
  }
  ledger_vouchers: {
    id: string
    account_set_id: string
    fiscal_year: Int
    period: Int
    word: string
    number: Int
    date: string
    attachments: Int
    status: string
    maker_id: string
    auditor_id: string | null
    cashier_id: string | null
    poster_id: string | null
    reversal_of_id: string | null
    correction_of_id: string | null
    created_at: Int
    audited_at: Int | null
    posted_at: Int | null
    total: DecimalColumn
    touches_cash_or_bank: Flag
  }
  ledger_lines: {
    voucher_id: string
    line_number: Int
    account_set_id: string
    account_code: string
    dimension_key: string
    commodity: string
    debit: DecimalColumn
    credit: DecimalColumn
    summary: string
    quantity: DecimalColumn | null
    currency: string | null
    exchange_rate: DecimalColumn | null
    original_amount: DecimalColumn | null
    fiscal_year: Int
    period: Int
    date: string
  }
  ledger_balances: {
    account_set_id: string
    period_key: Int
    account_code: string
    dimension_key: string
    commodity: string
    debit: DecimalColumn
    credit: DecimalColumn
  }
  ledger_period_seals: {
    account_set_id: string
    period_key: Int
    closed_at: Int
    closed_by: string
    seal_hash: string
  }
  ledger_voucher_gaps: {
    account_set_id: string
    fiscal_year: Int
    period: Int
    word: string
    number: Int
  }
}

/** The account set's library (migration `ledger_0004_library`). */
export interface LibraryTables {
  ledger_summaries: {
    account_set_id: string
    code: string
    summary_text: string
    category: string | null
    mnemonic: string | null
    account_code: string | null
  }
  ledger_voucher_templates: {
    account_set_id: string
    id: string
    name: string
    description: string
    word: string | null
    /** The template's lines as JSON (`VoucherTemplateLine` encoded). */
    lines: string
  }
}
