import type { RequiredPermission } from './required.js';

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string[];
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/** The permissions as one identity policy: a statement per set of resources, actions sorted. */
export function policyDocument(permissions: readonly RequiredPermission[]): PolicyDocument {
  const byResources = new Map<string, { actions: Set<string>; resources: string[] }>();
  for (const permission of permissions) {
    const resources = [...new Set(permission.resources)].sort();
    const key = resources.join('\n');
    const group = byResources.get(key) ?? { actions: new Set<string>(), resources };
    group.actions.add(permission.action);
    byResources.set(key, group);
  }
  const sids = new Map<string, number>();
  const statements = [...byResources.values()].map(({ actions, resources }) => {
    const service = [...actions][0]!.split(':')[0]!;
    const name = `Omnix${service.charAt(0).toUpperCase()}${service.slice(1)}`;
    const count = (sids.get(name) ?? 0) + 1;
    sids.set(name, count);
    return {
      Sid: count === 1 ? name : `${name}${count}`,
      Effect: 'Allow' as const,
      Action: [...actions].sort(),
      Resource: resources,
    };
  });
  return { Version: '2012-10-17', Statement: statements };
}
