import { type AwsResolver, ReferenceProblem } from './types.js';

const ARGUMENT = /^([A-Za-z][A-Za-z0-9-]{0,127})\.([A-Za-z0-9]+)$/;

/** `${cfn:StackName.OutputKey}`: an output of a CloudFormation stack. */
export const cfnResolver: AwsResolver = {
  kind: 'cfn',
  phase: 'aws',
  secret: false,
  syntax: '${cfn:StackName.OutputKey}',
  check: (argument) =>
    ARGUMENT.test(argument)
      ? undefined
      : `'${argument}' is not StackName.OutputKey (a stack name, a dot, an output key)`,
  async resolve(argument, readers) {
    const [, stack, key] = ARGUMENT.exec(argument)!;
    const outputs = await readers.stackOutputs(stack!);
    const value = outputs[key!];
    if (value === undefined) {
      const known = Object.keys(outputs);
      throw new ReferenceProblem(
        `stack ${stack} has no output ${key}`,
        known.length > 0 ? `Its outputs are: ${known.join(', ')}.` : 'The stack has no outputs.',
      );
    }
    return value;
  },
};
