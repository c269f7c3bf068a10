import { escapeControl } from '../../core/text.js';
import type { Conflict } from './conflicts.js';
import type { ScannedScript, ScanResult } from './scan.js';
import type { Finding } from './types.js';

/** Table cell text: one line, no pipes, control characters escaped. */
function cell(text: string): string {
  return escapeControl(text).replace(/\|/g, '\\|').slice(0, 300);
}

function findingLine(finding: Finding): string {
  const env = finding.environment
    ? `${finding.environment.name} (${finding.environment.reason})`
    : 'no environment';
  const uses =
    finding.uses.length > 0 ? `; used at line ${finding.uses.map((use) => use.line).join(', ')}` : '';
  const template = finding.template ? ' (template)' : '';
  return `| ${finding.line} | ${finding.kind} | \`${cell(finding.value)}\`${template} | ${cell(env)} | ${finding.confidence} | ${cell(finding.via)}${uses} |`;
}

function scriptSection(file: ScannedScript): string[] {
  const { replacement } = file;
  const lines = [`### \`${cell(file.path)}\` (${file.kind})`, ''];
  const did = [...new Set(file.steps.map((step) => step.name))];
  lines.push(`- **What it did:** ${did.length > 0 ? did.join(', ') : 'no deployment step recognised'}`);
  if (replacement.role === 'configuration')
    lines.push('- **Replaced by:** the draft configuration (its values are in config/)');
  else if (replacement.commands.length > 0)
    lines.push(
      `- **Replaced by:** ${replacement.commands.map((command) => `\`${cell(command)}\``).join(', ')}`,
    );
  else lines.push('- **Replaced by:** nothing in omnix: keep it, or retire it by hand');
  const covered = file.steps.filter((step) => step.area !== 'not-covered');
  for (const step of covered) lines.push(`  - line ${step.line}, ${step.name}: ${step.note}`);
  if (replacement.notCovered.length > 0) {
    lines.push('- **Not covered by omnix:**');
    for (const step of replacement.notCovered)
      lines.push(`  - line ${step.line}, ${step.name}: ${step.note}`);
  }
  if (file.findings.length > 0) {
    lines.push(
      '',
      '| line | kind | value | environment (why) | confidence | found as |',
      '| --- | --- | --- | --- | --- | --- |',
    );
    for (const finding of file.findings) lines.push(findingLine(finding));
  }
  lines.push('');
  return lines;
}

function conflictSection(conflicts: readonly Conflict[]): string[] {
  if (conflicts.length === 0) return ['No conflicts: every setting has one value per environment.', ''];
  const lines = [
    'The draft leaves a `# CONFLICT` comment and a placeholder for each; keep one value, delete the others.',
    '',
  ];
  for (const conflict of conflicts) {
    lines.push(
      `- **${conflict.kind}** (${cell(conflict.role)}) in **${conflict.environment ?? 'every environment'}**:`,
    );
    for (const { value, locations } of conflict.values)
      lines.push(
        `  - \`${cell(value)}\`: ${locations.map((location) => `${cell(location.file)}:${location.line}`).join(', ')}`,
      );
  }
  lines.push('');
  return lines;
}

/** MIGRATION.md: per legacy file what it did, what replaces it, what omnix does not cover, and every value found. */
export function migrationReport(scan: ScanResult, draftFiles: readonly string[], date: string): string {
  const trial = scan.environments.find((name) => !/^prod(uction)?$/.test(name)) ?? '<env>';
  const lines = [
    '# Migration from legacy deployment scripts',
    '',
    `This report was written by omnix migrate scan on ${date}: ${scan.files.length} files read, ${scan.findings.length} hard-coded values found, ${scan.conflicts.length} conflicts, environments: ${scan.environments.join(', ') || 'none named'}.`,
    '',
    '## Next steps',
    '',
    `1. Review the draft configuration (${draftFiles.map((file) => `\`${file}\``).join(', ')}): resolve every \`# CONFLICT\` and \`TODO\`.`,
    '2. Run `omnix config validate --all`: each placeholder left is named as a warning.',
    `3. Try omnix where it cannot hurt first: \`omnix plan ${trial}\`, then \`omnix deploy ${trial}\`; each script's section below names the commands that replace it.`,
    '4. Retire the scripts: `omnix migrate archive <paths...>` moves them to legacy/ and rewrites package.json, Makefile and CI references.',
    '',
    '## Conflicts',
    '',
    ...conflictSection(scan.conflicts),
    '## Scripts',
    '',
  ];
  for (const file of scan.files) lines.push(...scriptSection(file));
  if (scan.ignored.length > 0) {
    lines.push(
      '## Not taken as deployment values',
      '',
      '| file | line | kind | value | why |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const item of scan.ignored)
      lines.push(
        `| ${cell(item.file)} | ${item.line} | ${item.kind} | \`${cell(item.value)}\` | ${cell(item.reason)} |`,
      );
    lines.push('');
  }
  if (scan.skipped.length > 0) {
    lines.push('## Files not read', '');
    for (const item of scan.skipped) lines.push(`- \`${cell(item.path)}\`: ${cell(item.reason)}`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}
