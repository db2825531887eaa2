import type { ISecurityGroup } from 'aws-cdk-lib/aws-ec2';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { PLATFORM_POLICY_ENV } from '../../tasks/onboarding/guardRails/policy';
import type { OffboardingFunctions, OnboardingFunctions } from '../../workflows/onboarding/functions';
import { WORKFLOW_TASKS } from '../../workflows/taskRegistry';
import type { MskConnectConfig } from '../config';
import { type ConnectorTaskFunctions, connectorTaskFunctions } from './connectorFunctions';
import { privateAccessTaskFunctions } from './privateAccessFunctions';
import { TaskFunction, type TaskNetwork } from './taskFunction';

export interface OnboardingFunctionsProps {
  /** Customer-managed key that encrypts `AmazonMSK_` secrets. */
  scramSecretKey: IKey;
  /** VPC placement for the functions that talk to the brokers. */
  network?: TaskNetwork;
  /** Name of the per-cluster lock table (private access serializes cluster-level changes on it). */
  clusterLockTableName: string;
  /** The platform policy's JSON for the guard rails (Validate, Plan, Check Principal); absent: defaults. */
  platformPolicy?: string;
  /** The self-managed Kafka Connect REST API (context msk-flows:kafkaConnectUrl), if any. */
  kafkaConnectUrl?: string;
  /** MSK Connect's setup (context msk-flows:mskConnect), if any. */
  mskConnect?: MskConnectConfig;
  /** The log group MSK Connect workers log to by default (with mskConnect). */
  mskConnectLogGroupName?: string;
  /** Extra security groups of the connector functions in the VPC (reaching the Kafka Connect REST API). */
  connectorSecurityGroups?: ISecurityGroup[];
}

/** The environment of the functions that run connector code (the connector tasks, Plan and Undo Changes). */
function connectorEnvironment(props: OnboardingFunctionsProps): Record<string, string> {
  return {
    ...(props.kafkaConnectUrl ? { KAFKA_CONNECT_URL: props.kafkaConnectUrl } : {}),
    ...(props.mskConnect
      ? {
          MSK_CONNECT_SERVICE_EXECUTION_ROLE_ARNS: props.mskConnect.serviceExecutionRoleArns.join(','),
          MSK_CONNECT_PLUGIN_BUCKET_ARN: props.mskConnect.pluginBucketArn,
        }
      : {}),
    ...(props.mskConnect && props.mskConnectLogGroupName
      ? { MSK_CONNECT_LOG_GROUP: props.mskConnectLogGroupName }
      : {}),
  };
}

/** One Lambda per onboarding/offboarding task, each bundling its task's entry in workflows/taskRegistry.ts. */
export class OnboardingTaskFunctions extends Construct {
  readonly onboarding: OnboardingFunctions;
  readonly offboarding: OffboardingFunctions;
  /** The functions that connect to Kafka (they need the brokers' network and Kafka-level permissions). */
  readonly kafkaFacing: TaskFunction[];
  /** The connector tasks (their grants come from their call tables). */
  readonly connectors: ConnectorTaskFunctions;

