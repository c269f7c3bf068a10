import { describe, expect, it } from 'vitest';
import { ConfigError, WaitingForApprovalError } from '../../core/errors.js';
import type { DeploymentRecord, HealthReport } from '../../records/index.js';
import { deploymentSummary, errorSummary, planMarkdown } from './github-summary.js';

const health: HealthReport = {
  environment: 'staging',
  release: 4,
  stage: 'deploy',
  startedAt: '2026-12-01T10:00:05.000Z',
  durationMs: 900,
  status: 'fail',
  checks: [
    {
      name: 'api',
      type: 'http',
      status: 'fail',
      durationMs: 800,
      attempts: 3,
      message: 'GET https://api.example.com/health answered 502 | <b>bad</b>',
    },
  ],
} as HealthReport;

const rolledBack: DeploymentRecord = {
  id: 'd-20261201T100000000Z-abcdef',
  environment: 'staging',
  status: 'rolled_back',
  startedAt: '2026-12-01T10:00:00.000Z',
  finishedAt: '2026-12-01T10:00:12.500Z',
  caller: {
    user: 'ci (arn:aws:sts::123456789012:assumed-role/omnix-deploy/GitHubActions)',
    host: 'runner',
    pid: 1,
  },
  configDigest: 'x',
  phases: [],
  changes: ['function api: version 4'],
  errors: [{ code: 'RolledBack', message: 'the new release is not healthy: 1 health check(s) failed: api' }],
  rollback: { startedAt: '2026-12-01T10:00:10.000Z', durationMs: 1800, outcome: 'restored', changes: [] },
  plan: {
    environment: 'staging',
    nothingToDo: false,
    backend: { functions: [{ name: 'api', action: 'update-code', changedFields: [] }] },
  },
  health: [health],
};

describe('job summaries', () => {
  it('tell a rolled-back deployment: outcome, facts, errors, the rollback, the plan and the failed check', () => {
    const text = deploymentSummary(rolledBack);
    expect(text).toContain('### Deployment of staging: ↩️ failed and was rolled back');
    expect(text).toContain('| Took | 12.5 s |');
    expect(text).toContain(
      '```text\nRolledBack: the new release is not healthy: 1 health check(s) failed: api\n```',
    );
    expect(text).toContain('**Automatic rollback**: restored in 1800 ms');
    expect(text).toContain('#### Plan for staging');
    expect(text).toContain('function api: update-code');
    expect(text).toContain('#### Health of staging, release v4');
    expect(text).toContain('answered 502 \\| &lt;b&gt;bad&lt;/b&gt;');
    expect(text).not.toContain('| Release |');
  });

  it('say a plan with nothing to change in words', () => {
    expect(planMarkdown({ environment: 'production', nothingToDo: true })).toBe(
      '### Plan for production\n\nNothing to change.',
    );
  });

  it('give a waiting approval its command, and a configuration error every location', () => {
    const waiting = errorSummary(
      new WaitingForApprovalError(
        'waiting for approval, nothing changed: plan 0123456789abcdef of production',
        {
          hint: 'Someone else approves it with: omnix approve production --plan 0123456789abcdef',
        },
      ),
    );
    expect(waiting).toContain('### ⏸️ Waiting for an approval: nothing changed');
    expect(waiting).toContain(
      '```text\nSomeone else approves it with: omnix approve production --plan 0123456789abcdef\n```',
    );
    const invalid = errorSummary(
      new ConfigError([
        {
          source: 'config/environments/staging.yaml',
          line: 2,
          column: 13,
          path: 'rollout.strategy',
          message: 'bad',
        },
        { source: 'OMNIX__AWS__REGION', path: 'aws.region', message: 'worse' },
      ]),
    );
    expect(invalid).toContain(
      'config/environments/staging.yaml:2:13 rollout.strategy: bad\nOMNIX__AWS__REGION aws.region: worse',
    );
  });
});
