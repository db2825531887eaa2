import { CfnOutput, type CfnResource, Stack, type StackProps } from 'aws-cdk-lib';
import type { JsonSchema } from 'aws-cdk-lib/aws-apigateway';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { REGISTRY_TOPIC } from '../../tasks/onboarding/registry/registryTopic';
import type { DeploymentConfig } from '../config';
import { ClusterLockTable } from '../constructs/clusterLockTable';
import { grantConnectorCalls } from '../constructs/connectorPermissions';
import { KafkaConnectClientAccess } from '../constructs/kafkaConnectClientAccess';
import { Monitoring } from '../constructs/monitoring';
import { MskConnectWorkerLogs } from '../constructs/mskConnectWorkerLogs';
import { OnboardingTaskFunctions } from '../constructs/onboardingFunctions';
import { grantOnboardingPermissions } from '../constructs/onboardingPermissions';
import { OnboardingStateMachines } from '../constructs/onboardingStateMachines';
import { CONSUMER_ROLE_NAME } from '../constructs/privateAccessPermissions';
import { WorkflowApi } from '../constructs/workflowApi';
import { acknowledge, nagArn, XRAY_WILDCARD } from '../nag';
import { taskNetworkFromContext } from '../network';

export interface OnboardingStackProps extends StackProps {
  stage: string;
  scramSecretKey: IKey;
  onboardingRequestSchema: JsonSchema;
  /** SNS topic the alarms notify (msk-flows:alarmTopicArn). */
  alarmTopicArn?: string;
  /** Kafka Connect URL and MSK Connect setup (msk-flows:kafkaConnectUrl, msk-flows:mskConnect). */
  connectors?: DeploymentConfig['connectors'];
  /** The platform policy's JSON (msk-flows:platformPolicy) for the guard rails; undefined: the defaults. */
  platformPolicy?: string;
}

/** Producer (cluster) account: the onboarding/offboarding state machines, their tasks and their API. */
export class OnboardingStack extends Stack {
  readonly functions: OnboardingTaskFunctions;
  readonly stateMachines: OnboardingStateMachines;
  readonly api: WorkflowApi;
  readonly clusterLocks: ClusterLockTable;
  readonly monitoring: Monitoring;
  /** MSK Connect's default worker log group (with msk-flows:mskConnect). */
  readonly mskConnectWorkerLogs?: MskConnectWorkerLogs;
  /** The connector functions' way to the Kafka Connect REST API (with msk-flows:kafkaConnectUrl and a VPC). */
  readonly kafkaConnectAccess?: KafkaConnectClientAccess;

  constructor(scope: Construct, id: string, props: OnboardingStackProps) {
    super(scope, id, props);
    this.clusterLocks = new ClusterLockTable(this, 'ClusterLocks');
    const network = taskNetworkFromContext(this);
    const kafkaConnectUrl = props.connectors?.kafkaConnectUrl;
    if (network && kafkaConnectUrl)
      this.kafkaConnectAccess = new KafkaConnectClientAccess(this, 'KafkaConnectAccess', {
        vpc: network.vpc,
        kafkaConnectUrl,
      });
    if (props.connectors?.mskConnect)
      this.mskConnectWorkerLogs = new MskConnectWorkerLogs(this, 'MskConnect');
    this.functions = new OnboardingTaskFunctions(this, 'Tasks', {
      scramSecretKey: props.scramSecretKey,
      network,
      clusterLockTableName: this.clusterLocks.table.tableName,
      ...props.connectors,
      mskConnectLogGroupName: this.mskConnectWorkerLogs?.logGroup.logGroupName,
      connectorSecurityGroups: this.kafkaConnectAccess ? [this.kafkaConnectAccess.securityGroup] : [],
      platformPolicy: props.platformPolicy,
    });
    grantOnboardingPermissions(
      this,
      this.functions,
      props.scramSecretKey,
      props.stage,
      this.clusterLocks.table,
    );
    grantConnectorCalls(
      this,
      {
        ...this.functions.onboarding,
        finishUnfinishedRuns: this.functions.offboarding.finishUnfinishedRuns,
        connectors: this.functions.connectors,
      },
      props.connectors?.mskConnect,
    );
    this.stateMachines = new OnboardingStateMachines(this, 'Workflows', {
      stage: props.stage,
      onboarding: this.functions.onboarding,
      offboarding: this.functions.offboarding,
    });
    this.api = new WorkflowApi(this, 'WorkflowApi', {
      stage: props.stage,
      routes: [
        {
          resource: 'onboardings',
          stateMachine: this.stateMachines.onboarding,
          stateMachineName: this.stateMachines.onboardingName,
          requestSchema: props.onboardingRequestSchema,
        },
        {
          resource: 'offboardings',
          stateMachine: this.stateMachines.offboarding,
          stateMachineName: this.stateMachines.offboardingName,
          requestSchema: props.onboardingRequestSchema,
        },
      ],
    });
    this.acknowledgeFindings();
    this.addOutputs();
    this.monitoring = new Monitoring(this, 'Monitoring', {
      dashboardName: id,
      alarmTopicArn: props.alarmTopicArn,
    });
    this.monitoring.addStateMachine('Onboarding', this.stateMachines.onboarding);
    this.monitoring.addStateMachine('Offboarding', this.stateMachines.offboarding);
    this.monitoring.addApi('Workflow API', this.api.api);
    const tasks = new Set([
      ...Object.values(this.functions.onboarding),
      ...Object.values(this.functions.offboarding),
    ]);
    for (const fn of [...tasks, ...this.api.startFunctions]) this.monitoring.addFunction(fn.node.id, fn);
  }

