import type { PathSegment } from '../paths.js';
import type { Rule, RuleFinding } from './rule.js';

// One rule per setting that the schema accepts but omnix does not act on yet. Delete the rule in
// the change that implements the setting: until then, configuring it must not look like it works.

const notYet = (severity: RuleFinding['severity'], path: PathSegment[], what: string): RuleFinding => ({
  severity,
  path,
  message: `${what} is not implemented yet`,
  hint:
    severity === 'error'
      ? 'Remove the setting: omnix would accept it and do nothing.'
      : 'It has no effect today; set it to false or remove it to silence this warning.',
});

export const httpApiNotImplemented: Rule = ({ config }) =>
  config.backend?.api?.type === 'http'
    ? [notYet('error', ['backend', 'api', 'type'], 'an HTTP API (API Gateway v2, `type: http`)')]
    : [];
