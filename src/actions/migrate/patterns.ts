import { KNOWN_AWS_REGIONS } from '../../config/aws-regions.js';
import type { FindingKind } from './types.js';

// Every expression here runs on hostile text: no nested quantifiers, and every input is a short
// token or a line already capped in length.

const REGIONS = new Set(KNOWN_AWS_REGIONS);
const REF = /\$\{[^}]{1,120}\}/g;

export const S3_URI = /s3:\/\/([a-z0-9.${}:_-]{1,200})/gi;
export const ARN =
  /arn:aws[a-z-]{0,12}:[a-z0-9-]{1,32}:[a-z0-9-]{0,24}:[0-9${}A-Za-z_]{0,40}:[A-Za-z0-9_${}:/.*+=,@-]{1,300}/g;
export const EXECUTE_API_URL =
  /https?:\/\/([a-z0-9${}_]{1,60})\.execute-api\.([a-z0-9${}_-]{1,40})\.amazonaws\.com(\/[A-Za-z0-9_${}.-]{1,128})?/g;
export const WEBSITE_ENDPOINT = /([a-z0-9.${}_-]{3,120})\.s3-website[.-]([a-z0-9-]{1,30})\.amazonaws\.com/g;
export const S3_HOST = /([a-z0-9.${}_-]{3,120})\.s3(?:[.-][a-z0-9-]{1,30})?\.amazonaws\.com/g;
/** An ECR registry host names the account and region the images go to. */
export const ECR_HOST = /\b(\d{12})\.dkr\.ecr\.([a-z0-9-]{1,30})\.amazonaws\.com/g;

/** Whether `value` is an AWS region omnix knows. */
export function isRegion(value: string): boolean {
  return REGIONS.has(value);
}

/** `value` without `${...}` references, to check the shape of what is literal. */
export function literalParts(value: string): string {
  return value.replace(REF, '');
}

export function hasReference(value: string): boolean {
  return /\$\{[^}]{1,120}\}/.test(value);
}

const PLACEHOLDER =
  /^your[-_]|^my[-_]?(bucket|function|site|website|domain|distribution|api|app|profile|account|region|stage|stack|lambda|project)\b|[<>]|x{3,}|#{2,}|\*{3,}|changeme|change[-_]me|replace[-_]?me|todo|placeholder|^example|\.example\b|example\.(com|org|net)|dummy|^sample[-_]|^bucket[-_]?name$|^function[-_]?name$|^distribution[-_]?id$|^name$|^value$|\.\.\.|EXAMPLE/i;
const DOC_VALUES = new Set(['123456789012', '111111111111', '000000000000', '012345678901', '999999999999']);

/** Why a value is a stand-in rather than a real target, or undefined when it looks real. */
export function placeholderReason(value: string): string | undefined {
  const literal = literalParts(value);
  if (DOC_VALUES.has(literal)) return 'an account id used in examples';
  if (PLACEHOLDER.test(literal)) return 'a placeholder';
  // TEST-FUNCTION-NAME, MY_BUCKET_NAME: capitals naming what belongs there.
  if (
    /^[A-Z0-9]+([-_][A-Z0-9]+)+$/.test(literal) &&
    /(^|[-_])(NAME|ID|BUCKET|FUNCTION|REGION|ACCOUNT|DOMAIN|PROFILE|STAGE|ARN)([-_]|$)/.test(literal)
  )
    return 'a placeholder';
  if (/^E?[0-9]*$/.test(literal) && literal.length > 0 && /^E?(1234|0000)/.test(literal))
    return 'an example id';
  return undefined;
}

const LOCAL_HOST =
  /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|0\.0\.0\.0|host\.docker\.internal|[^/]{0,200}\.(local|localhost|test|invalid|example|internal))(:\d{1,5})?$/i;
const NOT_DEPLOYMENT_DOMAINS =
  /(^|\.)(github\.com|githubusercontent\.com|gitlab\.com|bitbucket\.org|npmjs\.(org|com)|yarnpkg\.com|pypi\.org|docker\.(io|com)|slack\.com|googleapis\.com|google\.com|sentry\.io|circleci\.com|atlassian\.(com|net)|amazon\.com|amazonaws\.com|aws\.dev|shields\.io|w3\.org|schema\.org|json-schema\.org|mozilla\.org|nodejs\.org|python\.org|microsoft\.com|cloudflare\.com|jsdelivr\.net|unpkg\.com|herokuapp\.com|serverless\.com|codecov\.io|stripe\.com|twilio\.com|sendgrid\.(com|net)|mailgun\.(org|net)|auth0\.com|okta\.com|firebaseio\.com|vercel\.(com|app)|netlify\.(com|app)|datadoghq\.(com|eu)|newrelic\.com|pagerduty\.com|discord(app)?\.com|hashicorp\.com|terraform\.io|sonarcloud\.io|snyk\.io|gravatar\.com|cloudfront\.net|akamaized\.net|fastly\.net|bun\.sh|astral\.sh|rustup\.rs|nodesource\.com|getcomposer\.org|brew\.sh|deno\.land|sdkman\.io|yarnpkg\.com|pnpm\.io|python-poetry\.org)$/i;

