/**
 * Whether `identity` (an STS caller ARN) is one of `approvers`. A role ARN admits every session of the
 * role (`arn:aws:sts::<account>:assumed-role/<role>/<session>`); an account root ARN admits only the root.
 */
export function isApprover(identity: string, approvers: readonly string[]): boolean {
  if (approvers.length === 0) return true;
  return approvers.some((approver) => approver === identity || sessionOfRole(identity, approver));
}

function sessionOfRole(identity: string, approver: string): boolean {
  const role = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(approver);
  const session = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(identity);
  return Boolean(
    role && session && role[1] === session[1] && role[2] === session[2] && role[3] === session[3],
  );
}

/** The same principal: equal ARNs, or two sessions of one role (a CI job and a person assuming the same role are not told apart). */
export function sameIdentity(a: string, b: string): boolean {
  if (a === b) return true;
  const role = (arn: string) => /^arn:aws[a-z-]*:sts::\d{12}:assumed-role\/([^/]+)\//.exec(arn)?.[0];
  return role(a) !== undefined && role(a) === role(b);
}
