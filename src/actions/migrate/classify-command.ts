import { awsServiceOperation } from './aws-command.js';
import { type Classified, record } from './candidates.js';
import { classifyAssign } from './classify-assign.js';
import { classifyText } from './classify-text.js';
import { isLocalHost } from './patterns.js';
import type { EnvironmentGuess, FindingKind, Word } from './types.js';

interface FlagKind {
  kind: FindingKind;
  role: string;
}

/** What the value of each command-line flag is, for the AWS CLI, SAM, Serverless and CDK. */
const FLAGS: Record<string, FlagKind> = {
  '--bucket': { kind: 'bucket', role: 'site' },
  '--s3-bucket': { kind: 'bucket', role: 'artifact' },
  '--deployment-bucket': { kind: 'bucket', role: 'artifact' },
  '--distribution-id': { kind: 'distribution-id', role: 'site' },
  '--function-name': { kind: 'function-name', role: 'function' },
  '--rest-api-id': { kind: 'api-id', role: 'api' },
  '--api-id': { kind: 'api-id', role: 'api' },
  '--stage-name': { kind: 'stage', role: 'api' },
  '--stage': { kind: 'stage', role: 'api' },
  '--region': { kind: 'region', role: 'region' },
  '--profile': { kind: 'profile', role: 'profile' },
  '--aws-profile': { kind: 'profile', role: 'profile' },
  '--domain-name': { kind: 'domain', role: 'api' },
  '--role': { kind: 'arn', role: 'arn' },
  '--role-arn': { kind: 'arn', role: 'arn' },
  '--topic-arn': { kind: 'arn', role: 'arn' },
  '--certificate-arn': { kind: 'arn', role: 'arn' },
  '--account-id': { kind: 'account-id', role: 'account' },
};

/** Short flags that only Serverless Framework gives these meanings. */
const SERVERLESS_SHORT: Record<string, FlagKind> = {
  '-s': { kind: 'stage', role: 'api' },
  '-r': { kind: 'region', role: 'region' },
};

const AWS_TOOLS = new Set(['aws', 'sam', 'serverless', 'sls', 'cdk', 's3cmd']);
const UNAMBIGUOUS = new Set([
  '--bucket',
  '--s3-bucket',
  '--distribution-id',
  '--function-name',
  '--rest-api-id',
  '--api-id',
  '--stage-name',
  '--region',
  '--account-id',
]);
const GLOBAL_SERVICES = new Set(['cloudfront', 'iam', 'route53', 'organizations']);
const ARTIFACT_FILE = /\.(zip|jar|tgz|tar\.gz|ya?ml|template)$/i;

