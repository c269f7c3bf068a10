import { Parser } from 'htmlparser2';

export type AssetKind = 'script' | 'stylesheet' | 'image';

/** What a page references and the build id it carries. */
export interface PageParts {
  assets: Array<{ kind: AssetKind; url: string }>;
  buildId?: string;
}

/** The scripts, stylesheets and images an HTML page references (absolute URLs), and its `omnix-build` id. */
export function readPage(html: string, pageUrl: string): PageParts {
  const assets: PageParts['assets'] = [];
  let buildId: string | undefined;
  const add = (kind: AssetKind, reference: string | undefined) => {
    if (!reference || reference.startsWith('data:')) return;
    try {
      assets.push({ kind, url: new URL(reference, pageUrl).href });
    } catch {
      assets.push({ kind, url: reference });
    }
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const rel = (attributes.rel ?? '').toLowerCase().split(/\s+/);
        if (name === 'script') add('script', attributes.src);
        else if (name === 'img') add('image', attributes.src);
        else if (name === 'link' && rel.includes('stylesheet')) add('stylesheet', attributes.href);
        else if (name === 'link' && rel.includes('modulepreload')) add('script', attributes.href);
        else if (name === 'link' && rel.some((word) => word === 'icon' || word === 'apple-touch-icon'))
          add('image', attributes.href);
        else if (name === 'meta' && attributes.name === 'omnix-build') buildId = attributes.content;
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return { assets: dedupe(assets), ...(buildId !== undefined ? { buildId } : {}) };
}

function dedupe(assets: PageParts['assets']): PageParts['assets'] {
  const seen = new Set<string>();
  return assets.filter((asset) => !seen.has(asset.url) && seen.add(asset.url));
}
