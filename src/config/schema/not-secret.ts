import { z } from 'zod';

export const notSecretSchema = z
  .array(z.string().min(1))
  .default([])
  .describe(
    'Names (environment variables, variable or header keys) that sound secret but are not, e.g. `CACHE_KEY`. A value whose name says token, secret, password, key, auth, credential or private is otherwise shown and stored as ***; see docs/security.md.',
  );
