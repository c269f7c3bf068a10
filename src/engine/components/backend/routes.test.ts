import { describe, expect, it } from 'vitest';
import type { LiveRoute } from '../../../providers/aws/api-kind.js';
import { describeRoutesDiff, planRoutes, routeChanges, routeKeysOn } from './routes.js';

const live = (key: string, integration: string): LiveRoute => ({ key, integration, uri: '' });

describe('planRoutes', () => {
  it('adds missing routes, changes routes to another integration, and removes routes the configuration lacks', () => {
    const diff = planRoutes(
      [
        { key: 'GET /a', integration: 'to api' },
        { key: 'GET /b', integration: 'to worker' },
        { key: 'GET /c', integration: 'to api' },
      ],
      [live('GET /a', 'to api'), live('GET /b', 'to api'), live('GET /old', 'to api')],
    );
    expect(diff).toEqual({ add: ['GET /c'], change: ['GET /b'], remove: ['GET /old'] });
    expect(describeRoutesDiff(diff)).toBe('+GET /c, ~GET /b, -GET /old');
  });

  it('changes nothing when every route has its integration', () => {
    expect(planRoutes([{ key: '$default', integration: 'x' }], [live('$default', 'x')])).toEqual({
      add: [],
      change: [],
      remove: [],
    });
  });

  it('puts the added and changed routes with their alias, and removes by key', () => {
    const wanted = [
      { key: 'GET /a', function: 'f', alias: 'live', aliasArn: 'arn:f:live' },
      { key: 'GET /b', function: 'g', alias: 'live', aliasArn: 'arn:g:live' },
    ];
    expect(routeChanges(wanted, { add: ['GET /b'], change: [], remove: ['GET /c'] })).toEqual({
      put: [{ key: 'GET /b', aliasArn: 'arn:g:live' }],
      remove: ['GET /c'],
    });
  });
});

describe('routeKeysOn', () => {
  it('makes $default the two catch-all methods of a REST API, and leaves HTTP API keys as they are', () => {
    expect(routeKeysOn('rest', '$default')).toEqual(['ANY /', 'ANY /{proxy+}']);
    expect(routeKeysOn('http', '$default')).toEqual(['$default']);
    expect(routeKeysOn('rest', 'GET /a')).toEqual(['GET /a']);
  });
});
