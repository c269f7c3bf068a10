import type { OmnixConfig } from '../config/schema.js';
import { releasedApiId, releasedApiType } from '../providers/aws/api-kind.js';
import { apiKind } from '../providers/aws/api-kinds.js';
import type { AwsClients } from '../providers/aws/clients.js';
import { functionArnOfUri, parseFunctionArn } from '../providers/aws/lambda-arn.js';
import type { ReleasedApi } from '../records/index.js';

/** One way the API differs from the release (the shape of drift.ts's `Drift`). */
interface Drift {
  resource: string;
  field: string;
  expected: string;
  found: string;
}

/** What drift detection found of the API: differences, whether the stage was compared, what was not. */
export interface ApiDrift {
  drift: Drift[];
  compared: number;
  notChecked: string[];
}

/** Where a live route sends requests: `function:qualifier`, or the integration's URI when it invokes no function. */
function targetOf(uri: string): string {
  const arn = parseFunctionArn(functionArnOfUri(uri) ?? '');
  if (!arn) return uri || 'no integration';
  return arn.qualifier ? `${arn.name}:${arn.qualifier}` : arn.name;
}

/**
 * The stage compared with the release's deployment (moved or deleted outside omnix) and, when omnix owns
 * the routes, every route compared with the release's: added, deleted, or pointed elsewhere.
 */
export async function detectApiDrift(
  api: NonNullable<NonNullable<OmnixConfig['backend']>['api']>,
  released: ReleasedApi,
  release: number,
  clients: AwsClients,
): Promise<ApiDrift> {
  const result: ApiDrift = { drift: [], compared: 0, notChecked: [] };
  const kind = await apiKind(api.type);
  if (releasedApiType(released) !== api.type) {
    result.notChecked.push(
      `the API: release v${release} is on an API of type ${releasedApiType(released)}, the configuration's is of type ${api.type}`,
    );
    return result;
  }
  const apiId = await kind.find(clients, api.id, api.name);
  if (releasedApiId(released) !== apiId) {
    result.notChecked.push(
      `the API: release v${release} deployed ${releasedApiId(released)}, the configuration names ${apiId}`,
    );
    return result;
  }
  const resource = `${apiId}/${released.stage}`;
  const stage = await kind.readStage(clients, apiId, released.stage);
  const expected = `${released.deploymentId} (release v${release})`;
  if (!stage)
    result.drift.push({ resource, field: 'stage', expected: `deployment ${expected}`, found: 'deleted' });
  else {
    result.compared++;
    if (stage.deploymentId !== released.deploymentId)
      result.drift.push({
        resource,
        field: 'stage deployment',
        expected,
        found: stage.deploymentId || '(none)',
      });
  }
  if (!released.routes) return result;
  const live = new Map(
    (await kind.readDefinition(clients, apiId)).routes.map((route) => [route.key, targetOf(route.uri)]),
  );
  for (const route of released.routes) {
    const wanted = route.alias ? `${route.function}:${route.alias}` : route.function;
    const found = live.get(route.key);
    live.delete(route.key);
    if (found !== wanted)
      result.drift.push({
        resource: `${apiId} ${route.key}`,
        field: 'route',
        expected: `→ ${wanted} (release v${release})`,
        found: found === undefined ? 'deleted' : `→ ${found}`,
      });
  }
  for (const [key, found] of live)
    result.drift.push({
      resource: `${apiId} ${key}`,
      field: 'route',
      expected: `absent (release v${release})`,
      found: `added, → ${found}`,
    });
  return result;
}
