import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { fromAwsError } from './errors.js';

/** The ARN and account of the credentials in use (STS GetCallerIdentity). */
export async function awsIdentity(sts: STSClient): Promise<{ arn: string; account: string }> {
  try {
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    return { arn: identity.Arn ?? 'unknown', account: identity.Account ?? 'unknown' };
  } catch (error) {
    throw fromAwsError(error, 'reading the caller identity (sts:GetCallerIdentity)');
  }
}
