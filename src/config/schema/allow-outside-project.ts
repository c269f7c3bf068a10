import { z } from 'zod';

export const allowOutsideProjectSchema = z
  .array(z.string().min(1))
  .default([])
  .describe(
    'Folders outside the project (absolute, or relative to the project root) that site and function sources may come from. Empty: every configured path must stay inside the project; see docs/security.md.',
  );
