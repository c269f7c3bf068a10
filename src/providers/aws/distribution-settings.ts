import { type CloudFrontClient, GetDistributionCommand } from '@aws-sdk/client-cloudfront';
import { unlessNotFound } from './errors.js';

/** What validation reads of a distribution: whether it is enabled, and the domains of its origins. */
export interface DistributionSettings {
  id: string;
  enabled: boolean;
  originDomains: string[];
}

/** A distribution's settings; undefined when there is no such distribution. */
export async function readDistributionSettings(
  cf: CloudFrontClient,
  id: string,
): Promise<DistributionSettings | undefined> {
  const got = await unlessNotFound(
    () => cf.send(new GetDistributionCommand({ Id: id })),
    ['NoSuchDistribution'],
  );
  const config = got?.Distribution?.DistributionConfig;
  if (!got?.Distribution) return undefined;
  return {
    id,
    enabled: config?.Enabled !== false,
    originDomains: (config?.Origins?.Items ?? []).map((origin) => origin.DomainName ?? ''),
  };
}
