import { randomBytes } from 'node:crypto';
import type { ResolvedSandboxOptions } from '../../options.js';
import { AwsError } from '../../protocol/aws-error.js';
import { renderErrorResponse } from '../../protocol/query-service.js';
import { asList, parseXml, type XmlNode, xmlDocument } from '../../protocol/xml.js';
import { type Operation, type SandboxRequest, type SandboxService, xmlResponse } from '../../service.js';
import type { DistributionRecord, InvalidationRecord } from './model.js';
import { originsOf } from './origins.js';
import type { CloudFrontState } from './state.js';

const malformedInput = () => new AwsError('MalformedInput', 'The request body is not well-formed XML.', 400);

export const CLOUDFRONT_NAMESPACE = 'http://cloudfront.amazonaws.com/doc/2020-05-31/';
const MAX_PATHS_IN_PROGRESS = 3000;
const MAX_WILDCARDS_IN_PROGRESS = 15;

const cloudFrontId = (prefix: string) => prefix + randomBytes(10).toString('hex').toUpperCase().slice(0, 13);
function distributionXml(record: DistributionRecord, state: CloudFrontState, accountId: string): XmlNode {
  const inProgress = [...state.invalidations.values()].filter(
    (i) => i.distributionId === record.id && state.status(i) === 'InProgress',
  ).length;
  return {
    Id: record.id,
    ARN: `arn:aws:cloudfront::${accountId}:distribution/${record.id}`,
    Status: 'Deployed',
    LastModifiedTime: record.lastModified,
    InProgressInvalidationBatches: inProgress,
    DomainName: `${record.id.toLowerCase()}.cloudfront.net`,
    ActiveTrustedSigners: { Enabled: false, Quantity: 0 },
    ActiveTrustedKeyGroups: { Enabled: false, Quantity: 0 },
    DistributionConfig: record.config,
  };
}

function invalidationXml(invalidation: InvalidationRecord, state: CloudFrontState): XmlNode {
  return {
    Id: invalidation.id,
    Status: state.status(invalidation),
    CreateTime: invalidation.created,
    InvalidationBatch: {
      Paths: { Quantity: invalidation.paths.length, Items: { Path: invalidation.paths } },
      CallerReference: invalidation.callerReference,
    },
  };
}

const doc = (root: string, body: XmlNode, status = 200, headers: Record<string, string> = {}) =>
  xmlResponse(xmlDocument(root, CLOUDFRONT_NAMESPACE, body), status, headers);

