import { randomBytes } from 'node:crypto';
import { AwsError } from '../../protocol/aws-error.js';

/** A parameter as the sandbox keeps it (one record per region and name). */
export interface ParameterRecord {
  region: string;
  name: string;
  type: 'String' | 'StringList' | 'SecureString';
  value: string;
  /** What a SecureString reads as without decryption: random, so it says nothing about the value. */
  ciphertext?: string;
  keyId?: string;
  description?: string;
  allowedPattern?: string;
  tier: 'Standard' | 'Advanced';
  version: number;
  /** Epoch seconds. */
  lastModified: number;
}

export const TYPES = ['String', 'StringList', 'SecureString'] as const;
const TIERS = ['Standard', 'Advanced', 'Intelligent-Tiering'] as const;
const MAX_VALUE = { Standard: 4096, Advanced: 8192 } as const;

export const validation = (message: string) => new AwsError('ValidationException', message, 400);

/**
 * Checks a parameter name by SSM's rules: letters, digits and `_.-/`; a name with `/` is a path that
 * starts with `/`, at most 15 levels deep; no `aws` or `ssm` prefix.
 */
export function checkName(value: unknown): string {
  if (typeof value !== 'string' || value.length < 1 || value.length > 2048)
    throw validation('Parameter name must be 1 to 2048 characters.');
  if (!/^[a-zA-Z0-9_.\-/]+$/.test(value))
    throw validation(
      'Parameter name: can only contain letters, numbers, and the symbols period (.), hyphen (-), underscore (_) and slash (/).',
    );
  if (value.includes('/') && !value.startsWith('/'))
    throw validation('Parameter name must be a fully qualified name: a name with a slash starts with one.');
  if (/^\/?(aws|ssm)/i.test(value))
    throw validation('Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive).');
  if (value.split('/').length - 1 > 15)
    throw new AwsError(
      'HierarchyLevelLimitExceededException',
      'A hierarchy can have a maximum of 15 levels.',
      400,
    );
  return value;
}

/** The parameter PutParameter makes from a request, given the one it replaces (if any). */
export function putParameter(
  body: Record<string, unknown>,
  region: string,
  existing: ParameterRecord | undefined,
): ParameterRecord {
  const name = checkName(body.Name);
  for (const unsupported of ['Tags', 'Policies'] as const) {
    if (body[unsupported] !== undefined)
      throw validation(`The sandbox does not support ${unsupported} on parameters.`);
  }
  if (body.DataType !== undefined && body.DataType !== 'text')
    throw validation(`The sandbox supports the DataType "text" only.`);
  if (existing && body.Overwrite !== true)
    throw new AwsError(
      'ParameterAlreadyExists',
      'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
      400,
    );
  const type = body.Type ?? existing?.type;
  if (type === undefined) throw validation('A parameter type is required when you create a parameter.');
  if (!(TYPES as readonly unknown[]).includes(type))
    throw new AwsError('UnsupportedParameterType', `Parameter type ${String(type)} is not supported.`, 400);
  const value = body.Value;
  if (typeof value !== 'string' || value.length === 0)
    throw validation('Parameter value must be a string of at least one character.');
  const tierAsked = body.Tier ?? existing?.tier ?? 'Standard';
  if (!(TIERS as readonly unknown[]).includes(tierAsked))
    throw validation(`Tier must be one of ${TIERS.join(', ')}.`);
  const tier =
    tierAsked === 'Advanced' || (tierAsked === 'Intelligent-Tiering' && value.length > MAX_VALUE.Standard)
      ? 'Advanced'
      : 'Standard';
  if (value.length > MAX_VALUE[tier])
    throw validation(
      `Standard tier parameters support a maximum parameter value of ${MAX_VALUE[tier]} characters.`,
    );
  if (body.KeyId !== undefined && type !== 'SecureString')
    throw validation('KeyId is required for SecureString type parameter only.');
  const allowedPattern = (body.AllowedPattern as string | undefined) ?? existing?.allowedPattern;
  if (allowedPattern !== undefined) {
    let pattern: RegExp;
    try {
      pattern = new RegExp(allowedPattern);
    } catch {
      throw new AwsError(
        'InvalidAllowedPatternException',
        'The allowed pattern is not a valid regular expression.',
        400,
      );
    }
    if (!pattern.test(value))
      throw new AwsError(
        'ParameterPatternMismatchException',
        `Parameter value, cannot be validated against allowedPattern: ${allowedPattern}`,
        400,
      );
  }
  return {
    region,
    name,
    type: type as ParameterRecord['type'],
    value,
    ...(type === 'SecureString'
      ? {
          ciphertext: `AQICAH${randomBytes(96).toString('base64')}`,
          keyId: (body.KeyId as string | undefined) ?? existing?.keyId ?? 'alias/aws/ssm',
        }
      : {}),
    ...(typeof body.Description === 'string'
      ? { description: body.Description }
      : existing?.description !== undefined
        ? { description: existing.description }
        : {}),
    ...(allowedPattern !== undefined ? { allowedPattern } : {}),
    tier,
    version: (existing?.version ?? 0) + 1,
    lastModified: Date.now() / 1000,
  };
}
