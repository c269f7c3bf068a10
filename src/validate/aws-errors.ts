/** The AWS error's name (its code), or undefined for anything else. */
export const awsErrorName = (error: unknown): string | undefined => (error as { name?: string })?.name;

/** The HTTP status an AWS SDK error came with. */
export const httpStatusOf = (error: unknown): number | undefined =>
  (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;

/** A lookup that answers undefined for "not found" (by error name or HTTP 404) and throws anything else. */
export async function unlessNotFound<T>(
  read: () => Promise<T>,
  names: readonly string[],
): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (names.includes(awsErrorName(error) ?? '') || httpStatusOf(error) === 404) return undefined;
    throw error;
  }
}
