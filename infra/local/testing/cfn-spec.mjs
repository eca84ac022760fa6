// The current CloudFormation resource specification, as AWS publishes it (carried by @aws-cdk/aws-service-spec):
// what the template's plain CloudFormation resources are checked against, beside npm's older cfn-lint.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const db = require('@aws-cdk/aws-service-spec').loadAwsServiceSpecSync();

function resourceSpec(type) {
  return db.lookup('resource', 'cloudFormationType', 'equals', type)[0] ?? null;
}

function isIntrinsic(value) {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

function definition(typeSpec) {
  return typeSpec?.type === 'ref' ? db.get('typeDefinition', typeSpec.reference.$ref) : null;
}

function checkValue(typeSpec, value, where, problems) {
  if (isIntrinsic(value) || !typeSpec) return;
  switch (typeSpec.type) {
    case 'ref':
      checkObject(definition(typeSpec).properties, value, where, problems);
      break;
    case 'array':
      if (Array.isArray(value)) value.forEach((v, i) => checkValue(typeSpec.element, v, `${where}[${i}]`, problems));
      else problems.push(`${where}: a list is expected`);
      break;
    case 'map':
      for (const [k, v] of Object.entries(value)) checkValue(typeSpec.element, v, `${where}.${k}`, problems);
      break;
    case 'union': {
      // Fits if any member fits. A "json" member is the specification's escape for loosely typed legacy
      // properties; the typed member says what the property really takes.
      const typed = typeSpec.types.filter((t) => t.type !== 'json');
      const tries = (typed.length > 0 ? typed : typeSpec.types).map((t) => {
        const found = [];
        checkValue(t, value, where, found);
        return found;
      });
      if (!tries.some((found) => found.length === 0)) problems.push(...tries[0]);
      break;
    }
    default: // strings, numbers, booleans, JSON documents: their shape is not this check's business
  }
}

function checkObject(properties, value, where, problems) {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    problems.push(`${where}: an object is expected`);
    return;
  }
  for (const [name, v] of Object.entries(value)) {
    const property = properties[name];
    if (!property) problems.push(`${where}.${name}: no such property`);
    else checkValue(property.type, v, `${where}.${name}`, problems);
  }
  for (const [name, property] of Object.entries(properties)) {
    if (property.required && !(name in value)) problems.push(`${where}.${name}: required, and missing`);
  }
}

/** What the current specification finds wrong with one plain CloudFormation resource. */
export function specProblems(name, resource) {
  const spec = resourceSpec(resource.Type);
  if (!spec) return [`${name}: ${resource.Type} is not a CloudFormation resource type`];
  const problems = [];
  checkObject(spec.properties, resource.Properties ?? {}, name, problems);
  return problems;
}

export function knownType(type) {
  return resourceSpec(type) !== null;
}

/** Whether the property at `names` (list indices left out) exists on the resource type. */
export function knownProperty(type, names) {
  let properties = resourceSpec(type)?.properties;
  for (const [i, name] of names.entries()) {
    const property = properties?.[name];
    if (!property) return false;
    if (i === names.length - 1) return true;
    let typeSpec = property.type;
    while (typeSpec.type === 'array' || typeSpec.type === 'map') typeSpec = typeSpec.element;
    properties = definition(typeSpec)?.properties;
  }
  return false;
}
