import {
  type CloudFormationClient,
  DescribeStacksCommand,
  type DescribeStacksCommandOutput,
} from '@aws-sdk/client-cloudformation';
import { OmnixError } from '../../core/errors.js';
import { fromAwsError } from './errors.js';

export interface CloudFormationOutputs {
  /** OutputKey → OutputValue of a stack. */
  stackOutputs(stackName: string): Promise<Record<string, string>>;
}

/** Imported only by the client factory, on first use, so the SDK stays out of start-up. */
export function createCloudFormationOutputs(client: CloudFormationClient): CloudFormationOutputs {
  return {
    async stackOutputs(stackName) {
      let response: DescribeStacksCommandOutput;
      try {
        response = await client.send(new DescribeStacksCommand({ StackName: stackName }));
      } catch (error) {
        // CloudFormation answers a missing stack with a generic ValidationError.
        if (
          (error as { name?: string }).name === 'ValidationError' &&
          /does not exist/.test(String((error as Error).message))
        ) {
          throw new OmnixError('StackNotFound', `CloudFormation stack ${stackName} does not exist`, {
            hint: 'Check the stack name and aws.region, or deploy the stack first.',
            cause: error,
          });
        }
        throw fromAwsError(error, `reading the outputs of stack ${stackName}`);
      }
      const outputs: Record<string, string> = {};
      for (const output of response.Stacks?.[0]?.Outputs ?? []) {
        if (output.OutputKey !== undefined && output.OutputValue !== undefined)
          outputs[output.OutputKey] = output.OutputValue;
      }
      return outputs;
    },
  };
}
