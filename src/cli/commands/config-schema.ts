import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { configJsonSchema, layerJsonSchema } from '../../config/schema.js';
import { ExitCode } from '../../core/errors.js';
import type { CommandContext } from '../io.js';

export async function configSchemaCommand(
  context: CommandContext,
  options: { layer?: boolean; output?: string },
): Promise<number> {
  const schema = options.layer ? layerJsonSchema() : configJsonSchema();
  if (!options.output) {
    // With --json every output is one JSON document on one line; without, pretty for people.
    context.io.stdout.write(`${JSON.stringify(schema, null, context.json ? undefined : 2)}\n`);
    return ExitCode.Ok;
  }
  const text = `${JSON.stringify(schema, null, 2)}\n`;
  const file = resolve(context.io.cwd, options.output);
  await writeFile(file, text);
  if (context.json) context.printJson({ written: file });
  else context.print(`wrote ${options.output}`);
  return ExitCode.Ok;
}
