import type { PolicyStatement } from './lambda-permission.js';

const list = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/**
 * Whether `text` matches the IAM pattern `pattern` (`*` any run of characters, `?` one), case-sensitively.
 * Greedy with one backtrack point, so it takes at most |text| × |pattern| steps.
 */
export function matchesPattern(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      resume = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++resume;
    } else return false;
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

const SOURCE_ARN_CONDITIONS = ['ArnLike', 'ArnEquals', 'StringLike', 'StringEquals'];

/**
 * Whether a statement of a function's resource policy lets API Gateway invoke it when a request comes
 * from `sourceArn` (`arn:…:execute-api:<region>:<account>:<api id>/<stage>/<METHOD>/<path>`). Conditions
 * other than the source ARN and account cannot be judged here and are taken as met.
 */
export function allowsApiGateway(statement: PolicyStatement, sourceArn: string): boolean {
  if (statement.Effect !== 'Allow') return false;
  const principal = statement.Principal;
  const principalFits =
    principal === '*' ||
    (typeof principal === 'object' &&
      (list(principal.Service).includes('apigateway.amazonaws.com') || list(principal.AWS).includes('*')));
  if (!principalFits) return false;
  const actions = list(statement.Action);
  if (!actions.some((action) => ['lambda:InvokeFunction', 'lambda:*', '*'].includes(action))) return false;
  for (const [operator, values] of Object.entries(statement.Condition ?? {})) {
    for (const [key, expected] of Object.entries(values)) {
      const name = key.toLowerCase();
      if (name === 'aws:sourcearn' && SOURCE_ARN_CONDITIONS.includes(operator)) {
        const exact = operator.endsWith('Equals');
        if (!list(expected).some((value) => (exact ? value === sourceArn : matchesPattern(value, sourceArn))))
          return false;
      }
      if (name === 'aws:sourceaccount' && operator === 'StringEquals') {
        const account = sourceArn.split(':')[4];
        if (!list(expected).includes(account ?? '')) return false;
      }
    }
  }
  return true;
}

/** Whether any statement lets API Gateway invoke the function from `sourceArn`. */
export const policyAllowsApiGateway = (statements: readonly PolicyStatement[], sourceArn: string) =>
  statements.some((statement) => allowsApiGateway(statement, sourceArn));
