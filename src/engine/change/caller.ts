import { hostname, userInfo } from 'node:os';
import type { DeploymentRecord } from '../../records/index.js';

/** Who runs this deployment: the CI identity when there is one, else the local user. */
export function callerIdentity(
  env: Readonly<Record<string, string | undefined>>,
  awsArn?: string,
): DeploymentRecord['caller'] {
  const ci: Record<string, string> = {};
  if (env.GITHUB_ACTIONS === 'true') {
    if (env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID) {
      ci.runUrl = `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
    }
    if (env.GITHUB_SHA) ci.commit = env.GITHUB_SHA;
  }
  let user = env.GITHUB_ACTOR ?? env.USER ?? env.USERNAME;
  if (!user) {
    try {
      user = userInfo().username;
    } catch {
      user = 'unknown';
    }
  }
  return {
    user: awsArn ? `${user} (${awsArn})` : user,
    host: hostname(),
    pid: process.pid,
    ...(Object.keys(ci).length > 0 ? { ci } : {}),
  };
}
