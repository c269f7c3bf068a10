/**
 * Charts as data: each is a Chart.js configuration of plain JSON (no functions), embedded in the page
 * and drawn by the bundled library. The numbers are also in the tables beside them, for readers
 * without JavaScript.
 */
export interface ChartSpec {
  /** The canvas's id: made of indexes, never of record text. */
  id: string;
  type: 'bar' | 'line' | 'scatter';
  data: { labels?: string[]; datasets: Dataset[] };
  options: Record<string, unknown>;
}

export interface Dataset {
  label: string;
  data: Array<number | null | { x: number | string; y: number | string }>;
  backgroundColor?: string;
  borderColor?: string;
  type?: 'bar' | 'line';
  stack?: string;
  pointRadius?: number;
}

/** Colours of outcomes, and a palette for phases; readable on white and for most colour blindness. */
export const COLOURS = {
  succeeded: '#2e7d32',
  failed: '#c62828',
  rolledBack: '#ef6c00',
  interrupted: '#6a1b9a',
  target: '#455a64',
  line: '#1565c0',
};
export const PALETTE = [
  '#1565c0',
  '#ef6c00',
  '#2e7d32',
  '#6a1b9a',
  '#00838f',
  '#ad1457',
  '#9e9d24',
  '#5d4037',
  '#546e7a',
];

interface Axes {
  x: string;
  y: string;
  stacked?: boolean;
  yCategories?: string[];
}

/** Options shared by every chart: no animation (the page is a report), titled axes. */
export function chartOptions(axes: Axes): Record<string, unknown> {
  const title = (text: string) => ({ display: true, text });
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    plugins: { legend: { position: 'bottom' } },
    scales: {
      x: { stacked: axes.stacked ?? false, title: title(axes.x) },
      y: axes.yCategories
        ? { type: 'category', labels: axes.yCategories, title: title(axes.y) }
        : { stacked: axes.stacked ?? false, beginAtZero: true, title: title(axes.y) },
    },
  };
}

/** Seconds with at most three decimals, for chart values. */
export const seconds = (ms: number): number => Math.round(ms) / 1000;
