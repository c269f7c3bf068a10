import { escapeControl } from '../../core/text.js';
import { checkable, error, type Rule, type RuleFinding, warning } from './rule.js';

export const somethingToDeploy: Rule = ({ config }) =>
  config.frontend || config.backend
    ? []
    : [
        error(
          [],
          'nothing to deploy: neither frontend nor backend is configured',
          'Add a frontend: or backend: section.',
        ),
      ];

export const accountIdIsTwelveDigits: Rule = (context) => {
  const accountId = context.config.aws.accountId;
  if (accountId === undefined || !checkable(context, ['aws', 'accountId']) || /^\d{12}$/.test(accountId))
    return [];
  return [error(['aws', 'accountId'], `'${escapeControl(accountId)}' is not a 12-digit AWS account id`)];
};

export const endpointIsAUrl: Rule = (context) => {
  const endpoint = context.config.aws.endpoint;
  if (endpoint === '' || !checkable(context, ['aws', 'endpoint'])) return [];
  try {
    const url = new URL(endpoint);
    if (url.protocol === 'http:' || url.protocol === 'https:') return [];
  } catch {
    // Reported below.
  }
  return [
    error(
      ['aws', 'endpoint'],
      `'${escapeControl(endpoint)}' is not an http(s) URL`,
      'Use e.g. http://127.0.0.1:4599, or leave it empty for AWS.',
    ),
  ];
};

export const keysAreRelative: Rule = ({ config }) => {
  const findings: RuleFinding[] = [];
  if (config.frontend?.prefix.startsWith('/')) {
    findings.push(
      error(
        ['frontend', 'prefix'],
        'the prefix must not start with /',
        `Write '${config.frontend.prefix.replace(/^\/+/, '')}'.`,
      ),
    );
  }
  config.frontend?.entryPoints.forEach((entry, index) => {
    if (entry.startsWith('/'))
      findings.push(
        error(
          ['frontend', 'entryPoints', index],
          `entry point '${entry}' must be relative to the source folder`,
        ),
      );
  });
  return findings;
};

export const productionHasApprovals: Rule = ({ config, environment }) =>
  /^prod(uction)?$/.test(environment) && !config.approvals.required
    ? [
        warning(
          ['approvals', 'required'],
          `${environment} deploys without approval`,
          'Set approvals.required: true for production.',
        ),
      ]
    : [];
