import type { Persistence } from '../../persistence.js';
import { AwsError } from '../../protocol/aws-error.js';
import { EdgeCache } from './edge-cache.js';
import type { DistributionRecord, InvalidationRecord } from './model.js';

const noSuchDistribution = (id: string) =>
  new AwsError('NoSuchDistribution', `The specified distribution does not exist: ${id}`, 404);

/** Distributions, invalidations, and the edge cache the serving path reads through. */
export class CloudFrontState {
  readonly distributions = new Map<string, DistributionRecord>();
  readonly invalidations = new Map<string, InvalidationRecord>();
  readonly edge = new EdgeCache();

  constructor(private readonly persistence: Persistence) {
    for (const record of persistence.readRecords<DistributionRecord>('cloudfront/distributions'))
      this.distributions.set(record.id, record);
    for (const record of persistence.readRecords<InvalidationRecord>('cloudfront/invalidations'))
      this.invalidations.set(record.id, record);
  }

  distribution(id: string): DistributionRecord {
    const record = this.distributions.get(id);
    if (!record) throw noSuchDistribution(id);
    return record;
  }

  saveDistribution(record: DistributionRecord): void {
    this.distributions.set(record.id, record);
    this.persistence.writeRecord('cloudfront/distributions', record.id, record);
  }

  saveInvalidation(record: InvalidationRecord): void {
    this.invalidations.set(record.id, record);
    this.persistence.writeRecord('cloudfront/invalidations', record.id, record);
  }

  /** Completes invalidations whose time has come: only then does the edge drop the old objects. */
  settle(now = Date.now()): void {
    for (const invalidation of this.invalidations.values()) {
      if (invalidation.applied || Date.parse(invalidation.completesAt) > now) continue;
      this.edge.invalidate(invalidation.distributionId, invalidation.paths);
      this.saveInvalidation({ ...invalidation, applied: true });
    }
  }

  status(invalidation: InvalidationRecord): 'InProgress' | 'Completed' {
    return Date.parse(invalidation.completesAt) <= Date.now() ? 'Completed' : 'InProgress';
  }
}
