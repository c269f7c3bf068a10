import { Hono } from 'hono';
import type { DashboardData } from '../load.js';
import { renderPage } from '../page/render-page.js';

export interface DashboardAppOptions {
  /** Reads the store and computes the metrics: called on every request, so a reload shows the store as it is. */
  load: () => Promise<DashboardData>;
  /** The charting library's code, to be inlined. */
  library: () => Promise<string>;
}

/** Host names the dashboard answers to: loopback ones only, so a rebinding DNS name cannot reach it. */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function hostName(host: string | undefined): string | undefined {
  if (!host) return undefined;
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};

/**
 * The dashboard's HTTP app: `GET /` the page, `GET /metrics.json` the same numbers as JSON. Read-only,
 * for loopback use (see `serve.ts`).
 */
export function createDashboardApp(options: DashboardAppOptions): Hono {
  const app = new Hono();
  app.use(async (c, next) => {
    if (!LOOPBACK.has(hostName(c.req.header('host'))?.toLowerCase() ?? ''))
      return c.text('this dashboard answers only to 127.0.0.1 and localhost\n', 403, SECURITY_HEADERS);
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD')
      return c.text('the dashboard is read-only\n', 405, { ...SECURITY_HEADERS, Allow: 'GET, HEAD' });
    await next();
  });
  app.get('/', async (c) => {
    const [data, library] = await Promise.all([options.load(), options.library()]);
    const page = renderPage(data, library);
    return c.html(page.html, 200, { ...SECURITY_HEADERS, 'Content-Security-Policy': page.csp });
  });
  app.get('/metrics.json', async (c) => c.json(await options.load(), 200, SECURITY_HEADERS));
  app.notFound((c) => c.text('not found: the dashboard is at /\n', 404, SECURITY_HEADERS));
  app.onError((error, c) =>
    c.text(`the dashboard could not read the state store: ${error.message}\n`, 500, SECURITY_HEADERS),
  );
  return app;
}
