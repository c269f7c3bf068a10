import { AGENT } from './agent.js';
import { CI, DASHBOARD } from './ci.js';
import { CONFIG, INIT } from './config.js';
import { DRIFT, HEALTH, HISTORY, IAM_POLICY, LOCK, STATE, STATUS, VALIDATE } from './environment.js';
import { MIGRATE } from './migrate.js';
import { APPROVALS, APPROVE, REJECT, WORKFLOW } from './orchestration.js';
import { DEPLOY, PLAN, PROMOTE, RECOVER, ROLLBACK } from './release.js';
import { DEMO, SANDBOX } from './sandbox.js';
import type { CommandSpec } from './spec.js';

export type { CommandSpec, OptionSpec } from './spec.js';

/** Every omnix command, in the order `omnix --help` lists them. Handlers load on first use. */
export const COMMANDS: CommandSpec[] = [
  INIT,
  CONFIG,
  PLAN,
  VALIDATE,
  DRIFT,
  IAM_POLICY,
  CI,
  DEPLOY,
  PROMOTE,
  WORKFLOW,
  ROLLBACK,
  RECOVER,
  APPROVE,
  REJECT,
  APPROVALS,
  STATUS,
  HEALTH,
  DASHBOARD,
  HISTORY,
  LOCK,
  STATE,
  AGENT,
  DEMO,
  SANDBOX,
  MIGRATE,
];
