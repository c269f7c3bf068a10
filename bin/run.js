/** Loads the compiled CLI; says how to build it when it is missing (a checkout without `npm ci`). */
export async function run(bin) {
  // The AWS SDK warns on Node 20 that its releases after January 2027 need Node 22: noise for omnix's users,
  // whose Node 20 omnix supports. Said once here, for every command; an explicit setting wins.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  let main;
  try {
    ({ main } = await import('../dist/cli/main.js'));
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    process.stderr.write(
      `error: omnix is not built (${error.message})\n  hint: run 'npm ci' (or 'npm run build') in the omnix folder\n`,
    );
    process.exitCode = 1;
    return;
  }
  process.exitCode = await main(process.argv.slice(2), undefined, bin);
  // Interrupted (Ctrl-C): what the command had in flight must not go on after its lock was let go.
  if (process.exitCode === 130) process.exit(130);
}
