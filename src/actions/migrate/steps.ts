import { awsServiceOperation } from './aws-command.js';
import { isLocalCommand } from './classify-command.js';
import type { Fact } from './types.js';

/** Which part of a deployment a step belongs to, and whether omnix does it. */
export type StepArea = 'frontend' | 'backend' | 'build' | 'health' | 'rollback' | 'not-covered';

export interface Step {
  name: string;
  area: StepArea;
  line: number;
  /** What omnix does instead, or why it does not. */
  note: string;
  /** For `sync`: the local folder uploaded. */
  source?: string;
}

interface StepRule {
  test: (words: string[]) => boolean;
  name: string;
  area: StepArea;
  note: string;
}

const aws =
  (service: string, ...operations: string[]) =>
  (words: string[]) => {
    const at = words.findIndex((word) => word === 'aws' || word.endsWith('/aws'));
    if (at < 0) return false;
    const found = awsServiceOperation(words, at);
    return found.service === service && (operations.length === 0 || operations.includes(found.operation));
  };
const tool =
  (names: string[], ...operations: string[]) =>
  (words: string[]) => {
    const at = words.findIndex((word) => names.includes(word.replace(/^.*\//, '')));
    return at >= 0 && at < 4 && (operations.length === 0 || operations.includes(words[at + 1] ?? ''));
  };

/** The steps legacy scripts take, and what covers each in omnix. Order matters: the first match wins. */
const RULES: StepRule[] = [
  {
    test: aws('s3', 'sync'),
    name: 'sync',
    area: 'frontend',
    note: 'omnix deploy uploads changed files (frontend)',
  },
  {
    test: (w) =>
      aws('s3', 'cp', 'mv')(w) && w.some((word) => /\.(zip|jar)$/.test(word) && !word.startsWith('s3://')),
    name: 'upload-package',
    area: 'backend',
    note: 'omnix uploads function packages over 50 MB to backend.artifactBucket itself',
  },
  {
    test: aws('s3', 'cp', 'mv'),
    name: 'upload',
    area: 'frontend',
    note: 'omnix deploy uploads the site (frontend)',
  },
  {
    test: aws('s3', 'rm'),
    name: 'delete-objects',
    area: 'frontend',
    note: 'omnix deletes stale files after frontend.deleteStale releases',
  },
  {
    test: aws('s3', 'mb', 'rb', 'website'),
    name: 'create-bucket',
    area: 'not-covered',
    note: 'creating buckets is not a deployment: set them up once (see the inventory section)',
  },
  {
    test: aws('s3api'),
    name: 's3api',
    area: 'not-covered',
    note: 'bucket settings are set up once, outside omnix',
  },
  {
    test: aws('cloudfront', 'create-invalidation'),
    name: 'invalidate',
    area: 'frontend',
    note: 'omnix invalidates the changed paths and waits',
  },
  {
    test: aws('cloudfront'),
    name: 'cloudfront',
    area: 'not-covered',
    note: 'distribution settings are set up once, outside omnix',
  },
  {
    test: aws('lambda', 'update-function-code'),
    name: 'update-function-code',
    area: 'backend',
    note: 'omnix deploy packages and uploads each function (backend)',
  },
  {
    test: aws('lambda', 'publish-version'),
    name: 'publish',
    area: 'backend',
    note: 'omnix publishes a version per deployment',
  },
  {
    test: aws('lambda', 'update-alias', 'create-alias'),
    name: 'alias',
    area: 'backend',
    note: 'omnix moves the alias (backend.functions.*.alias), canary with rollout',
  },
  {
    test: aws('lambda', 'update-function-configuration'),
    name: 'update-function-configuration',
    area: 'backend',
    note: 'memory, timeout and environment come from backend.functions',
  },
  { test: aws('lambda', 'invoke'), name: 'invoke', area: 'health', note: 'a health check of type lambda' },
  {
    test: aws('lambda', 'create-function', 'delete-function', 'add-permission'),
    name: 'create-function',
    area: 'not-covered',
    note: 'creating functions and permissions is set up once, outside omnix',
  },
  {
    test: aws('apigateway', 'create-deployment'),
    name: 'create-deployment',
    area: 'backend',
    note: 'omnix deploys the API stage (backend.api)',
  },
  {
    test: aws('apigateway', 'update-stage'),
    name: 'update-stage',
    area: 'backend',
    note: 'stage variables come from backend.api.stageVariables',
  },
  {
    test: aws('apigatewayv2'),
    name: 'http-api',
    area: 'not-covered',
    note: 'HTTP APIs (API Gateway v2) are not deployed by omnix yet',
  },
  {
    test: aws('cloudformation'),
    name: 'cloudformation',
    area: 'not-covered',
    note: 'infrastructure stacks stay with CloudFormation',
  },
  {
    test: tool(['sam', 'samlocal']),
    name: 'sam',
    area: 'not-covered',
    note: 'SAM stacks stay with SAM/CloudFormation; omnix deploys code into what they created',
  },
  {
    test: tool(['serverless', 'sls'], 'deploy'),
    name: 'serverless-deploy',
    area: 'not-covered',
    note: 'Serverless Framework stacks stay; omnix can deploy function code into them',
  },
  {
    test: tool(['cdk', 'terraform']),
    name: 'infrastructure',
    area: 'not-covered',
    note: 'infrastructure code stays as it is',
  },
  {
    test: aws('ssm', 'put-parameter'),
    name: 'put-parameter',
    area: 'not-covered',
    note: 'parameters are read with ${ssm:...}, not written',
  },
  { test: aws('ecr'), name: 'ecr', area: 'not-covered', note: 'container images are not deployed by omnix' },
  {
    test: tool(['docker']),
    name: 'docker',
    area: 'not-covered',
    note: 'container images are not deployed by omnix',
  },
  {
    test: (w) => /^(npm|yarn|pnpm)$/.test(w[0] ?? '') && /build/.test(w.slice(1, 3).join(' ')),
    name: 'build',
    area: 'build',
    note: 'frontend.build / backend.functions.*.build',
  },
  {
    test: tool(['ng', 'vite', 'webpack', 'next', 'gatsby', 'hugo', 'jekyll']),
    name: 'build',
    area: 'build',
    note: 'frontend.build',
  },
  {
    test: tool(['zip']),
    name: 'package',
    area: 'backend',
    note: 'omnix zips each function deterministically',
  },
  {
    test: (w) =>
      /^(curl|wget|http)$/.test(w[0] ?? '') &&
      w.some((word) => /hooks\.slack\.com|webhook|discord/i.test(word)),
    name: 'notify',
    area: 'not-covered',
    note: 'notifications: (webhooks) in the configuration',
  },
  {
    test: tool(['curl', 'wget']),
    name: 'health-check',
    area: 'health',
    note: 'health.checks, run by omnix deploy and omnix health',
  },
];

/** The local folder of `aws s3 sync <folder> s3://...`, when it is written out. */
function syncSource(words: string[]): string | undefined {
  const at = words.indexOf('sync');
  const operands = words
    .slice(at + 1)
    .filter((word, index, all) => !word.startsWith('-') && !all[index - 1]?.startsWith('--'));
  const source = operands.find((word) => !word.startsWith('s3://'));
  if (!source || source.includes('${') || source.startsWith('/') || source.includes('..')) return undefined;
  const folder = source.replace(/^\.\//, '').replace(/\/+$/, '');
  return folder === '' || folder === '.' ? undefined : folder;
}

/** The deployment steps a file takes, in order, one per line and name. */
export function stepsOf(facts: readonly Fact[]): Step[] {
  const steps: Step[] = [];
  for (const fact of facts) {
    if (fact.type !== 'command' || isLocalCommand(fact.words)) continue;
    const words = fact.words.map((word) => word.text);
    const rule = RULES.find((candidate) => candidate.test(words));
    if (!rule) continue;
    if (steps.some((step) => step.name === rule.name && step.line === fact.line)) continue;
    const source = rule.name === 'sync' ? syncSource(words) : undefined;
    steps.push({
      name: rule.name,
      area: rule.area,
      line: fact.line,
      note: rule.note,
      ...(source ? { source } : {}),
    });
  }
  return steps;
}
