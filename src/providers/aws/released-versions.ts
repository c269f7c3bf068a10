import type { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { GetDeploymentCommand } from '@aws-sdk/client-api-gateway';
import { GetFunctionConfigurationCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { awsErrorName, fromAwsError } from './errors.js';

/** Whether version `version` of function `name` still exists (a release can only return to one that does). */
export async function functionVersionExists(
  lambda: LambdaClient,
  name: string,
  version: string,
): Promise<boolean> {
  try {
    await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name, Qualifier: version }));
    return true;
  } catch (error) {
    if (awsErrorName(error) === 'ResourceNotFoundException') return false;
    throw fromAwsError(error, `reading version ${version} of ${name}`);
  }
}

/** Whether deployment `deploymentId` of REST API `restApiId` still exists. */
export async function apiDeploymentExists(
  gateway: APIGatewayClient,
  restApiId: string,
  deploymentId: string,
): Promise<boolean> {
  try {
    await gateway.send(new GetDeploymentCommand({ restApiId, deploymentId }));
    return true;
  } catch (error) {
    if (awsErrorName(error) === 'NotFoundException') return false;
    throw fromAwsError(error, `reading deployment ${deploymentId} of ${restApiId}`);
  }
}
