import { type IAMClient, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';

/** IAM's decision on one action on one resource. */
export interface Decision {
  action: string;
  resource: string;
  /** `allowed`, `explicitDeny` or `implicitDeny`. */
  decision: string;
}

/**
 * The decisions of SimulatePrincipalPolicy for `actions` (at most 20 at a time, as one call takes)
 * on `resources`, every page read. With several resources IAM answers per resource.
 */
export async function simulatePrincipalPolicy(
  iam: IAMClient,
  principalArn: string,
  actions: readonly string[],
  resources: readonly string[],
): Promise<Decision[]> {
  const decisions: Decision[] = [];
  let marker: string | undefined;
  do {
    const page = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: principalArn,
        ActionNames: [...actions],
        ResourceArns: [...resources],
        ...(marker ? { Marker: marker } : {}),
      }),
    );
    for (const result of page.EvaluationResults ?? []) {
      const action = result.EvalActionName ?? '?';
      const specific = result.ResourceSpecificResults ?? [];
      if (specific.length > 0)
        for (const entry of specific)
          decisions.push({
            action,
            resource: entry.EvalResourceName ?? '*',
            decision: entry.EvalResourceDecision ?? '',
          });
      else
        decisions.push({
          action,
          resource: result.EvalResourceName ?? '*',
          decision: result.EvalDecision ?? '',
        });
    }
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return decisions;
}
