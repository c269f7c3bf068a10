import { describe, expect, it } from 'vitest';
import { commandFor, rewriteReferences } from './archive-references.js';

const deploy = {
  from: 'scripts/deploy.sh',
  commands: ['omnix deploy production --only frontend', 'omnix deploy staging --only frontend'],
};
const api = { from: 'scripts/deploy-api.sh', commands: ['omnix deploy staging --only backend'] };

describe('rewriteReferences', () => {
  it('replaces each call, with its arguments, by the command for the environment it names', () => {
    const pkg =
      '{\n  "scripts": {\n    "prod": "./scripts/deploy.sh prod && echo done",\n    "api": "bash scripts/deploy-api.sh",\n    "other": "scripts/deploy.sh.bak"\n  }\n}';
    const result = rewriteReferences('package.json', pkg, [deploy, api], 'omnix', false);
    expect(result.changes.map((change) => change.after.trim())).toEqual([
      '"prod": "omnix deploy production --only frontend && echo done",',
      '"api": "omnix deploy staging --only backend",',
    ]);
    expect(JSON.parse(result.text).scripts.other).toBe('scripts/deploy.sh.bak');
  });

  it('adds --yes in CI, and leaves a call that names no environment of several for a person', () => {
    const ci = '    - run: ./scripts/deploy.sh\n    - run: ./scripts/deploy-api.sh\n';
    const result = rewriteReferences('.github/workflows/x.yml', ci, [deploy, api], 'npx omnix', true);
    expect(result.text).toBe(
      '    - run: ./scripts/deploy.sh\n    - run: npx omnix deploy staging --only backend --yes\n',
    );
    expect(result.manual).toEqual([
      { file: '.github/workflows/x.yml', line: 1, script: 'scripts/deploy.sh' },
    ]);
  });

  it('builds the command for an environment the scan did not see from the one it did', () => {
    expect(commandFor(api, ['production'])).toBe('deploy production --only backend');
    expect(commandFor({ from: 'x.sh', commands: [] }, [])).toBeUndefined();
  });
});
