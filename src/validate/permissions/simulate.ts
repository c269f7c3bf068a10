import { type IAMClient, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import type { RequiredPermission } from './required.js';

/** An action the caller may not take on a resource, and IAM's decision. */
export interface Denial {
  action: string;
  resource: string;
  decision: string;
}

export type Simulation = { ran: true; evaluated: number; denied: Denial[] } | { ran: false; reason: string };

/**
 * The IAM principal SimulatePrincipalPolicy evaluates for a caller ARN: a user as it is; an assumed
 * role's session as its role (without a path, which the session ARN does not carry). Root and
 * federated users have no policy to simulate.
 */
export function simulationPrincipal(callerArn: string): string | undefined {
  if (/^arn:[^:]+:iam::\d{12}:(user|role|group)\//.test(callerArn)) return callerArn;
  const assumed = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\//.exec(callerArn);
  if (assumed) return `arn:${assumed[1]}:iam::${assumed[2]}:role/${assumed[3]}`;
  return undefined;
}

const ACTIONS_PER_CALL = 20;

/**
 * Evaluates every permission against the principal's identity policies with IAM SimulatePrincipalPolicy,
 * one call per set of resources (paged). An endpoint that cannot simulate gives `ran: false`.
 */
export async function simulatePermissions(
  iam: IAMClient,
  principalArn: string,
  permissions: readonly RequiredPermission[],
): Promise<Simulation> {
  const groups = new Map<string, { resources: string[]; actions: Set<string> }>();
  for (const permission of permissions) {
    const key = permission.samples.join('\n');
    const group = groups.get(key) ?? { resources: permission.samples, actions: new Set<string>() };
    group.actions.add(permission.action);
    groups.set(key, group);
  }
  const denied: Denial[] = [];
  let evaluated = 0;
  try {
    for (const { resources, actions } of groups.values()) {
      const names = [...actions];
      for (let start = 0; start < names.length; start += ACTIONS_PER_CALL) {
        let marker: string | undefined;
        do {
          const page = await iam.send(
            new SimulatePrincipalPolicyCommand({
              PolicySourceArn: principalArn,
              ActionNames: names.slice(start, start + ACTIONS_PER_CALL),
              ResourceArns: resources,
              ...(marker ? { Marker: marker } : {}),
            }),
          );
          for (const result of page.EvaluationResults ?? []) {
            // With several resources, IAM answers per resource in ResourceSpecificResults.
            const specific = result.ResourceSpecificResults ?? [];
            const decisions =
              specific.length > 0
                ? specific.map((entry) => ({
                    resource: entry.EvalResourceName ?? '*',
                    decision: entry.EvalResourceDecision ?? '',
                  }))
                : [{ resource: result.EvalResourceName ?? '*', decision: result.EvalDecision ?? '' }];
            for (const { resource, decision } of decisions) {
              evaluated++;
              if (decision !== 'allowed')
                denied.push({ action: result.EvalActionName ?? '?', resource, decision });
            }
          }
          marker = page.IsTruncated ? page.Marker : undefined;
        } while (marker);
      }
    }
  } catch (error) {
    const { name, message } = error as Error;
    return { ran: false, reason: `${name}: ${message}` };
  }
  return { ran: true, evaluated, denied };
}