/** The tool a command runs: `aws`, `sam`, `serverless`/`sls`, `cdk`, or another program. */
function toolOf(texts: string[]): { tool: string; at: number } {
  for (let at = 0; at < Math.min(texts.length, 6); at++) {
    const name = texts[at]!.replace(/^.*\//, '');
    if (
      ['aws', 'awslocal', 'sam', 'samlocal', 'serverless', 'sls', 'cdk', 'cdklocal', 's3cmd'].includes(name)
    )
      return { tool: name, at };
  }
  return { tool: texts[0] ?? '', at: 0 };
}

/** The value of `--flag value` or `--flag=value` at `index`. */
function flagValue(words: Word[], index: number): { flag: string; value?: Word } {
  const text = words[index]!.text;
  const equals = text.indexOf('=');
  if (text.startsWith('--') && equals > 0)
    return { flag: text.slice(0, equals), value: { text: text.slice(equals + 1), line: words[index]!.line } };
  const next = words[index + 1];
  return { flag: text, ...(next && !next.text.startsWith('-') ? { value: next } : {}) };
}

/** Whether the command talks to a local emulator (LocalStack, the sandbox) rather than AWS. */
export function isLocalCommand(words: Word[]): boolean {
  const texts = words.map((word) => word.text);
  if (texts.some((text) => /^(awslocal|samlocal|cdklocal|tflocal)$/.test(text.replace(/^.*\//, ''))))
    return true;
  const at = texts.findIndex((text) => text === '--endpoint-url' || text.startsWith('--endpoint-url='));
  if (at < 0) return false;
  const url = texts[at]!.includes('=') ? texts[at]!.split('=')[1]! : (texts[at + 1] ?? '');
  const host = /^[a-z]+:\/\/([^/:]+)/i.exec(url)?.[1] ?? url;
  return isLocalHost(host) || host.startsWith('${');
}

/** Deployment values in one command's words. */
export function classifyCommand(words: Word[], env: EnvironmentGuess | undefined, out: Classified): void {
  if (words.length === 0 || isLocalCommand(words)) return;
  const texts = words.map((word) => word.text);
  const { tool, at } = toolOf(texts);
  const parsed = tool === 'aws' ? awsServiceOperation(texts, at) : undefined;
  const service = parsed?.service ?? tool;
  const operation = parsed?.operation ?? texts[at + 1] ?? '';
  const serverless = tool === 'serverless' || tool === 'sls';
  const artifactCommand =
    ['sam', 'cloudformation', 'serverless', 'sls', 'lambda'].includes(service) ||
    (service === 's3' &&
      ['cp', 'mv'].includes(operation) &&
      texts.some((text) => ARTIFACT_FILE.test(text) && !text.startsWith('s3://')));
  const base = env ? { env } : {};
  for (let index = at; index < words.length; index++) {
    const text = words[index]!.text;
    if (!text.startsWith('-')) continue;
    const { flag, value } = flagValue(words, index);
    let known = FLAGS[flag] ?? (serverless ? SERVERLESS_SHORT[flag] : undefined);
    // Other programs (cargo, docker compose, a team's own deploy.js) use --profile and --stage for
    // other things; only flags that name an AWS resource are taken from them.
    if (known && !AWS_TOOLS.has(tool) && !UNAMBIGUOUS.has(flag)) continue;
    if (!known && flag === '--id' && service === 'cloudfront')
      known = { kind: 'distribution-id', role: 'site' };
    if (!known || !value) continue;
    if (flag === '--stage' && !serverless && tool !== 'cdk') known = { kind: 'stage', role: 'api' };
    let role = known.role;
    if (known.kind === 'region' && GLOBAL_SERVICES.has(service)) role = 'global';
    if (known.kind === 'bucket' && artifactCommand) role = 'artifact';
    const via = `${tool === 'aws' ? `aws ${service} ${operation}` : `${tool} ${operation}`.trim()} ${flag}`;
    record(out, {
      ...base,
      kind: known.kind,
      role,
      value: value.text,
      line: value.line,
      via,
      confidence: 'high',
    });
  }
  if (tool === 'curl' || tool === 'wget' || tool === 'http') urls(words.slice(at + 1), env, out, tool);
  if (tool === 'aws' && service === 'configure' && operation === 'set')
    configured(words.slice(at + 3), env, out);
  overrides(words, env, out);
  for (const word of words)
    classifyText(word.text, word.line, env, out, artifactCommand ? 'artifact' : 'site');
}

/** `aws configure set region eu-west-1` (or `default.region`, `profile.x.region`). */
function configured(words: Word[], env: EnvironmentGuess | undefined, out: Classified): void {
  const [setting, value] = words;
  if (!setting || !value || !/(^|\.)region$/.test(setting.text)) return;
  record(out, {
    ...(env ? { env } : {}),
    kind: 'region',
    role: 'region',
    value: value.text,
    line: value.line,
    via: 'aws configure set region',
    confidence: 'high',
  });
}

/** `--parameter-overrides Stage=prod BucketName=x` (CloudFormation, SAM): each as a named value. */
function overrides(words: Word[], env: EnvironmentGuess | undefined, out: Classified): void {
  const at = words.findIndex((word) => word.text === '--parameter-overrides');
  if (at < 0) return;
  for (const word of words.slice(at + 1)) {
    if (word.text.startsWith('--')) break;
    const match = /^([A-Za-z0-9]{1,80})=(.{1,300})$/.exec(word.text);
    if (match)
      classifyAssign(
        {
          type: 'assign',
          name: match[1]!,
          value: match[2]!,
          line: word.line,
          key: true,
          ...(env ? { env } : {}),
        },
        out,
      );
  }
}

const DOWNLOAD =
  /\.(sh|zip|tar|gz|tgz|xz|deb|rpm|gpg|key|asc|pem|exe|msi|pkg|dmg|jar|whl|js|py)$|^https?:\/\/(get|dl|download|deb|apt|packages|releases|install|sh)\./i;

/** The hosts a health check or smoke test requests: the site's and the API's domains. */
function urls(words: Word[], env: EnvironmentGuess | undefined, out: Classified, tool: string): void {
  // A download (`curl -o`, `wget -O`, an installer piped to a shell) is not a check of the app.
  if (
    words.some(
      (word) => /^(-o|-O|--output|--output-document)$/.test(word.text) || word.text.startsWith('--output='),
    )
  )
    return;
  for (const word of words) {
    if (word.text.startsWith('-')) continue;
    if (DOWNLOAD.test(word.text.replace(/[?#].*$/, ''))) continue;
    const through = /^\$\{([A-Za-z_][A-Za-z0-9_]{0,80})\}(?:\/|$)/.exec(word.text);
    const value = through ? `\${${through[1]}}` : /^https?:\/\//i.test(word.text) ? word.text : undefined;
    if (value === undefined || /hooks\.slack\.com|webhook/i.test(word.text)) continue;
    record(out, {
      ...(env ? { env } : {}),
      kind: 'domain',
      role: 'site',
      value,
      line: word.line,
      via: `${tool} URL`,
      confidence: 'medium',
    });
  }
}
