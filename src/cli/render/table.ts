import { stripVTControlCharacters } from 'node:util';
import type { CheckStatus } from '../../core/check-status.js';
import type { Style } from '../style.js';

/** Column-aligned text; the last column is not padded. Widths count characters, not ANSI codes. */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const visible = (text: string) => stripVTControlCharacters(text).length;
  const widths = header.map((title, column) =>
    Math.max(visible(title), ...rows.map((row) => visible(row[column] ?? ''))),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) =>
        column === cells.length - 1 ? cell : cell + ' '.repeat(widths[column]! - visible(cell)),
      )
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/** A check status as a coloured word. */
export function statusMarks(style: Style): Record<CheckStatus, string> {
  return { pass: style.green('pass'), warn: style.yellow('warn'), fail: style.red('fail') };
}
