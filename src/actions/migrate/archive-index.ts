import { escapeControl } from '../../core/text.js';

export interface IndexRow {
  script: string;
  archivedAs: string;
  replacement: string;
  date: string;
}

const HEADER = [
  '# Archived deployment scripts',
  '',
  'Moved here by `omnix migrate archive`: nothing was deleted. Each script, what replaces it, and when it was archived.',
  'See MIGRATION.md (written by `omnix migrate scan`) for what each one did.',
  '',
  '| script | archived as | replaced by | archived on |',
  '| --- | --- | --- | --- |',
];

const cell = (text: string) => escapeControl(text).replace(/\|/g, '\\|');

/** The archive's README index: the rows already there (from earlier runs) followed by the new ones. */
export function archiveIndex(existing: string | undefined, rows: readonly IndexRow[]): string {
  const kept = existing?.includes('| script | archived as |')
    ? existing.replace(/\n+$/, '')
    : HEADER.join('\n');
  const added = rows.map(
    (row) =>
      `| \`${cell(row.script)}\` | \`${cell(row.archivedAs)}\` | ${row.replacement ? `\`${cell(row.replacement)}\`` : 'nothing: see MIGRATION.md'} | ${row.date} |`,
  );
  return `${[kept, ...added].join('\n')}\n`;
}
