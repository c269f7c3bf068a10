import type { JsonSchema } from './schema.js';

type Node = Record<string, unknown>;

interface Row {
  path: string;
  type: string;
  required: boolean;
  defaultValue: unknown;
  description: string;
  secret: boolean;
}

/**
 * Renders the configuration reference (docs/configuration.md) from the JSON Schema, so the docs say
 * exactly what the schema accepts: one section per top-level key, one row per setting.
 */
export function renderConfigurationReference(schema: JsonSchema): string {
  const properties = (schema.properties ?? {}) as Record<string, Node>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const out: string[] = [
    '# Configuration reference',
    '',
    '<!-- Generated from the zod schema by `npm run docs`; a test fails when this file is out of date. -->',
    '',
    'Files: `config/deployment-config.yaml` (shared) and `config/environments/<env>.yaml` (per environment).',
    'The environment file is merged over the shared one: maps deeply, lists replaced whole. Any value can',
    'be overridden with an environment variable: `OMNIX__FRONTEND__BUCKET=x` sets `frontend.bucket`.',
    '',
    'String values may contain references: `${env:NAME}` or `${env:NAME, default}`, `${environment}`,',
    '`${self:path.to.value}`, `${cfn:Stack.OutputKey}`, `${ssm:/parameter/name}` (a secret), and in health',
    'checks `${outputs.siteUrl}` / `${outputs.apiUrl}`. `$${` is a literal `${`.',
    '',
    'Types: `map<K>` is a mapping with keys of your choice; `list<T>` a list; `a | b` one of the values.',
    'Settings marked **secret** are never printed or stored: they show as `***`. So are values whose name',
    'says secret (`API_TOKEN`, `dbPassword`, `STRIPE_KEY`, `Authorization`, …), values from `${ssm:}` or a',
    'secret-named `${env:}`, and copies of any of them; see [security.md](security.md).',
    '',
    '## Top level',
    '',
    table(
      Object.entries(properties).map(([key, node]) => ({
        ...describe(node),
        path: key,
        required: required.has(key),
      })),
    ),
  ];
  for (const [key, node] of Object.entries(properties)) {
    const sections = sectionsOf(key, node);
    if (sections.length === 0) continue;
    out.push('', `## ${key}`, '', String(node.description ?? ''));
    for (const section of sections) {
      if (section.title) out.push('', `### ${section.title}`, '', section.description);
      out.push('', table(section.rows));
    }
  }
  return `${out.join('\n')}\n`;
}

interface Section {
  title?: string;
  description: string;
  rows: Row[];
}

function sectionsOf(key: string, node: Node): Section[] {
  const variants = unionVariants(node);
  if (variants) {
    return variants.flatMap(({ tag, variant }) => {
      const prefix = `${key}${listSuffix(node)}`;
      const nested: Section[] = [];
      const section = {
        title: `${prefix} — ${tag}`,
        description: String(discriminatorDescription(variant) ?? ''),
        rows: rowsOf(variant, prefix, nested),
      };
      return [section, ...nested];
    });
  }
  const nested: Section[] = [];
  const rows = rowsOf(node, key, nested);
  return [...(rows.length > 0 ? [{ description: '', rows }] : []), ...nested];
}

/** A list of a discriminated union (health checks, notifications), or the union itself (state). */
function unionVariants(node: Node): Array<{ tag: string; variant: Node }> | undefined {
  const inner = node.type === 'array' ? (node.items as Node) : node;
  const options = inner?.oneOf as Node[] | undefined;
  if (!options) return undefined;
  return options.map((variant) => {
    const tagEntry = Object.entries((variant.properties ?? {}) as Record<string, Node>).find(
      ([, p]) => p.const !== undefined,
    );
    return { tag: tagEntry ? `${tagEntry[0]}: ${String(tagEntry[1].const)}` : 'variant', variant };
  });
}

function discriminatorDescription(variant: Node): unknown {
  return Object.values((variant.properties ?? {}) as Record<string, Node>).find((p) => p.const !== undefined)
    ?.description;
}

const listSuffix = (node: Node) => (node.type === 'array' ? '[]' : '');

/** Rows for the settings below `node`; lists of unions found on the way become `nested` sections. */
function rowsOf(node: Node, prefix: string, nested: Section[]): Row[] {
  const target = node.type === 'array' && isObject(node.items) ? (node.items as Node) : node;
  if (target !== node && unionVariants(target)) {
    nested.push(...sectionsOf(prefix, node));
    return [];
  }
  if (target.type === 'object' && isObject(target.properties)) {
    const required = new Set((target.required as string[] | undefined) ?? []);
    const base = target === node ? prefix : `${prefix}[]`;
    return Object.entries(target.properties as Record<string, Node>).flatMap(([key, child]) => {
      const path = `${base}.${key}`;
      const own: Row = { ...describe(child), path, required: required.has(key) };
      const below = rowsOf(child, path, nested);
      return below.length > 0 && !isLeafList(child) ? [own, ...below] : [own];
    });
  }
  if (target.type === 'object' && isObject(target.additionalProperties)) {
    const value = target.additionalProperties as Node;
    if (value.type === 'object' && value.properties) return rowsOf(value, `${prefix}.<key>`, nested);
  }
  return [];
}

function isLeafList(node: Node): boolean {
  return node.type === 'array' && !(isObject(node.items) && (node.items as Node).type === 'object');
}

function describe(node: Node): Omit<Row, 'path' | 'required'> {
  return {
    type: typeOf(node),
    defaultValue: node.default,
    description: String(node.description ?? ''),
    secret:
      node.secret === true ||
      (isObject(node.additionalProperties) && (node.additionalProperties as Node).secret === true),
  };
}

function typeOf(node: Node): string {
  if (node.const !== undefined) return `\`${String(node.const)}\``;
  if (Array.isArray(node.enum)) return node.enum.map((value) => `\`${String(value)}\``).join(' \\| ');
  if (node.oneOf || node.anyOf) {
    const options = (node.oneOf ?? node.anyOf) as Node[];
    return options.every((option) => option.type === 'object')
      ? 'map (see below)'
      : options.map(typeOf).join(' \\| ');
  }
  if (Array.isArray(node.type)) return node.type.join(' \\| ');
  if (node.type === 'array') return `list<${isObject(node.items) ? typeOf(node.items as Node) : 'any'}>`;
  if (node.type === 'object') {
    if (isObject(node.additionalProperties)) return `map<${typeOf(node.additionalProperties as Node)}>`;
    return 'map';
  }
  if (node.type === 'integer' || node.type === 'number') {
    const range =
      node.minimum !== undefined && node.maximum !== undefined && Number(node.maximum) < 1e15
        ? ` (${node.minimum}–${node.maximum})`
        : '';
    return `${String(node.type)}${range}`;
  }
  return node.type === undefined ? 'any' : String(node.type);
}

function table(rows: Row[]): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = ['| Setting | Type | Default | Description |', '| --- | --- | --- | --- |'];
  for (const row of rows) {
    const defaultText = row.required
      ? '**required**'
      : row.defaultValue === undefined
        ? ''
        : `\`${cell(JSON.stringify(row.defaultValue))}\``;
    const description = `${row.secret ? '**secret.** ' : ''}${cell(row.description)}`;
    lines.push(`| \`${row.path}\` | ${row.type} | ${defaultText} | ${description} |`);
  }
  return lines.join('\n');
}

const isObject = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