  /** What an operator needs after a deploy: the machines for `--state-machine`, the API's base URL. */
  private addOutputs(): void {
    new CfnOutput(this, 'OnboardingStateMachineArn', {
      value: this.stateMachines.onboarding.stateMachineArn,
      description: 'msk-flows onboard --state-machine <this>',
    });
    new CfnOutput(this, 'OffboardingStateMachineArn', {
      value: this.stateMachines.offboarding.stateMachineArn,
      description: 'msk-flows offboard --state-machine <this>',
    });
    new CfnOutput(this, 'WorkflowApiUrl', {
      value: this.api.api.url,
      description: 'POST <this>onboardings | offboardings, GET …/{name} (IAM SigV4)',
    });
    if (this.kafkaConnectAccess)
      new CfnOutput(this, 'KafkaConnectClientSecurityGroupId', {
        value: this.kafkaConnectAccess.securityGroup.securityGroupId,
        description: `The Kafka Connect workers' security group must admit this group on TCP ${this.kafkaConnectAccess.port}`,
      });
    if (this.mskConnectWorkerLogs)
      new CfnOutput(this, 'MskConnectWorkerLogGroup', {
        value: this.mskConnectWorkerLogs.logGroup.logGroupName,
        description: 'MSK Connect connectors log here unless their request names a logGroup',
      });
  }

  /** The wildcards this stack needs, each with the reason it cannot be narrowed at deploy time. */
  private acknowledgeFindings(): void {
    const arn = (service: string, resource: string) => nagArn(this, service, resource);
    const runtimeNamed =
      'Requests name the cluster, topics and principal at run time (reviewed, validated JSON); the pattern is ' +
      'scoped to this account, Region and partition and to the one resource type.';
    acknowledge(this, [
      XRAY_WILDCARD,
      {
        id: `AwsSolutions-IAM5[Resource::${arn('kafka', 'cluster/*/*')}]`,
        reason: runtimeNamed,
      },
      {
        id: `AwsSolutions-IAM5[Resource::${arn('kafka', 'topic/*/*/*')}]`,
        reason: runtimeNamed,
      },
      {
        id: `AwsSolutions-IAM5[Resource::${arn('kafka', `topic/*/*/${REGISTRY_TOPIC}`)}]`,
        reason:
          'The ownership registry topic of whichever cluster a request names: one topic name, any cluster of this account and Region.',
      },
      {
        // The guard rails list consumer groups to check that a prefixed grant covers no other team's group.
        id: `AwsSolutions-IAM5[Resource::${arn('kafka', 'group/*/*/*')}]`,
        reason: runtimeNamed,
      },
      {
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::*:role/${CONSUMER_ROLE_NAME}]`,
        reason:
          'Consumer accounts are named by requests at run time; only the role their ConsumerAccess stack creates, with an ExternalId it checks.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::${arn('lambda', 'event-source-mapping:*')}]`,
        reason: 'Mappings are created per request; their UUIDs are only known at run time.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::${arn('kafka', 'configuration/*/*')}]`,
        reason: "The preflight reads the cluster's configuration revision, whichever the cluster uses.",
      },
      {
        id: `AwsSolutions-IAM5[Resource::${arn('secretsmanager', 'secret:AmazonMSK_*')}]`,
        reason: 'MSK requires SCRAM secrets named AmazonMSK_<user>; one is created per onboarded principal.',
      },
      {
        id: `AwsSolutions-IAM5[Resource::${arn('secretsmanager', 'secret:msk-flows/admin/*')}]`,
        reason:
          'Admin secrets of self-managed clusters are registered under this prefix; Secrets Manager adds a random suffix.',
      },
    ]);
    // LambdaInvoke grants lambda:InvokeFunction on each task function and its versions (`<arn>:*`).
    const invokeFindings = [
      ...new Set([...Object.values(this.functions.onboarding), ...Object.values(this.functions.offboarding)]),
    ].map((fn) => ({
      id: `AwsSolutions-IAM5[Resource::<${this.resolve((fn.node.defaultChild as CfnResource).logicalId)}.Arn>:*]`,
      reason: 'Step Functions invokes the task function by ARN and may use its versions; no other function.',
    }));
    for (const machine of [this.stateMachines.onboarding, this.stateMachines.offboarding]) {
      acknowledge(machine.role, invokeFindings);
    }
    for (const name of [this.stateMachines.onboardingName, this.stateMachines.offboardingName]) {
      acknowledge(this.api, [
        {
          id: `AwsSolutions-IAM5[Resource::${arn('states', `execution:${name}:*`)}]`,
          reason: "DescribeExecution on executions of this route's own state machine only.",
        },
      ]);
    }
    acknowledge(this.api, [
      {
        id: 'AwsSolutions-IAM5',
        reason:
          "DescribeExecution is granted on executions of this API's own state machine only (`execution:<name>:*`).",
      },
      {
        id: 'AwsSolutions-COG4',
        reason: 'The API is IAM-authorized (SigV4): platform operators, not end users.',
      },
      {
        id: 'AwsSolutions-APIG3',
        reason:
          'IAM-authorized operator API with usage limited by IAM; a WAF web ACL adds nothing to SigV4 auth.',
      },
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        reason: "API Gateway's account-level logging role; AWS documents this managed policy for it.",
      },
    ]);
  }
}
