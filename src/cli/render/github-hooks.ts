import type { DeployOutcome } from '../../actions/deploy/deploy.js';
import {
  ConfigError,
  type ConfigIssue,
  type OmnixError,
  WaitingForApprovalError,
} from '../../core/errors.js';
import type { HealthReport, PlanSummary } from '../../records/index.js';
import type { CliIo } from '../io.js';
import { type GithubActions, githubActions } from './github-actions.js';
import { errorSummary, healthSummary, planMarkdown } from './github-summary.js';

/**
 * What the CLI adds on a GitHub Actions runner (`GITHUB_ACTIONS=true`): each function does nothing
 * elsewhere, so a command calls it unconditionally.
 */

/** A configuration problem as an annotation on its file, line and column. */
function annotateIssue(github: GithubActions, issue: ConfigIssue, level: 'error' | 'warning'): void {
  const file = github.file(issue.source);
  github.annotate(
    level,
    `${issue.path ? `${issue.path}: ` : ''}${issue.message}${issue.hint ? ` — ${issue.hint}` : ''}`,
    {
      ...(file ? { file } : {}),
      ...(file && issue.line !== undefined ? { line: issue.line, col: issue.column ?? 1 } : {}),
      title: file ? 'omnix configuration' : `omnix configuration (${issue.source})`,
    },
  );
}

/** The error a command ended with: annotations, and a section of the job summary. */
export async function githubError(io: CliIo, error: OmnixError): Promise<void> {
  const github = githubActions(io);
  if (!github) return;
  const text = error.hint ? `${error.message} — ${error.hint}` : error.message;
  if (error instanceof ConfigError) for (const issue of error.issues) annotateIssue(github, issue, 'error');
  // Waiting is where a pipeline with approvals stops by design: a warning, not an error.
  else if (error instanceof WaitingForApprovalError)
    github.annotate('warning', text, { title: 'omnix: waiting for an approval' });
  else github.annotate('error', text, { title: `omnix: ${error.code}` });
  await github.summary(errorSummary(error));
}

/** `omnix config validate`'s findings, each on its line. */
export function githubIssues(
  io: CliIo,
  errors: readonly ConfigIssue[],
  warnings: readonly ConfigIssue[],
): void {
  const github = githubActions(io);
  if (!github) return;
  for (const issue of errors) annotateIssue(github, issue, 'error');
  for (const issue of warnings) annotateIssue(github, issue, 'warning');
}

/** A warning a deployment reported as it went. */
export function githubWarning(io: CliIo, phase: string, message: string): void {
  githubActions(io)?.annotate('warning', message, { title: `omnix ${phase}` });
}

/** `omnix plan`: the plan in the job summary. */
export async function githubPlan(io: CliIo, plan: PlanSummary): Promise<void> {
  await githubActions(io)?.summary(planMarkdown(plan));
}

/** `omnix health`: the report in the job summary. */
export async function githubHealth(io: CliIo, report: HealthReport): Promise<void> {
  await githubActions(io)?.summary(healthSummary(report, 3));
}

/**
 * A deployment or promotion that ended well: `siteUrl`, `apiUrl` and `release` as the step's outputs;
 * with nothing to change, a line in the summary (a change that ran has its own summary, written when it
 * finished).
 */
export async function githubOutcome(io: CliIo, environment: string, outcome: DeployOutcome): Promise<void> {
  const github = githubActions(io);
  if (!github || (outcome.status !== 'succeeded' && outcome.status !== 'nothing-to-do')) return;
  const release = outcome.release !== undefined ? String(outcome.release) : undefined;
  await github.outputs({ siteUrl: outcome.outputs.siteUrl, apiUrl: outcome.outputs.apiUrl, release });
  if (outcome.status === 'nothing-to-do')
    await github.summary(
      `### ✅ ${environment} is up to date${release ? ` (release v${release})` : ''}: nothing to change`,
    );
}
