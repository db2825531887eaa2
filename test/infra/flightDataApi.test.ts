import { App, ArnFormat, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { FlowLogDestination, FlowLogTrafficType, SecurityGroup, SubnetType, Vpc } from 'aws-cdk-lib/aws-ec2';
import { DatabaseProxy } from 'aws-cdk-lib/aws-rds';
import { FlightDataApi, type FlightDataApiProps } from '../../infra/constructs/flightDataApi';
import { awsSolutionsFindings } from '../helpers/cdkAssertions';

const origins = ['https://app.example.com', 'http://localhost:5173'];

/** A test stack: an isolated VPC with flow logs, a proxy imported by attributes, and the construct. */
function buildStack(region?: string, overrides: Partial<FlightDataApiProps> = {}) {
  const app = new App();
  const stack = new Stack(app, 'FlightDataApiTest', region ? { env: { region } } : undefined);
  const vpc = new Vpc(stack, 'Vpc', {
    maxAzs: 2,
    natGateways: 0,
    subnetConfiguration: [{ name: 'data', subnetType: SubnetType.PRIVATE_ISOLATED }],
    flowLogs: {
      all: { destination: FlowLogDestination.toCloudWatchLogs(), trafficType: FlowLogTrafficType.ALL },
    },
  });
  const proxySecurityGroup = new SecurityGroup(stack, 'ProxySg', { vpc, allowAllOutbound: false });
  const proxy = DatabaseProxy.fromDatabaseProxyAttributes(stack, 'Proxy', {
    dbProxyName: 'flight-data',
    dbProxyArn: stack.formatArn({
      service: 'rds',
      resource: 'db-proxy',
      resourceName: 'prx-0123456789abcdef0',
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    }),
    endpoint: 'flight-data.proxy-abcdefghijkl.example.rds.amazonaws.com',
    securityGroups: [proxySecurityGroup],
  });
  const construct = new FlightDataApi(stack, 'FlightDataApi', {
    vpc,
    proxy,
    proxySecurityGroup,
    databaseName: 'flights',
    dbUser: 'flight_reader',
    allowedOrigins: origins,
    ...overrides,
  });
  return { app, stack, construct, proxySecurityGroup };
}

const built = buildStack();
const template = Template.fromStack(built.stack);

describe('FlightDataApi', () => {
  it('runs the handler on nodejs24.x with active tracing and the proxy settings', () => {
    // Assess
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Handler: 'index.handler',
      TracingConfig: { Mode: 'Active' },
      Environment: {
        Variables: Match.objectLike({
          PGHOST: 'flight-data.proxy-abcdefghijkl.example.rds.amazonaws.com',
          PGPORT: '5432',
          PGDATABASE: 'flights',
          PGUSER: 'flight_reader',
          PGSSLMODE: 'verify-full',
          PG_IAM_AUTH: 'true',
          FLIGHT_DATA_TABLE: 'flight_data',
          CORS_ALLOWED_ORIGINS: 'https://app.example.com,http://localhost:5173',
        }),
      },
      VpcConfig: Match.objectLike({ SubnetIds: Match.anyValue() }),
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it('requires an API key on GET /flightData and validates its query parameters', () => {
    // Assess
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      ApiKeyRequired: true,
      RequestValidatorId: Match.anyValue(),
      RequestParameters: {
        'method.request.querystring.flight': false,
        'method.request.querystring.from': false,
        'method.request.querystring.to': false,
        'method.request.querystring.limit': false,
        'method.request.querystring.cursor': false,
      },
    });
    template.hasResourceProperties('AWS::ApiGateway::RequestValidator', { ValidateRequestParameters: true });
    template.hasResourceProperties('AWS::ApiGateway::RestApi', { ApiKeySourceType: 'HEADER' });
  });

  it('throttles and caps each key with a usage plan bound to the stage', () => {
    // Assess
    template.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      Throttle: { RateLimit: 50, BurstLimit: 100 },
      Quota: { Limit: 1_000_000, Period: 'MONTH' },
      ApiStages: [Match.objectLike({ Stage: Match.anyValue() })],
    });
    template.resourceCountIs('AWS::ApiGateway::UsagePlanKey', 1);
    template.hasResourceProperties('AWS::ApiGateway::ApiKey', { Enabled: true, Value: Match.absent() });
  });

  it('answers CORS preflight for the allow-list only, without an API key', () => {
    // Prepare
    const options = template.findResources('AWS::ApiGateway::Method', {
      Properties: { HttpMethod: 'OPTIONS' },
    });
    const json = JSON.stringify(options);

    // Assess
    expect(Object.keys(options)).toHaveLength(1);
    expect(json).toContain('"ApiKeyRequired":false');
    expect(json).toContain("'https://app.example.com'");
    expect(json).toContain('http://localhost:5173');
    expect(json).not.toContain("'*'");
  });

  it('traces and access-logs the stage and logs execution errors', () => {
    // Assess
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'v1',
      TracingEnabled: true,
      AccessLogSetting: Match.objectLike({ DestinationArn: Match.anyValue() }),
      MethodSettings: [Match.objectLike({ LoggingLevel: 'ERROR', HttpMethod: '*', ResourcePath: '/*' })],
    });
    template.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
  });

  it('grants rds-db:connect for the one database user on the one proxy', () => {
    // Prepare
    const policies = template.findResources('AWS::IAM::Policy');
    const statements = Object.values(policies).flatMap(
      (p) =>
        (p as { Properties: { PolicyDocument: { Statement: { Action: unknown; Resource: unknown }[] } } })
          .Properties.PolicyDocument.Statement,
    );

    // Act
    const connect = statements.filter((s) => JSON.stringify(s.Action).includes('rds-db:'));

    // Assess
    expect(connect).toHaveLength(1);
    expect(connect[0]?.Action).toBe('rds-db:connect');
    const resource = JSON.stringify(connect[0]?.Resource);
    expect(resource).toContain('{"Ref":"AWS::Partition"}');
    expect(resource).toContain(':rds-db:');
    expect(resource).toContain(':dbuser:');
    expect(resource).toContain('/flight_reader');
    expect(resource).not.toContain('*');
  });

  it('lets the function reach the proxy on 5432 and nothing else', () => {
    // Prepare
    const proxySgId = built.stack.resolve(built.proxySecurityGroup.securityGroupId);

    // Assess
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'msk-flows flightData API function: egress to the RDS Proxy only',
      SecurityGroupEgress: Match.absent(),
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroupEgress', {
      IpProtocol: 'tcp',
      FromPort: 5432,
      ToPort: 5432,
      DestinationSecurityGroupId: proxySgId,
    });
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      IpProtocol: 'tcp',
      FromPort: 5432,
      ToPort: 5432,
      GroupId: proxySgId,
    });
  });

  it.each(['eu-west-1', 'cn-northwest-1'])('synthesizes no literal arn:aws: partition in %s', (region) => {
    // Prepare
    const { stack } = buildStack(region);

    // Act
    const json = JSON.stringify(Template.fromStack(stack).toJSON());

    // Assess
    expect(json).not.toMatch(/arn:aws(-cn)?:/);
  });

  it('reports no unacknowledged cdk-nag AwsSolutions finding', () => {
    // Act
    const findings = awsSolutionsFindings(built.app, built.stack);

    // Assess
    expect(findings).toEqual([]);
  });

  it.each([
    [{ allowedOrigins: ['*'] }, 'CORS_ALLOWED_ORIGINS'],
    [{ allowedOrigins: [] }, 'allowedOrigins'],
    [{ tableName: 'flight_data; DROP TABLE x' }, 'FLIGHT_DATA_TABLE'],
  ])('refuses %j', (overrides, message) => {
    // Act
    const attempt = () => buildStack(undefined, overrides);

    // Assess
    expect(attempt).toThrow(message);
  });
});
