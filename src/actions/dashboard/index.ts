export { type DashboardOptions, dashboardData, dashboardFile, startDashboard } from './dashboard.js';
export type { DashboardData, HistorySource } from './load.js';
export type { EnvironmentMetrics } from './metrics/environment-metrics.js';
export type { RunningDashboard } from './server/serve.js';
