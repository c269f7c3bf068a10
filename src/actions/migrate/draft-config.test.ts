import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { writeFiles } from '../../../test/helpers/testdir.js';
import { loadConfig } from '../../config/load.js';
import { draftConfig } from './draft-config.js';
import { asConfigTemplate } from './draft-settings.js';
import { scanScripts } from './scan.js';

async function draftOf(files: Record<string, string>) {
  const root = await mkdtemp(join(tmpdir(), 'omnix-draft-'));
  onTestFinished(() => rm(root, { recursive: true, force: true }));
  await writeFiles(root, files);
  const scan = await scanScripts({ paths: ['.'], cwd: root });
  const draft = draftConfig(scan, '2026-01-02');
  await writeFiles(join(root, 'draft'), draft);
  const validate = (environment: string) =>
    loadConfig({ environment, configDir: join(root, 'draft'), cwd: root, env: {} });
  return { draft, validate };
}

describe('draftConfig', () => {
  it('puts each value in its setting with where it came from, and validates', async () => {
    const { draft, validate } = await draftOf({
      'deploy-prod.sh':
        'aws s3 sync dist s3://shop-web-live --region eu-west-1\naws cloudfront create-invalidation --distribution-id E2QWRUHAPOMQZL --paths "/*"\n',
      'deploy-staging.sh': 'aws s3 sync dist s3://shop-web-stg --region eu-west-1\n',
      'package.json': '{ "name": "shop" }',
    });
    expect(Object.keys(draft).sort()).toEqual([
      'config/deployment-config.yaml',
      'config/environments/production.yaml',
      'config/environments/staging.yaml',
    ]);
    expect(draft['config/environments/production.yaml']).toContain(
      '  # from deploy-prod.sh:1\n  bucket: "shop-web-live"',
    );
    expect(draft['config/environments/production.yaml']).toContain('distributionId: "E2QWRUHAPOMQZL"');
    expect(draft['config/deployment-config.yaml']).toContain('project: "shop"');
    expect(draft['config/deployment-config.yaml']).toContain('source: "dist"');
    const production = await validate('production');
    expect(production.ok && production.warnings).toEqual([]);
    const staging = await validate('staging');
    expect(staging.ok && staging.config.frontend?.bucket).toBe('shop-web-stg');
  });

  it('leaves a CONFLICT comment and a placeholder that validation names, instead of guessing', async () => {
    const { draft, validate } = await draftOf({
      'deploy-prod.sh': 'aws s3 sync dist s3://shop-web-live --region eu-west-1\n',
      'old-prod.sh': 'aws s3 sync dist s3://shop-website-production --region eu-west-1\n',
    });
    const production = draft['config/environments/production.yaml']!;
    expect(production).toMatch(
      /# CONFLICT: the scripts give production 2 values for frontend\.bucket; keep one:\n\s+#\s+shop-web-live\s+deploy-prod\.sh:1\n\s+#\s+shop-website-production\s+old-prod\.sh:1\n\s+bucket: "\$\{cfn:omnix-migrate-todo\.ProductionFrontendBucketConflict\}"/,
    );
    const result = await validate('production');
    expect(result.ok).toBe(true);
    expect(result.warnings.map((warning) => [warning.path, warning.message])).toContainEqual([
      'frontend.bucket',
      'a placeholder left by omnix migrate scan',
    ]);
  });

  it('fills what validation requires but the scripts do not say with named placeholders', async () => {
    const { draft, validate } = await draftOf({
      'api.sh': 'aws lambda update-function-code --function-name shop-api-prod --zip-file fileb://a.zip\n',
    });
    expect(draft['config/deployment-config.yaml']).toContain('# TODO: no region found for every environment');
    const result = await validate('production');
    expect(result.ok).toBe(true);
    expect(result.warnings.map((warning) => warning.path).sort()).toEqual([
      'aws.region',
      'backend.functions.shop-api.source',
    ]);
  });

  it('turns a template on the environment variable into ${environment}, and nothing else', () => {
    expect(asConfigTemplate('shop-web-${ENV}')).toBe('shop-web-${environment}');
    expect(asConfigTemplate('shop-web-${BUILD_ID}')).toBeUndefined();
  });
});
