import { REDACTED } from '../../core/redact.js';
import { escapeControl, hasControl } from '../../core/text.js';
import { formatPath, type PathSegment } from '../paths.js';
import type { Rule, RuleContext, RuleFinding } from './rule.js';

// AWS's documented naming rules, checked at load so a bad name costs no AWS call. Lambda's come from
// the botocore model (data/lambda/2015-03-31: FunctionName, Alias); API Gateway's model has no
// patterns, so its rules are the documented ones; S3's are the general purpose bucket naming rules.

const IP_ADDRESS = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Why `name` cannot be a general purpose S3 bucket name, or undefined when it can. */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return `has ${name.length} characters; a bucket name has 3 to 63`;
  if (!/^[a-z0-9.-]+$/.test(name)) return 'may hold only lowercase letters, digits, dots (.) and hyphens (-)';
  if (!/^[a-z0-9].*[a-z0-9]$/.test(name)) return 'must begin and end with a letter or a digit';
  if (name.includes('..')) return 'must not hold two adjacent dots';
  if (IP_ADDRESS.test(name)) return 'must not be formatted as an IP address';
  const prefix = ['xn--', 'sthree-', 'amzn-s3-demo-'].find((reserved) => name.startsWith(reserved));
  if (prefix) return `must not start with '${prefix}' (reserved by S3)`;
  const suffix = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'].find((reserved) =>
    name.endsWith(reserved),
  );
  if (suffix) return `must not end with '${suffix}' (reserved by S3)`;
  return undefined;
}

interface NameKind {
  what: string;
  check(name: string): string | undefined;
  hint: string;
}

const pattern =
  (regex: RegExp, rule: string): NameKind['check'] =>
  (name) =>
    regex.test(name) ? undefined : rule;

const KINDS = {
  bucket: { what: 'bucket name', check: bucketNameProblem, hint: 'For example shop-web-staging.' },
  function: {
    what: 'Lambda function name',
    check: pattern(/^[a-zA-Z0-9_-]{1,64}$/, 'may hold only letters, digits, - and _, at most 64'),
    hint: 'For example shop-api-staging.',
  },
  alias: {
    what: 'Lambda alias name',
    check: pattern(
      /^(?!\d+$)[a-zA-Z0-9_-]{1,128}$/,
      'may hold only letters, digits, - and _ (not only digits), at most 128',
    ),
    hint: 'For example live.',
  },
  stage: {
    what: 'API Gateway stage name',
    // `$default` (HTTP APIs only) is checked with the API's type, in rules/api.ts.
    check: (name) =>
      name === '$default' || /^[a-zA-Z0-9_-]{1,128}$/.test(name)
        ? undefined
        : 'may hold only letters, digits, - and _, at most 128 (or be $default, on an HTTP API)',
    hint: 'For example staging.',
  },
  apiId: {
    what: 'API id',
    check: pattern(/^[a-z0-9]{10}$/, 'must be 10 lowercase letters and digits'),
    hint: 'Copy it from the console, `aws apigateway get-rest-apis` or `aws apigatewayv2 get-apis`, or give backend.api.name instead.',
  },
  apiName: {
    what: 'REST API name',
    check: (name) => (name.length <= 1024 ? undefined : 'has more than 1024 characters'),
    hint: 'Use a shorter name.',
  },
  httpApiName: {
    what: 'HTTP API name',
    check: (name) => (name.length <= 128 ? undefined : 'has more than 128 characters'),
    hint: 'Use a shorter name.',
  },
  distributionId: {
    what: 'CloudFront distribution id',
    check: pattern(/^[A-Z0-9]{1,32}$/, 'must be uppercase letters and digits, such as E2QWRUHAPOMQZL'),
    hint: 'Copy it from the console, or leave it out to find the distribution by its origin.',
  },
  region: {
    what: 'region',
    check: pattern(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/, 'is not an AWS region name'),
    hint: 'Use a region such as us-east-1 or eu-west-1.',
  },
  arn: {
    what: 'ARN',
    check: pattern(
      /^arn:aws[a-zA-Z-]*:[a-zA-Z0-9-]+:([a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2})?:(\d{12})?:.+$/,
      'is not an ARN (arn:partition:service:region:account:resource)',
    ),
    hint: 'Copy the ARN from the console or the CLI.',
  },
} satisfies Record<string, NameKind>;

type Kind = keyof typeof KINDS;

/** Every AWS name in the configuration, with what kind of name it is. */
function namesIn({ config }: RuleContext): Array<[PathSegment[], string, Kind]> {
  const names: Array<[PathSegment[], string, Kind]> = [[['aws', 'region'], config.aws.region, 'region']];
  if (config.frontend) {
    names.push([['frontend', 'bucket'], config.frontend.bucket, 'bucket']);
    if (config.frontend.distributionId !== undefined)
      names.push([['frontend', 'distributionId'], config.frontend.distributionId, 'distributionId']);
  }
  const backend = config.backend;
  for (const [key, fn] of Object.entries(backend?.functions ?? {})) {
    names.push([['backend', 'functions', key, 'name'], fn.name, 'function']);
    names.push([['backend', 'functions', key, 'alias'], fn.alias, 'alias']);
  }
  if (backend?.artifactBucket !== undefined)
    names.push([['backend', 'artifactBucket'], backend.artifactBucket, 'bucket']);
  if (backend?.api) {
    names.push([['backend', 'api', 'stage'], backend.api.stage, 'stage']);
    if (backend.api.id !== undefined) names.push([['backend', 'api', 'id'], backend.api.id, 'apiId']);
    if (backend.api.name !== undefined)
      names.push([
        ['backend', 'api', 'name'],
        backend.api.name,
        backend.api.type === 'http' ? 'httpApiName' : 'apiName',
      ]);
  }
  if (config.state.backend === 's3') {
    names.push([['state', 'bucket'], config.state.bucket, 'bucket']);
    if (config.state.region !== undefined) names.push([['state', 'region'], config.state.region, 'region']);
  }
  if (config.state.backend === 'dynamodb' && config.state.region !== undefined)
    names.push([['state', 'region'], config.state.region, 'region']);
  config.notifications.forEach((notification, index) => {
    if (notification.type === 'sns')
      names.push([['notifications', index, 'topicArn'], notification.topicArn, 'arn']);
  });
  return names;
}

/**
 * AWS names (buckets, functions, aliases, stages, APIs, regions, ARNs) follow AWS's rules. A name
 * still waiting for `${cfn:}` or `${ssm:}` is checked once resolved; a control character is never
 * echoed as is.
 */
export const awsNamesFollowAwsRules: Rule = (context) =>
  namesIn(context).flatMap(([path, name, kind]): RuleFinding[] => {
    if (context.pending.has(formatPath(path))) return [];
    const { what, check, hint } = KINDS[kind];
    const shown = context.secretPaths?.has(formatPath(path)) ? `'${REDACTED}'` : `'${escapeControl(name)}'`;
    if (hasControl(name))
      return [{ severity: 'error', path, message: `${what} ${shown} holds a control character`, hint }];
    const problem = check(name);
    return problem ? [{ severity: 'error', path, message: `${what} ${shown} ${problem}`, hint }] : [];
  });
