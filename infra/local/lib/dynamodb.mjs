// Reads job records from DynamoDB Local over DynamoDB's JSON protocol. DynamoDB Local does not check
// signatures, so the Authorization header only has to be well formed.
async function call(endpoint, action, request) {
  const date = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.0',
      'X-Amz-Target': `DynamoDB_20120810.${action}`,
      'X-Amz-Date': date,
      Authorization: `AWS4-HMAC-SHA256 Credential=local/${date.slice(0, 8)}/us-east-1/dynamodb/aws4_request, `
        + 'SignedHeaders=host;x-amz-date;x-amz-target, Signature=0000',
    },
    body: JSON.stringify(request),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`DynamoDB ${action}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

export async function getItem(endpoint, table, id) {
  const body = await call(endpoint, 'GetItem', { TableName: table, Key: { id: { S: id } }, ConsistentRead: true });
  return body.Item ? unmarshall({ M: body.Item }) : null;
}

/** Every item of the table, page after page. */
export async function scanTable(endpoint, table) {
  const items = [];
  let start;
  do {
    const body = await call(endpoint, 'Scan', { TableName: table, ConsistentRead: true, ExclusiveStartKey: start });
    items.push(...body.Items.map((item) => unmarshall({ M: item })));
    start = body.LastEvaluatedKey;
  } while (start);
  return items;
}

/** DynamoDB's typed attribute values as plain JSON. */
export function unmarshall(value) {
  const [type, inner] = Object.entries(value)[0];
  switch (type) {
    case 'S': return inner;
    case 'N': return Number(inner);
    case 'BOOL': return inner;
    case 'NULL': return null;
    case 'L': return inner.map(unmarshall);
    case 'M': return Object.fromEntries(Object.entries(inner).map(([k, v]) => [k, unmarshall(v)]));
    case 'SS': return [...inner];
    case 'NS': return inner.map(Number);
    default: return inner;
  }
}
