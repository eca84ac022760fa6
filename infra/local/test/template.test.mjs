// infra/template.yaml, linted against the CloudFormation and SAM specification that npm's cfn-lint carries and
// against the current CloudFormation resource specification, and checked for the rules the deployment depends on.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { knownProperty, knownType, specProblems } from '../testing/cfn-spec.mjs';
import { ROOT } from '../testing/support.mjs';

const require = createRequire(import.meta.url);
const cfnLint = require('cfn-lint/lib/api');
const { openFile } = require('cfn-lint/lib/parser');
const FILE = path.join(ROOT, 'infra', 'template.yaml');
const template = openFile(FILE);
const definition = JSON.parse(fs.readFileSync(path.join(ROOT, 'infra', 'statemachine', 'imagine-job.asl.json'), 'utf8'));

/**
 * npm's cfn-lint 1.9.7 is the last release of that linter (AWS's current cfn-lint is a Python tool these machines
 * cannot install), and its specification is from 2019. What it reports only because it predates a feature is
 * excused in two ways:
 * - on plain CloudFormation resources, a type or property it does not know is excused when the current
 *   specification (@aws-cdk/aws-service-spec) knows it, and those resources are checked against that
 *   specification in full below;
 * - for SAM's own syntax, which no CloudFormation specification covers, by this list, each entry with its reason.
 * Anything else fails the test, and so does a list entry that no longer matches anything.
 */
const SAM_NEWER_THAN_THE_LINTER = [
  { why: 'Globals Architectures (SAM 1.37, 2021) and SnapStart (SAM 1.55, 2022)',
    resource: /^Globals > Function$/, message: /unsupported SAM Globals property name: (Architectures|SnapStart)$/ },
  { why: 'intrinsics in Globals, which SAM passes through to each function (Fn::If picks native or JVM)',
    resource: /^Globals > Function > (Runtime|Handler|Architectures > 0|SnapStart|MemorySize)$/,
    message: /^Intrinsic function (Fn::If|Ref) is not supported here$/ },
  { why: 'AWS::Serverless::StateMachine (SAM 1.24, 2020) and AWS::Serverless::HttpApi (SAM 1.20, 2019)',
    resource: /^Resources > (JobStateMachine|WebhookStateMachine|BatchStateMachine|JobApi)$/, message: /has an invalid Type of AWS::Serverless::(StateMachine|HttpApi)\.$/ },
  { why: 'a Ref to the state machine is its ARN, which the linter cannot know for a type it does not know',
    resource: /^Resources > (ObjectCreatedRule|JobRequestedRule|BatchManifestRule|BatchRequestedRule) > Properties > Targets > 0 > Arn$/,
    message: /^Expecting an ARN, got 'mock-ref-(Job|Batch)StateMachine'$/ },
  { why: 'EphemeralStorage on AWS::Serverless::Function (SAM 1.46, 2022)',
    resource: /^Resources > SubmitFunction > Properties > EphemeralStorage$/, message: /is not a valid property of AWS::Serverless::Function$/ },
  { why: 'LoggingConfig on AWS::Serverless::Function (SAM 1.82, 2023): each function\'s own log group',
    resource: /^Resources > (Submit|Poll|Finalize|Api|Webhook|Batch)Function > Properties > LoggingConfig$/,
    message: /is not a valid property of AWS::Serverless::Function$/ },
  { why: 'the HttpApi event\'s ApiId (SAM 1.20, 2019)',
    resource: /^Resources > ApiFunction > Properties > Events > (PostJob|ListJobs|GetJob|CancelJob|PostBatch|GetBatch) > Properties > ApiId$/, message: /is not a valid property/ },
];

const SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:xai-key-AbCdEf';

function lint(parameters) {
  const result = cfnLint.validateFile(FILE, { parameters: { XaiApiKeySecretArn: SECRET, ...parameters } });
  return ['crit', 'warn'].flatMap((level) => result.errors[level].map((e) => ({ level, ...e })));
}

/** A finding on a plain resource that only the linter's old specification makes: the current one knows better. */
function staleOnPlainResource(finding) {
  const [, name, ...rest] = finding.resource.split(' > ');
  const resource = template.Resources[name];
  if (!resource || resource.Type.startsWith('AWS::Serverless::')) return false;
  if (rest.length === 0) return /has an invalid Type of/.test(finding.message) && knownType(resource.Type);
  const names = rest.slice(1).filter((segment) => !/^\d+$/.test(segment));
  return rest[0] === 'Properties' && /is not a valid property of/.test(finding.message)
    && knownProperty(resource.Type, names);
}

