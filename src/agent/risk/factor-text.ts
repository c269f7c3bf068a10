import { formatBytes } from '../../core/bytes.js';
import { hoursSincePrevious } from '../features/index.js';
import { encode, gapBucket } from './encode.js';
import type { DeploymentFeatures, LabelledDeployment } from './features.js';

const failures = (history: readonly LabelledDeployment[]) =>
  history.filter((past) => past.outcome === 'failed').length;
const record = (history: readonly LabelledDeployment[]) => `${failures(history)} of ${history.length}`;

const gapText = (bucket: number) => {
  const hours = 2 ** bucket - 1;
  return hours < 48 ? `about ${hours} h` : `about ${Math.round(hours / 24)} days`;
};

/** The feature in words, with the history's numbers behind it: "changes function worker: 7 of its last 9 deployments failed". */
export function factorText(
  feature: string,
  candidate: DeploymentFeatures,
  history: readonly LabelledDeployment[],
): string {
  const [kind, value = ''] = feature.split(/=(.*)/s, 2);
  const having = history.filter((past) => encode(past.features).get(feature) === 1);
  const sizeOf = (features: DeploymentFeatures) => features.files.uploaded + features.files.deleted;
  switch (kind) {
    case 'function':
      return `changes function ${value}: ${failures(having)} of its last ${having.length} deployments failed`;
    case 'environment':
      return `deploys to ${value}: ${record(having)} of its deployments failed`;
    case 'component':
      return `changes the ${value}: ${record(having)} deployments that did failed`;
    case 'config':
      return `changes ${value}: ${record(having)} deployments that changed it failed`;
    case 'caller':
      return `${value === 'ci' ? 'runs in CI' : 'runs from a workstation'}: ${record(having)} such deployments failed`;
    case 'weekday':
      return `on a ${value}: ${record(having)} deployments on that day failed`;
    case 'hours':
      return `between ${value}: ${record(having)} deployments at those hours failed`;
    case 'files': {
      const size = sizeOf(candidate);
      return `uploads or deletes ${size} file(s): ${record(history.filter((past) => sizeOf(past.features) >= size))} deployments at least that large failed`;
    }
    case 'bytes':
      return `uploads ${formatBytes(candidate.files.uploadedBytes)}: ${record(history.filter((past) => past.features.files.uploadedBytes >= candidate.files.uploadedBytes))} deployments uploading as much or more failed`;
    case 'recentFailures':
      return `${candidate.failuresLast7Days} failed deployment(s) of ${candidate.environment} in the last 7 days: ${record(history.filter((past) => past.features.failuresLast7Days >= candidate.failuresLast7Days))} deployments after as many failures failed`;
    case 'sincePrevious': {
      const hours = hoursSincePrevious(candidate);
      if (hours === null) return `first deployment of ${candidate.environment}`;
      const bucket = gapBucket(hours);
      const similar = history.filter((past) => gapBucket(hoursSincePrevious(past.features)) >= bucket);
      return `${gapText(bucket)} since the previous deployment of ${candidate.environment}: ${record(similar)} deployments after as long a gap failed`;
    }
    default:
      return feature;
  }
}
