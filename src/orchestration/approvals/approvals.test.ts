import { describe, expect, it } from 'vitest';
import { testdir } from '../../../test/helpers/testdir.js';
import { FileStateStore } from '../../state/file/file-store.js';
import { isApprover, sameIdentity } from './approvers.js';
import { type ApprovalSettings, recordApproval, requestApproval } from './record.js';
import { approvalOf, pendingRequests } from './state.js';

const CI = 'arn:aws:sts::123456789012:assumed-role/ci-deployer/run-42';
const ALICE = 'arn:aws:iam::123456789012:user/alice';
const SETTINGS: ApprovalSettings = { approvers: [], expiresAfter: '1h', allowSelfApproval: false };

describe('approvers', () => {
  it('admits listed users, and every session of a listed role, and anyone when none is listed', () => {
    const approvers = [ALICE, 'arn:aws:iam::123456789012:role/release-managers'];
    expect(isApprover(ALICE, approvers)).toBe(true);
    expect(isApprover('arn:aws:sts::123456789012:assumed-role/release-managers/bob', approvers)).toBe(true);
    expect(isApprover('arn:aws:sts::999999999999:assumed-role/release-managers/bob', approvers)).toBe(false);
    expect(isApprover('arn:aws:iam::123456789012:user/mallory', approvers)).toBe(false);
    expect(isApprover('arn:aws:iam::123456789012:user/mallory', [])).toBe(true);
  });

  it('treats two sessions of one role as one identity', () => {
    expect(sameIdentity(CI, 'arn:aws:sts::123456789012:assumed-role/ci-deployer/run-43')).toBe(true);
    expect(sameIdentity(CI, ALICE)).toBe(false);
  });
});

describe('approval records', () => {
  it('an approval counts for its plan until it expires; the newest decision wins; answered requests are not pending', async () => {
    const store = new FileStateStore(await testdir({}));
    const at = new Date('2026-12-01T10:00:00Z');
    await requestApproval(store, { environment: 'production', planDigest: 'aaaa', by: CI, now: at });
    await requestApproval(store, {
      environment: 'production',
      planDigest: 'bbbb',
      by: CI,
      now: new Date(at.getTime() + 1),
    });
    expect(pendingRequests(await store.listApprovals('production')).map((r) => r.planDigest)).toEqual([
      'bbbb',
      'aaaa',
    ]);

    const approved = await recordApproval(store, SETTINGS, {
      environment: 'production',
      decision: 'approved',
      by: ALICE,
      planDigest: 'aaaa',
      now: new Date(at.getTime() + 60_000),
    });
    expect(approved.expiresAt).toBe('2026-12-01T11:01:00.000Z');
    const records = await store.listApprovals('production');
    expect(pendingRequests(records).map((r) => r.planDigest)).toEqual(['bbbb']);
    expect(approvalOf(records, 'aaaa', new Date('2026-12-01T11:00:00Z')).status).toBe('approved');
    expect(approvalOf(records, 'aaaa', new Date('2026-12-01T11:01:00Z')).status).toBe('expired');
    expect(approvalOf(records, 'bbbb', new Date('2026-12-01T11:00:00Z')).status).toBe('none');

    await recordApproval(store, SETTINGS, {
      environment: 'production',
      decision: 'rejected',
      by: ALICE,
      planDigest: 'aaaa',
      now: new Date(at.getTime() + 120_000),
    });
    expect(
      approvalOf(await store.listApprovals('production'), 'aaaa', new Date('2026-12-01T10:30:00Z')).status,
    ).toBe('rejected');
  });

  it('refuses an approval by someone not listed, by the requester, or of a plan nobody asked about', async () => {
    const store = new FileStateStore(await testdir({}));
    await requestApproval(store, { environment: 'production', planDigest: 'aaaa', by: CI });
    const decide = (by: string, settings = SETTINGS, planDigest?: string) =>
      recordApproval(store, settings, {
        environment: 'production',
        decision: 'approved',
        by,
        ...(planDigest ? { planDigest } : {}),
      });
    await expect(decide('arn:aws:sts::123456789012:assumed-role/ci-deployer/run-43')).rejects.toMatchObject({
      code: 'SelfApproval',
      exitCode: 3,
    });
    await expect(
      decide(ALICE, { ...SETTINGS, approvers: ['arn:aws:iam::123456789012:user/bob'] }),
    ).rejects.toMatchObject({
      code: 'NotAnApprover',
    });
    await expect(decide(ALICE, SETTINGS, 'cccc')).rejects.toMatchObject({ code: 'NoSuchApprovalRequest' });
    await expect(
      recordApproval(store, SETTINGS, {
        environment: 'staging',
        decision: 'approved',
        by: ALICE,
        planDigest: 'aaaa',
      }),
    ).rejects.toMatchObject({ code: 'NoSuchApprovalRequest' });
    expect(await store.listApprovals('production')).toHaveLength(1);
    await expect(decide(CI, { ...SETTINGS, allowSelfApproval: true })).resolves.toMatchObject({
      kind: 'approved',
    });
  });
});
