/**
 * Chart-of-accounts templates (科目模板) an account set starts from, and voucher
 * templates (模式憑證), among them the nine standard mess-hall entries.
 *
 * @since 0.1.0
 */
import type { ChartTemplate, ChartTemplateId } from "./ChartTemplate"
import { emptyChart } from "./empty"
import { enterpriseChart } from "./enterprise"
import { messHallChart } from "./messHall"
import { nonProfitChart } from "./nonProfit"
import { smallEnterpriseChart } from "./smallEnterprise"

export * from "./ChartTemplate"
export * from "./empty"
export * from "./enterprise"
export * from "./messHall"
export * from "./nonProfit"
export * from "./smallEnterprise"
export * from "./voucherTemplates"

/**
 * Every shipped chart template by id (each template's `id` is its key).
 *
 * @example
 * ```ts
 * import { chartTemplates, materializeChart } from "@danju/ledger"
 *
 * materializeChart(chartTemplates.enterprise).filter((account) => account.level === 1).length   // 105
 * ```
 *
 * @since 0.1.0
 */
export const chartTemplates: Readonly<Record<ChartTemplateId, ChartTemplate>> = {
  smallEnterprise: smallEnterpriseChart,
  enterprise: enterpriseChart,
  nonProfit: nonProfitChart,
  messHall: messHallChart,
  empty: emptyChart
}
