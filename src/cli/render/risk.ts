import type { PlanRisk } from '../../agent/risk/plan-risk.js';
import type { PlanSummary } from '../../records/index.js';
import type { Style } from '../style.js';

/** The risk line of a plan summary that carries `agent.risk`, and its factors. */
export function renderRisk(plan: PlanSummary, style: Style): string[] {
  const risk = plan.agent?.risk as PlanRisk | undefined;
  if (!risk) return [];
  const basis = `from ${risk.basis.deployments} deployment(s), ${risk.basis.failures} failed${risk.basis.average !== undefined ? `; an average one of them: ${risk.basis.average.toFixed(2)}` : ''}`;
  if (risk.score === null) return [style.dim(`  risk: unknown (${risk.note ?? 'no score'}; ${basis})`)];
  const headline = `  risk: ${risk.score.toFixed(2)} ${risk.level}${risk.level === 'high' ? ` (at or above agent.riskThreshold ${risk.threshold})` : ''}, ${basis}`;
  const lines = [risk.level === 'high' ? style.red(style.bold(`${headline}: HIGH RISK`)) : headline];
  for (const factor of risk.factors)
    lines.push(
      style.dim(
        `    ${factor.effect >= 0 ? '↑' : '↓'} ${factor.text} (odds ×${Math.exp(factor.effect).toFixed(2)})`,
      ),
    );
  if (risk.note) lines.push(style.dim(`    ${risk.note}`));
  return lines;
}

/** Whether the plan's risk is at or above `agent.riskThreshold`, for the confirmation question. */
export function highRisk(plan: PlanSummary): string | undefined {
  const risk = plan.agent?.risk as PlanRisk | undefined;
  return risk?.level === 'high' && risk.score !== null
    ? `high risk: ${risk.score.toFixed(2)}, at or above agent.riskThreshold ${risk.threshold}`
    : undefined;
}
