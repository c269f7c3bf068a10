import { parseRouteKey, type RouteSegment } from '../api-routes.js';
import type { PathSegment } from '../paths.js';
import { checkable, error, type Rule, type RuleFinding } from './rule.js';

// What differs between the two kinds of API, checked at load: API Gateway would refuse these later,
// half way through a deployment.

/** REST resource path parts are narrower than HTTP API route segments. */
const REST_LITERAL = /^[a-zA-Z0-9._:@~-]+$/;
/** API Gateway's documented pattern for stage variable values (REST and HTTP APIs). */
const STAGE_VARIABLE_VALUE = /^[A-Za-z0-9\-._~:/?#&=,]+$/;

export const apiTypeFitsItsSettings: Rule = (context) => {
  const api = context.config.backend?.api;
  if (!api) return [];
  const findings: RuleFinding[] = [];
  if (api.type === 'rest' && api.stage === '$default' && checkable(context, ['backend', 'api', 'stage']))
    findings.push(
      error(
        ['backend', 'api', 'stage'],
        '$default is a stage of HTTP APIs; a REST API stage is named',
        'Name the stage (for example the environment), or set backend.api.type: http.',
      ),
    );
  if (api.type === 'rest' && api.turnOffAutoDeploy)
    findings.push(
      error(
        ['backend', 'api', 'turnOffAutoDeploy'],
        'REST API stages do not deploy automatically: turnOffAutoDeploy applies to HTTP APIs only',
        'Remove the setting.',
      ),
    );
  if (api.function !== undefined && api.routes)
    findings.push(
      error(
        ['backend', 'api', 'function'],
        'give backend.api.function (one function behind everything) or backend.api.routes, not both',
        'With routes, route $default to the function that serves everything else.',
      ),
    );
  for (const [name, value] of Object.entries(api.stageVariables)) {
    const path: PathSegment[] = ['backend', 'api', 'stageVariables', name];
    if (checkable(context, path) && !STAGE_VARIABLE_VALUE.test(String(value)))
      findings.push(
        error(
          path,
          'a stage variable value may hold only letters, digits and - . _ ~ : / ? # & = , (and is not empty)',
          'API Gateway refuses other characters; keep other values in SSM or the function environment.',
        ),
      );
  }
  return findings;
};

/** Each route key parses, names a configured function, and (on a REST API) fits a resource tree. */
export const apiRoutesAreValid: Rule = ({ config }) => {
  const backend = config.backend;
  const routes = backend?.api?.routes;
  if (!backend || !routes) return [];
  const findings: RuleFinding[] = [];
  const functions = Object.keys(backend.functions);
  const rest = backend.api!.type === 'rest';
  if (Object.keys(routes).length === 0)
    return [
      error(
        ['backend', 'api', 'routes'],
        'backend.api.routes is empty: the API would serve nothing',
        'Map at least one route (for example $default) to a function, or remove routes.',
      ),
    ];
  // REST: one variable name per position under a parent, and $default stands for two routes.
  const variables = new Map<string, { name: string; key: string }>();
  const expanded = new Map<string, string>();
  for (const [key, fn] of Object.entries(routes)) {
    const path: PathSegment[] = ['backend', 'api', 'routes', key];
    if (!functions.includes(fn))
      findings.push(
        error(path, `'${fn}' is not a key of backend.functions`, `Known functions: ${functions.join(', ')}.`),
      );
    const parsed = parseRouteKey(key);
    if (!parsed.ok) {
      findings.push(
        error(
          path,
          `route key '${key.slice(0, 120)}': ${parsed.problem}`,
          'For example GET /products or $default.',
        ),
      );
      continue;
    }
    if (!rest) continue;
    const route = parsed.route;
    for (const same of route.kind === 'default' ? ['ANY /', 'ANY /{proxy+}'] : [key]) {
      const other = expanded.get(same);
      if (other !== undefined)
        findings.push(
          error(
            path,
            `on a REST API, '${key}' and '${other}' are the same method (${same})`,
            'Keep one of them.',
          ),
        );
      else expanded.set(same, key);
    }
    if (route.kind === 'default') continue;
    let parent = '';
    for (const segment of route.segments) {
      findings.push(...restSegmentProblems(segment, parent, key, path, variables));
      parent += `/${segment.kind === 'literal' ? segment.text : '{}'}`;
    }
  }
  return findings;
};

function restSegmentProblems(
  segment: RouteSegment,
  parent: string,
  key: string,
  path: PathSegment[],
  variables: Map<string, { name: string; key: string }>,
): RuleFinding[] {
  if (segment.kind === 'literal')
    return REST_LITERAL.test(segment.text)
      ? []
      : [
          error(
            path,
            `a REST API path part may hold only letters, digits and . _ : @ ~ -, not '${segment.text}'`,
          ),
        ];
  const seen = variables.get(parent);
  const written = segment.kind === 'greedy' ? `${segment.name}+` : segment.name;
  if (!seen) {
    variables.set(parent, { name: written, key });
    return [];
  }
  return seen.name === written
    ? []
    : [
        error(
          path,
          `on a REST API, '${key}' puts {${written}} where '${seen.key}' has {${seen.name}}: one variable per position`,
          'Use the same variable name in both routes.',
        ),
      ];
}
