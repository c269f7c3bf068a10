import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onTestFinished } from 'vitest';

export interface FakeAwsData {
  stacks: Record<string, Record<string, string>>;
  parameters: Record<string, string>;
}

/**
 * A loopback endpoint answering just CloudFormation DescribeStacks (Query protocol, XML) and SSM
 * GetParameter (JSON 1.1) as the AWS API references describe them, so the real SDK clients built by
 * our factory can be exercised over the wire. Counts requests per operation.
 */
export async function fakeAwsEndpoint(
  data: FakeAwsData,
): Promise<{ endpoint: string; calls: Record<string, number> }> {
  const calls: Record<string, number> = {};
  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    const target = request.headers['x-amz-target'];
    if (target === 'AmazonSSM.GetParameter') {
      calls.GetParameter = (calls.GetParameter ?? 0) + 1;
      const { Name } = JSON.parse(body) as { Name: string };
      const value = data.parameters[Name];
      response.setHeader('content-type', 'application/x-amz-json-1.1');
      if (value === undefined) {
        response.statusCode = 400;
        response.end(JSON.stringify({ __type: 'ParameterNotFound', message: '' }));
        return;
      }
      response.end(JSON.stringify({ Parameter: { Name, Value: value, Type: 'SecureString', Version: 1 } }));
      return;
    }
    const form = new URLSearchParams(body);
    if (form.get('Action') === 'DescribeStacks') {
      calls.DescribeStacks = (calls.DescribeStacks ?? 0) + 1;
      const name = form.get('StackName') ?? '';
      const outputs = data.stacks[name];
      response.setHeader('content-type', 'text/xml');
      if (!outputs) {
        response.statusCode = 400;
        response.end(
          `<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id ${name} does not exist</Message></Error><RequestId>r1</RequestId></ErrorResponse>`,
        );
        return;
      }
      const members = Object.entries(outputs)
        .map(
          ([key, value]) =>
            `<member><OutputKey>${key}</OutputKey><OutputValue>${value}</OutputValue></member>`,
        )
        .join('');
      response.end(
        `<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult><Stacks><member><StackName>${name}</StackName><StackId>arn:aws:cloudformation:us-east-1:123456789012:stack/${name}/1</StackId><CreationTime>2026-01-01T00:00:00Z</CreationTime><StackStatus>CREATE_COMPLETE</StackStatus><Outputs>${members}</Outputs></member></Stacks></DescribeStacksResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></DescribeStacksResponse>`,
      );
      return;
    }
    response.statusCode = 400;
    response.end('unsupported');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
