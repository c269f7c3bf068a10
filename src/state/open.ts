import { resolve } from 'node:path';
import type { StateSettings } from '../config/schema/state.js';
import { type AwsClientSettings, createAwsClients } from '../providers/aws/clients.js';
import type { StateStore } from './store.js';

/** Everything needed to open a store: plain data, so another process can open the same one. */
export interface StateStoreSpec {
  state: StateSettings;
  /** The file store's path is relative to it. */
  projectRoot: string;
  /** The deployment's AWS settings; the state section's region and endpoint override them. */
  aws: AwsClientSettings;
}

/** Opens the store a configuration names, loading only that backend's SDK. */
export async function openStateStore({ state, projectRoot, aws }: StateStoreSpec): Promise<StateStore> {
  if (state.backend === 'file') {
    const { FileStateStore } = await import('./file/file-store.js');
    return new FileStateStore(resolve(projectRoot, state.path));
  }
  const clients = createAwsClients({
    ...aws,
    region: state.region || aws.region,
    endpoint: state.endpoint ?? aws.endpoint,
  });
  if (state.backend === 's3') {
    const [{ S3StateStore }, client] = await Promise.all([import('./s3/s3-store.js'), clients.s3()]);
    return new S3StateStore(client, state.bucket, state.prefix);
  }
  const [{ DynamoDbStateStore }, client] = await Promise.all([
    import('./dynamodb/dynamodb-store.js'),
    clients.dynamoDb(),
  ]);
  return new DynamoDbStateStore(client, state.table);
}
