import type { FrontendPlanSummary, PlanSummary } from '../../src/records/index.js';

/** A plan summary for tests: what a test does not name is an empty plan of staging. */
export const planOf = (part: Partial<PlanSummary> = {}): PlanSummary => ({
  environment: 'staging',
  nothingToDo: false,
  ...part,
});

/** A site plan for tests: what a test does not name uploads and deletes nothing. */
export const frontendPlanOf = (part: Partial<FrontendPlanSummary> = {}): FrontendPlanSummary => ({
  bucket: 'site',
  distributionId: 'E1',
  upload: 0,
  delete: 0,
  unchanged: 0,
  keptStale: 0,
  uploadBytes: 0,
  drift: [],
  deletes: [],
  ...part,
});
