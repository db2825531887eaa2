import * as path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  type ISecurityGroup,
  type IVpc,
  Port,
  SecurityGroup,
  type SubnetSelection,
} from 'aws-cdk-lib/aws-ec2';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IDatabaseProxy } from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';
import { REPO_ROOT } from './taskFunction';

/** PostgreSQL's port, which RDS Proxy listens on for the POSTGRESQL engine family. */
export const POSTGRES_PORT = 5432;

export interface FlightDataFunctionProps {
  vpc: IVpc;
  vpcSubnets?: SubnetSelection;
  proxy: IDatabaseProxy;
  proxySecurityGroup: ISecurityGroup;
  databaseName: string;
  dbUser: string;
  tableName: string;
  allowedOrigins: string[];
  logRetention: RetentionDays;
}

/**
 * The read API's Lambda in the proxy's VPC: its own security group (egress to the proxy on 5432 only),
 * its own role (logs to its log group, VPC ENIs, X-Ray, `rds-db:connect` as `dbUser` on this proxy).
 */
export class FlightDataFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly securityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: FlightDataFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'msk-flows flightData API function',
    });
    logGroup.grantWrite(this.role);
    // The actions of AWSLambdaVPCAccessExecutionRole, without its logs:* on every log group.
    this.role.addToPolicy(
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
    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      allowAllOutbound: false,
      description: 'msk-flows flightData API function: egress to the RDS Proxy only',
    });
    this.function = new NodejsFunction(this, 'Function', {
      entry: path.join(REPO_ROOT, 'tasks/ingest/flightData/queryFlightData.ts'),
      handler: 'handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      description: 'msk-flows: GET /flightData, keyset pages from PostgreSQL through RDS Proxy',
      // Worst case: a dropped connection, a 3 s connect and a 5 s query; API Gateway waits up to 29 s.
      timeout: Duration.seconds(15),
      memorySize: 256,
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      role: this.role,
      vpc: props.vpc,
      vpcSubnets: props.vpcSubnets,
      securityGroups: [this.securityGroup],
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        PGHOST: props.proxy.endpoint,
        PGPORT: String(POSTGRES_PORT),
        PGDATABASE: props.databaseName,
        PGUSER: props.dbUser,
        PGSSLMODE: 'verify-full',
        PG_IAM_AUTH: 'true',
        FLIGHT_DATA_TABLE: props.tableName,
        CORS_ALLOWED_ORIGINS: props.allowedOrigins.join(','),
        POWERTOOLS_SERVICE_NAME: 'flight-data-api',
        POWERTOOLS_METRICS_NAMESPACE: 'MskFlows',
      },
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
      projectRoot: REPO_ROOT,
      bundling: {
        format: OutputFormat.CJS,
        target: 'node24',
        minify: true,
        sourceMap: true,
        // pg-native is an optional native binding pg only loads on request; the runtime ships the AWS SDK.
        externalModules: ['pg-native', '@aws-sdk/*'],
      },
    });
    this.function.connections.allowTo(
      props.proxySecurityGroup,
      Port.tcp(POSTGRES_PORT),
      'flightData API to RDS Proxy',
    );
    // rds-db:connect on arn:<partition>:rds-db:<region>:<account>:dbuser:<proxy id>/<dbUser> only.
    props.proxy.grantConnect(this.function, props.dbUser);
  }
}
