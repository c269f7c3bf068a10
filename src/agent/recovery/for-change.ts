import { hideSecretValues, secretValues } from '../../config/secret-values.js';
import type { RecoveriesFactory } from '../../engine/change/recoveries.js';
import { recordRecoveries } from './record-recoveries.js';

/**
 * The agent's automatic recovery for a change, recorded in its record, with the environment's secret
 * values hidden in what it records; none with `agent.enabled: false`, and then omnix fails where it
 * failed before the agent.
 */
export const agentRecoveries: RecoveriesFactory = (loaded, report, phase) => {
  if (!loaded.config.agent.enabled) return undefined;
  const secrets = secretValues(loaded.config, loaded.secretPaths);
  return recordRecoveries({ report, phase, hide: (text) => hideSecretValues(text, secrets) });
};
