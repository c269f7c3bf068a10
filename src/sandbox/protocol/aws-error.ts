/** An error the sandbox answers with, in the wire form of the service that raised it. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    /** Extra elements or fields AWS adds to this error (S3's `<Key>`, `<BucketName>`, …). */
    readonly extra: Record<string, string> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}
