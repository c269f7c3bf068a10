import { stripVTControlCharacters } from 'node:util';

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
