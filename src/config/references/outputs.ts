import { didYouMean } from '../../core/suggest.js';
import type { DeployResolver } from './types.js';

/** What a deployment knows once it ran, usable in health checks and notifications. */
export const OUTPUT_NAMES = ['siteUrl', 'apiUrl'] as const;

/** `${outputs.siteUrl}`: resolved by the deployment itself, after apply. */
export const outputsResolver: DeployResolver = {
  kind: 'outputs',
  phase: 'deploy',
  syntax: '${outputs.NAME}',
  check(argument) {
    if ((OUTPUT_NAMES as readonly string[]).includes(argument)) return undefined;
    const suggestion = didYouMean(argument, OUTPUT_NAMES);
    return `unknown deployment output '${argument}' (known: ${OUTPUT_NAMES.join(', ')})${suggestion ? `; ${suggestion}` : ''}`;
  },
};
