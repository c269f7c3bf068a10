import type { AwsResolver } from './types.js';

/** `${ssm:/parameter/name}`: an SSM Parameter Store value, decrypted; always treated as a secret. */
export const ssmResolver: AwsResolver = {
  kind: 'ssm',
  phase: 'aws',
  secret: true,
  syntax: '${ssm:/parameter/name}',
  check: (argument) =>
    /^\/?[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/.test(argument) && argument.length <= 2048
      ? undefined
      : `'${argument}' is not an SSM parameter name (letters, digits, _ . - and / between levels)`,
  resolve: (argument, readers) => readers.parameter(argument),
};
