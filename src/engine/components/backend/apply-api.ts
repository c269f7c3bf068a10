import { emit } from '../../../core/events.js';
import { releasedApi, type StagePlan } from '../../../providers/aws/api-kind.js';
import { apiKind } from '../../../providers/aws/api-kinds.js';
import { allowApiToInvoke } from '../../../providers/aws/lambda-permission.js';
import type { ReleasedApi } from '../../../records/index.js';
import type { ApplyContext } from '../component.js';
import type { PlannedApi } from './planned.js';
import { changesNothing, describeRoutesDiff, routeChanges } from './routes.js';

/**
 * The API after the functions: autoDeploy off when planned, the routes changed, API Gateway let invoke
 * each routed alias, a new deployment on the stage, then its variables. Returns what the release records.
 */
export async function applyApi(
  planned: PlannedApi,
  stagePlan: StagePlan | undefined,
  { clients, report, changed }: Pick<ApplyContext, 'clients' | 'report' | 'changed'>,
): Promise<ReleasedApi> {
  const kind = await apiKind(planned.type);
  const { apiId, stage, live } = planned;
  if (planned.turnOffAutoDeploy && live) {
    await kind.pointStage(clients, live, live.deploymentId, { turnOffAutoDeploy: true });
    await changed(`stage ${stage}: autoDeploy turned off`);
  }
  let definitionHash = planned.definitionHash;
  if (planned.routes && !changesNothing(planned.routes.diff)) {
    emit(
      report,
      'progress',
      'apply',
      `${kind.label} ${apiId}: routes ${describeRoutesDiff(planned.routes.diff)}`,
    );
    await kind.changeRoutes(clients, apiId, routeChanges(planned.routes.wanted, planned.routes.diff));
    await changed(`${kind.label} ${apiId}: routes ${describeRoutesDiff(planned.routes.diff)}`);
    definitionHash = (await kind.readDefinition(clients, apiId)).hash;
  }
  if (planned.grant?.length) {
    const lambda = await clients.lambda();
    for (const aliasArn of planned.grant)
      if (await allowApiToInvoke(lambda, aliasArn, apiId))
        await changed(`${aliasArn.split(':').slice(-2).join(':')}: ${kind.label} ${apiId} may invoke it`);
  }
  let deploymentId = live?.deploymentId ?? '';
  if (planned.redeploy) {
    deploymentId = await kind.deploy(
      clients,
      apiId,
      { name: stage, exists: live !== undefined },
      `omnix deploy (${planned.redeploy})`,
    );
    await changed(`stage ${stage}: deployment ${deploymentId} (${planned.redeploy})`);
  }
  if (stagePlan) {
    await kind.setVariables(clients, apiId, stage, stagePlan);
    await changed(`stage ${stage}: variables updated`);
  }
  const variables = { ...live?.variables, ...stagePlan?.setVariables };
  for (const name of stagePlan?.removeVariables ?? []) delete variables[name];
  return releasedApi(planned.type, apiId, {
    stage,
    deploymentId,
    definitionHash,
    variables,
    ...(planned.routes
      ? {
          routes: planned.routes.wanted.map(({ key, function: fn, alias }) => ({ key, function: fn, alias })),
        }
      : {}),
  });
}
