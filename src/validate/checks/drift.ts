import { describeDrift, detectDrift } from '../drift.js';
import type { ValidationCheck } from '../types.js';

/** Changes made outside omnix since the latest release: a deployment would overwrite them. */
export const driftCheck: ValidationCheck = {
  name: 'drift',
  advisory: true,
  async run(context) {
    const { release, drift, compared, notChecked } = await detectDrift(context);
    if (release === undefined)
      return {
        status: 'pass',
        message: 'not checked: no release yet, so nothing omnix made live can have drifted',
      };
    if (drift.length === 0 && compared === 0)
      return {
        status: 'warn',
        message: `not checked: nothing of release v${release} could be compared with what is live${notChecked.length > 0 ? `: ${notChecked.join('; ')}` : ''}`,
        hint: 'Check that the configuration names the resources the release was deployed to.',
        ...(notChecked.length > 0 ? { details: notChecked } : {}),
      };
    if (drift.length === 0) return { status: 'pass', message: `live resources match release v${release}` };
    const details = drift.map(describeDrift);
    return {
      status: 'warn',
      message: `${drift.length} change(s) made outside omnix, which this deployment overwrites: ${details.slice(0, 3).join('; ')}${details.length > 3 ? '; …' : ''}`,
      hint: `See them all with omnix drift ${context.loaded.environment}; put what should stay into the configuration.`,
      details,
    };
  },
};
