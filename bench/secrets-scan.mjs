#!/usr/bin/env node
// Throughput of the secrets scan, which reads every uploaded file whole: median of 5 runs over a 10 MB
// minified bundle (one line), a 10 MB random binary and a 10 MB UTF-16 text. Needs `npm run build`.
// Run: node bench/secrets-scan.mjs
import { randomBytes } from 'node:crypto';
import { findSecretsIn } from '../dist/core/secrets/patterns.js';

const MB = 1024 * 1024;
const inputs = {
  'minified bundle': Buffer.from('var a=1;function f(b){return b+1};'.repeat(Math.ceil((10 * MB) / 36))),
  'random binary': randomBytes(10 * MB),
  'UTF-16 text': Buffer.from('const greeting = "hello";\n'.repeat(Math.ceil((5 * MB) / 26)), 'utf16le'),
};
for (const [name, bytes] of Object.entries(inputs)) {
  const samples = Array.from({ length: 5 }, () => {
    const start = process.hrtime.bigint();
    findSecretsIn(bytes, name);
    return Number(process.hrtime.bigint() - start) / 1e6;
  }).sort((a, b) => a - b);
  const ms = samples[2];
  console.log(
    `${name}: ${(bytes.length / MB).toFixed(1)} MB in ${ms.toFixed(0)} ms (${(bytes.length / MB / (ms / 1000)).toFixed(0)} MB/s)`,
  );
}
