import type { Persistence } from '../../persistence.js';
import type { SandboxRequest, SandboxResponse } from '../../service.js';
import type { S3Store } from '../s3/store.js';
import { bucketOfOrigin, defaultOrigin } from './origins.js';
import type { CloudFrontState } from './state.js';

const plain = (status: number, text: string): SandboxResponse => ({
  status,
  headers: { 'content-type': 'text/plain' },
  body: `${text}\n`,
});

/**
 * Serves `/_omnix/cloudfront/<distribution id>/<path>` like an edge location: the default root object
 * for `/`, objects from the S3 origin with their Content-Type and Cache-Control, and a cache that
 * keeps answering with what it has until an invalidation covering the path completes.
 */
export function createCloudFrontServer(state: CloudFrontState, s3: S3Store, persistence: Persistence) {
  return async (request: SandboxRequest, rest: string): Promise<SandboxResponse> => {
    const slash = rest.indexOf('/');
    const id = slash === -1 ? rest : rest.slice(0, slash);
    const record = state.distributions.get(id);
    if (!record) return plain(404, `No distribution ${id} in this sandbox.`);
    if (String(record.config.Enabled) === 'false') return plain(403, `Distribution ${id} is disabled.`);
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return plain(405, 'Only GET and HEAD are served.');
    state.settle();

    let path = slash === -1 ? '/' : `/${rest.slice(slash + 1)}`;
    if (path === '/' && record.config.DefaultRootObject) path = `/${String(record.config.DefaultRootObject)}`;
    const withoutBody = (response: SandboxResponse) =>
      request.method === 'HEAD' ? { ...response, body: undefined } : response;

    const cached = state.edge.get(id, path);
    if (cached) {
      return withoutBody({
        status: cached.status,
        headers: {
          ...cached.headers,
          'x-cache': 'Hit from cloudfront',
          age: String(Math.floor((Date.now() - cached.storedAt) / 1000)),
        },
        body: cached.body,
      });
    }

    const origin = defaultOrigin(record.config);
    const bucket = origin && bucketOfOrigin(origin);
    if (!origin || !bucket) return plain(502, `Distribution ${id} has no S3 origin the sandbox can read.`);
    const originPath = String(origin.OriginPath ?? '').replace(/^\/+|\/+$/g, '');
    let key: string;
    try {
      key = decodeURIComponent(path.slice(1));
    } catch {
      return plain(400, 'Malformed path.');
    }
    if (originPath) key = `${originPath}/${key}`;
    let version: ReturnType<S3Store['current']>;
    try {
      version = s3.current(bucket, key);
    } catch {
      return plain(502, `The origin bucket ${bucket} does not exist.`);
    }
    if (!version)
      return {
        status: 404,
        headers: { 'content-type': 'application/xml', 'x-cache': 'Error from cloudfront' },
        body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>${key.replace(/[<&]/g, '')}</Key></Error>`,
      };

    const headers: Record<string, string> = {
      'content-type': version.contentType,
      etag: version.etag,
      'last-modified': new Date(version.lastModified).toUTCString(),
      ...(version.cacheControl ? { 'cache-control': version.cacheControl } : {}),
      ...(version.contentEncoding ? { 'content-encoding': version.contentEncoding } : {}),
    };
    const body = persistence.getBlob(version.blob);
    state.edge.put(id, path, { status: 200, headers, body, storedAt: Date.now() });
    return withoutBody({ status: 200, headers: { ...headers, 'x-cache': 'Miss from cloudfront' }, body });
  };
}
