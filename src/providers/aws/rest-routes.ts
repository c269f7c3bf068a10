import {
  type APIGatewayClient,
  CreateResourceCommand,
  DeleteMethodCommand,
  DeleteResourceCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  paginateGetResources,
  UpdateMethodCommand,
} from '@aws-sdk/client-api-gateway';
import type { RouteChanges } from './api-kind.js';
import { awsErrorName, fromAwsError } from './errors.js';
import { lambdaInvocationUri } from './lambda-arn.js';

interface Resource {
  id: string;
  path: string;
  /** Method → its authorization type. */
  methods: Map<string, string>;
}

/** `GET /a/b` → the method and the resource path. */
export function restRouteParts(key: string): { method: string; path: string } {
  const space = key.indexOf(' ');
  return { method: key.slice(0, space), path: key.slice(space + 1) };
}

const parentOf = (path: string) => path.slice(0, path.lastIndexOf('/')) || '/';

async function readResources(gateway: APIGatewayClient, restApiId: string): Promise<Map<string, Resource>> {
  const resources = new Map<string, Resource>();
  for await (const page of paginateGetResources({ client: gateway }, { restApiId, embed: ['methods'] })) {
    for (const resource of page.items ?? []) {
      const methods = new Map(
        Object.entries(resource.resourceMethods ?? {}).map(([method, detail]) => [
          method,
          detail.authorizationType ?? 'NONE',
        ]),
      );
      resources.set(resource.path ?? '', { id: resource.id ?? '', path: resource.path ?? '', methods });
    }
  }
  return resources;
}

/**
 * Makes a REST API's methods what `changes` says: each route put is a method (authorization NONE) with a
 * Lambda proxy integration on its resource, created with its parents when missing; each route removed
 * loses its method, and resources left with no method and no child go too.
 */
export async function changeRestRoutes(
  gateway: APIGatewayClient,
  restApiId: string,
  changes: RouteChanges,
): Promise<void> {
  const doing = (what: string) => `${what} on the REST API ${restApiId}`;
  let step = 'reading the resources';
  try {
    const resources = await readResources(gateway, restApiId);
    const ensure = async (path: string): Promise<Resource> => {
      const found = resources.get(path);
      if (found) return found;
      const parent = await ensure(parentOf(path));
      step = `creating the resource ${path}`;
      const created = await gateway.send(
        new CreateResourceCommand({
          restApiId,
          parentId: parent.id,
          pathPart: path.slice(path.lastIndexOf('/') + 1),
        }),
      );
      const resource = { id: created.id ?? '', path, methods: new Map<string, string>() };
      resources.set(path, resource);
      return resource;
    };
    for (const route of changes.put) {
      const { method, path } = restRouteParts(route.key);
      const resource = await ensure(path);
      const authorization = resource.methods.get(method);
      step = `putting ${route.key}`;
      if (authorization === undefined)
        await gateway.send(
          new PutMethodCommand({
            restApiId,
            resourceId: resource.id,
            httpMethod: method,
            authorizationType: 'NONE',
          }),
        );
      else if (authorization !== 'NONE')
        await gateway.send(
          new UpdateMethodCommand({
            restApiId,
            resourceId: resource.id,
            httpMethod: method,
            patchOperations: [{ op: 'replace', path: '/authorizationType', value: 'NONE' }],
          }),
        );
      resource.methods.set(method, 'NONE');
      await gateway.send(
        new PutIntegrationCommand({
          restApiId,
          resourceId: resource.id,
          httpMethod: method,
          type: 'AWS_PROXY',
          integrationHttpMethod: 'POST',
          uri: lambdaInvocationUri(route.aliasArn),
        }),
      );
    }
    const emptied = new Set<string>();
    for (const key of changes.remove) {
      const { method, path } = restRouteParts(key);
      const resource = resources.get(path);
      if (!resource?.methods.has(method)) continue;
      step = `deleting ${key}`;
      await gateway.send(new DeleteMethodCommand({ restApiId, resourceId: resource.id, httpMethod: method }));
      resource.methods.delete(method);
      emptied.add(path);
    }
    await removeEmptyResources(
      gateway,
      restApiId,
      resources,
      emptied,
      (path) => (step = `deleting the resource ${path}`),
    );
  } catch (error) {
    throw fromAwsError(error, doing(step));
  }
}

/** Deletes each emptied resource (and then its parents) that has no method and no child left. */
async function removeEmptyResources(
  gateway: APIGatewayClient,
  restApiId: string,
  resources: Map<string, Resource>,
  emptied: Set<string>,
  deleting: (path: string) => void,
): Promise<void> {
  // Deepest first, so a parent sees its children gone.
  const queue = [...emptied].sort((a, b) => b.split('/').length - a.split('/').length);
  while (queue.length > 0) {
    const path = queue.shift()!;
    const resource = resources.get(path);
    if (!resource || path === '/' || resource.methods.size > 0) continue;
    const hasChild = [...resources.keys()].some((other) => other !== path && parentOf(other) === path);
    if (hasChild) continue;
    deleting(path);
    try {
      await gateway.send(new DeleteResourceCommand({ restApiId, resourceId: resource.id }));
    } catch (error) {
      if (awsErrorName(error) !== 'NotFoundException') throw error;
    }
    resources.delete(path);
    queue.push(parentOf(path));
  }
}