  constructor(scope: Construct, id: string, props: OnboardingFunctionsProps) {
    super(scope, id);
    const environment = {
      SCRAM_SECRET_KMS_KEY_ARN: props.scramSecretKey.keyArn,
      CLUSTER_LOCK_TABLE: props.clusterLockTableName,
    };
    const access = privateAccessTaskFunctions(this, environment, props.network);
    const withConnectors = { ...environment, ...connectorEnvironment(props) };
    // What runs connector code (the connector tasks, Plan and Undo Changes) may also reach Kafka Connect's REST API.
    const connectorNetwork = props.network && {
      ...props.network,
      securityGroups: [...props.network.securityGroups, ...(props.connectorSecurityGroups ?? [])],
    };
    this.connectors = connectorTaskFunctions(this, withConnectors, connectorNetwork);
    const { removeConnectors, ...onboardingConnectors } = this.connectors;
    const control = (fnId: string, entry: string, description: string) =>
      new TaskFunction(this, fnId, { entry, description, environment });
    const kafka = (fnId: string, entry: string, description: string, env = environment) =>
      new TaskFunction(this, fnId, { entry, description, environment: env, network: props.network });
    // Only the functions that enforce the guard rails read the policy.
    const policyEnv: Record<string, string> = props.platformPolicy
      ? { [PLATFORM_POLICY_ENV]: props.platformPolicy }
      : {};
    const guarded = (
      fnId: string,
      entry: string,
      description: string,
      network?: TaskNetwork,
      env: Record<string, string> = environment,
    ) =>
      new TaskFunction(this, fnId, {
        entry,
        description,
        environment: { ...env, ...policyEnv },
        network,
      });

    const validateRequest = guarded(
      'ValidateRequest',
      WORKFLOW_TASKS.validateRequest.entry,
      'Validate an onboarding request',
    );
    const { removeTriggers, removePrivateAccess, ...onboardingAccess } = access;
    this.onboarding = {
      ...onboardingAccess,
      ...onboardingConnectors,
      validateRequest,
      planChanges: guarded(
        'PlanChanges',
        WORKFLOW_TASKS.planChanges.entry,
        'Plan the changes of an onboarding',
        connectorNetwork,
        withConnectors,
      ),
      // The MSK credential steps record intents and outcomes in the cluster's ownership registry topic.
      ensureScramSecret: kafka(
        'EnsureScramSecret',
        WORKFLOW_TASKS.ensureScramSecret.entry,
        'Create the AmazonMSK_ SCRAM secret',
      ),
      describeCluster: control(
        'DescribeCluster',
        WORKFLOW_TASKS.describeCluster.entry,
        'Poll the MSK cluster state',
      ),
      associateScramSecret: kafka(
        'AssociateScramSecret',
        WORKFLOW_TASKS.associateScramSecret.entry,
        'Associate the SCRAM secret with the MSK cluster',
      ),
      upsertScramUser: kafka(
        'UpsertScramUser',
        WORKFLOW_TASKS.upsertScramUser.entry,
        'Upsert a SCRAM-SHA-512 user on self-managed Kafka',
      ),
      ensureTopics: kafka('EnsureTopics', WORKFLOW_TASKS.ensureTopics.entry, 'Create or align topics'),
      grantAcls: kafka('GrantAcls', WORKFLOW_TASKS.grantAcls.entry, 'Grant the role-template ACLs'),
      verifyAccess: kafka(
        'VerifyAccess',
        WORKFLOW_TASKS.verifyAccess.entry,
        'Log in as the principal and check',
      ),
      commitRun: kafka(
        'CommitRun',
        WORKFLOW_TASKS.commitRun.entry,
        'Mark a succeeded run owned in the ownership registry',
      ),
      undoChanges: new TaskFunction(this, 'UndoChanges', {
        entry: WORKFLOW_TASKS.undoChanges.entry,
        description: 'Undo what a failed onboarding created',
        environment: withConnectors,
        network: connectorNetwork,
      }),
    };
    this.offboarding = {
      removeConnectors,
      removeTriggers,
      removePrivateAccess,
      validateRequest,
      planOffboarding: kafka(
        'PlanOffboarding',
        WORKFLOW_TASKS.planOffboarding.entry,
        'Refuse an offboarding of things msk-flows does not own',
      ),
      // It undoes the Kafka Connect connectors an unfinished run holds: it reaches Kafka Connect's REST API too.
      finishUnfinishedRuns: new TaskFunction(this, 'FinishUnfinishedRuns', {
        entry: WORKFLOW_TASKS.finishUnfinishedRuns.entry,
        description: "Undo what a principal's unfinished runs left",
        environment: withConnectors,
        network: connectorNetwork,
      }),
      checkPrincipal: guarded(
        'CheckPrincipal',
        WORKFLOW_TASKS.checkPrincipal.entry,
        'Refuse offboarding the admin, a super user or a reserved principal',
        props.network,
      ),
      revokeAcls: kafka('RevokeAcls', WORKFLOW_TASKS.revokeAcls.entry, "Remove a principal's ACLs"),
      removeCredentials: kafka(
        'RemoveCredentials',
        WORKFLOW_TASKS.removeCredentials.entry,
        "Remove a principal's SCRAM user or secret",
      ),
      deleteTopics: kafka(
        'DeleteTopics',
        WORKFLOW_TASKS.deleteTopics.entry,
        'Delete the topics of a request',
      ),
    };
    this.kafkaFacing = [
      this.onboarding.planChanges,
      this.onboarding.ensureScramSecret,
      this.onboarding.associateScramSecret,
      this.onboarding.upsertScramUser,
      this.onboarding.ensureTopics,
      this.onboarding.grantAcls,
      this.onboarding.verifyAccess,
      this.onboarding.commitRun,
      this.onboarding.undoChanges,
      // The ownership registry of connectors lives in the cluster (tasks/onboarding/connectors/registryClaims.ts).
      this.connectors.ensureConnectorPlugins,
      this.connectors.ensureConnectors,
      this.connectors.removeConnectors,
      this.offboarding.planOffboarding,
      this.offboarding.finishUnfinishedRuns,
      this.offboarding.checkPrincipal,
      this.offboarding.revokeAcls,
      this.offboarding.removeCredentials,
      this.offboarding.deleteTopics,
      // Shared private access uses are recorded in the registry (tasks/onboarding/privateAccess/sharedUse.ts).
      this.onboarding.enableMultiVpcConnectivity,
      this.onboarding.mergeClusterPolicy,
      this.onboarding.ensureVpcConnection,
      this.offboarding.removePrivateAccess,
      // Trigger things are recorded in the registry (tasks/onboarding/triggers/registryClaims.ts).
      this.onboarding.copyTriggerSecret,
      this.onboarding.ensureEventSourceMappings,
      this.offboarding.removeTriggers,
    ] as TaskFunction[];
  }
}
