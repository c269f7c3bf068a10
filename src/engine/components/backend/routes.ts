import type { ApiType, LiveRoute, RouteChanges } from '../../../providers/aws/api-kind.js';
import type { ReleasedRoute } from '../../../records/index.js';

/** A route a deployment puts on the API: its key, and the function alias (name and ARN) it invokes. */
export interface PlannedRoute extends ReleasedRoute {
  aliasArn: string;
}

/** What changes in the API's routes, by key. */
export interface RoutesDiff {
  add: string[];
  change: string[];
  remove: string[];
}

/** The route keys a configured key stands for: on a REST API, `$default` is `ANY /` and `ANY /{proxy+}`. */
export function routeKeysOn(type: ApiType, key: string): string[] {
  return type === 'rest' && key === '$default' ? ['ANY /', 'ANY /{proxy+}'] : [key];
}

/**
 * Compares the routes wanted (each with the integration line its kind of API gives it) with the live
 * ones: routes to add, routes whose integration differs, routes the API has and the configuration does
 * not. The configuration owns every route of the API. Pure.
 */
export function planRoutes(
  wanted: ReadonlyArray<{ key: string; integration: string }>,
  live: readonly LiveRoute[],
): RoutesDiff {
  const current = new Map(live.map((route) => [route.key, route.integration]));
  const keys = new Set(wanted.map((route) => route.key));
  const diff: RoutesDiff = { add: [], change: [], remove: [] };
  for (const route of wanted) {
    const integration = current.get(route.key);
    if (integration === undefined) diff.add.push(route.key);
    else if (integration !== route.integration) diff.change.push(route.key);
  }
  diff.remove = [...current.keys()].filter((key) => !keys.has(key));
  for (const list of Object.values(diff)) list.sort();
  return diff;
}

export const changesNothing = (diff: RoutesDiff) =>
  diff.add.length + diff.change.length + diff.remove.length === 0;

/** The calls a diff comes to: every added or changed route put with its alias, every other removed. */
export function routeChanges(wanted: readonly PlannedRoute[], diff: RoutesDiff): RouteChanges {
  const put = new Set([...diff.add, ...diff.change]);
  return {
    put: wanted.filter((route) => put.has(route.key)).map(({ key, aliasArn }) => ({ key, aliasArn })),
    remove: diff.remove,
  };
}

/** `+GET /a ~POST /b -DELETE /c`: a diff in one line, for the plan and the deployment record. */
export const describeRoutesDiff = (diff: RoutesDiff) =>
  [
    ...diff.add.map((k) => `+${k}`),
    ...diff.change.map((k) => `~${k}`),
    ...diff.remove.map((k) => `-${k}`),
  ].join(', ');
