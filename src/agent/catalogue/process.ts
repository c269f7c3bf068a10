import type { KnownFailure } from './known-failure.js';

const healthCheck = (type: string, what: string, remedy: string): KnownFailure => ({
  id: `health-check-failed-${type}`,
  title: `Health check failed (${type})`,
  recognisedBy: { errors: ['HealthCheckFailed'], checks: [type] },
  explanation: `After the change, ${what}; the release was not healthy, so it was rolled back when autoRollback is on.`,
  remedy,
  blamesChange: true,
  next: 'fix-and-redeploy',
});

/** The deployment's own steps: build, artifacts, health checks, locks, interruptions. */
export const PROCESS_FAILURES: KnownFailure[] = [
  healthCheck(
    'http',
    'an HTTP check got the wrong status, body or headers',
    'Reproduce it against the environment’s URL (`omnix health <env>`), fix the code or configuration, and deploy again.',
  ),
  healthCheck(
    'frontend',
    'the page, or a script, style or image it references, did not load, or it did not carry the new build id',
    'Check that every asset the entry page references was built and uploaded; build again and deploy.',
  ),
  healthCheck(
    'api',
    'an API endpoint check failed',
    'Call the failing endpoint on the new release (the check says which), fix it, and deploy again.',
  ),
  healthCheck(
    'lambda',
    'invoking the function with the test payload returned an error',
    'Invoke it yourself (`aws lambda invoke`) and read its logs; fix the code, and deploy again.',
  ),
  healthCheck(
    'tcp',
    'a port the release needs did not answer',
    'Check the service and the network path (security groups, VPC) before deploying again.',
  ),
  healthCheck(
    'cloudwatch-alarm',
    'a CloudWatch alarm went into ALARM',
    "Read the alarm's metric for what the release changed; fix it and deploy again.",
  ),
  healthCheck(
    'canary',
    'the canary version did worse than the one before it',
    "Compare the two versions' errors and latency (the check says which), fix, and deploy again.",
  ),
  healthCheck('plugin', 'a plugin check failed', 'Read what the plugin reported, fix, and deploy again.'),
  {
    id: 'health-check-failed',
    title: 'Health check failed',
    recognisedBy: { errors: ['HealthCheckFailed'] },
    explanation: 'After the change the release did not pass its health checks.',
    remedy: 'Run `omnix health <env>` to see which check fails and why; fix it and deploy again.',
    blamesChange: true,
    next: 'fix-and-redeploy',
  },
  {
    id: 'artifact-missing',
    title: 'Build artifact missing',
    recognisedBy: { errors: ['ArtifactMissing', 'ArtifactEmpty', 'EntryPointMissing', 'ArtifactInvalid'] },
    explanation:
      'The folder or zip the configuration points at (frontend.source, a function source) is missing, empty, or lacks its entry point.',
    remedy: 'Build first (or set the build command), and check the source paths in the configuration.',
    blamesChange: true,
    next: 'fix-and-redeploy',
  },
  {
    id: 'build-failed',
    title: 'Build command failed',
    recognisedBy: { errors: ['BuildFailed'] },
    explanation: 'A build command in the configuration exited non-zero, so nothing was deployed.',
    remedy: 'Run the build command yourself and fix what it reports.',
    blamesChange: true,
    next: 'fix-and-redeploy',
  },
  {
    id: 'validation-failed',
    title: 'Pre-deployment validation failed',
    recognisedBy: { errors: ['ValidationFailed'] },
    explanation:
      'Validation found a problem before any change (permissions, resources, artifacts, secrets in uploads).',
    remedy: 'Run `omnix validate <env>` and fix what it lists.',
    blamesChange: true,
    next: 'fix-and-redeploy',
  },
  {
    id: 'lock-held-stale',
    title: 'Stale lock',
    recognisedBy: { errors: ['Locked', 'LockHeld'], messages: [/stale|expired|gone|not running/i] },
    explanation: 'The lock is held by a deployer whose process is gone or who stopped renewing it.',
    remedy: 'Break it once you are sure no deployment runs: `omnix lock break <env>`.',
    automaticRecovery:
      'A lock whose holder provably died (same host, process gone, or expired) is taken over.',
    blamesChange: false,
    next: 'break-lock',
  },
  {
    id: 'lock-held',
    title: 'Locked by another deployer',
    recognisedBy: { errors: ['Locked', 'LockHeld', 'LockContention'] },
    explanation: 'Another deployment of the environment holds its lock.',
    remedy: 'Wait for it (`--wait-for-lock 10m`), or see who holds it: `omnix lock status <env>`.',
    blamesChange: false,
    next: 'retry',
  },
  {
    id: 'lock-lost',
    title: 'Lock taken over during the deployment',
    recognisedBy: { errors: ['LockLost'] },
    explanation: 'The deployment could not renew its lock in time and another deployer took it over.',
    remedy: 'See what is live (`omnix status <env>`), then deploy again.',
    blamesChange: false,
    next: 'recover',
  },
  {
    id: 'deployment-interrupted',
    title: 'Deployment interrupted',
    recognisedBy: { errors: ['Interrupted', 'InterruptedDeployment'] },
    explanation:
      'A deployment stopped before it finished (Ctrl-C, a killed process, a lost machine), leaving the environment between releases.',
    remedy:
      'Run `omnix recover <env>` to restore what was live before, or `omnix recover <env> --resume` to finish it.',
    blamesChange: false,
    next: 'recover',
  },
  {
    id: 'rollback-failed',
    title: 'Rollback could not restore everything',
    recognisedBy: {
      errors: ['RollbackFailed', 'RestoreNotVerified', 'NotRestorable', 'TargetNotRestorable'],
    },
    explanation: 'Putting the earlier release back failed part way; the environment needs attention.',
    remedy: 'Run `omnix status <env>` to see what differs, then `omnix rollback <env>` again.',
    blamesChange: false,
    next: 'rollback',
  },
];
