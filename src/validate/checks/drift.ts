import { describeDrift, detectDrift } from '../drift.js';
import type { ValidationCheck } from '../types.js';

/** Changes made outside omnix since the latest release: a deployment would overwrite them. */
export const driftCheck: ValidationCheck = {
  name: 'drift',
  advisory: true,
  async run(context) {
    const drift = await detectDrift(context);
    if (drift.length === 0) return { status: 'pass', message: 'live resources match the latest release' };
    const details = drift.map(describeDrift);
    return {
      status: 'warn',
      message: `${drift.length} change(s) made outside omnix, which this deployment overwrites: ${details.slice(0, 3).join('; ')}${details.length > 3 ? '; …' : ''}`,
      hint: `See them all with omnix drift ${context.loaded.environment}; put what should stay into the configuration.`,
      details,
    };
  },
};
