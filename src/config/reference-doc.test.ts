import { describe, expect, it } from 'vitest';
import { renderConfigurationReference } from './reference-doc.js';
import { configJsonSchema, layerJsonSchema } from './schema.js';

describe('the generated configuration docs', () => {
  it('docs/schema.json is the JSON Schema of the zod schema', async () => {
    await expect(`${JSON.stringify(configJsonSchema(), null, 2)}\n`).toMatchFileSnapshot(
      '../../docs/schema.json',
    );
  });

  it('docs/schema.layer.json is the schema for one configuration file', async () => {
    await expect(`${JSON.stringify(layerJsonSchema(), null, 2)}\n`).toMatchFileSnapshot(
      '../../docs/schema.layer.json',
    );
  });

  it('docs/configuration.md is rendered from the schema', async () => {
    await expect(renderConfigurationReference(configJsonSchema())).toMatchFileSnapshot(
      '../../docs/configuration.md',
    );
  });

  it('documents every setting, with its default and the secrets marked', () => {
    const text = renderConfigurationReference(configJsonSchema());
    expect(text).toContain('| `frontend.bucket` | string | **required** |');
    expect(text).toContain('| `rollout.keepReleases` | integer (1–1000) | `10` |');
    expect(text).toContain('| `backend.functions.<key>.memoryMb` | integer (128–10240) | `128` |');
    expect(text).toMatch(
      /\| `notifications\[\]\.webhookUrl` \| string \| \*\*required\*\* \| \*\*secret\.\*\*/,
    );
    expect(text).toContain('### health.checks[] — type: cloudwatch-alarm');
  });
});

describe('the schema', () => {
  it('describes every setting', () => {
    const missing: string[] = [];
    const visit = (node: Record<string, unknown>, path: string) => {
      for (const [key, child] of Object.entries(
        (node.properties ?? {}) as Record<string, Record<string, unknown>>,
      )) {
        if (!child.description) missing.push(`${path}.${key}`);
        visit(child, `${path}.${key}`);
      }
      for (const nested of [node.items, node.additionalProperties, ...((node.oneOf as unknown[]) ?? [])]) {
        if (nested && typeof nested === 'object') visit(nested as Record<string, unknown>, path);
      }
    };
    visit(configJsonSchema(), '');
    expect(missing).toEqual([]);
  });
});
