import { ArnFormat, Stack } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  AuthorizationType,
  AwsIntegration,
  type JsonSchema,
  LogGroupLogDestination,
  MethodLoggingLevel,
  type Model,
  PassthroughBehavior,
  RequestValidator,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

export interface WorkflowRoute {
  /** Path segment, e.g. `onboardings`. */
  resource: string;
  stateMachine: StateMachine;
  /** The machine's name as a plain string (not a token), so execution ARNs are readable in policies. */
  stateMachineName: string;
  /** JSON Schema (draft 4, API Gateway's dialect) the POST body must satisfy. */
  requestSchema: JsonSchema;
}

export interface WorkflowApiProps {
  stage: string;
  routes: WorkflowRoute[];
}

/** DescribeExecution answers trimmed to what a caller needs; `output` is our summary (never a secret). */
const DESCRIBE_RESPONSE = `#set($e = $input.path('$'))
{
  "name": "$e.name",
  "status": "$e.status",
  "startDate": $e.startDate,
  #if($e.stopDate)"stopDate": $e.stopDate,#end
  #if($e.output)"output": $e.output,#end
  #if($e.error)"error": { "name": "$util.escapeJavaScript($e.error)", "cause": "$util.escapeJavaScript($e.cause)" },#end
  "executionArn": "$e.executionArn"
}`;

/**
 * IAM-authorized REST API to start and read workflow executions without the console:
 * `POST /<resource>` → StartExecution named after the body's `requestId` (so a request sent twice is
 * deduplicated by Step Functions itself), `GET /<resource>/{name}` → DescribeExecution.
 */
export class WorkflowApi extends Construct {
  readonly api: RestApi;

  constructor(scope: Construct, id: string, props: WorkflowApiProps) {
    super(scope, id);
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.SIX_MONTHS });
    this.api = new RestApi(this, 'Api', {
      restApiName: `msk-flows-${props.stage}-workflows`,
      description: 'Start and follow msk-flows workflow executions',
      defaultMethodOptions: { authorizationType: AuthorizationType.IAM },
      cloudWatchRole: true,
      deployOptions: {
        stageName: props.stage,
        tracingEnabled: true,
        loggingLevel: MethodLoggingLevel.INFO,
        dataTraceEnabled: false,
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: AccessLogFormat.jsonWithStandardFields(),
      },
    });
    const bodyValidator = new RequestValidator(this, 'BodyValidator', {
      restApi: this.api,
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    for (const route of props.routes) this.addRoute(route, bodyValidator);
  }

  private addRoute(route: WorkflowRoute, validator: RequestValidator): void {
    const stack = Stack.of(this);
    const role = new Role(this, `${route.resource}Role`, {
      assumedBy: new ServicePrincipal('apigateway.amazonaws.com'),
    });
    route.stateMachine.grantStartExecution(role);
    const model: Model = this.api.addModel(`${route.resource}Request`, {
      contentType: 'application/json',
      schema: route.requestSchema,
    });
    const executionArnPrefix = stack.formatArn({
      service: 'states',
      resource: 'execution',
      resourceName: route.stateMachineName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['states:DescribeExecution'], resources: [`${executionArnPrefix}:*`] }),
    );
    const collection = this.api.root.addResource(route.resource);
    const json = { 'application/json': '' };
    const ok = [{ statusCode: '200' }, { statusCode: '400' }];
    collection.addMethod(
      'POST',
      new AwsIntegration({
        service: 'states',
        action: 'StartExecution',
        options: {
          credentialsRole: role,
          passthroughBehavior: PassthroughBehavior.NEVER,
          requestTemplates: {
            'application/json': JSON.stringify({
              stateMachineArn: route.stateMachine.stateMachineArn,
              name: "$util.escapeJavaScript($input.path('$.requestId'))",
              input: "$util.escapeJavaScript($input.json('$'))",
            }),
          },
          integrationResponses: [
            { statusCode: '200', responseTemplates: json },
            { statusCode: '400', selectionPattern: '4\\d{2}', responseTemplates: json },
          ],
        },
      }),
      { requestValidator: validator, requestModels: { 'application/json': model }, methodResponses: ok },
    );
    collection.addResource('{name}').addMethod(
      'GET',
      new AwsIntegration({
        service: 'states',
        action: 'DescribeExecution',
        options: {
          credentialsRole: role,
          passthroughBehavior: PassthroughBehavior.NEVER,
          requestParameters: {},
          requestTemplates: {
            'application/json': `{ "executionArn": "${executionArnPrefix}:$util.escapeJavaScript($input.params('name'))" }`,
          },
          integrationResponses: [
            { statusCode: '200', responseTemplates: { 'application/json': DESCRIBE_RESPONSE } },
            { statusCode: '400', selectionPattern: '4\\d{2}', responseTemplates: json },
          ],
        },
      }),
      {
        requestValidator: validator,
        requestParameters: { 'method.request.path.name': true },
        methodResponses: ok,
      },
    );
  }
}
