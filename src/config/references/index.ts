import { cfnResolver } from './cfn.js';
import { envResolver } from './env.js';
import { environmentResolver } from './environment.js';
import { outputsResolver } from './outputs.js';
import { selfResolver } from './self.js';
import { ssmResolver } from './ssm.js';
import type { ReferenceResolver } from './types.js';

/** Every kind of `${...}` reference; adding one means one file and one entry here. */
export const REFERENCE_RESOLVERS: Readonly<Record<string, ReferenceResolver>> = {
  env: envResolver,
  environment: environmentResolver,
  self: selfResolver,
  cfn: cfnResolver,
  ssm: ssmResolver,
  outputs: outputsResolver,
};
