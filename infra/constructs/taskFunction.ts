import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { AssetHashType, DockerImage, Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ISecurityGroup, IVpc, SubnetSelection } from 'aws-cdk-lib/aws-ec2';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  Architecture,
  Code,
  Function as LambdaFunction,
  LoggingFormat,
  Runtime,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { NEVER_LOADED_MODULES } from './lambdaRuntime';

/** Repository root, so entries are written as repo-relative paths like `tasks/onboarding/plan.ts`. */
export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

/** Where a Kafka-facing function runs: inside the cluster's VPC, beside the brokers. */
export interface TaskNetwork {
  vpc: IVpc;
  vpcSubnets?: SubnetSelection;
  securityGroups: ISecurityGroup[];
}

export interface TaskFunctionProps {
  /** Repo-relative path of the task file exporting `handler`. */
  entry: string;
  description: string;
  environment?: Record<string, string>;
  network?: TaskNetwork;
  timeout?: Duration;
  memorySize?: number;
  /** Default one month. */
  logRetention?: RetentionDays;
  /**
   * Modules left out of the bundle besides those the runtime provides: only ones a dependency never loads
   * (listed in NEVER_LOADED_MODULES, e.g. pg's optional native binding).
   */
  externalModules?: string[];
}

/**
 * The task's code: `entry` bundled locally (no Docker) by infra/bundling/bundleTask.ts into `index.mjs`, with
 * the options of infra/constructs/bundling.ts (ES module, node24, minified with names kept, no source maps,
 * platformatic's stubs, inlined wasm and only the protocol APIs its clients ask for), everything but what
 * nodejs24.x provides (the SDK's clients) inside. Hashed by its output, as NodejsFunction's bundles are.
 */
function bundledCode(entry: string, options: { metafile: boolean; externalModules: string[] }): Code {
  // `msk-flows:bundleMetafile` writes esbuild's metafile (inputs, imports) beside the bundle, for checking
  // what it is made of and leaves to the runtime; off for deploys (it would ship in the zip).
  const flags = [
    ...(options.metafile ? ['--metafile'] : []),
    ...options.externalModules.flatMap((m) => ['--external', m]),
  ];
  const args = ['--import', 'tsx', 'infra/bundling/bundleTask.ts', entry];
  return Code.fromAsset(REPO_ROOT, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      // Never pulled (local bundling succeeds or throws). The command names the entry: CDK keys its bundling
      // cache on these options, so each function's must differ.
      image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:24'),
      command: ['node', ...args, '/asset-output', ...flags],
      local: {
        tryBundle(outputDir: string): boolean {
          execFileSync(process.execPath, [...args, outputDir, ...flags], {
            cwd: REPO_ROOT,
            stdio: ['ignore', 'inherit', 'inherit'],
          });
          return true;
        },
      },
    },
  });
}

/**
 * One of our Lambda tasks: Node 24, arm64, bundled locally by esbuild (no Docker), JSON logs into its
 * own log group with retention, X-Ray tracing on.
 */
export class TaskFunction extends LambdaFunction {
  /** The function's own role (never an AWS managed policy): add grants here. */
  readonly executionRole: Role;
  /** The task file it bundles, repo-relative (`tasks/…/x.ts`): what its state's Retry list is derived from. */
  readonly entry: string;

  constructor(scope: Construct, id: string, props: TaskFunctionProps) {
    const unloadable = (props.externalModules ?? []).filter((m) => !NEVER_LOADED_MODULES.includes(m));
    if (unloadable.length > 0) {
      throw new Error(
        `${id}: externalModules ${unloadable.join(', ')} would not resolve in the Lambda runtime; bundle them`,
      );
    }
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Our own role instead of the AWS managed AWSLambdaBasicExecutionRole: write to this log group only.
    const role = new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);
    if (props.network) {
      // What Lambda needs to attach the function to the VPC (the managed AWSLambdaVPCAccessExecutionRole's
      // actions). EC2 supports no resource-level permissions for the Describe call.
      role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: [
            'ec2:CreateNetworkInterface',
            'ec2:DescribeNetworkInterfaces',
            'ec2:DescribeSubnets',
            'ec2:DeleteNetworkInterface',
            'ec2:AssignPrivateIpAddresses',
            'ec2:UnassignPrivateIpAddresses',
          ],
          resources: ['*'],
        }),
      );
    }
    super(scope, id, {
      role,
      handler: 'index.handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      description: props.description,
      timeout: props.timeout ?? Duration.seconds(60),
      memorySize: props.memorySize ?? 512,
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      environment: {
        POWERTOOLS_SERVICE_NAME: 'msk-flows',
        ...props.environment,
      },
      vpc: props.network?.vpc,
      vpcSubnets: props.network?.vpcSubnets,
      securityGroups: props.network?.securityGroups,
      code: bundledCode(props.entry, {
        metafile: scope.node.tryGetContext('msk-flows:bundleMetafile') === true,
        externalModules: props.externalModules ?? [],
      }),
    });
    this.entry = props.entry;
    this.executionRole = role;
  }
}
