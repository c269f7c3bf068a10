import { loadValidConfig } from '../../config/load.js';
import { ExitCode } from '../../core/errors.js';
import { openStoreFor } from '../../engine/state.js';
import type { CommandContext } from '../io.js';
import { createStyle } from '../style.js';

/** `omnix status <env>`: the live release and its outputs, the last deployment, and who holds the lock. */
export async function statusCommand(context: CommandContext, environment: string): Promise<number> {
  const loaded = await loadValidConfig({
    environment,
    configDir: context.configDir,
    env: context.io.env,
    cwd: context.io.cwd,
  });
  const store = await openStoreFor(loaded);
  const [release] = await store.listReleases(environment, { limit: 1 });
  const [last] = await store.listDeployments(environment, { limit: 1 });
  const releaseDeployment = release ? await store.getDeployment(release.deploymentId) : undefined;
  const lock = await store.readLock(environment);
  const status = {
    environment,
    release: release
      ? {
          number: release.number,
          deploymentId: release.deploymentId,
          createdAt: release.createdAt,
          outputs: releaseDeployment?.outputs ?? {},
        }
      : null,
    outputs: releaseDeployment?.outputs ?? {},
    lastDeployment: last
      ? {
          id: last.id,
          status: last.status,
          startedAt: last.startedAt,
          finishedAt: last.finishedAt ?? null,
          by: last.caller.user,
          errors: last.errors,
          changes: last.changes.length,
        }
      : null,
    lock: lock
      ? {
          holder: lock.holder,
          acquiredAt: lock.acquiredAt,
          expiresAt: lock.expiresAt,
          expired: Date.parse(lock.expiresAt) < Date.now(),
        }
      : null,
  };
  if (context.json) {
    context.printJson(status);
    return ExitCode.Ok;
  }
  const style = createStyle(context.color);
  context.print(style.bold(environment));
  context.print(
    release
      ? `  live release: v${release.number} (${release.createdAt}, deployment ${release.deploymentId})`
      : '  live release: none yet',
  );
  for (const [name, url] of Object.entries(status.outputs)) context.print(`  ${name}: ${url}`);
  if (last) {
    const mark =
      last.status === 'succeeded'
        ? style.green(last.status)
        : last.status === 'in_progress'
          ? style.yellow(last.status)
          : style.red(last.status);
    context.print(`  last deployment: ${last.id} ${mark} by ${last.caller.user} at ${last.startedAt}`);
    for (const error of last.errors) context.print(style.red(`    ${error.code}: ${error.message}`));
  }
  context.print(
    lock
      ? `  locked by ${lock.holder.user} on ${lock.holder.host} (pid ${lock.holder.pid}) until ${lock.expiresAt}`
      : '  not locked',
  );
  return ExitCode.Ok;
}
