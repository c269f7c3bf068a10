import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Hono } from 'hono';
import { type FaultInjector, parseFaultConfig } from './faults.js';
import type { ResolvedSandboxOptions } from './options.js';
import { AwsError } from './protocol/aws-error.js';
import { BodyTooLarge, readBody } from './protocol/body.js';
import { credentialScope } from './protocol/sigv4.js';
import type { SandboxRequest, SandboxResponse, SandboxService } from './service.js';
import type { IamPolicies } from './services/iam/iam.js';
import type { PolicyDocument } from './services/iam/policy.js';

export interface SandboxParts {
  options: ResolvedSandboxOptions;
  services: Record<string, SandboxService>;
  faults: FaultInjector;
  iamPolicies: IamPolicies;
  /** Unsigned routes under /_omnix/ that serve content (CloudFront, API Gateway stages). */
  servers?: Record<string, (request: SandboxRequest, rest: string) => Promise<SandboxResponse>>;
}

// Unref'd: injected latency must not keep a stopped sandbox's process alive for the rest of the delay.
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * The sandbox's one HTTP app. Signed requests go to the service named in their SigV4 credential
 * scope; `/_omnix/…` holds the admin endpoints (faults, IAM policies) and the serving paths.
 */
export function createSandboxApp(parts: SandboxParts): Hono {
  const app = new Hono();

  // Requests answered, by `service:Operation`: what benchmarks and tests count.
  const stats = new Map<string, number>();
  // `sandbox: 'omnix'` is how omnix recognises its own sandbox behind an endpoint (providers/aws/sandbox-endpoint.ts).
  app.get('/_omnix/health', (c) =>
    c.json({ ok: true, sandbox: 'omnix', services: Object.keys(parts.services) }),
  );
  app.get('/_omnix/stats', (c) => c.json(Object.fromEntries(stats)));
  app.get('/_omnix/faults', (c) => c.json(parts.faults.describe()));
  app.put('/_omnix/faults', async (c) => {
    const config = await jsonOf(c.req.raw);
    try {
      parts.faults.configure(parseFaultConfig(config));
    } catch (error) {
      throw new ClientError((error as Error).message);
    }
    return c.json(parts.faults.describe());
  });
  app.delete('/_omnix/faults', (c) => {
    parts.faults.configure({ rules: [] });
    return c.body(null, 204);
  });
  app.put('/_omnix/iam/policies', async (c) => {
    const policies = parsePolicies(await jsonOf(c.req.raw));
    parts.iamPolicies.clear();
    for (const [principal, documents] of Object.entries(policies))
      parts.iamPolicies.set(principal, documents);
    return c.json(parts.iamPolicies.toJSON());
  });

  app.all('*', async (c) => {
    const url = new URL(c.req.url);
    // The raw request target: URL parsing would collapse `..` segments, which S3 keys may contain.
    const rawTarget = (c.env as { incoming?: { url?: string } } | undefined)?.incoming?.url;
    const rawPath = rawTarget ? rawTarget.split('?')[0]! : url.pathname;
    const requestId = randomUUID();
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    const scope = credentialScope(c.req.header('authorization'), url.searchParams);
    const serverName = /^\/_omnix\/([a-z]+)\/(.*)$/.exec(rawPath);
    // Own properties only: a scope naming `__proto__` or `constructor` is an unknown service.
    const service =
      scope && Object.hasOwn(parts.services, scope.service) ? parts.services[scope.service] : undefined;
    const headers = c.req.raw.headers;
    try {
      const ownLimit = service?.bodyLimit?.(c.req.method, rawPath, headers);
      const limit =
        ownLimit && ownLimit.bytes <= parts.options.maxBodyBytes
          ? ownLimit
          : {
              bytes: parts.options.maxBodyBytes,
              error: new AwsError(
                'EntityTooLarge',
                `Your proposed upload exceeds the maximum allowed size (${parts.options.maxBodyBytes} bytes)`,
                400,
              ),
            };
      const body = incoming ? await readBody(incoming, limit) : Buffer.from(await c.req.arrayBuffer());
      if (body.length > limit.bytes) throw new BodyTooLarge(limit.error);
      const request: SandboxRequest = {
        method: c.req.method,
        rawPath,
        query: url.searchParams,
        headers,
        body,
        host: c.req.header('host') ?? url.host,
        scope,
        requestId,
        rawQueryString: rawTarget?.includes('?')
          ? rawTarget.slice(rawTarget.indexOf('?') + 1)
          : url.search.slice(1),
        ...(incoming ? { rawHeaders: incoming.rawHeaders } : {}),
      };
      const server =
        serverName && parts.servers && Object.hasOwn(parts.servers, serverName[1]!)
          ? parts.servers[serverName[1]!]
          : undefined;
      if (server) return toResponse(await server(request, serverName![2]!));
      if (!scope) {
        return c.json(
          { message: 'The sandbox answers signed AWS requests (any credentials) and /_omnix/ paths.' },
          403,
        );
      }
      if (!service) {
        throw new AwsError(
          'UnrecognizedServiceException',
          `The sandbox does not implement the '${scope.service}' service.`,
          400,
        );
      }
      const operation = service.route(request);
      const counted = `${service.name}:${operation.name}`;
      stats.set(counted, (stats.get(counted) ?? 0) + 1);
      const fault = parts.faults.decide(service.name, operation.name);
      if (fault.latencyMs > 0) await sleep(fault.latencyMs);
      if (fault.error) throw new AwsError(fault.error.code, fault.error.message, fault.error.status);
      return toResponse(await operation.run());
    } catch (thrown) {
      // The rest of an oversized body is not kept: the server discards a little, then closes the connection.
      const error = thrown instanceof BodyTooLarge ? thrown.error : thrown;
      if (!(error instanceof AwsError)) throw error;
      return toResponse(service ? service.renderError(error, requestId) : genericError(error));
    }
  });

  app.onError((error) => {
    const status = error instanceof ClientError ? 400 : 500;
    const code = status === 400 ? 'InvalidRequest' : 'InternalError';
    return toResponse(genericError(new AwsError(code, error.message, status)));
  });
  return app;
}

/** A client's mistake on an admin path (bad JSON, a bad rule): answered 400, not 500. */
class ClientError extends Error {}

async function jsonOf(request: Request): Promise<unknown> {
  try {
    return JSON.parse(await request.text());
  } catch {
    throw new ClientError('The request body is not valid JSON.');
  }
}

function parsePolicies(value: unknown): Record<string, PolicyDocument[]> {
  const valid =
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every(
      (documents) => Array.isArray(documents) && documents.every((d) => typeof d === 'object' && d !== null),
    );
  if (!valid) throw new ClientError('Expected { "<principal ARN>": [policy documents] }.');
  return value as Record<string, PolicyDocument[]>;
}

/** An error outside any service (unknown service, admin paths): AWS's JSON error shape. */
function genericError(error: AwsError): SandboxResponse {
  return {
    status: error.status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': error.code, ...error.headers },
    body: JSON.stringify({ __type: error.code, code: error.code, message: error.message }),
  };
}

function toResponse(response: SandboxResponse): Response {
  const headers = new Headers(response.headers);
  for (const [name, value] of response.repeatedHeaders ?? []) headers.append(name, value);
  const body =
    response.body === undefined || response.status === 204 || response.status === 304 ? null : response.body;
  return new Response(body as ConstructorParameters<typeof Response>[0], {
    status: response.status,
    headers,
  });
}
