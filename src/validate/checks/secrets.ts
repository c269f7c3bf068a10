import { SCAN_LIMIT } from '../../artifacts/local/read-site-file.js';
import type { CheckStatus } from '../../core/check-status.js';
import { ALLOW_MARKER, findSecretsIn, type SecretFinding } from '../../core/secrets/patterns.js';
import { packageEntries, packageFiles } from '../package-files.js';
import type { ValidationCheck } from '../types.js';

/** Files larger than this are not scanned (media, source maps of whole apps); each one is named in a warning. */
export { SCAN_LIMIT };

/**
 * Nothing that would be uploaded holds a credential: the site's files and the functions' packages
 * (their installed dependencies left out), every byte of each, binary or text, in any common
 * encoding. A finding names the file and line, never the secret. The site's files were scanned as they
 * were read for the plan (`scanSite`): what is scanned is what was hashed, and the upload sends only that.
 */
export const secretsCheck: ValidationCheck = {
  name: 'secrets',
  async run(context) {
    const { config } = context.loaded;
    const findings: SecretFinding[] = [];
    const tooLarge: string[] = [];
    let scanned = 0;
    const scan = (bytes: Uint8Array, name: string) => {
      scanned++;
      findings.push(...findSecretsIn(bytes, name));
    };
    if (config.frontend && context.only !== 'backend') {
      const files = await context.site().catch(() => []);
      for (const file of files) {
        const name = `${config.frontend.source}/${file.path}`;
        if (!file.secrets) tooLarge.push(name);
        else {
          scanned++;
          findings.push(...file.secrets.map(({ line, kind }) => ({ file: name, line, kind })));
        }
      }
    }
    if (config.backend && context.only !== 'frontend') {
      const packages = await context.packages();
      for (const [key, fn] of Object.entries(config.backend.functions)) {
        const pkg = packages.get(key);
        if (!pkg || pkg instanceof Error) continue;
        const ownCode = (name: string) =>
          !name.startsWith('node_modules/') && !name.includes('/node_modules/');
        const sizes = packageEntries(pkg.zip);
        for (const [name, size] of sizes)
          if (ownCode(name) && size > SCAN_LIMIT) tooLarge.push(`${fn.source}/${name}`);
        const files = packageFiles(pkg.zip, (name) => ownCode(name) && (sizes.get(name) ?? 0) <= SCAN_LIMIT);
        for (const [name, bytes] of files) scan(bytes, `${fn.source}/${name}`);
      }
    }
    const notScanned = tooLarge.length
      ? `${tooLarge.length} file(s) over ${SCAN_LIMIT / 1024 / 1024} MB not scanned: ${tooLarge.join(', ')}`
      : '';
    if (findings.length === 0) {
      const status: CheckStatus = tooLarge.length ? 'warn' : 'pass';
      return {
        status,
        message: `no credentials in ${scanned} file(s) to upload${notScanned ? `; ${notScanned}` : ''}`,
        ...(tooLarge.length ? { hint: 'Check those files for credentials yourself.' } : {}),
      };
    }
    const found = findings.map((finding) => `${finding.file}:${finding.line}: ${finding.kind}`);
    const details = notScanned ? [...found, notScanned] : found;
    return {
      status: 'fail',
      message: `${findings.length} credential(s) in files to upload: ${found.slice(0, 3).join('; ')}${found.length > 3 ? '; …' : ''}`,
      hint: `Remove them and rotate them: they may have been copied already. A line that only looks like one can carry the comment ${ALLOW_MARKER}.`,
      details,
    };
  },
};
