export { CATALOGUE, classify, knownFailure } from './catalogue/catalogue.js';
export { evidenceOfError, evidenceOfRecord } from './catalogue/evidence.js';
export type { FailureEvidence, KnownFailure } from './catalogue/known-failure.js';
export { agentExtension } from './extension.js';
export { type FailureSignature, signatureKey, signatureOf } from './memory/signature.js';

import { classify } from './catalogue/catalogue.js';
import { evidenceOfError } from './catalogue/evidence.js';
import type { KnownFailure } from './catalogue/known-failure.js';

/** The known failure a thrown error is (an AWS SDK error or an OmnixError), for recoveries to name. */
export const classifyError = (error: unknown): KnownFailure | undefined => classify(evidenceOfError(error));
