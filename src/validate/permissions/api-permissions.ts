import { apiFunctionKeys } from '../../config/api-routes.js';
import type { OmnixConfig } from '../../config/schema.js';
import type { ApiType } from '../../providers/aws/api-kind.js';
import type { PermissionScope } from './types.js';

type Backend = NonNullable<OmnixConfig['backend']>;
type Need = (actions: string[], resources: string[], purpose: string, samples?: string[]) => void;

/** Where one kind of API keeps its parts under `arn:<partition>:apigateway:<region>::`. */
interface ApiArns {
  /** The collection the API is found in by name (`/restapis`, `/apis`). */
  collection: string;
  deployments: string;
  stage: (name: string) => string;
  /** Making and removing routes (`backend.api.routes`): action → resources, and a sample each. */
  routes: Record<string, { resources: string[]; samples: string[] }>;
}

const REST = (api: string): ApiArns => ({
  collection: '/restapis',
  deployments: `${api}/deployments`,
  stage: (name) => `${api}/stages/${name}`,
  routes: {
    'apigateway:POST': { resources: [`${api}/resources/*`], samples: [`${api}/resources/root`] },
    'apigateway:PUT': {
      resources: [`${api}/resources/*/methods/*`],
      samples: [`${api}/resources/root/methods/GET`, `${api}/resources/root/methods/GET/integration`],
    },
    'apigateway:PATCH': {
      resources: [`${api}/resources/*/methods/*`],
      samples: [`${api}/resources/root/methods/GET`],
    },
    'apigateway:DELETE': {
      resources: [`${api}/resources/*`],
      samples: [`${api}/resources/old`, `${api}/resources/old/methods/GET`],
    },
  },
});

const HTTP = (api: string): ApiArns => ({
  collection: '/apis',
  deployments: `${api}/deployments`,
  stage: (name) => `${api}/stages/${name}`,
  routes: {
    'apigateway:POST': {
      resources: [`${api}/routes`, `${api}/integrations`],
      samples: [`${api}/routes`, `${api}/integrations`],
    },
    'apigateway:PATCH': { resources: [`${api}/routes/*`], samples: [`${api}/routes/old`] },
    'apigateway:DELETE': {
      resources: [`${api}/routes/*`, `${api}/integrations/*`],
      samples: [`${api}/routes/old`, `${api}/integrations/old`],
    },
  },
});

const KINDS: Record<ApiType, { label: string; arns: (api: string) => ApiArns }> = {
  rest: { label: 'REST API', arns: REST },
  http: { label: 'HTTP API', arns: HTTP },
};

/**
 * What deploying, rolling back and pruning the API needs: API Gateway's HTTP verbs on the API's own ARNs
 * (an HTTP API creates a missing stage with its own call), and on the aliases it invokes, reading their
 * resource policy (validation) and, when omnix owns the routes, adding to it.
 */
export function apiPermissions(backend: Backend, scope: PermissionScope, need: Need): void {
  const api = backend.api!;
  const { partition, region, account } = scope;
  const { label, arns } = KINDS[api.type];
  const root = `arn:${partition}:apigateway:${region}::`;
  const apiId = api.id ?? scope.apiId ?? '*';
  const self = `${root}${arns('').collection}/${apiId}`;
  const parts = arns(self);
  if (!api.id) need(['apigateway:GET'], [`${root}${parts.collection}`], `find the ${label} by its name`);
  need(
    ['apigateway:GET'],
    [self, `${self}/*`],
    `${label}: read its stage, routes, integrations and deployments`,
    [self, parts.stage(api.stage)],
  );
  need(['apigateway:POST'], [parts.deployments], 'deploy the API to the stage');
  if (api.type === 'http')
    need(['apigateway:POST'], [`${self}/stages`], 'create the stage when it does not exist yet');
  need(['apigateway:PATCH'], [parts.stage(api.stage)], 'stage variables and deployment');
  need(['apigateway:DELETE'], [`${parts.deployments}/*`], 'prune API deployments no kept release needs', [
    `${parts.deployments}/old`,
  ]);
  const aliases = apiFunctionKeys(backend).map((key) => {
    const fn = backend.functions[key]!;
    return `arn:${partition}:lambda:${region}:${account}:function:${fn.name}:${fn.alias}`;
  });
  need(['lambda:GetPolicy'], aliases, `check that the ${label} may invoke the aliases`);
  if (!api.routes) return;
  for (const [action, { resources, samples }] of Object.entries(parts.routes))
    need([action], resources, `routes: make them match backend.api.routes`, samples);
  need(['lambda:AddPermission'], aliases, `let the ${label} invoke the routed aliases`);
}
