import type { AwsClients } from '../../providers/aws/clients.js';
import { type Decision, simulatePrincipalPolicy } from '../../providers/aws/iam-simulation.js';
import type { RequiredPermission } from './required.js';

/** An action the caller may not take on a resource, and IAM's decision. */
export type Denial = Decision;

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
  iam: Awaited<ReturnType<AwsClients['iam']>>,
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
        const decisions = await simulatePrincipalPolicy(
          iam,
          principalArn,
          names.slice(start, start + ACTIONS_PER_CALL),
          resources,
        );
        for (const { action, resource, decision } of decisions) {
          evaluated++;
          if (decision !== 'allowed') denied.push({ action, resource, decision });
        }
      }
    }
  } catch (error) {
    const { name, message } = error as Error;
    return { ran: false, reason: `${name}: ${message}` };
  }
  return { ran: true, evaluated, denied };
}
