/**
 * What omnix records: releases, deployments, locks, approvals, the agent's memory documents, health
 * reports and plan summaries. Types only, at the bottom of the layers: every reader imports these.
 */
export type * from './approval.js';
export type * from './deployment.js';
export type * from './health.js';
export type * from './lock.js';
export type * from './memory.js';
export type * from './plan-summary.js';
export type * from './release.js';
