import aslValidator from 'asl-validator';
import { CfnResource, Stack, Stage, Token } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { type AslDefinition, cloneJson, listStates } from './asl';
import { InvalidDefinitionError, StateMachineNotFoundError, UnsupportedDefinitionError } from './errors';
import { type CfnTemplate, partitionFor, resolveToken, type TokenEnvironment } from './intrinsics';
import { type TaskIntegration, taskTargetOf } from './taskTargets';

const STATE_MACHINE = 'AWS::StepFunctions::StateMachine';
const LAMBDA_FUNCTION = 'AWS::Lambda::Function';

/** The Lambda function a Task state invokes, traced back to the stack. */
export interface TaskResource {
  stateName: string;
  integration: TaskIntegration;
  functionLogicalId: string;
  /** Construct path of the function (e.g. `Stack/Functions/ValidateRequest`), when known. */
  functionPath?: string;
  /** The function's `Handler` property (e.g. `index.handler`). */
  functionHandler?: string;
}

export interface ExtractOptions {
  /** Placeholder partition; default: the stack's Region's partition, else `aws`. */
  partition?: string;
  /** Placeholder Region; default: the stack's Region when concrete, else `us-east-1`. */
  region?: string;
  /** Placeholder account; default: the stack's account when concrete, else `123456789012`. */
  account?: string;
}

export interface ExtractedStateMachine {
  logicalId: string;
  definition: AslDefinition;
  /** Lambda-backed Task states by state name (Map and Parallel states' inner states included). */
  taskResources: Map<string, TaskResource>;
}

function templateOf(stack: Stack): CfnTemplate {
  if (stack.nestedStackParent) throw new UnsupportedDefinitionError('Nested stacks are not supported');
  const stage = Stage.of(stack);
  if (!stage) throw new UnsupportedDefinitionError(`Stack ${stack.node.path} is not part of an App or Stage`);
  return stage.synth().getStackArtifact(stack.artifactId).template as CfnTemplate;
}

function logicalIdOf(source: Stack | CfnTemplate, stateMachine: IConstruct | string): string {
  if (typeof stateMachine !== 'string') {
    const cfn = CfnResource.isCfnResource(stateMachine) ? stateMachine : stateMachine.node.defaultChild;
    if (!cfn || !CfnResource.isCfnResource(cfn) || cfn.cfnResourceType !== STATE_MACHINE) {
      throw new UnsupportedDefinitionError(
        `${stateMachine.node.path} is not a state machine defined in this app`,
      );
    }
    return Stack.of(cfn).resolve(cfn.logicalId) as string;
  }
  if (Stack.isStack(source)) {
    const path = `${source.node.path}/${stateMachine}`;
    const byPath = source.node.findAll().find((construct) => construct.node.path === path);
    if (byPath) return logicalIdOf(source, byPath);
  }
  return stateMachine;
}

function environmentOf(
  source: Stack | CfnTemplate,
  template: CfnTemplate,
  options: ExtractOptions,
): TokenEnvironment {
  const concrete = (value: string | undefined) => (value && !Token.isUnresolved(value) ? value : undefined);
  const stack = Stack.isStack(source) ? source : undefined;
  const region = options.region ?? concrete(stack?.region) ?? 'us-east-1';
  return {
    partition: options.partition ?? partitionFor(region),
    region,
    account: options.account ?? concrete(stack?.account) ?? '123456789012',
    stackName: stack?.stackName ?? 'Stack',
    template,
  };
}

/** JSON-escapes a resolved token, which is spliced into a JSON string literal of the definition. */
function escapeInString(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

function resolveDeep(value: unknown, env: TokenEnvironment): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveDeep(item, env));
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::')))
      return resolveToken(value, env);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveDeep(v, env)]));
  }
  return value;
}

