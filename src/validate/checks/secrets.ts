import { readFile } from 'node:fs/promises';
import { packageFiles } from '../package-files.js';
import { ALLOW_MARKER, findSecrets, looksBinary, type SecretFinding } from '../secrets/patterns.js';
import type { ValidationCheck } from '../types.js';

/** Files larger than this are not scanned (media, source maps of whole apps). */
const SCAN_LIMIT = 10 * 1024 * 1024;

/**
 * Nothing that would be uploaded holds a credential: the site's files and the functions' packages
 * (their installed dependencies left out). A finding names the file and line, never the secret.
 */
export const secretsCheck: ValidationCheck = {
  name: 'secrets',
  async run(context) {
    const { config } = context.loaded;
    const findings: SecretFinding[] = [];
    let scanned = 0;
    const scan = (bytes: Uint8Array, name: string) => {
      if (bytes.length > SCAN_LIMIT || looksBinary(bytes)) return;
      scanned++;
      findings.push(...findSecrets(Buffer.from(bytes).toString('utf8'), name));
    };
    if (config.frontend && context.only !== 'backend') {
      const files = await context.site().catch(() => []);
      for (const file of files) scan(await readFile(file.file), `${config.frontend.source}/${file.path}`);
    }
    if (config.backend && context.only !== 'frontend') {
      const packages = await context.packages();
      for (const [key, fn] of Object.entries(config.backend.functions)) {
        const pkg = packages.get(key);
        if (!pkg || pkg instanceof Error) continue;
        const files = packageFiles(
          pkg.zip,
          (name) => !name.startsWith('node_modules/') && !name.includes('/node_modules/'),
        );
        for (const [name, bytes] of files) scan(bytes, `${fn.source}/${name}`);
      }
    }
    if (findings.length === 0)
      return { status: 'pass', message: `no credentials in ${scanned} file(s) to upload` };
    const details = findings.map((finding) => `${finding.file}:${finding.line}: ${finding.kind}`);
    return {
      status: 'fail',
      message: `${findings.length} credential(s) in files to upload: ${details.slice(0, 3).join('; ')}${details.length > 3 ? '; …' : ''}`,
      hint: `Remove them and rotate them: they may have been copied already. A line that only looks like one can carry the comment ${ALLOW_MARKER}.`,
      details,
    };
  },
};
