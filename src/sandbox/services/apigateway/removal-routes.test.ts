import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  DeleteIntegrationCommand,
  DeleteMethodCommand,
  DeleteResourceCommand,
  DeleteStageCommand,
  GetIntegrationCommand,
  GetMethodCommand,
  GetResourcesCommand,
  GetStageCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateIntegrationCommand,
  UpdateMethodCommand,
} from '@aws-sdk/client-api-gateway';
import { describe, expect, it } from 'vitest';
import { sandbox } from '../../../../test/helpers/sandbox.js';

const uri = (name: string) =>
  `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:${name}/invocations`;

/** A REST API with `/products` and `/products/{id}`, each with a GET method integrated with a function. */
async function restApi() {
  const running = await sandbox();
  const client = new APIGatewayClient(running.client);
  const api = await client.send(new CreateRestApiCommand({ name: 'shop' }));
  const restApiId = api.id!;
  const products = await client.send(
    new CreateResourceCommand({ restApiId, parentId: api.rootResourceId, pathPart: 'products' }),
  );
  const product = await client.send(
    new CreateResourceCommand({ restApiId, parentId: products.id, pathPart: '{id}' }),
  );
  for (const resource of [products, product]) {
    await client.send(
      new PutMethodCommand({
        restApiId,
        resourceId: resource.id,
        httpMethod: 'GET',
        authorizationType: 'NONE',
      }),
    );
    await client.send(
      new PutIntegrationCommand({
        restApiId,
        resourceId: resource.id,
        httpMethod: 'GET',
        type: 'AWS_PROXY',
        integrationHttpMethod: 'POST',
        uri: uri('products'),
      }),
    );
  }
  return { client, restApiId, rootId: api.rootResourceId!, products: products.id!, product: product.id! };
}

const paths = async (client: APIGatewayClient, restApiId: string) =>
  ((await client.send(new GetResourcesCommand({ restApiId, limit: 500 }))).items ?? [])
    .map((r) => r.path)
    .sort();

describe('sandbox API Gateway REST removals and updates', () => {
  it('deletes a resource with its children, and refuses the root', async () => {
    const { client, restApiId, rootId, products } = await restApi();
    await client.send(new DeleteResourceCommand({ restApiId, resourceId: products }));
    expect(await paths(client, restApiId)).toEqual(['/']);
    await expect(
      client.send(new DeleteResourceCommand({ restApiId, resourceId: products })),
    ).rejects.toMatchObject({
      name: 'NotFoundException',
    });
    await expect(
      client.send(new DeleteResourceCommand({ restApiId, resourceId: rootId })),
    ).rejects.toMatchObject({
      name: 'BadRequestException',
    });
  });

  it('deletes an integration, then its method; a deployment then refuses the bare method', async () => {
    const { client, restApiId, product } = await restApi();
    await client.send(new DeleteIntegrationCommand({ restApiId, resourceId: product, httpMethod: 'GET' }));
    await expect(
      client.send(new GetIntegrationCommand({ restApiId, resourceId: product, httpMethod: 'GET' })),
    ).rejects.toMatchObject({ name: 'NotFoundException' });
    await expect(client.send(new CreateDeploymentCommand({ restApiId }))).rejects.toMatchObject({
      name: 'BadRequestException',
    });
    await client.send(new DeleteMethodCommand({ restApiId, resourceId: product, httpMethod: 'GET' }));
    await expect(
      client.send(new GetMethodCommand({ restApiId, resourceId: product, httpMethod: 'GET' })),
    ).rejects.toMatchObject({ name: 'NotFoundException' });
    await expect(
      client.send(new DeleteMethodCommand({ restApiId, resourceId: product, httpMethod: 'GET' })),
    ).rejects.toMatchObject({ name: 'NotFoundException' });
    expect((await client.send(new CreateDeploymentCommand({ restApiId }))).id).toBeDefined();
  });

  it('points an integration at another function with UpdateIntegration, checking it as PutIntegration does', async () => {
    const { client, restApiId, products } = await restApi();
    const updated = await client.send(
      new UpdateIntegrationCommand({
        restApiId,
        resourceId: products,
        httpMethod: 'GET',
        patchOperations: [
          { op: 'replace', path: '/uri', value: uri('catalog') },
          { op: 'replace', path: '/timeoutInMillis', value: '5000' },
        ],
      }),
    );
    expect(updated).toMatchObject({ uri: uri('catalog'), timeoutInMillis: 5000 });
    await expect(
      client.send(
        new UpdateIntegrationCommand({
          restApiId,
          resourceId: products,
          httpMethod: 'GET',
          patchOperations: [{ op: 'replace', path: '/uri', value: 'https://example.com' }],
        }),
      ),
    ).rejects.toMatchObject({ name: 'BadRequestException' });
    expect(
      (await client.send(new GetIntegrationCommand({ restApiId, resourceId: products, httpMethod: 'GET' })))
        .uri,
    ).toBe(uri('catalog'));
  });

  it('updates a method and refuses paths it does not know', async () => {
    const { client, restApiId, products } = await restApi();
    const method = await client.send(
      new UpdateMethodCommand({
        restApiId,
        resourceId: products,
        httpMethod: 'GET',
        patchOperations: [{ op: 'replace', path: '/apiKeyRequired', value: 'true' }],
      }),
    );
    expect(method.apiKeyRequired).toBe(true);
    await expect(
      client.send(
        new UpdateMethodCommand({
          restApiId,
          resourceId: products,
          httpMethod: 'GET',
          patchOperations: [{ op: 'replace', path: '/operationName', value: 'x' }],
        }),
      ),
    ).rejects.toMatchObject({ name: 'BadRequestException' });
  });

  it('deletes a stage', async () => {
    const { client, restApiId } = await restApi();
    const deployment = await client.send(new CreateDeploymentCommand({ restApiId }));
    await client.send(new CreateStageCommand({ restApiId, stageName: 'dev', deploymentId: deployment.id }));
    await client.send(new DeleteStageCommand({ restApiId, stageName: 'dev' }));
    await expect(client.send(new GetStageCommand({ restApiId, stageName: 'dev' }))).rejects.toMatchObject({
      name: 'NotFoundException',
    });
  });
});
