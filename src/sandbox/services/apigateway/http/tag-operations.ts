import { jsonResponse } from '../../../service.js';
import type { Route } from '../context.js';
import type { HttpApiContext } from './context.js';
import { stringMap } from './fields.js';
import { notFound } from './state.js';

/** TagResource, GetTags, UntagResource on an HTTP API's ARN (`arn:aws:apigateway:<region>::/apis/<id>`). */
export function tagOperations(ctx: HttpApiContext): Route[] {
  const apiOf = (arn: string) => {
    const id = /^arn:aws[a-z-]*:apigateway:[a-z0-9-]+::\/apis\/([a-z0-9]+)$/.exec(arn)?.[1];
    const api = id ? ctx.state.apis.get(id) : undefined;
    if (!api) throw notFound(`Unable to find resource ${arn.slice(0, 300)}`);
    return api;
  };
  return [
    [
      'POST',
      /^\/v2\/tags\/(.+)$/,
      'TagResource',
      (request, [arn]) => {
        const api = apiOf(arn!);
        api.tags = { ...api.tags, ...stringMap(ctx.readJson(request), 'tags') };
        ctx.state.save(api);
        return jsonResponse({}, 201);
      },
    ],
    ['GET', /^\/v2\/tags\/(.+)$/, 'GetTags', (_request, [arn]) => jsonResponse({ tags: apiOf(arn!).tags })],
    [
      'DELETE',
      /^\/v2\/tags\/(.+)$/,
      'UntagResource',
      (request, [arn]) => {
        const api = apiOf(arn!);
        const remove = new Set(request.query.getAll('tagKeys'));
        api.tags = Object.fromEntries(Object.entries(api.tags).filter(([key]) => !remove.has(key)));
        ctx.state.save(api);
        return { status: 204, headers: {} };
      },
    ],
  ];
}