export function createCloudFrontService(
  options: ResolvedSandboxOptions,
  state: CloudFrontState,
): SandboxService {
  const page = <T>(items: T[], marker: string | null, maxItems: string | null, id: (item: T) => string) => {
    const size = Math.min(Number(maxItems ?? 100) || 100, options.pageSize);
    const start = marker ? items.findIndex((item) => id(item) === marker) + 1 : 0;
    const slice = items.slice(start, start + size);
    const truncated = start + size < items.length;
    return { slice, size, truncated, next: truncated ? id(slice.at(-1)!) : undefined };
  };

  /** The list envelope CloudFront uses: Marker, NextMarker, MaxItems, IsTruncated, Quantity, Items. */
  const listDocument = <T>(
    root: string,
    itemTag: string,
    items: T[],
    request: SandboxRequest,
    id: (item: T) => string,
    render: (item: T) => XmlNode,
  ) => {
    const { slice, size, truncated, next } = page(
      items,
      request.query.get('Marker'),
      request.query.get('MaxItems'),
      id,
    );
    return doc(root, {
      Marker: request.query.get('Marker') ?? '',
      ...(next ? { NextMarker: next } : {}),
      MaxItems: size,
      IsTruncated: truncated,
      Quantity: slice.length,
      ...(slice.length > 0 ? { Items: { [itemTag]: slice.map(render) } } : {}),
    });
  };

  const operations: Array<{
    method: string;
    pattern: RegExp;
    name: string;
    run: (
      match: RegExpExecArray,
      request: Parameters<SandboxService['route']>[0],
    ) => ReturnType<Operation['run']>;
  }> = [
    {
      method: 'POST',
      pattern: /^\/2020-05-31\/distribution$/,
      name: 'CreateDistribution',
      run: (_match, request) => {
        const config = parseXml(request.body.toString('utf8'), malformedInput).DistributionConfig as
          | XmlNode
          | undefined;
        if (!config || typeof config !== 'object')
          throw new AwsError('MalformedInput', 'The request body is not a DistributionConfig.', 400);
        if (originsOf(config).length === 0)
          throw new AwsError('InvalidOrigin', 'The distribution needs at least one origin.', 400);
        const duplicate = [...state.distributions.values()].find(
          (d) => d.config.CallerReference === config.CallerReference,
        );
        if (duplicate)
          throw new AwsError(
            'DistributionAlreadyExists',
            `A distribution with CallerReference ${String(config.CallerReference)} already exists: ${duplicate.id}`,
            409,
          );
        const now = new Date().toISOString();
        const record: DistributionRecord = {
          id: cloudFrontId('E'),
          config,
          etag: cloudFrontId('E'),
          created: now,
          lastModified: now,
        };
        state.saveDistribution(record);
        return doc('Distribution', distributionXml(record, state, options.accountId), 201, {
          location: `https://cloudfront.amazonaws.com/2020-05-31/distribution/${record.id}`,
          etag: record.etag,
        });
      },
    },
    {
      method: 'GET',
      pattern: /^\/2020-05-31\/distribution$/,
      name: 'ListDistributions',
      run: (_match, request) => {
        const all = [...state.distributions.values()].sort(
          (a, b) => a.created.localeCompare(b.created) || a.id.localeCompare(b.id),
        );
        return listDocument(
          'DistributionList',
          'DistributionSummary',
          all,
          request,
          (d) => d.id,
          (d) => {
            const {
              DistributionConfig,
              ActiveTrustedSigners: _s,
              ActiveTrustedKeyGroups: _k,
              InProgressInvalidationBatches: _i,
              ...summary
            } = distributionXml(d, state, options.accountId);
            const config = DistributionConfig as XmlNode;
            return {
              ...summary,
              Aliases: config.Aliases ?? { Quantity: 0 },
              Origins: config.Origins,
              DefaultCacheBehavior: config.DefaultCacheBehavior,
              Comment: config.Comment ?? '',
              Enabled: config.Enabled ?? true,
            };
          },
        );
      },
    },
    {
      method: 'GET',
      pattern: /^\/2020-05-31\/distribution\/([^/]+)$/,
      name: 'GetDistribution',
      run: (match) => {
        const record = state.distribution(match[1]!);
        return doc('Distribution', distributionXml(record, state, options.accountId), 200, {
          etag: record.etag,
        });
      },
    },
    {
      method: 'GET',
      pattern: /^\/2020-05-31\/distribution\/([^/]+)\/config$/,
      name: 'GetDistributionConfig',
      run: (match) => {
        const record = state.distribution(match[1]!);
        return doc('DistributionConfig', record.config, 200, { etag: record.etag });
      },
    },
    {
      method: 'POST',
      pattern: /^\/2020-05-31\/distribution\/([^/]+)\/invalidation$/,
      name: 'CreateInvalidation',
      run: (match, request) => {
        const distribution = state.distribution(match[1]!);
        const batch = parseXml(request.body.toString('utf8'), malformedInput).InvalidationBatch as
          | XmlNode
          | undefined;
        const pathsNode = batch?.Paths as XmlNode | undefined;
        const paths = asList(
          (pathsNode?.Items as XmlNode | undefined)?.Path as string | string[] | undefined,
        ).map(String);
        if (!batch || paths.length === 0)
          throw new AwsError('MalformedInput', 'The InvalidationBatch needs at least one path.', 400);
        if (Number(pathsNode?.Quantity) !== paths.length) {
          throw new AwsError(
            'InconsistentQuantities',
            "The value of Quantity and the size of Items don't match.",
            400,
          );
        }
        const bad = paths.find((path) => !path.startsWith('/') || path.slice(0, -1).includes('*'));
        if (bad)
          throw new AwsError(
            'InvalidArgument',
            `Invalid path: ${bad}. Paths start with / and may end with one *.`,
            400,
          );
        const existing = [...state.invalidations.values()].find(
          (i) => i.distributionId === distribution.id && i.callerReference === String(batch.CallerReference),
        );
        if (existing)
          return doc('Invalidation', invalidationXml(existing, state), 201, {
            location: `/2020-05-31/distribution/${distribution.id}/invalidation/${existing.id}`,
          });
        state.settle();
        const inProgress = [...state.invalidations.values()].filter(
          (i) => i.distributionId === distribution.id && state.status(i) === 'InProgress',
        );
        const wildcards = (list: string[]) => list.filter((p) => p.endsWith('*')).length;
        const files = (list: string[]) => list.filter((p) => !p.endsWith('*')).length;
        if (
          inProgress.reduce((n, i) => n + files(i.paths), 0) + files(paths) > MAX_PATHS_IN_PROGRESS ||
          inProgress.reduce((n, i) => n + wildcards(i.paths), 0) + wildcards(paths) >
            MAX_WILDCARDS_IN_PROGRESS
        ) {
          throw new AwsError(
            'TooManyInvalidationsInProgress',
            'Processing your request will cause you to exceed the maximum number of in-progress wildcard invalidations or in-progress invalidation requests.',
            400,
          );
        }
        const now = Date.now();
        const invalidation: InvalidationRecord = {
          id: cloudFrontId('I'),
          distributionId: distribution.id,
          paths,
          callerReference: String(batch.CallerReference ?? ''),
          created: new Date(now).toISOString(),
          completesAt: new Date(now + options.invalidationMs).toISOString(),
          applied: false,
        };
        state.saveInvalidation(invalidation);
        return doc('Invalidation', invalidationXml(invalidation, state), 201, {
          location: `https://cloudfront.amazonaws.com/2020-05-31/distribution/${distribution.id}/invalidation/${invalidation.id}`,
        });
      },
    },
    {
      method: 'GET',
      pattern: /^\/2020-05-31\/distribution\/([^/]+)\/invalidation\/([^/]+)$/,
      name: 'GetInvalidation',
      run: (match) => {
        state.distribution(match[1]!);
        state.settle();
        const invalidation = state.invalidations.get(match[2]!);
        if (!invalidation || invalidation.distributionId !== match[1]) {
          throw new AwsError('NoSuchInvalidation', 'The specified invalidation does not exist.', 404);
        }
        return doc('Invalidation', invalidationXml(invalidation, state));
      },
    },
    {
      method: 'GET',
      pattern: /^\/2020-05-31\/distribution\/([^/]+)\/invalidation$/,
      name: 'ListInvalidations',
      run: (match, request) => {
        state.distribution(match[1]!);
        state.settle();
        const all = [...state.invalidations.values()]
          .filter((i) => i.distributionId === match[1])
          .sort((a, b) => b.created.localeCompare(a.created));
        return listDocument(
          'InvalidationList',
          'InvalidationSummary',
          all,
          request,
          (i) => i.id,
          (i) => ({
            Id: i.id,
            CreateTime: i.created,
            Status: state.status(i),
          }),
        );
      },
    },
  ];

  return {
    name: 'cloudfront',
    renderError: (error, requestId) => renderErrorResponse(CLOUDFRONT_NAMESPACE, error, requestId),
    route(request) {
      for (const operation of operations) {
        const match = operation.pattern.exec(request.rawPath);
        if (match && operation.method === request.method)
          return { name: operation.name, run: () => operation.run(match, request) };
      }
      throw new AwsError(
        'InvalidAction',
        `The sandbox does not implement ${request.method} ${request.rawPath}`,
        400,
      );
    },
  };
}
