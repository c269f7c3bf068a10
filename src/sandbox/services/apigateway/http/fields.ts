import { badRequest } from './state.js';

type Body = Record<string, unknown>;

/**
 * Refuses members the sandbox accepts on AWS's wire but does not implement (authorizers, CORS,
 * parameter mapping, logging, throttling): accepting them silently would pretend they work.
 */
export function refuseUnsupported(body: Body, members: string[]): void {
  for (const member of members) {
    if (body[member] !== undefined && body[member] !== null)
      throw badRequest(`The sandbox does not implement '${member}' for HTTP APIs; leave it out.`);
  }
}

/** An optional string member: undefined when absent, refused when not a string or too long. */
export function optionalString(body: Body, member: string, max: number): string | undefined {
  const value = body[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > max)
    throw badRequest(`Invalid ${member}: expected a string of at most ${max} characters`);
  return value;
}

/** A string-to-string map member (tags, stage variables); `{}` when absent. */
export function stringMap(body: Body, member: string, check?: (key: string, value: string) => void) {
  const value = body[member];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw badRequest(`Invalid ${member}: expected a map of strings`);
  const entries = Object.entries(value);
  for (const [key, item] of entries) {
    if (typeof item !== 'string')
      throw badRequest(`Invalid ${member}: the value of '${key}' is not a string`);
    check?.(key, item);
  }
  // fromEntries defines own properties, so a key such as `__proto__` stays a plain key.
  return Object.fromEntries(entries) as Record<string, string>;
}

/** An optional boolean member. */
export function optionalBoolean(body: Body, member: string): boolean | undefined {
  const value = body[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw badRequest(`Invalid ${member}: expected true or false`);
  return value;
}
