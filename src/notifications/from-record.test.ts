import { describe, expect, it } from 'vitest';
import { MINIMAL_MASTER, project, testdir } from '../../test/helpers/testdir.js';
import { loadValidConfig } from '../config/load.js';
import type { DeploymentRecord } from '../records/index.js';
import { eventFromRecord } from './from-record.js';

const record = (extra: Partial<DeploymentRecord>): DeploymentRecord => ({
  id: 'd-20261202T010000000Z-abcdef',
  environment: 'production',
  status: 'succeeded',
  startedAt: '2026-12-02T01:00:00.000Z',
  finishedAt: '2026-12-02T01:00:30.000Z',
  release: 4,
  caller: { user: 'ada', host: 'laptop', pid: 1 },
  configDigest: 'sha256:0',
  phases: [],
  changes: [],
  errors: [],
  ...extra,
});

describe('the notification of a change', () => {
  it('announces a successful promotion as promoted, naming the release it came from', async () => {
    const root = await testdir(project(MINIMAL_MASTER));
    const loaded = await loadValidConfig({ environment: 'development', configDir: root, env: {}, cwd: root });
    const promoted = record({
      promotedFrom: { environment: 'staging', release: 7, deploymentId: 'd-20261201T000000000Z-123456' },
    });
    const finished = eventFromRecord(loaded, 'deploy', promoted, 'finished');
    expect(finished).toMatchObject({ event: 'promoted', release: 4, outcome: 'succeeded' });
    expect(finished.changes).toContain('promoted from staging release v7 (d-20261201T000000000Z-123456)');
    expect(eventFromRecord(loaded, 'deploy', record({}), 'finished').event).toBe('succeeded');
    expect(eventFromRecord(loaded, 'deploy', promoted, 'started').event).toBe('started');
  });
});
