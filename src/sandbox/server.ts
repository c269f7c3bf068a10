import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createSandboxApp } from './app.js';
import { FaultInjector } from './faults.js';
import { resolveSandboxOptions, type SandboxOptions } from './options.js';
import { Persistence } from './persistence.js';
import { createApiGatewayService } from './services/apigateway/apigateway.js';
import { createExecuteApiServer } from './services/apigateway/execute-api.js';
import { HttpApiState } from './services/apigateway/http/state.js';
import { ApiGatewayState } from './services/apigateway/state.js';
import { createCloudFrontService } from './services/cloudfront/cloudfront.js';
import { createCloudFrontServer } from './services/cloudfront/serve.js';
import { CloudFrontState } from './services/cloudfront/state.js';
import { createCloudWatchService } from './services/cloudwatch/cloudwatch.js';
import { createIamService, IamPolicies } from './services/iam/iam.js';
import { createLambdaService } from './services/lambda/lambda.js';
import { createLogsService } from './services/logs/logs.js';
import { LogsStore } from './services/logs/store.js';
import { createS3Service } from './services/s3/s3.js';
import { S3Store } from './services/s3/store.js';
import { createSnsService } from './services/sns/sns.js';
import { createSsmService } from './services/ssm/ssm.js';
import { createStsService } from './services/sts/sts.js';

export interface RunningSandbox {
  /** `http://127.0.0.1:<port>`: what `aws.endpoint` (or `--endpoint-url`) points at. */
  endpoint: string;
  port: number;
  dataDir: string | undefined;
  faults: FaultInjector;
  iamPolicies: IamPolicies;
  /** Process ids of the Lambda workers alive now; none once `stop` has finished. */
  lambdaWorkerPids(): number[];
  stop(): Promise<void>;
}

/** Starts the sandbox on 127.0.0.1 (never another interface). */
export async function startSandbox(input: SandboxOptions = {}): Promise<RunningSandbox> {
  const options = resolveSandboxOptions(input);
  const persistence = new Persistence(options.dataDir);
  const faults = new FaultInjector(input.faults);
  const iamPolicies = new IamPolicies();
  for (const [principal, documents] of Object.entries(input.iamPolicies ?? {}))
    iamPolicies.set(principal, documents);
  const s3 = new S3Store(persistence);
  const cloudFront = new CloudFrontState(persistence);
  const logs = new LogsStore(persistence);
  const lambda = createLambdaService(options, persistence, s3, logs);
  const apiGateway = new ApiGatewayState(options, persistence);
  const httpApis = new HttpApiState(options, persistence, (id) => apiGateway.apis.has(id));
  const sns = createSnsService(options, persistence);
  const services = {
    sts: createStsService(options),
    iam: createIamService(options, iamPolicies),
    s3: createS3Service(options, persistence, s3),
    cloudfront: createCloudFrontService(options, cloudFront),
    lambda: lambda.service,
    apigateway: createApiGatewayService(options, apiGateway, httpApis),
    monitoring: createCloudWatchService(options, persistence),
    logs: createLogsService(options, logs),
    ssm: createSsmService(options, persistence),
    sns: sns.service,
  };
  const servers = {
    cloudfront: createCloudFrontServer(cloudFront, s3, persistence),
    apigateway: createExecuteApiServer(apiGateway, httpApis, lambda.invoke, options),
    lambdacode: lambda.code,
    sns: sns.server,
  };
  const app = createSandboxApp({ options, services, faults, iamPolicies, servers });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, port: options.port, hostname: '127.0.0.1' }, () =>
      resolve(started),
    );
    started.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  let stopping: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    dataDir: options.dataDir,
    faults,
    iamPolicies,
    lambdaWorkerPids: () => lambda.runtime.workerPids(),
    stop: () => {
      stopping ??= Promise.all([
        new Promise<void>((resolve, reject) => {
          server.close((error) => (error ? reject(error) : resolve()));
          (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        }),
        lambda.runtime.stop(),
      ]).then(() => logs.flush());
      return stopping;
    },
  };
}
