import { describe, expect, it } from 'vitest';
import { summarize } from '../../../test/helpers/migrate-findings.js';
import { extractConfigYaml } from './extract-config-yaml.js';
import { extractEnvFile } from './extract-env-file.js';
import { extractPackageJson } from './extract-package-json.js';
import { extractSamconfig } from './extract-samconfig.js';

describe('extractConfigYaml (serverless.yml)', () => {
  it('reads provider defaults, the deployment bucket, custom domains and per-stage sections', () => {
    const serverless = [
      'service: shop-api',
      'provider:',
      "  stage: ${opt:stage, 'dev'}",
      "  region: ${opt:region, 'eu-west-1'}",
      '  deploymentBucket: { name: shop-sls-deploys }',
      'custom:',
      '  customDomain: { domainName: api.shop.io }',
      '  stages:',
      '    prod: { profile: shop-live }',
    ].join('\n');
    expect(summarize(extractConfigYaml(serverless))).toEqual([
      'stage dev @development',
      'region eu-west-1 @-',
      'bucket shop-sls-deploys @-',
      'domain api.shop.io @-',
      'profile shop-live @production',
    ]);
  });
});

describe('extractSamconfig', () => {
  it('reads each [env.deploy.parameters] table and the parameter overrides', () => {
    const toml = [
      '[default.deploy.parameters]',
      's3_bucket = "shop-sam"',
      '[prod.deploy.parameters]',
      'region = "us-west-2"',
      'parameter_overrides = "Stage=prod FunctionName=shop-api-live"',
    ].join('\n');
    expect(summarize(extractSamconfig(toml))).toEqual([
      'bucket shop-sam @-',
      'region us-west-2 @production',
      'function-name shop-api-live @production',
      'stage prod @production',
    ]);
  });
});

describe('extractEnvFile', () => {
  it('reads KEY=value lines under the environment its file name gives', () => {
    const env =
      '# comment s3://not-this\nexport S3_BUCKET="shop-web-live"\nVITE_API_URL=https://k3l9m2n8p1.execute-api.eu-west-1.amazonaws.com/v1/\nAWS_ACCOUNT_ID=481516234200\n';
    expect(
      summarize(extractEnvFile(env), { name: 'production', reason: 'file name .env.production' }),
    ).toEqual([
      'bucket shop-web-live @production',
      'api-url https://k3l9m2n8p1.execute-api.eu-west-1.amazonaws.com/v1 @production',
      'account-id 481516234200 @production',
    ]);
  });
});

describe('extractPackageJson', () => {
  it('reads each npm script as shell, under the environment its name gives, on its line', () => {
    const pkg =
      '{\n  "name": "shop",\n  "scripts": {\n    "sync:prod": "aws s3 sync dist s3://shop-web-live --profile ops",\n    "bad": 3\n  }\n}\n';
    expect(summarize(extractPackageJson(pkg))).toEqual([
      'bucket shop-web-live @production',
      'profile ops @production',
    ]);
    expect(extractPackageJson('{ not json')).toEqual([]);
  });
});
