import type { KnownFailure } from './known-failure.js';

/** What Lambda refuses, or what a function does wrong once it runs. Runtime errors come first: they explain a failed check. */
export const LAMBDA_FAILURES: KnownFailure[] = [
  {
    id: 'handler-not-found',
    title: 'Handler not found',
    recognisedBy: { messages: [/Runtime\.HandlerNotFound|is undefined or not exported|HandlerNotFound/] },
    explanation:
      'Lambda loaded the module but the handler named in the configuration (file.export) is not exported by it.',
    remedy:
      'Make `handler` name the exported function (for index.mjs exporting `handler`: index.handler), or export it, and deploy again.',
    blamesChange: true,
    next: 'fix-and-redeploy',
  },
  {
    id: 'import-module-error',
    title: 'Module cannot be imported',
    recognisedBy: {
      messages: [/Runtime\.ImportModuleError|Cannot find module|ERR_MODULE_NOT_FOUND|ImportModuleError/],
    },
    explanation:
      'The function failed while loading: its file, or a package it imports, is not in the deployed package.',
    remedy:
      'Bundle the dependencies into the package (node_modules or a bundler), check the handler file name, and deploy again.',
    blamesChange: true,
    next: 'fix-and-redeploy',
  },
  {
    id: 'function-timeout',
    title: 'Function timed out',
    recognisedBy: { messages: [/Task timed out after|Sandbox\.Timedout|function timed out/i] },
    explanation: 'The function ran longer than its timeout (timeoutSeconds) and Lambda stopped it.',
    remedy:
      'Find what is slow (a dependency, a cold start, a loop), or raise timeoutSeconds; then deploy again.',
    blamesChange: true,
    next: 'fix-and-redeploy',
  },
  {
    id: 'out-of-memory',
    title: 'Function ran out of memory',
    recognisedBy: {
      messages: [/Runtime\.OutOfMemory|heap out of memory|signal: killed|Runtime exited with error: signal/i],
    },
    explanation: 'The function used more memory than memoryMb allows and was killed.',
    remedy: 'Raise memoryMb (it also buys CPU), or use less memory; then deploy again.',
    blamesChange: true,
    next: 'fix-and-redeploy',
  },
  {
    id: 'lambda-package-too-large',
    title: 'Package too large for a direct upload',
    recognisedBy: {
      errors: ['RequestEntityTooLargeException', 'RequestTooLargeException', 'PackageTooLarge'],
    },
    explanation:
      'A zipped package sent directly in UpdateFunctionCode may be at most 50 MB (smaller still once base64-encoded).',
    remedy: 'Set backend.artifactBucket so packages go through S3, or make the package smaller.',
    automaticRecovery:
      'When an artifact bucket is configured, the package is uploaded there and the function updated from S3.',
    blamesChange: true,
    next: 'fix-and-redeploy',
  },
  {
    id: 'lambda-unzipped-too-large',
    title: 'Unzipped package over 250 MB',
    recognisedBy: { messages: [/Unzipped size must be smaller than|unzipped size/i] },
    explanation:
      "Lambda limits a function's unzipped code and layers to 250 MB, whatever way it is uploaded.",
    remedy:
      'Leave out what the function does not need (dev dependencies, source maps, tests), or move it to a layer or a container image.',
    blamesChange: true,
    next: 'fix-and-redeploy',
  },
  {
    id: 'runtime-deprecated',
    title: 'Deprecated runtime',
    recognisedBy: {
      messages: [
        /runtime parameter of .* is no longer supported|runtime .*(deprecated|no longer supported)/i,
      ],
    },
    explanation: 'Lambda no longer accepts creating or updating functions on this runtime.',
    remedy: 'Move the function to a supported runtime (runtime: nodejs22.x, say), test it, and deploy again.',
    blamesChange: true,
    next: 'fix-and-redeploy',
  },
  {
    id: 'function-not-found',
    title: 'Function not found',
    recognisedBy: {
      errors: ['FunctionNotFound', 'ResourceNotFoundException'],
      messages: [/function|lambda/i],
    },
    explanation: 'The function named in the configuration does not exist in this account and region.',
    remedy:
      'Create it (infrastructure code, or `omnix sandbox bootstrap <env>` on the sandbox), or fix backend.functions.<key>.name and aws.region.',
    blamesChange: false,
    next: 'fix-and-redeploy',
  },
  {
    id: 'function-update-failed',
    title: 'Function update failed',
    recognisedBy: { errors: ['FunctionUpdateFailed'] },
    explanation:
      'Lambda accepted the update but could not apply it (LastUpdateStatus Failed): often a bad layer, VPC, or role setting.',
    remedy:
      'Read LastUpdateStatusReason (`aws lambda get-function-configuration`), fix that setting, and deploy again.',
    blamesChange: true,
    next: 'fix-and-redeploy',
  },
];
