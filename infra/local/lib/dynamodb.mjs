// Reads a job record from DynamoDB Local over DynamoDB's JSON protocol. DynamoDB Local does not check
// signatures, so the Authorization header only has to be well formed.
export async function getItem(endpoint, table, id) {
  const date = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.0',
      'X-Amz-Target': 'DynamoDB_20120810.GetItem',
      'X-Amz-Date': date,
      Authorization: `AWS4-HMAC-SHA256 Credential=local/${date.slice(0, 8)}/us-east-1/dynamodb/aws4_request, `
        + 'SignedHeaders=host;x-amz-date;x-amz-target, Signature=0000',
    },
    body: JSON.stringify({ TableName: table, Key: { id: { S: id } }, ConsistentRead: true }),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`DynamoDB GetItem ${id}: ${response.status} ${JSON.stringify(body)}`);
  return body.Item ? unmarshall({ M: body.Item }) : null;
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
