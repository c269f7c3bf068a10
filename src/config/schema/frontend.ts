import { z } from 'zod';
import { text } from './common.js';

const cacheRule = z.strictObject({
  match: text.describe('Glob matched against the object key relative to the prefix, e.g. `assets/**`.'),
  value: text.describe('Cache-Control header for matching objects; the first matching rule wins.'),
});

export const frontendSchema = z
  .strictObject({
    build: z
      .string()
      .optional()
      .describe('Shell command run from the project root before planning, e.g. `npm run build`.'),
    source: text.describe('Folder with the built site, relative to the project root.'),
    bucket: text.describe('S3 bucket the site is uploaded to.'),
    prefix: z
      .string()
      .default('')
      .describe('Key prefix inside the bucket (no leading slash); empty for the bucket root.'),
    distributionId: z
      .string()
      .optional()
      .describe(
        'CloudFront distribution in front of the bucket. When unset, the distribution whose origin is the bucket is used.',
      ),
    url: z
      .string()
      .optional()
      .describe("Public site URL (a custom domain); defaults to the distribution's domain name."),
    cacheControl: z
      .array(cacheRule)
      .default([{ match: '**/*.html', value: 'no-cache' }])
      .describe(
        'Cache-Control rules by key glob; the first match wins. A file matching no rule gets a default: `no-cache` for HTML and entry points, `public, max-age=300` for the rest.',
      ),
    publishRiskyFiles: z
      .array(text)
      .default([])
      .describe(
        'Globs of files that look private (`.env*`, `.git/`, `.npmrc`, `.aws/`, `id_rsa`, `*.pem`, `.htpasswd`) to publish anyway; any other such file in the site folder fails validation.',
      ),
    hashCache: z
      .boolean()
      .default(true)
      .describe(
        "Remember each site file's MD5 and secrets-scan result in `.omnix/cache/`, keyed by its path, size, modification and change times and inode: a plan reads again only the files where one of them changed (the content still decides what is uploaded, and the upload checks it). `false`: every file is read on every plan.",
      ),
    entryPoints: z
      .array(text)
      .min(1)
      .default(['index.html'])
      .describe('Files uploaded last, after every asset they may reference.'),
    deleteStale: z
      .strictObject({
        afterReleases: z
          .number()
          .int()
          .min(0)
          .default(2)
          .describe('Releases an asset no longer referenced is kept for (clients may still have old pages).'),
      })
      .default({ afterReleases: 2 })
      .describe('When files that left the site are deleted from the bucket.'),
    concurrency: z.number().int().min(1).max(256).default(16).describe('Parallel uploads.'),
    multipartThresholdMb: z
      .number()
      .int()
      .min(5)
      .max(5120)
      .default(16)
      .describe('Files at least this large (MiB) are uploaded in parts, read from disk a part at a time.'),
    uploadBudgetMb: z
      .number()
      .int()
      .min(32)
      .max(4096)
      .default(64)
      .describe(
        'Most file content (MiB) uploads hold in memory at once, across all parallel uploads: what bounds memory, whatever the size of the site. Files larger than half of it are uploaded in parts whatever multipartThresholdMb says.',
      ),
    invalidation: z
      .strictObject({
        wildcardAfter: z
          .number()
          .int()
          .min(1)
          .max(3000)
          .default(15)
          .describe('More changed paths than this under one folder are collapsed into one `folder/*` path.'),
        wait: z.boolean().default(true).describe('Wait for the invalidation to complete before verifying.'),
        timeoutSeconds: z
          .number()
          .int()
          .min(10)
          .max(7200)
          .default(900)
          .describe('How long to wait for the invalidation to complete before the deployment fails.'),
      })
      .default({ wildcardAfter: 15, wait: true, timeoutSeconds: 900 })
      .describe('CloudFront invalidation of the changed paths.'),
  })
  .describe('The static site: a folder uploaded to S3 and served by CloudFront.');
