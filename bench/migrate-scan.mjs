#!/usr/bin/env node
// Precision and recall of `omnix migrate scan` on the hand-labelled corpus of legacy deployment
// scripts (test/fixtures/migrate/): per kind, overall, and the conflicts found against those labelled.
// A finding counts as right when its file, kind, value and environment all match a label.
// Needs `npm run build`. Run: npm run bench:migrate-scan  (--verbose lists every miss)
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scanScripts } from '../dist/actions/migrate/scan.js';
import { FINDING_KINDS } from '../dist/actions/migrate/types.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '../test/fixtures/migrate');
const labels = JSON.parse(readFileSync(join(fixtures, 'labels.json'), 'utf8'));
const verbose = process.argv.includes('--verbose');

const key = (file, kind, value, env) => JSON.stringify([file, kind, value, env ?? null]);
const expected = new Set();
for (const [file, items] of Object.entries(labels.files))
  for (const [kind, value, env] of items) expected.add(key(file, kind, value, env));

const result = await scanScripts({ paths: ['.'], cwd: join(fixtures, 'corpus') });
const found = new Set(result.findings.map((f) => key(f.file, f.kind, f.value, f.environment?.name)));
const unlabelled = result.files.filter((file) => !(file.path in labels.files)).map((file) => file.path);

const row = (name, tp, fp, fn) => {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  return { name, labelled: tp + fn, found: tp + fp, tp, precision, recall };
};
const counts = (kind) => {
  const mine = (set) => [...set].filter((item) => kind === undefined || JSON.parse(item)[1] === kind);
  const tp = mine(found).filter((item) => expected.has(item)).length;
  return row(kind ?? 'overall', tp, mine(found).length - tp, mine(expected).length - tp);
};
const rows = [...FINDING_KINDS.map((kind) => counts(kind)), counts(undefined)];
const pad = (text, width) => String(text).padEnd(width);
const fixed = (number) => number.toFixed(3);

console.log(
  `corpus: ${Object.keys(labels.files).length} labelled files, ${result.files.length} scanned, ${expected.size} labelled findings\n`,
);
console.log(
  `${pad('kind', 16)}${pad('labelled', 10)}${pad('found', 8)}${pad('right', 8)}${pad('precision', 11)}recall`,
);
for (const r of rows)
  console.log(
    `${pad(r.name, 16)}${pad(r.labelled, 10)}${pad(r.found, 8)}${pad(r.tp, 8)}${pad(fixed(r.precision), 11)}${fixed(r.recall)}`,
  );

const conflictKey = (kind, env, values) => JSON.stringify([kind, env ?? null, [...values].sort()]);
const expectedConflicts = new Set(
  labels.conflicts.map(([kind, env, ...values]) => conflictKey(kind, env, values)),
);
const foundConflicts = result.conflicts.map((c) => ({
  c,
  key: conflictKey(
    c.kind,
    c.environment,
    c.values.map((v) => v.value),
  ),
}));
console.log(`\nconflicts: ${expectedConflicts.size} labelled, ${foundConflicts.length} found`);
for (const { c, key: k } of foundConflicts)
  console.log(
    `  ${expectedConflicts.has(k) ? '✔' : '✖ unlabelled'} ${c.kind} (${c.role}) in ${c.environment ?? 'no environment'}: ${c.values.map((v) => `${v.value} [${v.locations.map((l) => `${l.file}:${l.line}`).join(', ')}]`).join(' vs ')}`,
  );
for (const k of expectedConflicts)
  if (!foundConflicts.some((f) => f.key === k)) console.log(`  ✖ missed ${k}`);
const conflictRight = foundConflicts.filter((f) => expectedConflicts.has(f.key)).length;
console.log(
  `  conflicts precision ${fixed(foundConflicts.length ? conflictRight / foundConflicts.length : 1)} recall ${fixed(expectedConflicts.size ? conflictRight / expectedConflicts.size : 1)}`,
);
if (unlabelled.length > 0) console.log(`\nscanned but not labelled: ${unlabelled.join(', ')}`);

if (verbose) {
  console.log('\nfalse positives:');
  for (const item of found) if (!expected.has(item)) console.log(`  ${item}`);
  console.log('missed:');
  for (const item of expected) if (!found.has(item)) console.log(`  ${item}`);
}
const overall = rows.at(-1);
process.exitCode = overall.precision >= 0.95 && overall.recall >= 0.95 ? 0 : 1;
