import {
  type AttributeValue,
  CreateTableCommand,
  type CreateTableCommandInput,
  DeleteItemCommand,
  type DeleteItemCommandInput,
  DescribeTableCommand,
  type DynamoDBClient,
  GetItemCommand,
  type GetItemCommandInput,
  PutItemCommand,
  type PutItemCommandInput,
  QueryCommand,
  type QueryCommandInput,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';

/** An item as DynamoDB stores it: attribute name → typed value (`{ S: 'text' }`, `{ B: bytes }`, ...). */
export type TableItem = Record<string, AttributeValue>;

type Without<T> = Omit<T, 'TableName'>;

/** The items of one DynamoDB table: the SDK's inputs without the table's name, and its outputs and errors. */
export class ItemTable {
  constructor(
    private readonly client: DynamoDBClient,
    readonly table: string,
  ) {}

  /** The table's key schema (`HASH` and `RANGE` attribute names); throws ResourceNotFoundException when there is none. */
  async keySchema(): Promise<Record<string, string | undefined>> {
    const { Table } = await this.client.send(new DescribeTableCommand({ TableName: this.table }));
    return Object.fromEntries((Table?.KeySchema ?? []).map((key) => [key.KeyType, key.AttributeName]));
  }

  /** Creates the table and waits until it is active (checked every 1–5 s, at most 5 minutes). */
  async create(definition: Without<CreateTableCommandInput>): Promise<void> {
    await this.client.send(new CreateTableCommand({ ...definition, TableName: this.table }));
    // The waiter's default first pause is 20 s; a new table is usually active within seconds.
    await waitUntilTableExists(
      { client: this.client, maxWaitTime: 300, minDelay: 1, maxDelay: 5 },
      { TableName: this.table },
    );
  }

  get(input: Without<GetItemCommandInput>) {
    return this.client.send(new GetItemCommand({ ...input, TableName: this.table }));
  }

  put(input: Without<PutItemCommandInput>) {
    return this.client.send(new PutItemCommand({ ...input, TableName: this.table }));
  }

  delete(input: Without<DeleteItemCommandInput>) {
    return this.client.send(new DeleteItemCommand({ ...input, TableName: this.table }));
  }

  /** One page of a query (`LastEvaluatedKey` says where the next starts). */
  query(input: Without<QueryCommandInput>) {
    return this.client.send(new QueryCommand({ ...input, TableName: this.table }));
  }
}
