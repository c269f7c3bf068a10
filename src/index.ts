/** OMNIX Deploy as a library: everything the CLI does is available without a terminal. */

export { type ScaffoldOptions, scaffoldConfig, writeScaffold } from './config/init.js';
export {
  type InvalidConfig,
  type LoadConfigOptions,
  type LoadedConfig,
  type LoadResult,
  loadConfig,
  loadValidConfig,
} from './config/load.js';
export { type ConfigLocation, listEnvironments, locateConfig } from './config/location.js';
export { formatOrigin, type Origin } from './config/provenance.js';
export { renderConfigurationReference } from './config/reference-doc.js';
export { awsReferenceReaders, resolveDeployTimeReferences } from './config/resolve-deploy-time.js';
export {
  configJsonSchema,
  configSchema,
  layerJsonSchema,
  type OmnixConfig,
  type OmnixConfigInput,
} from './config/schema.js';
export { redactConfig } from './config/secrets.js';
export {
  ConfigError,
  type ConfigIssue,
  ExitCode,
  InternalError,
  OmnixError,
  UsageError,
} from './core/errors.js';
export { type AwsClientSettings, type AwsClients, createAwsClients } from './providers/aws/clients.js';
