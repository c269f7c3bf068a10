/** An IAM policy document, as far as the sandbox evaluates it. */
export interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement: PolicyStatement | PolicyStatement[];
}

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
}

export type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny';

const list = (value: string | string[] | undefined) =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** IAM wildcards: `*` any run of characters, `?` any one character. */
function wildcard(pattern: string, text: string, ignoreCase: boolean): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(text);
}

function statementMatches(statement: PolicyStatement, action: string, resource: string): boolean {
  const actionMatch =
    statement.Action !== undefined
      ? list(statement.Action).some((pattern) => wildcard(pattern, action, true))
      : !list(statement.NotAction).some((pattern) => wildcard(pattern, action, true));
  const resourceMatch =
    statement.Resource !== undefined
      ? list(statement.Resource).some((pattern) => wildcard(pattern, resource, false))
      : statement.NotResource !== undefined
        ? !list(statement.NotResource).some((pattern) => wildcard(pattern, resource, false))
        : false;
  return actionMatch && resourceMatch;
}

/** Evaluates identity policies: an explicit Deny wins, then any Allow, else an implicit deny. */
export function evaluate(
  policies: readonly PolicyDocument[],
  action: string,
  resource: string,
): { decision: Decision; matched: string[] } {
  const matched: { allow: string[]; deny: string[] } = { allow: [], deny: [] };
  policies.forEach((policy, policyIndex) => {
    const statements = Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
    statements.forEach((statement, index) => {
      if (!statementMatches(statement, action, resource)) return;
      const id = statement.Sid ?? `${policy.Id ?? `policy-${policyIndex + 1}`}#${index + 1}`;
      (statement.Effect === 'Deny' ? matched.deny : matched.allow).push(id);
    });
  });
  if (matched.deny.length > 0) return { decision: 'explicitDeny', matched: matched.deny };
  if (matched.allow.length > 0) return { decision: 'allowed', matched: matched.allow };
  return { decision: 'implicitDeny', matched: [] };
}
