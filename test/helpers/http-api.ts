import { ApiGatewayV2Client, CreateApiCommand, CreateIntegrationCommand } from '@aws-sdk/client-apigatewayv2';
import { sandbox } from './sandbox.js';

/** The shared setup of the HTTP API operation tests: a sandbox, a client and one API. */
export const FUNCTION = 'arn:aws:lambda:us-east-1:000000000000:function:shop-api:live';

export async function gateway(options: Parameters<typeof sandbox>[0] = {}) {
  const running = await sandbox(options);
  const client = new ApiGatewayV2Client(running.client);
  const api = await client.send(new CreateApiCommand({ Name: 'shop-dev', ProtocolType: 'HTTP' }));
  const integrate = (uri = FUNCTION) =>
    client.send(
      new CreateIntegrationCommand({
        ApiId: api.ApiId,
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: uri,
        PayloadFormatVersion: '2.0',
      }),
    );
  return { running, client, api, apiId: api.ApiId!, integrate };
}

export const rejection = (name: string, status: number) => ({ name, $metadata: { httpStatusCode: status } });
