// Reads job records from DynamoDB Local with the AWS SDK for JavaScript. DynamoDB Local takes any credentials,
// so fixed local ones are given: the SDK must never look for a developer's own.
import { DynamoDBClient, GetItemCommand, paginateScan } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

// The SDK warns once a process that its releases after January 2027 need Node 22; the lock file pins this one,
// which runs on the Node 20 the local tools take, so the warning would only alarm a user of infra/local.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const clients = new Map();

function client(endpoint) {
  if (!clients.has(endpoint)) {
    clients.set(endpoint, new DynamoDBClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }));
  }
  return clients.get(endpoint);
}

export async function getItem(endpoint, table, id) {
  const { Item } = await client(endpoint).send(new GetItemCommand({ TableName: table, Key: { id: { S: id } },
    ConsistentRead: true }));
  return Item ? unmarshall(Item) : null;
}

/** Every item of the table, page after page. */
export async function scanTable(endpoint, table) {
  const items = [];
  for await (const page of paginateScan({ client: client(endpoint) }, { TableName: table, ConsistentRead: true })) {
    items.push(...page.Items.map((item) => unmarshall(item)));
  }
  return items;
}
