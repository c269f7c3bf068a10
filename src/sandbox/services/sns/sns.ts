import { randomUUID } from 'node:crypto';
import type { ResolvedSandboxOptions } from '../../options.js';
import { Persistence } from '../../persistence.js';
import { AwsError } from '../../protocol/aws-error.js';
import { queryParams, renderErrorResponse, unknownAction } from '../../protocol/query-service.js';
import { type XmlNode, xmlDocument } from '../../protocol/xml.js';
import {
  type SandboxRequest,
  type SandboxResponse,
  type SandboxService,
  xmlResponse,
} from '../../service.js';

const NAMESPACE = 'http://sns.amazonaws.com/doc/2010-03-31/';
const COLLECTION = 'sns/topics';
/** What Publish accepts at most (the message and its attributes), as on AWS. */
const MAX_MESSAGE_BYTES = 262_144;
/** Messages kept per topic for `/_omnix/sns/<topic>`: the sandbox delivers nowhere, so this is what was sent. */
const KEPT_MESSAGES = 200;
const PAGE = 100;

export interface PublishedMessage {
  MessageId: string;
  Subject?: string;
  Message: string;
  MessageAttributes: Record<string, { DataType: string; StringValue?: string }>;
  Timestamp: string;
}

interface Topic {
  TopicArn: string;
  Name: string;
  Attributes: Record<string, string>;
  messages: PublishedMessage[];
}

const invalid = (what: string) => new AwsError('InvalidParameter', `Invalid parameter: ${what}`, 400);
const notFound = () => new AwsError('NotFound', 'Topic does not exist', 404);

/**
 * A query-protocol map (`Prefix.entry.N.key`, 1-based and contiguous): each entry's key, and the parameter
 * name its value is under (`Prefix.entry.N.value`, itself a prefix when the value is a structure).
 */
function queryMap(
  params: URLSearchParams,
  prefix: string,
  key = 'key',
  value = 'value',
): Map<string, string> {
  const entries = new Map<string, string>();
  for (let n = 1; params.has(`${prefix}.entry.${n}.${key}`); n++)
    entries.set(params.get(`${prefix}.entry.${n}.${key}`)!, `${prefix}.entry.${n}.${value}`);
  return entries;
}

/**
 * SNS topics and Publish in the AWS Query protocol (botocore `sns` 2010-03-31): CreateTopic (idempotent by
 * name), ListTopics, GetTopicAttributes, DeleteTopic, Publish. Nothing is delivered to subscribers; each
 * topic keeps what was published to it, readable at `/_omnix/sns/<topic name>` (see SPEC.md).
 */
