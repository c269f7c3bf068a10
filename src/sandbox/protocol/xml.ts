import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AwsError } from './aws-error.js';

export function escapeXml(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );
}

export type XmlValue = string | number | boolean | undefined | null | XmlNode | XmlValue[];
export interface XmlNode {
  [tag: string]: XmlValue;
}

/** Serializes `{ Tag: value }`; arrays repeat the tag, undefined and null are left out. */
export function toXml(node: XmlNode): string {
  let out = '';
  for (const [tag, value] of Object.entries(node)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || item === null) continue;
      if (typeof item === 'object' && !Array.isArray(item)) out += `<${tag}>${toXml(item)}</${tag}>`;
      else out += `<${tag}>${escapeXml(String(item))}</${tag}>`;
    }
  }
  return out;
}

/** A whole document with its root element and namespace. */
export function xmlDocument(root: string, namespace: string | undefined, body: XmlNode): string {
  const ns = namespace ? ` xmlns="${namespace}"` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${ns}>${toXml(body)}</${root}>`;
}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  removeNSPrefix: true,
});

/** S3's answer to a body that is not well-formed XML. */
export const malformedXml = () =>
  new AwsError(
    'MalformedXML',
    'The XML you provided was not well-formed or did not validate against our published schema',
    400,
  );

/**
 * Parses request XML into plain objects; every leaf stays a string. A body that is not well-formed
 * XML is refused with `malformed()` (the parser alone would return a partial tree).
 */
export function parseXml(text: string, malformed: () => AwsError = malformedXml): Record<string, unknown> {
  if (text.trim() === '') return {};
  if (XMLValidator.validate(text) !== true) throw malformed();
  try {
    return parser.parse(text) as Record<string, unknown>;
  } catch {
    throw malformed();
  }
}

/** One element or a list of them, always as a list. */
export function asList<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
