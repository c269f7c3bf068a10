import {
  type APIGatewayClient,
  DeleteDeploymentCommand,
  GetDeploymentCommand,
} from '@aws-sdk/client-api-gateway';
import {
  DeleteFunctionCommand,
  GetFunctionConfigurationCommand,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
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

/** What deleting a version or deployment came to: AWS refuses one an alias or a stage still uses. */
export type Deletion = 'deleted' | 'in-use' | 'gone';

/** Deletes version `version` of function `name`. */
export async function deleteFunctionVersion(
  lambda: LambdaClient,
  name: string,
  version: string,
): Promise<Deletion> {
  try {
    await lambda.send(new DeleteFunctionCommand({ FunctionName: name, Qualifier: version }));
    return 'deleted';
  } catch (error) {
    if (awsErrorName(error) === 'ResourceConflictException') return 'in-use';
    if (awsErrorName(error) === 'ResourceNotFoundException') return 'gone';
    throw fromAwsError(error, `deleting version ${version} of ${name}`);
  }
}

/** Deletes deployment `deploymentId` of REST API `restApiId`. */
export async function deleteApiDeployment(
  gateway: APIGatewayClient,
  restApiId: string,
  deploymentId: string,
): Promise<Deletion> {
  try {
    await gateway.send(new DeleteDeploymentCommand({ restApiId, deploymentId }));
    return 'deleted';
  } catch (error) {
    if (awsErrorName(error) === 'BadRequestException') return 'in-use';
    if (awsErrorName(error) === 'NotFoundException') return 'gone';
    throw fromAwsError(error, `deleting deployment ${deploymentId} of ${restApiId}`);
  }
}