function definitionText(properties: Record<string, unknown>, env: TokenEnvironment): string {
  if (properties.DefinitionS3Location) {
    throw new UnsupportedDefinitionError(
      'DefinitionS3Location is not supported: use DefinitionBody.fromChainable',
    );
  }
  const raw = properties.DefinitionString;
  let text: string;
  if (raw === undefined) {
    if (!properties.Definition) throw new UnsupportedDefinitionError('The state machine has no definition');
    text = JSON.stringify(resolveDeep(properties.Definition, env));
  } else if (raw && typeof raw === 'object' && 'Fn::Join' in raw) {
    const [separator, parts] = (raw as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
    text = parts
      .map((part) => (typeof part === 'string' ? part : escapeInString(resolveToken(part, env))))
      .join(separator);
  } else {
    text = resolveToken(raw, env);
  }
  // CloudFormation applies DefinitionSubstitutions to `${key}` after resolving intrinsics.
  const substitutions = (properties.DefinitionSubstitutions ?? {}) as Record<string, unknown>;
  return text.replace(/\$\{([^}]+)\}/g, (match, key: string) =>
    key in substitutions ? escapeInString(resolveToken(substitutions[key], env)) : match,
  );
}

function parseAndValidate(text: string, logicalId: string): AslDefinition {
  let definition: AslDefinition;
  try {
    definition = JSON.parse(text) as AslDefinition;
  } catch (cause) {
    throw new UnsupportedDefinitionError(`Definition of ${logicalId} is not JSON after resolving tokens`, {
      cause,
    });
  }
  // asl-validator adds QueryLanguage to every state it sees: give it a copy.
  const result = aslValidator(cloneJson(definition), { checkPaths: true, checkArn: false });
  if (!result.isValid) throw new InvalidDefinitionError(result.errorsText('\n').split('\n'));
  return definition;
}

function functionPaths(source: Stack | CfnTemplate, template: CfnTemplate): Map<string, string> {
  const paths = new Map<string, string>();
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    const path = resource.Metadata?.['aws:cdk:path'];
    if (typeof path === 'string') paths.set(logicalId, path.replace(/\/Resource$/, ''));
  }
  if (Stack.isStack(source)) {
    for (const construct of source.node.findAll()) {
      if (!CfnResource.isCfnResource(construct) || construct.cfnResourceType !== LAMBDA_FUNCTION) continue;
      if (Stack.of(construct) !== source) continue;
      const owner = construct.node.id === 'Resource' ? construct.node.scope : undefined;
      paths.set(source.resolve(construct.logicalId) as string, (owner ?? construct).node.path);
    }
  }
  return paths;
}

function taskResourcesOf(
  definition: AslDefinition,
  template: CfnTemplate,
  paths: Map<string, string>,
): Map<string, TaskResource> {
  const tasks = new Map<string, TaskResource>();
  for (const { name, state } of listStates(definition)) {
    if (state.Type !== 'Task') continue;
    const { integration, functionName } = taskTargetOf(state);
    const fn = functionName ? template.Resources?.[functionName] : undefined;
    if (!functionName || fn?.Type !== LAMBDA_FUNCTION) continue;
    const handler = fn.Properties?.Handler;
    tasks.set(name, {
      stateName: name,
      integration,
      functionLogicalId: functionName,
      functionPath: paths.get(functionName),
      functionHandler: typeof handler === 'string' ? handler : undefined,
    });
  }
  return tasks;
}

/**
 * The ASL a synthesized `AWS::StepFunctions::StateMachine` deploys, with placeholders for deploy-time
 * tokens (a Lambda `Fn::GetAtt … Arn` becomes `arn:<partition>:lambda:<region>:<account>:function:<LogicalId>`),
 * validated with asl-validator, plus the Lambda function behind each Task state.
 * `stateMachine` is the construct, or its logical id or construct id within `source`.
 */
export function extractStateMachineDefinition(
  source: Stack | CfnTemplate,
  stateMachine: IConstruct | string,
  options: ExtractOptions = {},
): ExtractedStateMachine {
  const template = Stack.isStack(source) ? templateOf(source) : source;
  const logicalId = logicalIdOf(source, stateMachine);
  const resource = template.Resources?.[logicalId];
  if (resource?.Type !== STATE_MACHINE) {
    const available = Object.entries(template.Resources ?? {})
      .filter(([, r]) => r.Type === STATE_MACHINE)
      .map(([id]) => id);
    throw new StateMachineNotFoundError(logicalId, available);
  }
  const env = environmentOf(source, template, options);
  const definition = parseAndValidate(definitionText(resource.Properties ?? {}, env), logicalId);
  const taskResources = taskResourcesOf(definition, template, functionPaths(source, template));
  return { logicalId, definition, taskResources };
}