/** Whether a host is a local or test address (never a deployment target). */
export function isLocalHost(host: string): boolean {
  return LOCAL_HOST.test(host);
}

/** Whether `host` could be a team's own domain: a name with a top-level domain, not a tool or service. */
export function isCustomDomain(host: string): boolean {
  if (host.length > 253 || isLocalHost(host) || NOT_DEPLOYMENT_DOMAINS.test(host)) return false;
  if (/cloudfront\.net$/i.test(host)) return false;
  return /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,10}[a-z]{2,24}$/i.test(host);
}

/** Shape checks per kind, on the literal parts of a value (a template is checked loosely). */
export function fitsKind(kind: FindingKind, value: string): boolean {
  const templated = hasReference(value);
  const literal = literalParts(value);
  if (templated && literal.length === 0) return false;
  switch (kind) {
    case 'bucket':
      return templated
        ? /^[a-z0-9.-]{1,63}$/.test(literal)
        : /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(value) && !/^\d{1,3}(\.\d{1,3}){3}$/.test(value);
    case 'distribution-id':
      return !templated && /^E[A-Z0-9]{6,20}$/.test(value);
    case 'function-name':
      return templated ? /^[a-zA-Z0-9_-]{1,64}$/.test(literal) : /^[a-zA-Z0-9_-]{1,64}$/.test(value);
    case 'api-id':
      return !templated && /^[a-z0-9]{10}$/.test(value) && /\d/.test(value) && /[a-z]/.test(value);
    case 'stage':
      return templated ? /^[a-zA-Z0-9_-]{0,128}$/.test(literal) : /^[a-zA-Z0-9_-]{1,128}$/.test(value);
    case 'region':
      return !templated && isRegion(value);
    case 'account-id':
      return !templated && /^\d{12}$/.test(value);
    case 'profile':
      return !templated && /^[A-Za-z0-9_.@+-]{1,64}$/.test(value);
    case 'domain':
      return !templated && isCustomDomain(value);
    case 'api-url':
      return /^https?:\/\/[^\s]{1,300}\.execute-api\.[^\s]{1,300}$/.test(value);
    case 'function-arn':
      return /^arn:aws[a-z-]*:lambda:/.test(value);
    case 'arn':
      return /^arn:aws[a-z-]*:[a-z0-9-]+:/.test(value);
  }
}

/** What a variable or key name says its value is. */
export interface NameHint {
  kind: FindingKind;
  role: string;
}

/** The kind a variable or key name suggests (`S3_BUCKET` → bucket, `distributionId` → distribution id). */
export function kindFromName(name: string, key = false): NameHint | undefined {
  const flat = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (flat.length > 80) return undefined;
  if (/arn$/.test(flat)) return { kind: 'arn', role: 'arn' };
  // In SDK calls and templates `S3Bucket` is where function code is uploaded (Lambda, CloudFormation).
  if (key && flat === 's3bucket') return { kind: 'bucket', role: 'artifact' };
  if (flat.includes('bucket')) return { kind: 'bucket', role: bucketRoleOfName(flat) };
  if (/distribution|cloudfront|^cfid$|cfdist|cdnid|distid/.test(flat))
    return { kind: 'distribution-id', role: 'site' };
  if (/restapiid|^apiid$|apigatewayid|apigwid|restapi$|httpapiid|apiidentifier|[a-z]apiid$/.test(flat))
    return { kind: 'api-id', role: 'api' };
  if (/functionname|lambdaname|lambdafunction|^function$|^lambda$|functionid|^lambdafn|^fnname$/.test(flat))
    return { kind: 'function-name', role: 'function' };
  if (/^(stagename|apistage|apigatewaystage|restapistage)$/.test(flat) || (key && flat === 'stage'))
    return { kind: 'stage', role: 'api' };
  if (/region$|^region/.test(flat)) return { kind: 'region', role: 'region' };
  if (/accountid$|^account$|awsaccount$|accountnumber$/.test(flat))
    return { kind: 'account-id', role: 'account' };
  if (/profile$|^profile/.test(flat) && !/profiles$/.test(flat)) return { kind: 'profile', role: 'profile' };
  if (/domain|hostname|^host$|url$|endpoint$|^origin$/.test(flat))
    return { kind: 'domain', role: /api|backend|graphql/.test(flat) ? 'api' : 'site' };
  return undefined;
}

/** Buckets that hold packages, templates or state rather than the site. */
function bucketRoleOfName(flatName: string): string {
  if (/media|data|upload|backup|logs?bucket|archive|images|videos|exports?|reports?/.test(flatName))
    return 'data';
  return /artifact|deploymentbucket|lambda|code|package|sam|cfn|cloudformation|template|build|release|state|backup|log/.test(
    flatName,
  )
    ? 'artifact'
    : 'site';
}
