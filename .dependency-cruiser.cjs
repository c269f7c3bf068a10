// The layers of src/ (docs/architecture.md draws them). A folder may import only folders below it;
// folders on one line are peers and do not import each other. `npm test` runs this check.
const LAYERS = [
  ['cli'],
  ['orchestration'],
  ['actions'],
  ['agent', 'notifications'],
  ['engine'],
  ['validate', 'health'],
  ['state', 'artifacts'],
  ['config'],
  ['providers'],
  ['records'],
  ['core'],
];

/** Every folder of src/ is in a layer, or is the sandbox; `src/index.ts` is the library's public API. */
const KNOWN = `^src/(${[...LAYERS.flat(), 'sandbox'].join('|')})/|^src/index\\.ts$`;

const folder = (name) => `^src/${name}/`;
const anyOf = (names) => `^src/(${names.join('|')})/`;

/** For each layer: it may not import a layer above it, nor a peer on its own line. */
const layerRules = LAYERS.flatMap((layer, index) => {
  const above = LAYERS.slice(0, index).flat();
  return layer.flatMap((name) => {
    const forbidden = [...above, ...layer.filter((peer) => peer !== name)];
    if (forbidden.length === 0) return [];
    return [
      {
        name: `${name}-imports-only-below`,
        comment: `src/${name}/ may import only layers below it (${LAYERS.slice(index + 1)
          .map((l) => l.join('/'))
          .join(' → ')}), not ${forbidden.join(', ')}`,
        severity: 'error',
        from: { path: folder(name) },
        to: { path: anyOf(forbidden) },
      },
    ];
  });
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import circle: the files in it cannot be understood, tested or moved one at a time.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'aws-sdk-only-in-providers',
      comment: 'Only src/providers/ speaks to AWS; everything else goes through it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(providers|sandbox)/' },
      to: { path: '^@aws-sdk/|node_modules/@aws-sdk/' },
    },
    {
      name: 'sandbox-is-a-separate-application',
      comment: 'The sandbox imports nothing of the product but src/core/.',
      severity: 'error',
      from: { path: '^src/sandbox/' },
      to: { path: '^src/', pathNot: '^src/(sandbox|core)/' },
    },
    {
      name: 'only-the-cli-starts-a-sandbox',
      comment: 'The product reaches the sandbox as an AWS endpoint; only the CLI starts one.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(cli|sandbox)/' },
      to: { path: '^src/sandbox/' },
    },
    {
      name: 'every-folder-is-in-a-layer',
      comment:
        'A folder of src/ that is in no layer could carry an import around the rules: add it to LAYERS.',
      severity: 'error',
      from: { path: '^src/', pathNot: KNOWN },
      to: {},
    },
    {
      name: 'nothing-imports-an-unlayered-folder',
      comment:
        'A folder of src/ that is in no layer could carry an import around the rules: add it to LAYERS.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^src/', pathNot: KNOWN },
    },
    {
      name: 'nothing-imports-the-library-api',
      comment:
        'src/index.ts re-exports from every layer for library users; code inside imports what it needs directly.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^src/index\\.ts$' },
    },
    {
      name: 'records-are-types',
      comment: 'src/records/ holds types only, and imports nothing but core.',
      severity: 'error',
      from: { path: '^src/records/' },
      to: { path: '^src/', pathNot: '^src/(records|core)/' },
    },
    {
      name: 'records-are-imported-as-types',
      comment: 'src/records/ holds types only: what imports it imports types (`import type`).',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^src/records/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    includeOnly: '^(src/|node_modules/@aws-sdk/|@aws-sdk/)',
    exclude: { path: '\\.(test|contract)\\.ts$' },
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
