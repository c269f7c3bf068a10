import type { ResolvedSandboxOptions } from '../../options.js';
import type { Persistence } from '../../persistence.js';
import { AwsError } from '../../protocol/aws-error.js';
import { type XmlNode, xmlDocument } from '../../protocol/xml.js';
import { type SandboxRequest, type SandboxResponse, xmlResponse } from '../../service.js';
import type { S3Store } from './store.js';

export const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** What every S3 operation works with: the request, its bucket and key, and the store. */
export interface S3Context {
  request: SandboxRequest;
  bucket: string;
  key: string;
  store: S3Store;
  persistence: Persistence;
  options: ResolvedSandboxOptions;
}

export const s3Xml = (
  root: string,
  body: XmlNode,
  headers: Record<string, string> = {},
  status = 200,
): SandboxResponse => xmlResponse(xmlDocument(root, S3_NAMESPACE, body), status, headers);

export const isoDate = (iso: string) => new Date(iso).toISOString().replace(/\.\d{3}Z$/, '.000Z');

export function requireKeyLength(key: string): void {
  if (Buffer.byteLength(key) > 1024)
    throw new AwsError('KeyTooLongError', 'Your key is too long', 400, { Key: key.slice(0, 64) });
}

export const OWNER = {
  ID: '75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a',
  DisplayName: 'sandbox',
};
