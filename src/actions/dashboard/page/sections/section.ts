import type { ChartSpec } from '../charts.js';
import type { Html } from '../html.js';

/** A part of an environment's section: its markup and the charts its canvases show. */
export interface Section {
  html: Html;
  charts: ChartSpec[];
}

/** The id of chart `kind` of the environment at `index`: no record text goes into an id. */
export const chartId = (index: number, kind: string): string => `chart-${index}-${kind}`;

/** How many rows a table shows at most; the rest are counted below it (`--json` has them all). */
export const MAX_ROWS = 50;
