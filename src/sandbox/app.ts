import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { FaultConfig, FaultInjector } from './faults.js';
import type { ResolvedSandboxOptions } from './options.js';
import { AwsError } from './protocol/aws-error.js';
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
    parts.faults.configure((await c.req.json()) as FaultConfig);
    return c.json(parts.faults.describe());
  });
  app.delete('/_omnix/faults', (c) => {
    parts.faults.configure({ rules: [] });
    return c.body(null, 204);
  });
  app.put('/_omnix/iam/policies', async (c) => {
    parts.iamPolicies.clear();
    for (const [principal, documents] of Object.entries(
      (await c.req.json()) as Record<string, PolicyDocument[]>,
    )) {
      parts.iamPolicies.set(principal, documents);
    }
    return c.json(parts.iamPolicies.toJSON());
  });

  app.all('*', async (c) => {
    const url = new URL(c.req.url);
    // The raw request target: URL parsing would collapse `..` segments, which S3 keys may contain.
    const rawTarget = (c.env as { incoming?: { url?: string } } | undefined)?.incoming?.url;
    const rawPath = rawTarget ? rawTarget.split('?')[0]! : url.pathname;
    const requestId = randomUUID();
    const length = Number(c.req.header('content-length') ?? 0);
    const tooLarge = new AwsError(
      'EntityTooLarge',
      `Your proposed upload exceeds the maximum allowed size (${parts.options.maxBodyBytes} bytes)`,
      400,
    );
    const scope = credentialScope(c.req.header('authorization'), url.searchParams);
    const serverName = /^\/_omnix\/([a-z]+)\/(.*)$/.exec(rawPath);
    const service = scope ? parts.services[scope.service] : undefined;
    try {
      if (length > parts.options.maxBodyBytes) throw tooLarge;
      const body = Buffer.from(await c.req.arrayBuffer());
      if (body.length > parts.options.maxBodyBytes) throw tooLarge;
      const request: SandboxRequest = {
        method: c.req.method,
        rawPath,
        query: url.searchParams,
        headers: c.req.raw.headers,
        body,
        host: c.req.header('host') ?? url.host,
        scope,
        requestId,
      };
      if (serverName && parts.servers?.[serverName[1]!]) {
        return toResponse(await parts.servers[serverName[1]!]!(request, serverName[2]!));
      }
      if (!scope) {
        return c.json(
          { message: 'The sandbox answers signed AWS requests (any credentials) and /_omnix/ paths.' },
          403,
        );
      }
      if (!service) {
        return c.json({ message: `The sandbox does not implement the '${scope.service}' service.` }, 400);
      }
      const operation = service.route(request);
      const counted = `${service.name}:${operation.name}`;
      stats.set(counted, (stats.get(counted) ?? 0) + 1);
      const fault = parts.faults.decide(service.name, operation.name);
      if (fault.latencyMs > 0) await sleep(fault.latencyMs);
      if (fault.error) throw new AwsError(fault.error.code, fault.error.message, fault.error.status);
      return toResponse(await operation.run());
    } catch (error) {
      if (!(error instanceof AwsError)) throw error;
      if (service) return toResponse(service.renderError(error, requestId));
      return c.json({ code: error.code, message: error.message }, error.status as 400);
    }
  });

  app.onError((error, c) => c.json({ code: 'InternalError', message: error.message }, 500));
  return app;
}

function toResponse(response: SandboxResponse): Response {
  const headers = new Headers(response.headers);
  const body =
    response.body === undefined || response.status === 204 || response.status === 304 ? null : response.body;
  return new Response(body as ConstructorParameters<typeof Response>[0], {
    status: response.status,
    headers,
  });
}
