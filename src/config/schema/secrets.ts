import { z } from 'zod';
import { secret } from './common.js';

export const secretsSchema = z
  .record(z.string(), secret(z.string()))
  .default({})
  .describe(
    'Named secret values, usually `${ssm:/path}` references; usable elsewhere as ${self:secrets.NAME}. Never printed or stored.',
  );