for (const [label, parameters] of [['native', {}], ['JVM, with the queue and an existing bucket',
  { Runtime: 'jvm', CreateQueue: 'true', InputBucketName: 'my-photos', AlarmTopicArn: 'arn:aws:sns:us-east-1:123456789012:ops' }]]) {
  test(`cfn-lint finds nothing but what its old specification cannot know (${label})`, () => {
    const findings = lint(parameters);
    const excused = (f) => staleOnPlainResource(f)
      || SAM_NEWER_THAN_THE_LINTER.some((a) => a.resource.test(f.resource) && a.message.test(f.message));
    assert.deepEqual(findings.filter((f) => !excused(f)).map((f) => `${f.level} ${f.resource}: ${f.message}`), []);
    if (label === 'native') {
      const unused = SAM_NEWER_THAN_THE_LINTER.filter((a) => !findings.some((f) => a.resource.test(f.resource)
        && a.message.test(f.message)));
      assert.deepEqual(unused.map((a) => a.why), [], 'list entries that match nothing any more');
    }
  });
}

test('every plain CloudFormation resource matches the current specification: known type, known properties, required ones set', () => {
  const plain = Object.entries(template.Resources).filter(([, r]) => !r.Type.startsWith('AWS::Serverless::'));
  assert.ok(plain.length >= 10);
  assert.deepEqual(plain.flatMap(([name, resource]) => specProblems(name, resource)), []);
});

