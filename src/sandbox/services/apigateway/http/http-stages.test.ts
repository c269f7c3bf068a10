import {
  CreateDeploymentCommand,
  CreateRouteCommand,
  CreateStageCommand,
  DeleteDeploymentCommand,
  DeleteStageCommand,
  GetDeploymentCommand,
  GetDeploymentsCommand,
  GetStageCommand,
  GetStagesCommand,
  UpdateRouteCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { describe, expect, it } from 'vitest';

import { gateway, rejection } from '../../../../../test/helpers/http-api.js';

describe('sandbox API Gateway v2 stages and deployments', () => {
  it('freezes routes in a deployment and moves a named stage to it', async () => {
    const { client, apiId, integrate } = await gateway();
    await expect(client.send(new CreateDeploymentCommand({ ApiId: apiId }))).rejects.toMatchObject({
      ...rejection('BadRequestException', 400),
      message: 'Unable to deploy API because no routes exist in this API',
    });
    const target = `integrations/${(await integrate()).IntegrationId}`;
    await client.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /a', Target: target }));
    const stage = await client.send(
      new CreateStageCommand({
        ApiId: apiId,
        StageName: 'dev',
        StageVariables: { alias: 'live' },
        Description: 'dev',
      }),
    );
    expect(stage).toMatchObject({ StageName: 'dev', AutoDeploy: false, StageVariables: { alias: 'live' } });
    expect(stage.DeploymentId).toBeUndefined();

    const first = await client.send(
      new CreateDeploymentCommand({ ApiId: apiId, StageName: 'dev', Description: 'one' }),
    );
    expect(first).toMatchObject({ DeploymentStatus: 'DEPLOYED', AutoDeployed: false, Description: 'one' });
    const second = await client.send(new CreateDeploymentCommand({ ApiId: apiId }));
    expect((await client.send(new GetStageCommand({ ApiId: apiId, StageName: 'dev' }))).DeploymentId).toBe(
      first.DeploymentId,
    );
    expect(
      (await client.send(new GetDeploymentsCommand({ ApiId: apiId }))).Items?.map((d) => d.DeploymentId),
    ).toEqual([first.DeploymentId, second.DeploymentId]);

    await client.send(
      new UpdateStageCommand({
        ApiId: apiId,
        StageName: 'dev',
        DeploymentId: second.DeploymentId,
        StageVariables: { alias: '', region: 'eu' },
        Description: 'moved',
      }),
    );
    expect(await client.send(new GetStageCommand({ ApiId: apiId, StageName: 'dev' }))).toMatchObject({
      DeploymentId: second.DeploymentId,
      StageVariables: { region: 'eu' },
      Description: 'moved',
    });

    // A deployment a stage points at stays; another can go.
    await expect(
      client.send(new DeleteDeploymentCommand({ ApiId: apiId, DeploymentId: second.DeploymentId })),
    ).rejects.toMatchObject(rejection('BadRequestException', 400));
    await client.send(new DeleteDeploymentCommand({ ApiId: apiId, DeploymentId: first.DeploymentId }));
    await expect(
      client.send(new GetDeploymentCommand({ ApiId: apiId, DeploymentId: first.DeploymentId })),
    ).rejects.toMatchObject(rejection('NotFoundException', 404));

    await expect(
      client.send(new CreateStageCommand({ ApiId: apiId, StageName: 'dev' })),
    ).rejects.toMatchObject(rejection('ConflictException', 409));
    await expect(
      client.send(new CreateStageCommand({ ApiId: apiId, StageName: 'prod', DeploymentId: 'nope12' })),
    ).rejects.toMatchObject(rejection('NotFoundException', 404));
    await expect(
      client.send(new CreateStageCommand({ ApiId: apiId, StageName: 'bad name' })),
    ).rejects.toMatchObject(rejection('BadRequestException', 400));
    await client.send(new DeleteStageCommand({ ApiId: apiId, StageName: 'dev' }));
    expect((await client.send(new GetStagesCommand({ ApiId: apiId }))).Items).toEqual([]);
    await expect(
      client.send(new DeleteStageCommand({ ApiId: apiId, StageName: 'dev' })),
    ).rejects.toMatchObject(rejection('NotFoundException', 404));
  });

  it('redeploys an autoDeploy stage on every route and integration change, and refuses manual deployments to it', async () => {
    const { client, apiId, integrate } = await gateway();
    const stage = await client.send(
      new CreateStageCommand({ ApiId: apiId, StageName: '$default', AutoDeploy: true }),
    );
    // Nothing to deploy yet: the failure is kept on the stage, as AWS keeps it.
    expect(stage.DeploymentId).toBeUndefined();
    expect(stage.LastDeploymentStatusMessage).toContain('no routes exist');

    const integration = await integrate();
    const route = await client.send(
      new CreateRouteCommand({
        ApiId: apiId,
        RouteKey: 'GET /a',
        Target: `integrations/${integration.IntegrationId}`,
      }),
    );
    const afterRoute = (await client.send(new GetStageCommand({ ApiId: apiId, StageName: '$default' })))
      .DeploymentId!;
    expect(afterRoute).toBeDefined();
    expect(
      await client.send(new GetDeploymentCommand({ ApiId: apiId, DeploymentId: afterRoute })),
    ).toMatchObject({
      AutoDeployed: true,
    });
    await client.send(new UpdateRouteCommand({ ApiId: apiId, RouteId: route.RouteId, RouteKey: 'GET /b' }));
    const afterUpdate = (await client.send(new GetStageCommand({ ApiId: apiId, StageName: '$default' })))
      .DeploymentId;
    expect(afterUpdate).not.toBe(afterRoute);

    await expect(
      client.send(new CreateDeploymentCommand({ ApiId: apiId, StageName: '$default' })),
    ).rejects.toMatchObject(rejection('BadRequestException', 400));
    await expect(
      client.send(new UpdateStageCommand({ ApiId: apiId, StageName: '$default', DeploymentId: afterRoute })),
    ).rejects.toMatchObject(rejection('BadRequestException', 400));

    // Turned off, the stage stays where it is and takes deployments again.
    await client.send(new UpdateStageCommand({ ApiId: apiId, StageName: '$default', AutoDeploy: false }));
    await client.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /c' }));
    expect(
      (await client.send(new GetStageCommand({ ApiId: apiId, StageName: '$default' }))).DeploymentId,
    ).toBe(afterUpdate);
    await client.send(
      new UpdateStageCommand({ ApiId: apiId, StageName: '$default', DeploymentId: afterRoute }),
    );
    expect(
      (await client.send(new GetStageCommand({ ApiId: apiId, StageName: '$default' }))).DeploymentId,
    ).toBe(afterRoute);
  });
});
