import type { KnownFailure, Recognition } from './known-failure.js';

const NEXT: Record<KnownFailure['next'], string> = {
  retry: 'run the command again',
  recover: '`omnix recover <env>`',
  rollback: '`omnix rollback <env>`',
  'break-lock': '`omnix lock break <env>` (or `omnix agent fix <env>`)',
  'fix-and-redeploy': 'fix it, then `omnix deploy <env>`',
};

function recognition(by: Recognition): string[] {
  const lines: string[] = [];
  if (by.errors) lines.push(`error code or AWS error ${by.errors.map((name) => `\`${name}\``).join(', ')}`);
  if (by.httpStatus)
    lines.push(
      `HTTP status ${by.httpStatus.from === by.httpStatus.to ? by.httpStatus.from : `${by.httpStatus.from}–${by.httpStatus.to}`}`,
    );
  if (by.checks)
    lines.push(`a failed health check of type ${by.checks.map((type) => `\`${type}\``).join(', ')}`);
  if (by.messages)
    lines.push(
      `a message matching ${by.messages.map((pattern) => `\`${pattern.source.replaceAll('|', '\\|')}\``).join(' or ')}`,
    );
  return lines;
}

/** `docs/troubleshooting.md`, from the catalogue: every known failure, how it is recognised, and what to do. */
export function renderTroubleshooting(catalogue: readonly KnownFailure[]): string {
  const sections = catalogue.map((entry) => {
    const by = recognition(entry.recognisedBy);
    return [
      `## ${entry.title}`,
      '',
      `Id: \`${entry.id}\`${entry.blamesChange ? ' · can be caused by the change itself' : ''}`,
      '',
      `Recognised by ${by.length > 1 ? `all of: ${by.join('; ')}` : by[0]}.`,
      '',
      entry.explanation,
      '',
      `**Remedy:** ${entry.remedy}`,
      '',
      ...(entry.automaticRecovery ? [`**Automatic recovery:** ${entry.automaticRecovery}`, ''] : []),
      `**Next:** ${NEXT[entry.next]}.`,
      '',
    ].join('\n');
  });
  return [
    '# Troubleshooting',
    '',
    '<!-- Generated from src/agent/catalogue by `npm run docs`; a test fails when it is out of date. -->',
    '',
    "The deployment agent's catalogue of known failures. omnix classifies every error of a deployment into",
    'one of these (the first that matches, in this order), records its signature in memory, and uses it in',
    '`omnix agent explain`, `omnix agent fix` and the known-failure check of `omnix plan` and `omnix deploy`.',
    'A failure marked as one the change itself can cause makes the same change suspect in other environments.',
    '',
    ...catalogue.map((entry) => `- [${entry.title}](#${anchor(entry.title)}) (\`${entry.id}\`)`),
    '',
    ...sections,
  ].join('\n');
}

const anchor = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .replace(/ /g, '-');
