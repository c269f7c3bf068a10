import { describe, expect, it } from 'vitest';
import { integrationTarget } from './api.js';

const method = (uri: string) => uri;
const lambdaUri = (target: string) =>
  `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${target}/invocations`;

describe('integrationTarget', () => {
  it('reads the function and its qualifier from a Lambda integration', () => {
    expect(integrationTarget(method(lambdaUri('shop-api:live')), {})).toEqual({
      name: 'shop-api',
      qualifier: 'live',
    });
    expect(integrationTarget(method(lambdaUri('shop-api')), {})).toEqual({ name: 'shop-api' });
  });
  it('fills in stage variables', () => {
    expect(
      integrationTarget(method(lambdaUri('shop-api:${stageVariables.alias}')), { alias: 'live' }),
    ).toEqual({
      name: 'shop-api',
      qualifier: 'live',
    });
  });
  it('reads a function ARN as HTTP APIs hold it', () => {
    expect(integrationTarget('arn:aws:lambda:us-east-1:123456789012:function:shop-api:live', {})).toEqual({
      name: 'shop-api',
      qualifier: 'live',
    });
  });
  it('ignores integrations that are not Lambda functions', () => {
    expect(integrationTarget(method('https://example.com/{proxy}'), {})).toBeUndefined();
  });
});
