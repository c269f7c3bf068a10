import type { Candidate, Classified } from './candidates.js';
import { classifyAssign } from './classify-assign.js';
import { classifyCommand } from './classify-command.js';
import { classifyText } from './classify-text.js';
import { inferEnvironment, normalizeValue } from './normalize.js';
import { hasReference } from './patterns.js';
import { Scope } from './resolve.js';
import type { Confidence, Extracted, Finding, FindingKind, Ignored } from './types.js';

const RANK: Record<Confidence, number> = { high: 3, medium: 2, low: 1 };
/** A bucket's role from how a command uses it beats the role its variable's name suggests, except for data buckets. */
const ROLE_PRIORITY: Record<string, number> = { site: 1, data: 2, artifact: 3 };

/** Turns one file's facts into findings: classify, follow variables, normalize, infer environments, merge. */
export function findingsOf(file: string, extracted: Extracted): { findings: Finding[]; ignored: Ignored[] } {
  const scope = new Scope(extracted.facts);
  const classified: Classified = { candidates: [], uses: [] };
  for (const fact of extracted.facts) {
    if (fact.type === 'assign') {
      if (!fact.alias) classifyAssign(fact, classified);
    } else if (fact.type === 'command') classifyCommand(fact.words, fact.env, classified);
    else classifyText(fact.text, fact.line, fact.env, classified);
  }
  const all: Array<Candidate & { usedAt: number[] }> = [];
  for (const candidate of classified.candidates)
    for (const expanded of scope.expand(candidate.value, candidate.env))
      all.push({
        ...candidate,
        value: expanded.value,
        ...(expanded.env ? { env: expanded.env } : {}),
        usedAt: [],
      });
  for (const use of classified.uses) all.push(...scope.resolveUse(use));

  const merged = new Map<string, Finding>();
  const ignored = new Map<string, Ignored>();
  for (const candidate of all) {
    const normal = normalizeValue(candidate.kind, candidate.value);
    if (!normal.ok) {
      if (normal.reason) {
        const key = `${candidate.kind}|${candidate.value}`;
        if (!ignored.has(key))
          ignored.set(key, {
            file,
            line: candidate.line,
            kind: candidate.kind,
            value: candidate.value,
            reason: normal.reason,
          });
      }
      continue;
    }
    const role = roleOf(normal.kind, normal.value, candidate.role);
    const environment = inferEnvironment(
      normal.kind,
      normal.value,
      candidate.env,
      candidate.variable,
      extracted.fileEnv,
    );
    const key = `${normal.kind}|${normal.value}|${environment?.name ?? ''}|${role}`;
    const existing = merged.get(key);
    const uses = candidate.usedAt.filter((line) => line !== candidate.line).map((line) => ({ file, line }));
    if (!existing) {
      merged.set(key, {
        file,
        line: candidate.line,
        kind: normal.kind,
        value: normal.value,
        template: hasReference(normal.value),
        role,
        environment,
        confidence:
          hasReference(normal.value) && candidate.confidence === 'high' ? 'medium' : candidate.confidence,
        via: candidate.via,
        ...(candidate.variable ? { variable: candidate.variable } : {}),
        uses,
      });
      continue;
    }
    mergeInto(existing, candidate, uses);
  }
  return { findings: mergeRoles([...merged.values()]), ignored: [...ignored.values()] };
}

function mergeInto(existing: Finding, candidate: Candidate, uses: Finding['uses']): void {
  if (candidate.line < existing.line) {
    existing.uses.push({ file: existing.file, line: existing.line });
    existing.line = candidate.line;
    existing.via = candidate.via;
    if (candidate.variable) existing.variable = candidate.variable;
  } else if (candidate.line > existing.line)
    existing.uses.push({ file: existing.file, line: candidate.line });
  if (RANK[candidate.confidence] > RANK[existing.confidence] && !existing.template)
    existing.confidence = candidate.confidence;
  for (const use of uses) existing.uses.push(use);
  const seen = new Set<number>();
  existing.uses = existing.uses
    .filter((use) => use.line !== existing.line && !seen.has(use.line) && seen.add(use.line))
    .sort((a, b) => a.line - b.line);
}

/**
 * One value found under two roles (a bucket named by its variable as the site's and used as an
 * artifact target) is one finding: the role of the use wins over the role its name suggested.
 */
function mergeRoles(findings: Finding[]): Finding[] {
  const byValue = new Map<string, Finding>();
  for (const finding of findings.sort((a, b) => a.line - b.line)) {
    const key = `${finding.kind}|${finding.value}|${finding.environment?.name ?? ''}`;
    const existing = byValue.get(key);
    if (!existing) {
      byValue.set(key, finding);
      continue;
    }
    if ((ROLE_PRIORITY[finding.role] ?? 0) > (ROLE_PRIORITY[existing.role] ?? 0))
      existing.role = finding.role;
    for (const use of [{ file: finding.file, line: finding.line }, ...finding.uses])
      if (use.line !== existing.line && !existing.uses.some((known) => known.line === use.line))
        existing.uses.push(use);
    existing.uses.sort((a, b) => a.line - b.line);
  }
  return [...byValue.values()].sort((a, b) => a.line - b.line || a.kind.localeCompare(b.kind));
}

/** Only buckets and domains have roles of their own; every other kind has one role per kind. */
function roleOf(kind: FindingKind, value: string, found: string): string {
  if (kind === 'bucket') return found === 'artifact' || found === 'data' ? found : 'site';
  if (kind === 'domain') return /^api[.-]/.test(value) ? 'api' : 'site';
  if (kind === 'region') return found === 'global' ? 'global' : 'region';
  return FIXED_ROLES[kind];
}

const FIXED_ROLES: Record<FindingKind, string> = {
  bucket: 'site',
  domain: 'site',
  region: 'region',
  'distribution-id': 'site',
  'function-name': 'function',
  'function-arn': 'function',
  'api-id': 'api',
  stage: 'api',
  'api-url': 'api',
  'account-id': 'account',
  arn: 'arn',
  profile: 'profile',
};
