import { describe, expect, it } from 'vitest';
import { functionArnOfUri, lambdaInvocationUri, parseFunctionArn, routeSourceArn } from './lambda-arn.js';

const ALIAS = 'arn:aws:lambda:eu-west-1:123456789012:function:shop-api:live';

describe('Lambda ARNs in API integrations', () => {
  it('takes a function ARN apart, with or without a qualifier', () => {
    expect(parseFunctionArn(ALIAS)).toEqual({
      partition: 'aws',
      region: 'eu-west-1',
      account: '123456789012',
      name: 'shop-api',
      qualifier: 'live',
    });
    expect(parseFunctionArn('arn:aws:lambda:eu-west-1:123456789012:function:shop-api')).not.toHaveProperty(
      'qualifier',
    );
    expect(parseFunctionArn('arn:aws:s3:::bucket')).toBeUndefined();
  });

  it('reads the function from a REST invocation URI and from an HTTP API integration URI', () => {
    expect(functionArnOfUri(lambdaInvocationUri(ALIAS))).toBe(ALIAS);
    expect(lambdaInvocationUri(ALIAS)).toBe(
      `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${ALIAS}/invocations`,
    );
    expect(functionArnOfUri(ALIAS)).toBe(ALIAS);
    expect(functionArnOfUri('https://example.com')).toBeUndefined();
  });

  it('names the source ARN API Gateway invokes a route with', () => {
    const arn = parseFunctionArn(ALIAS)!;
    expect(routeSourceArn(arn, 'abc', '$default', '$default')).toBe(
      'arn:aws:execute-api:eu-west-1:123456789012:abc/$default/$default',
    );
    expect(routeSourceArn(arn, 'abc', 'prod', 'ANY /products/{id}')).toBe(
      'arn:aws:execute-api:eu-west-1:123456789012:abc/prod/GET/products/{id}',
    );
  });
});
