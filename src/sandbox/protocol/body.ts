import type { IncomingMessage } from 'node:http';
import type { AwsError } from './aws-error.js';

/** The most a request body may hold, and the error (in the service's terms) for one that holds more. */
export interface BodyLimit {
  bytes: number;
  error: AwsError;
}

/** Thrown when a body passes its limit; carries the service's error. */
export class BodyTooLarge extends Error {
  constructor(readonly error: AwsError) {
    super(error.message);
  }
}

/**
 * Reads a request body, counting while it streams: past the limit it stops reading at once and
 * throws, so an oversized (or chunked, unannounced) upload never sits in memory. What the client
 * still sends is discarded by the server, which then closes the connection.
 */
export function readBody(incoming: IncomingMessage, limit: BodyLimit): Promise<Buffer> {
  const announced = Number(incoming.headers['content-length'] ?? 0);
  if (announced > limit.bytes) return Promise.reject(new BodyTooLarge(limit.error));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onError);
      incoming.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit.bytes) {
        done();
        incoming.pause();
        chunks.length = 0;
        reject(new BodyTooLarge(limit.error));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    const onClose = () => {
      if (incoming.readableEnded) return;
      done();
      reject(new Error('the client closed the connection before sending the whole body'));
    };
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onError);
    incoming.on('close', onClose);
    if (incoming.readableEnded) onEnd();
  });
}
