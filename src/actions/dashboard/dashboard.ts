import { gitCommitTimes } from './commit-times.js';
import { type DashboardData, type HistorySource, loadDashboard } from './load.js';
import { chartLibrary } from './page/chart-library.js';
import { renderPage } from './page/render-page.js';
import { createDashboardApp } from './server/app.js';
import { type RunningDashboard, serveDashboard } from './server/serve.js';

export interface DashboardOptions {
  /** The project's folder: commit times are looked up in its git repository. */
  cwd: string;
  /** Metrics as of this time. @default now */
  now?: () => Date;
}

/** The metrics of `sources`' environments, as `--json` prints them and the page shows them. */
export function dashboardData(
  sources: readonly HistorySource[],
  options: DashboardOptions,
): Promise<DashboardData> {
  return loadDashboard(sources, {
    now: (options.now ?? (() => new Date()))(),
    commitTimes: gitCommitTimes(options.cwd),
  });
}

/** The dashboard as one self-contained HTML file (`--out`). */
export async function dashboardFile(data: DashboardData): Promise<string> {
  return renderPage(data, await chartLibrary()).html;
}

/** Serves the dashboard on 127.0.0.1:`port`, reading the stores again on every request. */
export function startDashboard(
  sources: readonly HistorySource[],
  options: DashboardOptions & { port: number },
): Promise<RunningDashboard> {
  const app = createDashboardApp({ load: () => dashboardData(sources, options), library: chartLibrary });
  return serveDashboard(app, options.port);
}
