import { describe, expect, it } from 'vitest';
import { project, testdir } from '../../../test/helpers/testdir.js';
import { loadConfig } from '../load.js';

describe('migrationPlaceholdersRemain', () => {
  it('names each placeholder left by omnix migrate scan as a warning, and the config stays valid', async () => {
    const root = await testdir(
      project(
        'project: shop\naws:\n  region: "${cfn:omnix-migrate-todo.Region}"\nfrontend:\n  source: dist\n  bucket: shop-web\n',
        {
          production:
            'approvals: { required: true }\nfrontend:\n  distributionId: "${cfn:omnix-migrate-todo.ProductionDistributionConflict}"\n',
        },
      ),
    );
    const result = await loadConfig({ environment: 'production', configDir: root, cwd: root, env: {} });
    expect(result.ok).toBe(true);
    expect(result.warnings.map((warning) => [warning.path, warning.message])).toEqual([
      ['aws.region', 'a placeholder left by omnix migrate scan'],
      ['frontend.distributionId', 'a placeholder left by omnix migrate scan'],
    ]);
  });

  it('says nothing about other deploy-time references', async () => {
    const root = await testdir(
      project(
        'project: shop\naws: { region: eu-west-1 }\nfrontend:\n  source: dist\n  bucket: "${cfn:site.Bucket}"\n',
      ),
    );
    const result = await loadConfig({ environment: 'development', configDir: root, cwd: root, env: {} });
    expect(result.ok && result.warnings).toEqual([]);
  });
});
