import { describe, expect, it } from 'vitest';
import { createStyle } from '../style.js';
import { renderPlan } from './plan.js';

describe('renderPlan', () => {
  // issue 14, defect 10: the plan shows each upload's Cache-Control, and when it is the default.
  it('shows the Cache-Control each file is uploaded with, marking the default', () => {
    const text = renderPlan(
      {
        environment: 'staging',
        nothingToDo: false,
        frontend: {
          bucket: 'site',
          distributionId: 'E1',
          upload: 2,
          delete: 0,
          unchanged: 0,
          keptStale: 0,
          uploadBytes: 20,
          drift: [],
          files: [
            {
              key: 'assets/app.1.js',
              reason: 'new',
              size: 10,
              cacheControl: 'public, max-age=31536000, immutable',
            },
            {
              key: 'robots.txt',
              reason: 'new',
              size: 10,
              cacheControl: 'public, max-age=300',
              cacheControlByDefault: true,
            },
          ],
          deletes: [],
        },
        invalidationPaths: [],
      },
      createStyle(false),
    );
    expect(text).toContain(
      '+ assets/app.1.js (new, 10 B, Cache-Control: public, max-age=31536000, immutable)',
    );
    expect(text).toContain(
      '+ robots.txt (new, 10 B, Cache-Control: public, max-age=300 (default: no rule matched))',
    );
  });

  it('warns when a file marked immutable changed under the same name', () => {
    const text = renderPlan(
      {
        environment: 'staging',
        nothingToDo: false,
        frontend: {
          bucket: 'site',
          distributionId: 'E1',
          upload: 1,
          delete: 0,
          unchanged: 0,
          keptStale: 0,
          uploadBytes: 10,
          drift: [],
          files: [{ key: 'assets/app.css', reason: 'changed', size: 10 }],
          deletes: [],
          immutableChanged: ['assets/app.css'],
        },
        invalidationPaths: ['/assets/app.css'],
      },
      createStyle(false),
    );
    expect(text).toContain('1 file(s) marked immutable changed under the same name (assets/app.css)');
  });

  it('says what happens to the API: routes added, pointed elsewhere and removed, permissions, autoDeploy, a new deployment', () => {
    const text = renderPlan(
      {
        environment: 'preview',
        nothingToDo: false,
        backend: {
          functions: [],
          api: {
            type: 'http',
            apiId: 'abc123',
            stage: '$default',
            redeploy: 'routes changed',
            routes: { add: ['POST /orders'], change: ['GET /products'], remove: ['GET /old'] },
            allowInvoke: ['arn:aws:lambda:us-east-1:123456789012:function:shop-orders:live'],
            turnOffAutoDeploy: true,
          },
        },
      },
      createStyle(false),
    );
    expect(text.split('\n').slice(1)).toEqual([
      '  route POST /orders: add',
      "  route GET /products: point at its function's alias",
      '  route GET /old: remove (not in backend.api.routes)',
      '  shop-orders:live: let the HTTP API invoke it',
      '  stage $default: turn autoDeploy off',
      '  stage $default: new deployment (routes changed)',
    ]);
  });
});