export function createSnsService(options: ResolvedSandboxOptions, persistence: Persistence) {
  const topics = new Map<string, Topic>();
  for (const topic of persistence.readRecords<Topic>(COLLECTION)) topics.set(topic.TopicArn, topic);
  const save = (topic: Topic) => {
    topics.set(topic.TopicArn, topic);
    persistence.writeRecord(COLLECTION, Persistence.safeName(topic.TopicArn), topic);
  };
  const respond = (action: string, request: SandboxRequest, result?: XmlNode): SandboxResponse =>
    xmlResponse(
      xmlDocument(`${action}Response`, NAMESPACE, {
        ...(result ? { [`${action}Result`]: result } : {}),
        ResponseMetadata: { RequestId: request.requestId },
      }),
    );
  const existing = (arn: string | null): Topic => {
    if (!arn) throw invalid('TopicArn');
    if (!/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$/.test(arn))
      throw invalid('TopicArn');
    const topic = topics.get(arn);
    if (!topic) throw notFound();
    return topic;
  };

  const operations: Record<string, (params: URLSearchParams, request: SandboxRequest) => SandboxResponse> = {
    CreateTopic(params, request) {
      const name = params.get('Name');
      if (name === null) throw invalid('Name');
      const attributes = Object.fromEntries(
        [...queryMap(params, 'Attributes')].map(([key, path]) => [key, params.get(path) ?? '']),
      );
      const fifo = attributes.FifoTopic === 'true';
      if (
        !/^[A-Za-z0-9_-]{1,256}$/.test(fifo ? name.replace(/\.fifo$/, '') : name) ||
        fifo !== name.endsWith('.fifo')
      )
        throw invalid('Topic Name');
      const arn = `arn:aws:sns:${request.scope?.region ?? 'us-east-1'}:${options.accountId}:${name}`;
      const found = topics.get(arn);
      if (found) {
        // Same name again: the same topic, unless it asks for other attributes.
        for (const [key, value] of Object.entries(attributes))
          if (found.Attributes[key] !== undefined && found.Attributes[key] !== value)
            throw invalid('Topic already exists with different attributes');
        return respond('CreateTopic', request, { TopicArn: arn });
      }
      save({ TopicArn: arn, Name: name, Attributes: attributes, messages: [] });
      return respond('CreateTopic', request, { TopicArn: arn });
    },
    ListTopics(params, request) {
      const all = [...topics.keys()].sort();
      const token = params.get('NextToken');
      const start = token === null ? 0 : decodeToken(token);
      const page = all.slice(start, start + PAGE);
      const next = start + PAGE < all.length ? encodeToken(start + PAGE) : undefined;
      return respond('ListTopics', request, {
        Topics: { member: page.map((TopicArn) => ({ TopicArn })) },
        NextToken: next,
      });
    },
    GetTopicAttributes(params, request) {
      const topic = existing(params.get('TopicArn'));
      const attributes: Record<string, string> = {
        ...topic.Attributes,
        TopicArn: topic.TopicArn,
        Owner: options.accountId,
        DisplayName: topic.Attributes.DisplayName ?? '',
        SubscriptionsConfirmed: '0',
        SubscriptionsPending: '0',
        SubscriptionsDeleted: '0',
      };
      return respond('GetTopicAttributes', request, {
        Attributes: { entry: Object.entries(attributes).map(([key, value]) => ({ key, value })) },
      });
    },
    DeleteTopic(params, request) {
      const arn = params.get('TopicArn');
      if (!arn) throw invalid('TopicArn');
      // Deleting a topic that does not exist is not an error (AWS documents this).
      if (topics.delete(arn)) persistence.deleteRecord(COLLECTION, Persistence.safeName(arn));
      return respond('DeleteTopic', request);
    },
    Publish(params, request) {
      const message = params.get('Message');
      if (message === null)
        throw new AwsError(
          'ValidationError',
          "1 validation error detected: Value null at 'message' failed to satisfy constraint: Member must not be null",
          400,
        );
      const arn = params.get('TopicArn') ?? params.get('TargetArn');
      if (!arn) {
        if (params.get('PhoneNumber')) throw invalid('PhoneNumber: SMS is not sent by the sandbox');
        throw invalid('TopicArn or TargetArn Reason: no value for required parameter');
      }
      const topic = existing(arn);
      if (message === '') throw invalid('Empty message');
      const subject = params.get('Subject');
      if (subject !== null && (subject === '' || subject.length > 100 || !/^[\x20-\x7e]*$/.test(subject)))
        throw invalid('Subject');
      if (params.get('MessageStructure') === 'json') {
        let parsed: unknown;
        try {
          parsed = JSON.parse(message);
        } catch {
          throw invalid('Message Structure - JSON message body failed to parse');
        }
        if (typeof (parsed as { default?: unknown })?.default !== 'string')
          throw invalid('Message Structure - No default entry in JSON message body');
      }
      const attributes: PublishedMessage['MessageAttributes'] = {};
      for (const [name, path] of queryMap(params, 'MessageAttributes', 'Name', 'Value')) {
        const dataType = params.get(`${path}.DataType`);
        const value = params.get(`${path}.StringValue`) ?? undefined;
        if (!dataType || !/^(String|Number|Binary)(\..+)?$/.test(dataType))
          throw invalid(
            `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`,
          );
        if (!dataType.startsWith('Binary') && (value === undefined || value === ''))
          throw invalid(
            `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${dataType}'.`,
          );
        attributes[name] = { DataType: dataType, ...(value !== undefined ? { StringValue: value } : {}) };
      }
      const size =
        Buffer.byteLength(message) +
        Object.entries(attributes).reduce(
          (sum, [name, value]) =>
            sum +
            Buffer.byteLength(name) +
            Buffer.byteLength(value.DataType) +
            Buffer.byteLength(value.StringValue ?? ''),
          0,
        );
      if (size > MAX_MESSAGE_BYTES) throw invalid('Message too long');
      const published: PublishedMessage = {
        MessageId: randomUUID(),
        ...(subject !== null ? { Subject: subject } : {}),
        Message: message,
        MessageAttributes: attributes,
        Timestamp: new Date().toISOString(),
      };
      save({ ...topic, messages: [...topic.messages, published].slice(-KEPT_MESSAGES) });
      return respond('Publish', request, { MessageId: published.MessageId });
    },
  };

  const service: SandboxService = {
    name: 'sns',
    renderError: (error, requestId) => renderErrorResponse(NAMESPACE, error, requestId),
    route(request) {
      const params = queryParams(request);
      const action = params.get('Action');
      const run = action !== null && Object.hasOwn(operations, action) ? operations[action] : undefined;
      if (!run) throw unknownAction(action);
      return { name: action!, run: () => run(params, request) };
    },
  };

  /** `GET /_omnix/sns/<topic name>`: what was published to the topic, oldest first (for tests and the demo). */
  const server = async (request: SandboxRequest, rest: string): Promise<SandboxResponse> => {
    const topic = [...topics.values()].find((candidate) => candidate.Name === decodeURIComponent(rest));
    if (request.method !== 'GET') return { status: 405, body: 'Only GET is served.' };
    if (!topic) return { status: 404, body: `No topic ${rest} in this sandbox.` };
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ TopicArn: topic.TopicArn, messages: topic.messages }),
    };
  };
  return { service, server };
}

const encodeToken = (offset: number) => Buffer.from(`topics:${offset}`).toString('base64');

function decodeToken(token: string): number {
  const match = /^topics:(\d+)$/.exec(Buffer.from(token, 'base64').toString());
  if (!match) throw invalid('NextToken');
  return Number(match[1]);
}
