/** A file to upload to the site bucket: what the upload needs to know of it. */
export interface SiteUpload {
  /** The S3 key. */
  key: string;
  /** The file to read. */
  file: string;
  /** Its path as the user knows it (relative to the site folder), for messages. */
  path: string;
  size: number;
  /** Hex MD5 of the content: sent as Content-MD5, and the ETag of a single-part upload. */
  md5: string;
  contentType: string;
  cacheControl?: string;
}
