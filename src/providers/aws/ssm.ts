import { GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { OmnixError } from '../../core/errors.js';
import { fromAwsError } from './errors.js';

export interface SsmParameters {
  /** The parameter's value, decrypted when it is a SecureString. */
  parameter(name: string): Promise<string>;
}

/** Imported only by the client factory, on first use, so the SDK stays out of start-up. */
export function createSsmParameters(client: SSMClient): SsmParameters {
  return {
    async parameter(name) {
      try {
        const response = await client.send(new GetParameterCommand({ Name: name, WithDecryption: true }));
        const value = response.Parameter?.Value;
        if (value === undefined)
          throw new OmnixError('ParameterNotFound', `SSM parameter ${name} has no value`);
        return value;
      } catch (error) {
        if ((error as { name?: string }).name === 'ParameterNotFound') {
          throw new OmnixError('ParameterNotFound', `SSM parameter ${name} does not exist`, {
            hint: 'Check the name and aws.region, or create it: aws ssm put-parameter.',
            cause: error,
          });
        }
        throw fromAwsError(error, `reading SSM parameter ${name}`);
      }
    },
  };
}
