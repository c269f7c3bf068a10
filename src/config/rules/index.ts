import { apiRoutesAreValid, apiTypeFitsItsSettings } from './api.js';
import { awsNamesFollowAwsRules } from './aws-names.js';
import {
  apiIdentifiedOnce,
  apiNamesItsFunction,
  atLeastOneFunction,
  lambdaEnvironmentIsValid,
  uniqueFunctionNames,
} from './backend.js';
import {
  canaryNeedsABackend,
  canaryStepsRiseTo100,
  lambdaChecksNameAFunction,
  uniqueHealthCheckNames,
} from './health.js';
import { migrationPlaceholdersRemain } from './migration-placeholders.js';
import { webhooksUseHttps } from './notifications.js';
import { pathsStayInTheirFolder, sourcesStayInTheProject } from './paths.js';
import {
  accountIdIsTwelveDigits,
  endpointIsAUrl,
  keysAreRelative,
  productionHasApprovals,
  somethingToDeploy,
} from './project.js';
import type { Rule, RuleContext, RuleFinding } from './rule.js';
import { workflowStepsFitTogether, workflowsNameKnownEnvironments } from './workflows.js';

export type { Rule, RuleContext, RuleFinding } from './rule.js';

/** Every named check across fields, run in this order. Adding one means writing it and listing it here. */
export const RULES: Readonly<Record<string, Rule>> = {
  somethingToDeploy,
  awsNamesFollowAwsRules,
  accountIdIsTwelveDigits,
  endpointIsAUrl,
  apiIdentifiedOnce,
  apiNamesItsFunction,
  apiTypeFitsItsSettings,
  apiRoutesAreValid,
  atLeastOneFunction,
  uniqueFunctionNames,
  lambdaEnvironmentIsValid,
  uniqueHealthCheckNames,
  lambdaChecksNameAFunction,
  canaryStepsRiseTo100,
  canaryNeedsABackend,
  keysAreRelative,
  sourcesStayInTheProject,
  pathsStayInTheirFolder,
  workflowsNameKnownEnvironments,
  workflowStepsFitTogether,
  productionHasApprovals,
  webhooksUseHttps,
  migrationPlaceholdersRemain,
};

export function runRules(context: RuleContext): RuleFinding[] {
  return Object.values(RULES).flatMap((rule) => rule(context));
}
