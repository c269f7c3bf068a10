import type { SandboxRequest } from '../service.js';
import type { AwsError } from './aws-error.js';

/** The JSON body of a REST-JSON request (`{}` when empty); `invalid` is the service's own error for bad JSON. */
export function readJsonBody(request: SandboxRequest, invalid: () => AwsError): Record<string, unknown> {
  const text = request.body.toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw invalid();
  }
}
