import { describe, expect, it } from 'vitest';
import { sandbox } from '../../../test/helpers/sandbox.js';

/** The three JSON-protocol services, with the target prefix and content type each speaks. */
const SERVICES = [
  {
    service: 'monitoring',
    prefix: 'GraniteServiceVersion20100801.',
    type: 'application/x-amz-json-1.0',
    known: 'DescribeAlarms',
  },
  { service: 'ssm', prefix: 'AmazonSSM.', type: 'application/x-amz-json-1.1', known: 'GetParameters' },
  {
    service: 'logs',
    prefix: 'Logs_20140328.',
    type: 'application/x-amz-json-1.1',
    known: 'DescribeLogGroups',
  },
];

async function call(endpoint: string, service: string, target: string, type: string, body = '{}') {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      authorization: `AWS4-HMAC-SHA256 Credential=AKIASANDBOXTEST/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`,
      'content-type': type,
      'x-amz-target': target,
    },
    body,
  });
  const json = (await response.json()) as { __type?: string };
  return { status: response.status, type: response.headers.get('content-type'), json };
}

describe.each(SERVICES)('the JSON protocol dispatch of $service', ({ service, prefix, type, known }) => {
  it('treats names inherited from Object.prototype as unknown operations', async () => {
    const running = await sandbox();
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      const answer = await call(running.endpoint, service, `${prefix}${name}`, type);
      expect(answer.status).toBe(400);
      expect(answer.type).toBe(type);
      expect(answer.json.__type).toMatch(/(^|#)UnknownOperationException$/);
    }
  });

  it('answers a known operation in its content type, and malformed JSON with SerializationException', async () => {
    const running = await sandbox();
    const ok = await call(
      running.endpoint,
      service,
      `${prefix}${known}`,
      type,
      service === 'ssm' ? '{"Names":["x"]}' : '{}',
    );
    expect(ok).toMatchObject({ status: 200, type });
    const bad = await call(running.endpoint, service, `${prefix}${known}`, type, '{not json');
    expect(bad.status).toBe(400);
    expect(bad.json.__type).toMatch(/(^|#)SerializationException$/);
    const other = await call(running.endpoint, service, `SomeoneElse_20200101.${known}`, type);
    expect(other.json.__type).toMatch(/(^|#)UnknownOperationException$/);
  });
});
