import { describe, expect, it } from 'vitest';
import type { OmnixConfig } from '../../config/schema.js';
import { outputsOf } from './outputs.js';
import type { DeploymentPlan } from './plan-deployment.js';

const config = { aws: { region: 'eu-west-1' }, frontend: {}, backend: { api: {} } } as unknown as OmnixConfig;
const plan = {
  frontend: { distribution: { id: 'E1ABC', domainName: 'd111.cloudfront.net' } },
  backend: { api: { type: 'rest', apiId: 'a1b2c3', stage: 'development' } },
} as unknown as DeploymentPlan;

describe('where a deployment is served', () => {
  it("names CloudFront's domain and the execute-api URL on AWS", () => {
    expect(outputsOf(config, plan)).toEqual({
      siteUrl: 'https://d111.cloudfront.net',
      apiUrl: 'https://a1b2c3.execute-api.eu-west-1.amazonaws.com/development',
    });
  });

  it("names the sandbox's serving paths on an omnix sandbox (issue 14, defect 2)", () => {
    expect(outputsOf(config, plan, 'http://127.0.0.1:4599')).toEqual({
      siteUrl: 'http://127.0.0.1:4599/_omnix/cloudfront/E1ABC/',
      apiUrl: 'http://127.0.0.1:4599/_omnix/apigateway/a1b2c3/development',
    });
  });

  it("serves an HTTP API's $default stage at the API's own URL, and a named stage under its name", () => {
    const http = (stage: string) =>
      ({ ...plan, backend: { api: { type: 'http', apiId: 'h1j2k3', stage } } }) as unknown as DeploymentPlan;
    expect(outputsOf(config, http('$default')).apiUrl).toBe(
      'https://h1j2k3.execute-api.eu-west-1.amazonaws.com',
    );
    expect(outputsOf(config, http('beta')).apiUrl).toBe(
      'https://h1j2k3.execute-api.eu-west-1.amazonaws.com/beta',
    );
    expect(outputsOf(config, http('$default'), 'http://127.0.0.1:4599').apiUrl).toBe(
      'http://127.0.0.1:4599/_omnix/apigateway/h1j2k3',
    );
  });

  it('keeps configured URLs wherever it deploys', () => {
    const custom = {
      ...config,
      frontend: { url: 'https://shop.example' },
      backend: { api: { url: 'https://api.shop.example' } },
    } as unknown as OmnixConfig;
    expect(outputsOf(custom, plan, 'http://127.0.0.1:4599')).toEqual({
      siteUrl: 'https://shop.example',
      apiUrl: 'https://api.shop.example',
    });
  });
});
