// One table of Lambda's runtime deprecation dates serves validation and advice.
export { RUNTIME_DEPRECATION } from '../../validate/runtimes.js';

/** A runtime whose deprecation is this close counts as soon deprecated. */
export const SOON_DAYS = 180;
