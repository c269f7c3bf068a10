export { configChanges, valueDigest } from './config-changes.js';
export { EnvironmentHistory, historiesByEnvironment } from './environment-history.js';
export { type DeploymentFeatures, type FunctionChange, hoursSincePrevious } from './features.js';
export { featuresOf, featuresOfRecord, type PlannedDeployment } from './of-plan.js';
