#!/usr/bin/env node
// Configuration load times for a mapping of 5k, 20k and 80k keys (issue 15, defect 7: it was
// quadratic, 3 s / 20 s / 155 s). Prints, per size: the full `loadConfig` with the default limits
// (above 10 000 keys that is the time to refuse the file), and the YAML step alone with the limits
// raised, which shows that parsing grows linearly. Needs `npm run build`. Run: node bench/config-load.mjs
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../dist/config/load.js';
import { parseYamlSource } from '../dist/config/yaml-source.js';

const sizes = (process.env.SIZES ?? '5000,20000,80000').split(',').map(Number);
const master = (keys) =>
  `project: bench\naws:\n  region: eu-west-1\nfrontend:\n  source: web\n  bucket: bench-web\nsecrets:\n${Array.from(
    { length: keys },
    (_, index) => `  key${index}: value-${index}`,
  ).join('\n')}\n`;
const ms = (start) => (Number(process.hrtime.bigint() - start) / 1e6).toFixed(0).padStart(7);

console.log('keys     loadConfig (default limits)        parse only (limits raised)');
for (const keys of sizes) {
  const root = mkdtempSync(join(tmpdir(), 'omnix-bench-'));
  try {
    mkdirSync(join(root, 'config/environments'), { recursive: true });
    const text = master(keys);
    writeFileSync(join(root, 'config/deployment-config.yaml'), text);
    writeFileSync(join(root, 'config/environments/development.yaml'), '');
    let start = process.hrtime.bigint();
    const result = await loadConfig({ environment: 'development', configDir: root, env: {}, cwd: root });
    const full = `${ms(start)} ms ${result.ok ? 'loaded ' : `refused: ${result.errors[0].message.slice(0, 40)}`}`;
    start = process.hrtime.bigint();
    const limits = { maxBytes: 64 * 1024 * 1024, maxDepth: 32, maxNodes: 1e9, maxAliases: 100 };
    const parsed = parseYamlSource('bench.yaml', text, limits);
    if (parsed.errors.length > 0) throw new Error(parsed.errors[0].message);
    console.log(`${String(keys).padEnd(8)} ${full.padEnd(40)} ${ms(start)} ms`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
