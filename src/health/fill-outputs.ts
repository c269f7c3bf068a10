import { evaluate } from '../config/references/evaluate.js';
import { parseTemplate } from '../config/references/parse.js';

/**
 * Fills `${outputs.NAME}` in every string of a value (a health check) from what the deployment made.
 * An output the deployment does not have is an error naming it.
 */
export async function fillOutputs<T>(value: T, outputs: Readonly<Record<string, string>>): Promise<T> {
  if (typeof value === 'string') {
    const parsed = parseTemplate(value);
    if (!parsed.ok) return value;
    const filled = await evaluate(parsed.parts, async (resolver, argument) => {
      if (resolver.kind !== 'outputs') return 'keep';
      const output = outputs[argument];
      if (output === undefined)
        throw new Error(`it uses \${outputs.${argument}}, which this environment does not have`);
      return { value: output };
    });
    return filled.value as T;
  }
  if (Array.isArray(value)) return (await Promise.all(value.map((item) => fillOutputs(item, outputs)))) as T;
  if (value && typeof value === 'object') {
    const entries = await Promise.all(
      Object.entries(value).map(async ([key, item]) => [key, await fillOutputs(item, outputs)] as const),
    );
    return Object.fromEntries(entries) as T;
  }
  return value;
}
