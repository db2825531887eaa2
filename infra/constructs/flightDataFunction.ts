import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import {
  type ISecurityGroup,
  type IVpc,
  Port,
  SecurityGroup,
  type SubnetSelection,
} from 'aws-cdk-lib/aws-ec2';
import type { Role } from 'aws-cdk-lib/aws-iam';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IDatabaseProxy } from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';
import { grantCalls } from '../permissions/calls';
import { FLIGHT_DATA_CALLS } from '../permissions/ingestCalls';
import { TaskFunction } from './taskFunction';

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
  readonly function: TaskFunction;
  readonly role: Role;
  readonly securityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: FlightDataFunctionProps) {
    super(scope, id);
    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      allowAllOutbound: false,
      description: 'msk-flows flightData API function: egress to the RDS Proxy only',
    });
    this.function = new TaskFunction(this, 'Function', {
      entry: 'tasks/ingest/flightData/queryFlightData.ts',
      description: 'msk-flows: GET /flightData, keyset pages from PostgreSQL through RDS Proxy',
      // Worst case: a dropped connection, a 3 s connect and a 5 s query; API Gateway waits up to 29 s.
      timeout: Duration.seconds(15),
      memorySize: 256,
      logRetention: props.logRetention,
      network: { vpc: props.vpc, vpcSubnets: props.vpcSubnets, securityGroups: [this.securityGroup] },
      // pg-native is an optional native binding pg only loads on request.
      externalModules: ['pg-native'],
      environment: {
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
    });
    this.role = this.function.executionRole;
    this.function.connections.allowTo(
      props.proxySecurityGroup,
      Port.tcp(POSTGRES_PORT),
      'flightData API to RDS Proxy',
    );
    // rds-db:connect on arn:<partition>:rds-db:<region>:<account>:dbuser:<proxy id>/<dbUser> only.
    const stack = Stack.of(this);
    const proxyId = stack.splitArn(props.proxy.dbProxyArn, ArnFormat.COLON_RESOURCE_NAME).resourceName;
    grantCalls(this, this.function, FLIGHT_DATA_CALLS, {
      dbUser: [
        stack.formatArn({
          service: 'rds-db',
          resource: 'dbuser',
          resourceName: `${proxyId}/${props.dbUser}`,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
    });
  }
}