test('the specification check fails where it should', () => {
  assert.deepEqual(specProblems('Q', { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 60, Colour: 'red' } }),
    ['Q.Colour: no such property']);
  assert.deepEqual(specProblems('P', { Type: 'AWS::Pipes::Pipe', Properties: { Source: 'arn', Target: 'arn' } }),
    ['P.RoleArn: required, and missing']);
  assert.deepEqual(specProblems('T', { Type: 'AWS::DynamoDB::Table', Properties: {
    BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH', Sorted: true }] } }),
  ['T.KeySchema[0].Sorted: no such property']);
  assert.deepEqual(specProblems('X', { Type: 'AWS::Nope::Thing' }), ['X: AWS::Nope::Thing is not a CloudFormation resource type']);
});

const functions = Object.fromEntries(Object.entries(template.Resources)
  .filter(([, r]) => r.Type === 'AWS::Serverless::Function'));

test('one artifact, six functions, each exporting its own Funqy function', () => {
  assert.equal(template.Globals.Function.CodeUri, '../target/function.zip');
  const exports = Object.fromEntries(Object.entries(functions)
    .map(([name, f]) => [name, f.Properties.Environment.Variables.QUARKUS_FUNQY_EXPORT]));
  assert.deepEqual(exports, { SubmitFunction: 'submit', PollFunction: 'poll', FinalizeFunction: 'finalize',
    ApiFunction: 'api', WebhookFunction: 'webhook', BatchFunction: 'batch' });
  assert.equal(template.Globals.Function.Environment.Variables.DISABLE_SIGNAL_HANDLERS, 'true');
});

test('native by default on provided.al2023; the JVM variant runs Java with SnapStart', () => {
  assert.equal(template.Parameters.Runtime.Default, 'native');
  const g = template.Globals.Function;
  assert.deepEqual(g.Runtime, { 'Fn::If': ['IsNative', 'provided.al2023', 'java21'] });
  assert.deepEqual(g.Handler['Fn::If'][2], 'io.imagineflow.functions.LambdaHandler::handleRequest');
  assert.deepEqual(g.SnapStart['Fn::If'][2], { ApplyOn: 'PublishedVersions' });
  assert.deepEqual(g.Architectures, [{ Ref: 'Architecture' }]);
  assert.equal(g.AutoPublishAlias, 'live');
});

/** Each function's IAM statements as "action on resource" lines. */
function grants(fn) {
  return functions[fn].Properties.Policies.flatMap((p) => p.Statement)
    .flatMap((s) => [s.Action].flat().map((a) => `${a} on ${JSON.stringify(s.Resource)}`)).sort();
}

/** The output bucket's objects under the output prefix, or the bucket itself, as the grants name them. */
function outputs(grant) {
  return grant.replace(/ on \{"Fn::Sub":\["arn:\$\{AWS::Partition\}:s3:::\$\{Bucket\}\/\$\{OutputPrefix\}\*".*$/, ' on the outputs')
    .replace(/ on \{"Fn::Sub":\["arn:\$\{AWS::Partition\}:s3:::\$\{Bucket\}",.*"OutputBucket".*$/, ' on the output bucket');
}

test('each function may do only what it does', () => {
  const table = JSON.stringify({ 'Fn::GetAtt': ['JobTable', 'Arn'] });
  const secret = JSON.stringify({ Ref: 'XaiApiKeySecretArn' });
  assert.deepEqual(grants('SubmitFunction').map(outputs).map((g) => g.replace(/ on \{"Fn::Sub".*$/, ' on the input bucket')), [
    `dynamodb:DeleteItem on ${table}`, `dynamodb:GetItem on ${table}`, `dynamodb:PutItem on ${table}`,
    `dynamodb:UpdateItem on ${table}`, 's3:GetObject on the input bucket', 's3:GetObjectVersion on the input bucket',
    // Only to sign xAI's upload URLs: a presigned URL can do what its signer may, and no more.
    's3:PutObject on the outputs',
    `secretsmanager:GetSecretValue on ${secret}`]);
  const webhooks = `states:StartExecution on ${JSON.stringify({ Ref: 'WebhookStateMachine' })}`;
  assert.deepEqual(grants('PollFunction').map(outputs), [
    // The progress of a running job, written with one conditional update per poll.
    `dynamodb:UpdateItem on ${table}`,
    's3:DeleteObject on the outputs', 's3:GetObject on the outputs', 's3:ListBucket on the output bucket',
    's3:PutObject on the outputs', `secretsmanager:GetSecretValue on ${secret}`, webhooks]);
  assert.deepEqual(grants('FinalizeFunction').map(outputs).map((g) => g.replace(/ on \{"Fn::Sub".*$/, ' on the bus')), [
    `dynamodb:GetItem on ${table}`, `dynamodb:UpdateItem on ${table}`, 'events:PutEvents on the bus',
    's3:AbortMultipartUpload on the outputs', 's3:DeleteObject on the outputs', 's3:GetObject on the outputs',
    's3:ListBucket on the output bucket', 's3:PutObject on the outputs', webhooks]);
  assert.deepEqual(grants('ApiFunction').map(outputs).map((g) => g
    .replace(/ on \{"Fn::Sub":\["arn:\$\{AWS::Partition\}:states:.*:execution:\$\{Machine\}:\*".*$/, ' on the job executions')
    .replace(/ on \{"Fn::Sub":"arn:\$\{AWS::Partition\}:events:.*$/, ' on the bus')
    .replace(/ on \{"Fn::Sub":\["arn:\$\{AWS::Partition\}:s3:::\$\{Bucket\}\/\$\{BatchPrefix\}\*".*$/, ' on the batch manifests')), [
    `dynamodb:GetItem on ${table}`,
    'dynamodb:Query on [{"Fn::Sub":"${JobTable.Arn}/index/byMonth"},{"Fn::Sub":"${JobTable.Arn}/index/byUser"}]',
    `dynamodb:UpdateItem on ${table}`, 'events:PutEvents on the bus',
    // Only to presign downloads of the delivered outputs; and to look at a manifest before a batch starts.
    's3:GetObject on the batch manifests', 's3:GetObject on the outputs',
    'states:DescribeExecution on the job executions',
    `states:StartExecution on ${JSON.stringify({ Ref: 'BatchStateMachine' })}`,
    `states:StartExecution on ${JSON.stringify({ Ref: 'JobStateMachine' })}`, webhooks,
    'states:StopExecution on the job executions']);
  assert.deepEqual(grants('WebhookFunction').map(outputs), [
    `dynamodb:GetItem on ${table}`, `dynamodb:UpdateItem on ${table}`, 's3:GetObject on the outputs',
    `secretsmanager:GetSecretValue on ${JSON.stringify({ Ref: 'WebhookSecret' })}`]);
  assert.deepEqual(grants('BatchFunction').map((g) => g
    .replace(/ on \{"Fn::Sub":\["arn:\$\{AWS::Partition\}:s3:::\$\{Bucket\}\/\$\{BatchPrefix\}\*".*$/, ' on the batch manifests')
    .replace(/ on \{"Fn::Sub":\["arn:\$\{AWS::Partition\}:s3:::\$\{Bucket\}\/batch-results\/\*".*$/, ' on the batch results')
    .replace(/ on \{"Fn::Sub":"arn:\$\{AWS::Partition\}:events:.*$/, ' on the bus')), [
    `dynamodb:GetItem on ${table}`, `dynamodb:UpdateItem on ${table}`, 'events:PutEvents on the bus',
    's3:GetObject on the batch manifests', 's3:PutObject on the batch results']);
  const everything = JSON.stringify(template.Resources, (key, value) => (isLogDelivery(value) || isBatchMachineOwn(value) ? undefined : value));
  // The one name pattern: the job's executions, named by job id, of this stack's job state machine.
  const executions = /"arn:\$\{AWS::Partition\}:states:\$\{AWS::Region\}:\$\{AWS::AccountId\}:execution:\$\{Machine\}:\*"/g;
  assert.ok(!/"(Action|Resource)":\s*"\*"/.test(everything) && !/:\*"/.test(everything.replace(executions, '')),
    'no wildcard grants');
});

/**
 * A state machine's log delivery to CloudWatch Logs: actions that take no resource-level permission, so AWS's own
 * policy for it names "*". The one grant of "*" the template may hold, and only to a state machine.
 */
const LOG_DELIVERY = ['logs:CreateLogDelivery', 'logs:GetLogDelivery', 'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery', 'logs:ListLogDeliveries', 'logs:PutResourcePolicy', 'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups'];

function isLogDelivery(statement) {
  return statement?.Sid === 'DeliverErrorLogs' && statement.Resource === '*'
    && JSON.stringify([statement.Action].flat().sort()) === JSON.stringify([...LOG_DELIVERY].sort());
}

/**
 * What the batch machine needs of itself and of Step Functions: its Distributed Map starts child workflow executions
 * of this very machine (named, as a Ref to itself would be circular) and follows them, and .sync learns that a job's
 * execution ended through Step Functions' own managed rule. Named by the stack's machine name, or by that one rule.
 */
const BATCH_MACHINE_OWN = {
  RunMapChildWorkflows: 'arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:${AWS::StackName}-batch',
  FollowMapChildWorkflows: 'arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:${AWS::StackName}-batch/*',
  LearnOfLineJobsEnding: 'arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule',
};

function isBatchMachineOwn(statement) {
  return statement?.Sid in BATCH_MACHINE_OWN && statement.Resource?.['Fn::Sub'] === BATCH_MACHINE_OWN[statement.Sid];
}

/** Every IAM statement in the template, wherever it sits: SAM Policies of functions and the state machine, roles. */
function allStatements() {
  return Object.entries(template.Resources).flatMap(([name, r]) => (r.Properties?.Policies ?? [])
    .flatMap((p) => (p.PolicyDocument ?? p).Statement ?? [])
    .map((statement) => ({ where: `${name} ${statement.Sid ?? ''}`.trim(), name, statement })));
}

/** The stack's own things a grant may name: its table, the key's secret, buckets, queue, bus, machine, functions. */
const OWN = /^(JobTable|JobTable\.Arn|XaiApiKeySecretArn|WebhookSecret|InputBucket|InputBucketName|OutputBucket|OutputBucketName|JobQueue|EventBusName|JobStateMachine|WebhookStateMachine|BatchStateMachine|Machine|(Submit|Poll|Finalize|Webhook|Batch)Function\.Alias)$/;

function scoped(resource) {
  if (typeof resource === 'string') return false; // a literal ARN (or "*") names nothing of this stack
  if (resource.Ref) return OWN.test(resource.Ref);
  if (resource['Fn::GetAtt']) return OWN.test(resource['Fn::GetAtt'][0]);
  if (resource['Fn::Sub']) {
    const [text, vars = {}] = [resource['Fn::Sub']].flat();
    // Objects of one bucket ("arn:...:s3:::${Bucket}/*"), or under the output prefix of one bucket
    // ("...${Bucket}/${OutputPrefix}*"), and the executions of the job state machine ("...:execution:${Machine}:*"),
    // are the wildcards: inside a named resource.
    const wild = text.replace(/\/(\$\{OutputPrefix\}|\$\{BatchPrefix\})?\*$/, '').replace(/:execution:\$\{Machine\}:\*$/, ':execution:${Machine}');
    const names = [...wild.matchAll(/\$\{([\w.:]+)\}/g)].map((m) => m[1]).filter((n) => !n.startsWith('AWS::'));
    return !wild.includes('*') && names.length > 0
      && names.every((n) => OWN.test(n) || (vars[n] && [vars[n]['Fn::If']?.slice(1) ?? vars[n]].flat().every(scoped)));
  }
  return false;
}

test('every IAM grant in the template names actions and this stack\'s own resources, no wildcards', () => {
  const statements = allStatements();
  assert.ok(statements.length >= 10, `${statements.length} statements found`);
  for (const { where, name, statement } of statements) {
    if (isLogDelivery(statement)) {
      assert.match(name, /^(Job|Webhook|Batch)StateMachine$/, `${where}: log delivery is a state machine's`);
      continue;
    }
    if (isBatchMachineOwn(statement)) {
      assert.equal(name, 'BatchStateMachine', `${where}: only the batch machine runs child workflows`);
      continue;
    }
    assert.equal(statement.Effect, 'Allow', where);
    assert.equal(statement.NotAction, undefined, `${where}: NotAction grants everything else`);
    assert.equal(statement.NotResource, undefined, `${where}: NotResource grants everything else`);
    for (const action of [statement.Action].flat()) {
      assert.match(action, /^[a-z0-9-]+:[A-Za-z]+$/, `${where}: ${action} is not one named action`);
    }
    for (const resource of [statement.Resource].flat()) {
      assert.ok(scoped(resource), `${where}: ${JSON.stringify(resource)} is not one of the stack's own resources`);
    }
  }
  for (const [name, r] of Object.entries(template.Resources)) {
    assert.equal(r.Properties?.ManagedPolicyArns, undefined, `${name}: no managed policies, whose grants are not ours`);
    for (const policy of r.Properties?.Policies ?? []) {
      assert.equal(typeof policy, 'object', `${name}: a SAM policy template (${policy}) grants what it likes`);
    }
  }
  // The check catches what it should.
  assert.equal(scoped('*'), false);
  assert.equal(scoped({ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::*' }), false);
  assert.equal(scoped({ Ref: 'SomeoneElsesTable' }), false);
});

test('the state machine invokes each function through its published alias, within its timeout', () => {
  const machine = template.Resources.JobStateMachine.Properties;
  assert.equal(machine.Type, 'STANDARD');
  const byArn = { SubmitFunctionArn: 'SubmitFunction', PollFunctionArn: 'PollFunction', FinalizeFunctionArn: 'FinalizeFunction' };
  for (const [substitution, fn] of Object.entries(byArn)) {
    assert.deepEqual(machine.DefinitionSubstitutions[substitution], { Ref: `${fn}.Alias` });
    for (const state of Object.values(definition.States).filter((s) => s.Parameters?.FunctionName === `\${${substitution}}`)) {
      assert.ok(state.TimeoutSeconds > functions[fn].Properties.Timeout, `${fn}: the Task outlasts the function`);
    }
  }
  const submit = functions.SubmitFunction.Properties;
  assert.equal(submit.Environment.Variables.IMAGINE_JOB_SUBMIT_CLAIM_HOLD, `PT${submit.Timeout}S`,
    'a claim is held as long as a submit can run');
});

test('the job table is on demand, keyed by id, with TTL and point-in-time recovery, and kept on delete', () => {
  const table = template.Resources.JobTable;
  assert.equal(table.DeletionPolicy, 'Retain');
  assert.equal(table.Properties.BillingMode, 'PAY_PER_REQUEST');
  assert.deepEqual(table.Properties.KeySchema, [{ AttributeName: 'id', KeyType: 'HASH' }]);
  assert.deepEqual(table.Properties.TimeToLiveSpecification, { AttributeName: 'ttl', Enabled: true });
  assert.equal(table.Properties.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled, true);
});

test('S3 objects, job-request events, the API and the queue each start executions', () => {
  const r = template.Resources;
  assert.deepEqual(r.ObjectCreatedRule.Properties.EventPattern['detail-type'], ['Object Created']);
  assert.deepEqual(r.JobRequestedRule.Properties.EventPattern['detail-type'], ['Imagine Job Requested']);
  for (const rule of [r.ObjectCreatedRule, r.JobRequestedRule]) {
    assert.deepEqual(rule.Properties.Targets[0].Arn, { Ref: 'JobStateMachine' });
  }
  assert.deepEqual(functions.ApiFunction.Properties.Events.PostJob.Properties.Path, '/jobs');
  assert.equal(r.QueuePipe.Properties.SourceParameters.SqsQueueParameters.BatchSize, 1);
  assert.deepEqual(r.QueuePipe.Properties.Target, { Ref: 'JobStateMachine' });
  assert.equal(r.InputBucket.Properties.NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled, true);
});

test('an alarm watches failed executions, and the outputs name what a user needs', () => {
  const alarm = template.Resources.FailedExecutionsAlarm.Properties;
  assert.equal(alarm.Namespace, 'AWS/States');
  assert.equal(alarm.MetricName, 'ExecutionsFailed');
  assert.deepEqual(Object.keys(template.Outputs).sort(), ['DashboardName', 'EventBusName', 'FailedExecutionsAlarmName', 'InputBucket',
    'JobApiUrl', 'JobQueueUrl', 'JobTableName', 'OutputBucket', 'StateMachineArn', 'WebhookSecretArn']
    .concat('BatchStateMachineArn').sort());
  const gaveUp = template.Resources.WebhookGaveUpAlarm.Properties;
  assert.equal(gaveUp.MetricName, 'ExecutionsFailed');
  assert.deepEqual(gaveUp.Dimensions[0].Value, { Ref: 'WebhookStateMachine' }, 'a webhook given up raises an alarm');
});

test('outputs are delivered to an encrypted, private bucket (created or existing) that the functions are told of', () => {
  const p = template.Parameters;
  assert.equal(p.OutputBucketName.Default, '', 'the stack creates the bucket unless told otherwise');
  assert.equal(p.DeliverByDefault.Default, 'true');
  assert.match('my-existing-bucket', new RegExp(p.OutputBucketName.AllowedPattern));
  assert.doesNotMatch('Bad_Bucket', new RegExp(p.OutputBucketName.AllowedPattern));
  assert.equal(p.OutputPrefix.Default, 'outputs/');
  assert.doesNotMatch('../x/', new RegExp(p.OutputPrefix.AllowedPattern));
  assert.doesNotMatch('outputs', new RegExp(p.OutputPrefix.AllowedPattern), 'a prefix is a folder');
  const bucket = template.Resources.OutputBucket;
  assert.equal(bucket.Condition, 'CreateOutputBucket');
  assert.equal(bucket.DeletionPolicy, 'Retain', 'paid results outlive the stack');
  assert.deepEqual(bucket.Properties.PublicAccessBlockConfiguration, {
    BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
  assert.equal(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0]
    .ServerSideEncryptionByDefault.SSEAlgorithm, 'AES256');
  const rules = bucket.Properties.LifecycleConfiguration.Rules;
  assert.equal(rules[0].AbortIncompleteMultipartUpload.DaysAfterInitiation, 1);
  const expire = rules[1]['Fn::If'];
  assert.equal(expire[0], 'ExpireOutputs');
  assert.deepEqual(expire[1].ExpirationInDays, { Ref: 'OutputExpirationDays' });
  const bucketName = { 'Fn::If': ['CreateOutputBucket', { Ref: 'OutputBucket' }, { Ref: 'OutputBucketName' }] };
  // Every function that reads a job request knows where it may deliver.
  for (const fn of ['SubmitFunction', 'FinalizeFunction', 'ApiFunction']) {
    const env = functions[fn].Properties.Environment.Variables;
    assert.deepEqual(env.IMAGINE_DELIVERY_DEFAULT_TARGET['Fn::If'], ['DeliversByDefault',
      { 'Fn::Join': ['', ['s3://', bucketName, '/', { Ref: 'OutputPrefix' }]] }, ''], `${fn}: off means only jobs that ask`);
    assert.deepEqual(env.IMAGINE_DELIVERY_ALLOWED_BUCKETS,
      { 'Fn::Join': ['', [bucketName, '/', { Ref: 'OutputPrefix' }]] }, fn);
  }
});

test('the HTTP API routes are the routes of infra/api/openapi.yaml, all to the api function', () => {
  const document = openFile(path.join(ROOT, 'infra', 'api', 'openapi.yaml'));
  const documented = Object.entries(document.paths)
    .flatMap(([route, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${route}`)).sort();
  const routed = Object.values(functions).flatMap((f) => Object.values(f.Properties.Events ?? {}))
    .filter((e) => e.Type === 'HttpApi')
    .map((e) => { assert.deepEqual(e.Properties.ApiId, { Ref: 'JobApi' }); return `${e.Properties.Method} ${e.Properties.Path}`; })
    .sort();
  assert.deepEqual(routed, documented);
  assert.ok(Object.values(functions.ApiFunction.Properties.Events).length === documented.length, 'every route to the api function');
  assert.equal(document.openapi, '3.1.0');
  assert.deepEqual(template.Resources.JobApi.Properties.Auth.DefaultAuthorizer, 'AWS_IAM');
});

test('webhooks run in their own state machine, through the webhook function\'s alias, with a generated signing secret', () => {
  const machine = template.Resources.WebhookStateMachine.Properties;
  assert.equal(machine.DefinitionUri, 'statemachine/webhook-delivery.asl.json');
  assert.deepEqual(machine.DefinitionSubstitutions, { WebhookFunctionArn: { Ref: 'WebhookFunction.Alias' } });
  const webhookDefinition = JSON.parse(fs.readFileSync(path.join(ROOT, 'infra', 'statemachine', 'webhook-delivery.asl.json'), 'utf8'));
  for (const state of Object.values(webhookDefinition.States).filter((s) => s.Type === 'Task')) {
    assert.ok(state.TimeoutSeconds > functions.WebhookFunction.Properties.Timeout, 'the Task outlasts the function');
  }
  const secret = template.Resources.WebhookSecret.Properties.GenerateSecretString;
  assert.equal(secret.GenerateStringKey, 'secret');
  assert.equal(secret.PasswordLength % 4, 0, 'letters and digits of a length base64 decodes whole');
  assert.ok(secret.PasswordLength >= 32 && secret.ExcludePunctuation);
  assert.deepEqual(functions.WebhookFunction.Properties.Environment.Variables.IMAGINE_WEBHOOK_SECRET_ARN, { Ref: 'WebhookSecret' });
  for (const fn of ['PollFunction', 'FinalizeFunction', 'ApiFunction']) {
    assert.deepEqual(functions[fn].Properties.Environment.Variables.IMAGINE_WEBHOOK_STATE_MACHINE_ARN,
      { Ref: 'WebhookStateMachine' }, fn);
  }
});

test('the job table has the two listing indexes, projecting the summary only', () => {
  const table = template.Resources.JobTable.Properties;
  const indexes = Object.fromEntries(table.GlobalSecondaryIndexes.map((i) => [i.IndexName, i]));
  assert.deepEqual(Object.keys(indexes).sort(), ['byMonth', 'byUser']);
  assert.deepEqual(indexes.byMonth.KeySchema.map((k) => k.AttributeName), ['listMonth', 'receivedMs']);
  assert.deepEqual(indexes.byUser.KeySchema.map((k) => k.AttributeName), ['user', 'receivedMs']);
  for (const index of Object.values(indexes)) {
    assert.equal(index.Projection.ProjectionType, 'INCLUDE');
    assert.ok(!index.Projection.NonKeyAttributes.includes('progress'), 'progress changes every poll: not projected');
  }
});

test('operations: traced, logged with a retention, errors of the state machines logged without their data', () => {
  assert.equal(template.Globals.Function.Tracing, 'Active', 'every function traced');
  for (const name of ['Submit', 'Poll', 'Finalize', 'Api', 'Webhook']) {
    const fn = template.Resources[`${name}Function`].Properties;
    assert.deepEqual(fn.LoggingConfig, { LogGroup: { Ref: `${name}LogGroup` } }, `${name} logs to its own group`);
    const group = template.Resources[`${name}LogGroup`];
    assert.equal(group.Type, 'AWS::Logs::LogGroup');
    assert.deepEqual(group.Properties.RetentionInDays, { Ref: 'LogRetentionDays' }, `${name}: lines do not live forever`);
  }
  for (const name of ['JobStateMachine', 'WebhookStateMachine']) {
    const machine = template.Resources[name].Properties;
    assert.deepEqual(machine.Tracing, { Enabled: true }, `${name} traced`);
    assert.equal(machine.Logging.Level, 'ERROR', name);
    assert.equal(machine.Logging.IncludeExecutionData, false, `${name}: no input (and no prompt) in its log`);
    assert.deepEqual(machine.Logging.Destinations[0].CloudWatchLogsLogGroup.LogGroupArn,
      { 'Fn::GetAtt': [`${name}LogGroup`, 'Arn'] });
    assert.deepEqual(template.Resources[`${name}LogGroup`].Properties.RetentionInDays, { Ref: 'LogRetentionDays' });
  }
  assert.equal(template.Parameters.LogRetentionDays.Default, 30);
});

test('alarms: failure rate, throttling, cost per hour, delivery fallbacks and failures, webhooks given up', () => {
  const r = template.Resources;
  const rate = r.JobFailureRateAlarm.Properties;
  assert.deepEqual(rate.Threshold, { Ref: 'AlarmFailureRatePercent' });
  assert.deepEqual(rate.Metrics.filter((m) => m.MetricStat).map((m) => m.MetricStat.Metric.MetricName).sort(),
    ['JobsFailed', 'JobsSucceeded']);
  assert.match(rate.Metrics.find((m) => m.ReturnData).Expression, /100 \* FILL\(failed, 0\)/);
  assert.equal(r.XaiThrottlingAlarm.Properties.MetricName, 'XaiThrottled');
  const cost = r.CostPerHourAlarm.Properties;
  assert.equal(cost.MetricName, 'CostUsd');
  assert.equal(cost.Period, 3600);
  assert.deepEqual(cost.Threshold, { Ref: 'AlarmCostPerHourUsd' });
  assert.deepEqual(r.DeliveryFallbackAlarm.Properties.Dimensions, [{ Name: 'Path', Value: 'copied' }]);
  assert.deepEqual(r.DeliveryFailedAlarm.Properties.Dimensions, [{ Name: 'ErrorCode', Value: 'DeliveryFailed' }]);
  assert.equal(r.WebhookGaveUpAlarm.Properties.MetricName, 'ExecutionsFailed');
  for (const [name, alarm] of Object.entries(r).filter(([, x]) => x.Type === 'AWS::CloudWatch::Alarm')) {
    const namespace = alarm.Properties.Namespace ?? alarm.Properties.Metrics?.[0].MetricStat.Metric.Namespace;
    assert.ok(['ImagineFlow', 'AWS/States'].includes(namespace), `${name}: ${namespace}`);
    assert.equal(alarm.Properties.TreatMissingData, 'notBreaching', `${name}: quiet when nothing runs`);
  }
});

test('the dashboard shows jobs by outcome, p50/p90 times, cost per hour, 429s and failures by code', () => {
  const body = template.Resources.Dashboard.Properties.DashboardBody['Fn::Sub'];
  const dashboard = JSON.parse(body.replaceAll(/\$\{[^}]+\}/g, 'x'));
  const widgets = Object.fromEntries(dashboard.widgets.map((w) => [w.properties.title, w.properties]));
  const names = (title) => widgets[title].metrics.flat().filter((m) => typeof m === 'string');
  assert.ok(['JobsSucceeded', 'JobsFailed', 'JobsModerated', 'JobsCancelled'].every((m) => names('Jobs by outcome').includes(m)));
  const times = widgets['Generation and detection time (s)'].metrics;
  assert.deepEqual(times.map((m) => m.at(-1).stat), ['p50', 'p90', 'p50', 'p90']);
  assert.equal(widgets['Cost per hour (USD)'].period, 3600);
  assert.ok(names('xAI 429s by call').includes('XaiThrottled'));
  assert.match(widgets['Failures by error code'].metrics[0][0].expression, /ErrorCode\} MetricName="JobsFailed"/);
  // Every metric the dashboard names is one the functions write (ops/Metric).
  const catalogue = fs.readFileSync(path.join(ROOT, 'src/main/java/io/imagineflow/ops/Metric.java'), 'utf8');
  const written = new Set([...catalogue.matchAll(/\("([A-Za-z]+)", Unit\./g)].map((m) => m[1]));
  for (const widget of Object.values(widgets)) {
    for (const metric of widget.metrics) {
      const name = metric.find((m, i) => typeof m === 'string' && i === 1 && metric[0] === 'ImagineFlow');
      if (name) assert.ok(written.has(name), `${name} is not written by the functions`);
    }
  }
});
