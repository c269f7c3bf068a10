import { describe, expect, it } from 'vitest';
import { project, testdir } from '../../../test/helpers/testdir.js';
import { escapeControl } from '../../core/text.js';
import { loadValidConfig } from '../load.js';
import { resolveDeployTimeReferences } from '../resolve-deploy-time.js';
import { bucketNameProblem } from './aws-names.js';

describe('AWS names (issue 15, defect 8)', () => {
  it.each(['shop-web', 'a.b.c', 'abc', 'x'.repeat(63)])('accepts the bucket name %s', (name) => {
    expect(bucketNameProblem(name)).toBeUndefined();
  });

  it.each([
    'My_Bucket',
    'ab',
    'x'.repeat(64),
    '192.168.5.4',
    'a..b',
    '-shop',
    'shop-',
    'xn--shop',
    'sthree-shop',
    'shop-s3alias',
    'shop--ol-s3',
  ])('refuses the bucket name %s', (name) => {
    expect(bucketNameProblem(name)).toBeDefined();
  });

  it('escapes control and direction characters, and keeps other text', () => {
    expect(escapeControl('a\u0000b\u001b[31m\u202e\u007f')).toBe('a\\u0000b\\u001b[31m\\u202e\\u007f');
    expect(escapeControl('café 🚀')).toBe('café 🚀');
  });

  it('checks a name that came from ${ssm:} once it is resolved, before anything is deployed', async () => {
    const root = await testdir(
      project(
        'project: shop\naws:\n  region: eu-west-1\nfrontend:\n  source: web\n  bucket: ${ssm:/shop/bucket}\n',
      ),
    );
    const loaded = await loadValidConfig({ environment: 'development', configDir: root, env: {}, cwd: root });
    const readers = { stackOutputs: async () => ({}), parameter: async () => 'Shop_Web' };

    const resolved = await resolveDeployTimeReferences(loaded, readers);

    expect(resolved.ok).toBe(false);
    if (resolved.ok) return;
    // a value from SSM is a secret: the message names the rule, not the value
    expect(resolved.errors[0]).toMatchObject({
      line: 6,
      message: expect.stringMatching(/^bucket name '\*\*\*' may hold only/),
    });
    expect(JSON.stringify(resolved.errors)).not.toContain('Shop_Web');
  });
});
