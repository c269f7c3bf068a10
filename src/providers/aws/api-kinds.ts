import type { ApiGatewayKind, ApiType } from './api-kind.js';

/** Each kind's module, loaded (with its SDK) only when a configuration or a release names that kind. */
const API_KINDS: Record<ApiType, () => Promise<ApiGatewayKind>> = {
  rest: async () => (await import('./rest-api.js')).restApi,
  http: async () => (await import('./http-api.js')).httpApi,
};

/** The module that deploys APIs of `type`. */
export const apiKind = (type: ApiType): Promise<ApiGatewayKind> => API_KINDS[type]();
