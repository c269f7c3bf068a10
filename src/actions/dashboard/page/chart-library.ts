import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { InternalError } from '../../../core/errors.js';

let cached: Promise<string> | undefined;

/**
 * Chart.js's UMD build, read from node_modules once, to be inlined in the page: the page loads nothing
 * from the network. Its source-map comment is dropped (there is no map beside the page).
 */
export function chartLibrary(): Promise<string> {
  cached ??= (async () => {
    // `chart.js` exports no path to its UMD file: find the package by its main entry, then the file beside it.
    const main = createRequire(import.meta.url).resolve('chart.js');
    const file = join(dirname(main), 'chart.umd.min.js');
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new InternalError(`the dashboard's charting library is missing: ${file}`, { cause: error });
    }
    // Inside a <script> element, "</script" would end it early; "<\\/" means the same in JavaScript strings.
    return text.replace(/\n\/\/# sourceMappingURL=\S*\s*$/, '\n').replace(/<\/script/gi, '<\\/script');
  })();
  return cached;
}
