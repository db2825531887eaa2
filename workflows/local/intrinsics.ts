import { UnsupportedDefinitionError } from './errors';

/** The parts of a synthesized CloudFormation template the token resolver reads. */
export interface CfnTemplate {
  Parameters?: Record<string, { Default?: unknown }>;
  Resources?: Record<string, CfnTemplateResource>;
}

export interface CfnTemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
}

/** The environment placeholders stand for: pseudo parameters and the template's resources. */
export interface TokenEnvironment {
  partition: string;
  region: string;
  account: string;
  stackName: string;
  template: CfnTemplate;
}

/** The URL suffix of a partition (`AWS::URLSuffix`). */
export function urlSuffixFor(partition: string): string {
  return partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
}

/** The partition a Region belongs to, so an `aws-cn` stack gets `aws-cn` placeholders. */
export function partitionFor(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** The placeholder ARN of a Lambda function: well-formed, and it names the function's logical id. */
export function lambdaPlaceholderArn(env: TokenEnvironment, logicalId: string): string {
  return `arn:${env.partition}:lambda:${env.region}:${env.account}:function:${logicalId}`;
}

function arnOf(env: TokenEnvironment, logicalId: string, type: string): string {
  const { partition: p, region: r, account: a } = env;
  switch (type) {
    case 'AWS::Lambda::Function':
      return lambdaPlaceholderArn(env, logicalId);
    case 'AWS::SNS::Topic':
    case 'AWS::SQS::Queue':
      return `arn:${p}:${type === 'AWS::SNS::Topic' ? 'sns' : 'sqs'}:${r}:${a}:${logicalId}`;
    case 'AWS::StepFunctions::StateMachine':
      return `arn:${p}:states:${r}:${a}:stateMachine:${logicalId}`;
    case 'AWS::SecretsManager::Secret':
      return `arn:${p}:secretsmanager:${r}:${a}:secret:${logicalId}`;
    case 'AWS::S3::Bucket':
      return `arn:${p}:s3:::${logicalId.toLowerCase()}`;
    default: {
      const [, service = 'unknown', kind = 'resource'] = type.split('::');
      return `arn:${p}:${service.toLowerCase()}:${r}:${a}:${kind.toLowerCase()}/${logicalId}`;
    }
  }
}

// What `Ref` returns differs per resource type:
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-function.html#aws-resource-lambda-function-return-values
function refOf(env: TokenEnvironment, logicalId: string, type: string): string {
  switch (type) {
    case 'AWS::SNS::Topic':
    case 'AWS::StepFunctions::StateMachine':
    case 'AWS::SecretsManager::Secret':
      return arnOf(env, logicalId, type);
    case 'AWS::SQS::Queue':
      return `https://sqs.${env.region}.${urlSuffixFor(env.partition)}/${env.account}/${logicalId}`;
    case 'AWS::S3::Bucket':
      return logicalId.toLowerCase();
    default:
      return logicalId;
  }
}

function ref(env: TokenEnvironment, name: string): string {
  switch (name) {
    case 'AWS::Partition':
      return env.partition;
    case 'AWS::Region':
      return env.region;
    case 'AWS::AccountId':
      return env.account;
    case 'AWS::URLSuffix':
      return urlSuffixFor(env.partition);
    case 'AWS::StackName':
      return env.stackName;
    case 'AWS::StackId':
      return `arn:${env.partition}:cloudformation:${env.region}:${env.account}:stack/${env.stackName}/local`;
  }
  const parameter = env.template.Parameters?.[name];
  if (parameter) return parameter.Default === undefined ? name : String(parameter.Default);
  const resource = env.template.Resources?.[name];
  if (resource) return refOf(env, name, resource.Type);
  throw new UnsupportedDefinitionError(
    `Ref to '${name}', which is neither a pseudo parameter, a parameter nor a resource`,
  );
}

function getAtt(env: TokenEnvironment, logicalId: string, attribute: string): string {
  const resource = env.template.Resources?.[logicalId];
  if (!resource) throw new UnsupportedDefinitionError(`Fn::GetAtt of unknown resource '${logicalId}'`);
  if (attribute === 'Arn' || attribute.endsWith('Arn')) return arnOf(env, logicalId, resource.Type);
  if (resource.Type === 'AWS::SQS::Queue' && attribute === 'QueueUrl')
    return refOf(env, logicalId, resource.Type);
  return `${logicalId}.${attribute}`;
}

function substitute(env: TokenEnvironment, text: string, variables: Record<string, unknown>): string {
  return text.replace(/\$\{([^}]+)\}/g, (_match, name: string) => {
    if (name.startsWith('!')) return `\${${name.slice(1)}}`;
    if (name in variables) return resolveToken(variables[name], env);
    const dot = name.indexOf('.');
    return dot > 0 ? getAtt(env, name.slice(0, dot), name.slice(dot + 1)) : ref(env, name);
  });
}

function resolveList(value: unknown, env: TokenEnvironment): string[] {
  if (Array.isArray(value)) return value.map((item) => resolveToken(item, env));
  if (value && typeof value === 'object' && 'Fn::Split' in value) {
    const [separator, source] = (value as { 'Fn::Split': [string, unknown] })['Fn::Split'];
    return resolveToken(source, env).split(separator);
  }
  throw new UnsupportedDefinitionError(`Expected a list, got ${JSON.stringify(value)}`);
}

/**
 * Resolves a CloudFormation value (a literal or an intrinsic such as `Ref`, `Fn::GetAtt`, `Fn::Join`,
 * `Fn::Sub`, `Fn::Select`) to a string, with well-formed placeholders for what only a deployment knows.
 */
export function resolveToken(value: unknown, env: TokenEnvironment): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const [key, ...others] = Object.keys(value);
    const argument = (value as Record<string, unknown>)[key];
    if (others.length === 0) {
      switch (key) {
        case 'Ref':
          return ref(env, String(argument));
        case 'Fn::GetAtt': {
          const [logicalId, attribute] = Array.isArray(argument)
            ? argument
            : String(argument).split(/\.(.*)/);
          return getAtt(env, String(logicalId), resolveToken(attribute, env));
        }
        case 'Fn::Join': {
          const [separator, items] = argument as [string, unknown];
          return resolveList(items, env).join(separator);
        }
        case 'Fn::Select': {
          const [index, items] = argument as [unknown, unknown];
          return resolveList(items, env)[Number(resolveToken(index, env))] ?? '';
        }
        case 'Fn::Sub': {
          const [text, variables] = Array.isArray(argument) ? argument : [argument, {}];
          return substitute(env, String(text), variables as Record<string, unknown>);
        }
        case 'Fn::ImportValue':
          return `imported-${resolveToken(argument, env)}`;
      }
    }
  }
  throw new UnsupportedDefinitionError(
    `Cannot resolve CloudFormation value ${JSON.stringify(value)} locally`,
  );
}
