import { createHash } from 'node:crypto';
import {
  type ApiGatewayV2Client,
  CreateIntegrationCommand,
  CreateRouteCommand,
  DeleteIntegrationCommand,
  DeleteRouteCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  type Integration,
  type Route,
  UpdateRouteCommand,
} from '@aws-sdk/client-apigatewayv2';
import type { ApiDefinition, RouteChanges } from './api-kind.js';
import { awsErrorName, fromAwsError } from './errors.js';

/** Every item of an HTTP API list: the JS SDK has no paginators for API Gateway v2, so this follows NextToken. */
export async function everyPage<T>(
  read: (token: string | undefined) => Promise<{ Items?: T[]; NextToken?: string }>,
): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const page = await read(token);
    items.push(...(page.Items ?? []));
    token = page.NextToken || undefined;
  } while (token);
  return items;
}

const integrationLine = (route: Route, integration: Integration | undefined) =>
  integration
    ? `${route.AuthorizationType ?? 'NONE'} ${integration.IntegrationType ?? ''} ${integration.PayloadFormatVersion ?? ''} ${integration.IntegrationUri ?? ''}`
    : '';

/** `NONE AWS_PROXY 2.0 <alias ARN>`: a route that invokes the alias with payload format 2.0. */
export const httpIntegrationOf = (aliasArn: string) => `NONE AWS_PROXY 2.0 ${aliasArn}`;

async function readAll(client: ApiGatewayV2Client, apiId: string) {
  const routes = await everyPage((NextToken) =>
    client.send(new GetRoutesCommand({ ApiId: apiId, NextToken })),
  );
  const integrations = await everyPage((NextToken) =>
    client.send(new GetIntegrationsCommand({ ApiId: apiId, NextToken })),
  );
  return { routes, integrations: new Map(integrations.map((i) => [i.IntegrationId ?? '', i])) };
}

const targetId = (route: Route) => route.Target?.replace(/^integrations\//, '');

/** The HTTP API's routes with their integrations, and a digest of them. */
export async function readHttpDefinition(client: ApiGatewayV2Client, apiId: string): Promise<ApiDefinition> {
  try {
    const { routes, integrations } = await readAll(client, apiId);
    const live = routes.map((route) => {
      const integration = integrations.get(targetId(route) ?? '');
      return {
        key: route.RouteKey ?? '',
        integration: integrationLine(route, integration),
        uri: integration?.IntegrationUri ?? '',
      };
    });
    const lines = live.map((route) => `${route.key} ${route.integration}`).sort();
    return { routes: live, hash: createHash('sha256').update(lines.join('\n')).digest('hex') };
  } catch (error) {
    throw fromAwsError(error, `reading the routes of the HTTP API ${apiId}`);
  }
}

/**
 * Makes the HTTP API's routes what `changes` says: one AWS_PROXY integration (payload format 2.0) per
 * alias, reused when one exists; each route put created or pointed at it (authorization NONE); each
 * route removed deleted; then integrations no route targets any more deleted.
 */
export async function changeHttpRoutes(
  client: ApiGatewayV2Client,
  apiId: string,
  changes: RouteChanges,
): Promise<void> {
  let step = 'reading the routes';
  try {
    const { routes, integrations } = await readAll(client, apiId);
    const byKey = new Map(routes.map((route) => [route.RouteKey ?? '', route]));
    const byTarget = new Map<string, string>();
    for (const [id, integration] of integrations)
      if (integration.IntegrationType === 'AWS_PROXY' && integration.PayloadFormatVersion === '2.0')
        byTarget.set(integration.IntegrationUri ?? '', id);
    const integrationFor = async (aliasArn: string) => {
      const found = byTarget.get(aliasArn);
      if (found) return found;
      step = `creating the integration with ${aliasArn}`;
      const created = await client.send(
        new CreateIntegrationCommand({
          ApiId: apiId,
          IntegrationType: 'AWS_PROXY',
          IntegrationUri: aliasArn,
          PayloadFormatVersion: '2.0',
        }),
      );
      byTarget.set(aliasArn, created.IntegrationId!);
      return created.IntegrationId!;
    };
    const untargeted = new Set<string>();
    for (const route of changes.put) {
      const Target = `integrations/${await integrationFor(route.aliasArn)}`;
      const existing = byKey.get(route.key);
      step = `putting the route ${route.key}`;
      if (!existing) {
        await client.send(
          new CreateRouteCommand({ ApiId: apiId, RouteKey: route.key, Target, AuthorizationType: 'NONE' }),
        );
        byKey.set(route.key, { RouteKey: route.key, Target });
        continue;
      }
      const before = targetId(existing);
      if (before) untargeted.add(before);
      await client.send(
        new UpdateRouteCommand({
          ApiId: apiId,
          RouteId: existing.RouteId,
          Target,
          AuthorizationType: 'NONE',
        }),
      );
      existing.Target = Target;
    }
    for (const key of changes.remove) {
      const existing = byKey.get(key);
      if (!existing) continue;
      step = `deleting the route ${key}`;
      const before = targetId(existing);
      if (before) untargeted.add(before);
      await client.send(new DeleteRouteCommand({ ApiId: apiId, RouteId: existing.RouteId }));
      byKey.delete(key);
    }
    const stillTargeted = new Set([...byKey.values()].map(targetId));
    for (const id of untargeted) {
      if (stillTargeted.has(id)) continue;
      step = `deleting the integration ${id}`;
      try {
        await client.send(new DeleteIntegrationCommand({ ApiId: apiId, IntegrationId: id }));
      } catch (error) {
        if (awsErrorName(error) !== 'NotFoundException') throw error;
      }
    }
  } catch (error) {
    throw fromAwsError(error, `${step} of the HTTP API ${apiId}`);
  }
}
