import type { DeployEvent, Report } from '../../core/events.js';

/** The phases of a deployment, in the order the engine runs them. */
export const PHASES = [
  'load',
  'build',
  'validate',
  'plan',
  'lock',
  'snapshot',
  'apply',
  'verify',
  'commit',
] as const;

interface Deferred {
  promise: Promise<number | 'skipped'>;
  resolve(value: number | 'skipped'): void;
  reject(error: unknown): void;
}

function deferred(): Deferred {
  let resolve!: Deferred['resolve'];
  let reject!: Deferred['reject'];
  const promise = new Promise<number | 'skipped'>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  promise.catch(() => {});
  return { promise, resolve, reject };
}

/**
 * Runs `work` under a live task list (listr2): one task per phase, each done when the engine reports
 * its end, showing the latest progress line while it runs. Phases the engine never reaches (nothing
 * to change, a dry run) are shown as skipped; a failure fails the running phase and is rethrown.
 */
export async function withTaskList<T>(
  work: (report: Report) => Promise<T>,
  options: {
    renderer?: 'default' | 'verbose' | 'silent';
    /**
     * Show the list once this settles (a confirmation asked first: a prompt cannot share the screen with
     * it); the phases done by then are shown done. Work that ends before never shows the list.
     */
    showWhen?: Promise<void>;
  } = {},
): Promise<T> {
  const { Listr } = await import('listr2');
  // A terminal that reports no size (a pty nobody sized, say) says 0 columns: listr2 would then wrap
  // every line one character wide. Such a terminal is taken as the usual 80.
  if (process.stdout.isTTY && !process.stdout.columns) process.stdout.columns = 80;
  const phases = new Map<string, Deferred>(PHASES.map((name) => [name, deferred()]));
  const outputs = new Map<string, (text: string) => void>();
  const ended = new Set<string>();
  const report = (event: DeployEvent) => {
    const phase = phases.get(event.phase);
    if (event.kind === 'end') {
      ended.add(event.phase);
      phase?.resolve(event.durationMs ?? 0);
      // A finished task has no output bar left (listr2 fails on writing to it): later lines of that phase are not shown.
    } else if (event.kind !== 'begin' && !ended.has(event.phase)) outputs.get(event.phase)?.(event.message);
  };
  const list = new Listr(
    PHASES.map((name) => ({
      title: name,
      task: async (
        _context: unknown,
        task: { output: string; title: string; skip(message?: string): void },
      ) => {
        outputs.set(name, (text) => {
          task.output = text;
        });
        const outcome = await phases.get(name)!.promise;
        if (outcome === 'skipped') task.skip(`${name} (not needed)`);
        else task.title = `${name} (${outcome} ms)`;
      },
    })),
    {
      concurrent: false,
      exitOnError: true,
      renderer: options.renderer ?? 'default',
      fallbackRenderer: 'verbose',
      // Ctrl-C is the command's to handle (it records what was left); listr2's own handler exits 127.
      registerSignalListeners: false,
      rendererOptions: { collapseSubtasks: false },
    },
  );
  const running = work(report).then(
    (value) => {
      for (const phase of phases.values()) phase.resolve('skipped');
      return value;
    },
    (error: unknown) => {
      for (const phase of phases.values()) phase.reject(error);
      throw error;
    },
  );
  let show = options.showWhen === undefined;
  const settled = running.then(
    () => {},
    () => {},
  );
  if (!show)
    await Promise.race([
      options.showWhen!.then(() => {
        show = true;
      }),
      settled,
    ]);
  if (show) await list.run().catch(() => {});
  return running;
}
