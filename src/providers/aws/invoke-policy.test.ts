import { describe, expect, it } from 'vitest';
import { allowsApiGateway, matchesPattern } from './invoke-policy.js';
import type { PolicyStatement } from './lambda-permission.js';

const SOURCE = 'arn:aws:execute-api:us-east-1:123456789012:abc123/$default/GET/products';
const statement = (extra: Partial<PolicyStatement> = {}): PolicyStatement => ({
  Sid: 's',
  Effect: 'Allow',
  Principal: { Service: 'apigateway.amazonaws.com' },
  Action: 'lambda:InvokeFunction',
  Resource: 'arn:aws:lambda:us-east-1:123456789012:function:shop-api:live',
  ...extra,
});
const arnLike = (pattern: string) => ({ Condition: { ArnLike: { 'AWS:SourceArn': pattern } } });

describe('matchesPattern', () => {
  it('matches * across any characters and ? one', () => {
    expect(matchesPattern('arn:aws:execute-api:*:*:abc123/*', SOURCE)).toBe(true);
    expect(matchesPattern('arn:aws:execute-api:us-east-1:123456789012:other/*', SOURCE)).toBe(false);
    expect(matchesPattern('a?c', 'abc')).toBe(true);
    expect(matchesPattern('a?c', 'ac')).toBe(false);
  });

  it('stays linear on many stars against a long text', () => {
    expect(matchesPattern(`${'*a'.repeat(200)}b`, 'a'.repeat(20_000))).toBe(false);
  });
});

describe('allowsApiGateway', () => {
  it('allows API Gateway from a matching source ARN', () => {
    expect(
      allowsApiGateway(statement(arnLike('arn:aws:execute-api:us-east-1:123456789012:abc123/*')), SOURCE),
    ).toBe(true);
    expect(allowsApiGateway(statement(), SOURCE)).toBe(true);
  });

  it('refuses another API, another principal, another action, or a Deny', () => {
    expect(
      allowsApiGateway(statement(arnLike('arn:aws:execute-api:us-east-1:123456789012:zzz/*')), SOURCE),
    ).toBe(false);
    expect(allowsApiGateway(statement({ Principal: { Service: 'sns.amazonaws.com' } }), SOURCE)).toBe(false);
    expect(allowsApiGateway(statement({ Action: 'lambda:GetFunction' }), SOURCE)).toBe(false);
    expect(allowsApiGateway(statement({ Effect: 'Deny' }), SOURCE)).toBe(false);
  });

  it('checks the source account', () => {
    const account = (value: string) =>
      statement({ Condition: { StringEquals: { 'AWS:SourceAccount': value } } });
    expect(allowsApiGateway(account('123456789012'), SOURCE)).toBe(true);
    expect(allowsApiGateway(account('999999999999'), SOURCE)).toBe(false);
  });
});
