import { z } from 'zod';

export const projectSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,62}$/,
    'expected lowercase letters, digits and hyphens (at most 63), starting with a letter or digit',
  )
  .describe('Name of the project. Used in resource names through ${self:project} and in deployment records.');
