import { configReferences } from '../config-references.js';
import type { ValidationCheck } from '../types.js';

/**
 * The environment variables the configuration reads are set. `${cfn:}` and `${ssm:}` references were
 * resolved when the configuration was loaded (a failure there stops before any check); this says which.
 */
export const referencesCheck: ValidationCheck = {
  name: 'references',
  async run(context) {
    const references = await configReferences(context.loaded);
    const defaulted = references.env.filter(({ name }) => context.env[name] === undefined);
    const unset = defaulted.filter((reference) => !reference.hasDefault);
    if (unset.length > 0)
      return {
        status: 'fail',
        message: `environment variable(s) not set: ${unset.map(({ name }) => name).join(', ')}`,
        hint: 'Set them, or give each a default: ${env:NAME, value}.',
      };
    const parts = [
      `${references.env.length} environment variable(s)${defaulted.length > 0 ? ` (default used for ${defaulted.map(({ name }) => name).join(', ')})` : ''}`,
      `${references.cfn.length} stack output(s)`,
      `${references.ssm.length} SSM parameter(s)`,
    ];
    return { status: 'pass', message: `${parts.join(', ')} resolved` };
  },
};
