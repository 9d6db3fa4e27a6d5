import type { ChartTemplate } from "./ChartTemplate"
import { noSpecialAccounts } from "./ChartTemplate"

/**
 * The empty chart: no accounts, code scheme 4-2-2-2, default options. For account sets
 * whose chart is imported (a plain-text journal, another system) or built by hand; the
 * special accounts are then named when the period-end procedures are configured.
 *
 * @since 0.1.0
 */
export const emptyChart: ChartTemplate = {
  id: "empty",
  name: "空白科目表",
  nameEnglish: "Empty chart",
  description: "不預置任何科目，科目代碼結構 4-2-2-2。",
  codeScheme: [4, 2, 2, 2],
  baseCurrency: "CNY",
  accounts: [],
  options: {},
  specialAccounts: noSpecialAccounts
}
