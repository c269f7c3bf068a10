import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import type { LoadedConfig } from '../config/load.js';
import { environmentFile } from '../config/location.js';
import { leaves } from '../config/paths.js';
import { parseTemplate, renderTemplate, type TemplatePart } from '../config/references/parse.js';

/** The references to the outside world that an environment's configuration files make. */
export interface ConfigReferences {
  env: Array<{ name: string; hasDefault: boolean }>;
  /** `Stack.Output`. */
  cfn: string[];
  /** Parameter names. */
  ssm: string[];
}

/**
 * Every `${env:}`, `${cfn:}` and `${ssm:}` reference written in the environment's two configuration
 * files (arguments built from other references are left out: they are only known once resolved).
 */
export async function configReferences(loaded: LoadedConfig): Promise<ConfigReferences> {
  const found: ConfigReferences = { env: [], cfn: [], ssm: [] };
  const seen = new Set<string>();
  const visit = (parts: readonly TemplatePart[]) => {
    for (const part of parts) {
      if (part.type !== 'ref') continue;
      visit(part.argument);
      if (part.argument.some((inner) => inner.type === 'ref')) continue;
      const argument = renderTemplate(part.argument).trim();
      if (seen.has(`${part.kind}:${argument}`)) continue;
      seen.add(`${part.kind}:${argument}`);
      if (part.kind === 'env') {
        const comma = argument.indexOf(',');
        found.env.push({
          name: (comma === -1 ? argument : argument.slice(0, comma)).trim(),
          hasDefault: comma !== -1,
        });
      } else if (part.kind === 'cfn') found.cfn.push(argument);
      else if (part.kind === 'ssm') found.ssm.push(argument);
    }
  };
  const files = [loaded.location.masterFile, environmentFile(loaded.location, loaded.environment)];
  for (const file of files) {
    for (const [, value] of leaves(parse(await readFile(file, 'utf8')) ?? {})) {
      if (typeof value !== 'string') continue;
      const parsed = parseTemplate(value);
      if (parsed.ok) visit(parsed.parts);
    }
  }
  return found;
}
