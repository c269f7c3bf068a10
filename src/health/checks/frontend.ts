import { type AssetKind, readPage } from '../../artifacts/local/page.js';
import { mapPool } from '../../core/pool.js';
import { readObjectVersionText } from '../../providers/aws/site-bucket.js';
import { probe } from '../http-probe.js';
import type { CheckContext, Finding, HealthCheck } from '../types.js';

type FrontendCheck = Extract<HealthCheck, { type: 'frontend' }>;

const CONTENT_TYPES: Record<AssetKind, RegExp> = {
  script: /^(text|application)\/(javascript|ecmascript|x-javascript)\b/i,
  stylesheet: /^text\/css\b/i,
  image: /^image\//i,
};

/**
 * The page loads as HTML; every script, stylesheet and image it references loads with 200 and a fitting
 * Content-Type; and its `omnix-build` id is the one in the release's copy of the page.
 */
export async function frontendCheck(check: FrontendCheck, context: CheckContext): Promise<Finding> {
  const page = await probe({ url: check.url, method: 'GET', headers: {} }, context.signal);
  if (page.status !== 200)
    return { status: 'fail', message: `GET ${check.url}: status ${page.status}, expected 200` };
  const type = page.headers.get('content-type') ?? '';
  if (!/^text\/html\b/i.test(type))
    return { status: 'fail', message: `GET ${check.url}: Content-Type "${type}", expected text/html` };
  const parts = readPage(page.body, check.url);
  const problems = (
    await mapPool(parts.assets, 8, async (asset) => {
      try {
        const response = await probe({ url: asset.url, method: 'GET', headers: {} }, context.signal);
        if (response.status !== 200) return `${asset.kind} ${asset.url}: status ${response.status}`;
        const assetType = response.headers.get('content-type') ?? '';
        if (!CONTENT_TYPES[asset.kind].test(assetType))
          return `${asset.kind} ${asset.url}: Content-Type "${assetType}" does not fit a ${asset.kind}`;
      } catch (error) {
        return (error as Error).message;
      }
      return undefined;
    })
  ).filter((problem): problem is string => problem !== undefined);

  const expected = await releasedBuildId(check.url, context);
  if (expected !== undefined && parts.buildId !== expected)
    problems.push(
      parts.buildId === undefined
        ? `the page carries no omnix-build id; release ${context.release ?? ''} has ${expected}`
        : `the page is build ${parts.buildId}, the release is build ${expected} (an old copy still cached?)`,
    );
  const loaded = `${parts.assets.length} asset(s)`;
  if (problems.length > 0)
    return {
      status: 'fail',
      message: problems.length === 1 ? problems[0]! : `${problems.length} problems: ${problems[0]}; …`,
      details: problems,
    };
  return {
    status: 'pass',
    message: `the page and its ${loaded} load${parts.buildId ? `; build ${parts.buildId}` : ''}`,
  };
}

/** The `omnix-build` id of the page as the release put it in the bucket; undefined when unknown. */
async function releasedBuildId(pageUrl: string, context: CheckContext): Promise<string | undefined> {
  const site = context.manifest?.frontend;
  if (!site) return undefined;
  const key = pageKey(pageUrl, context.outputs.siteUrl, context.config.frontend?.entryPoints ?? []);
  const object = site.objects.find((entry) => entry.key === key);
  if (!object) return undefined;
  // An object version never changes: read it once for all the attempts and runs on this release.
  const known = buildIds.get(site) ?? new Map<string, string | undefined>();
  buildIds.set(site, known);
  if (known.has(object.versionId)) return known.get(object.versionId);
  const html = await readObjectVersionText(
    await context.clients.s3(),
    { bucket: site.bucket, key, versionId: object.versionId },
    context.signal,
  );
  const buildId = readPage(html, pageUrl).buildId;
  known.set(object.versionId, buildId);
  return buildId;
}

const buildIds = new WeakMap<object, Map<string, string | undefined>>();

/** The bucket key a page URL serves: its path below the site URL, or the first HTML entry point for a folder. */
function pageKey(pageUrl: string, siteUrl: string | undefined, entryPoints: readonly string[]): string {
  const url = new URL(pageUrl);
  const site = siteUrl ? new URL(siteUrl) : undefined;
  const base = site?.pathname.replace(/\/?$/, '/');
  const below =
    site && base && url.origin === site.origin && `${url.pathname}/`.startsWith(base)
      ? url.pathname.slice(base.length)
      : url.pathname;
  const path = decodeURIComponent(below).replace(/^\/+/, '');
  const index = entryPoints.find((entry) => entry.endsWith('.html')) ?? 'index.html';
  if (path === '') return index;
  if (path.endsWith('/')) return `${path}index.html`;
  return path;
}
