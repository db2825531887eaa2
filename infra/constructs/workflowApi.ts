import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  AuthorizationType,
  AwsIntegration,
  type JsonSchema,
  LambdaIntegration,
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
import { grantCalls } from '../permissions/calls';
import { START_WORKFLOW_CALLS } from '../permissions/ingestCalls';
import { TaskFunction } from './taskFunction';

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
 * Step Functions answers every client error with HTTP 400 and its kind in `__type`: an unknown (or
 * malformed) name is 404, throttling 429, the rest is ours to fix (a permission, a key) and 500.
 */
export const DESCRIBE_CLIENT_ERROR = `#set($type = "$input.path('$.__type')")
#if($type.endsWith('ExecutionDoesNotExist') || $type.endsWith('InvalidArn'))
#set($context.responseOverride.status = 404)
{ "message": "no such execution" }
#elseif($type.endsWith('ThrottlingException'))
#set($context.responseOverride.status = 429)
{ "message": "too many requests; try again" }
#else
#set($context.responseOverride.status = 500)
{ "message": "the execution could not be read" }
#end`;

/**
 * IAM-authorized REST API to start and read workflow executions without the console:
 * `POST /<resource>` → a small function that starts the request's next run or joins the running one (202
 * with the execution), `GET /<resource>/{name}` → DescribeExecution (200, 404 for an unknown name, 502 when
 * Step Functions fails).
 */
export class WorkflowApi extends Construct {
  readonly api: RestApi;
  /** The POST functions, one per route. */
  readonly startFunctions: TaskFunction[] = [];

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
    const executionPrefix = Stack.of(this).formatArn({
      service: 'states',
      resource: 'execution',
      resourceName: route.stateMachineName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const executions = `${executionPrefix}:*`;
    const model: Model = this.api.addModel(`${route.resource}Request`, {
      contentType: 'application/json',
      schema: route.requestSchema,
    });
    const collection = this.api.root.addResource(route.resource);

    const start = new TaskFunction(this, `${route.resource}Start`, {
      entry: 'tasks/workflowApi/startWorkflow.ts',
      description: `msk-flows: POST /${route.resource}, the request's next run or the running one`,
      timeout: Duration.seconds(20),
      memorySize: 256,
      environment: {
        STATE_MACHINE_ARN: route.stateMachine.stateMachineArn,
        POWERTOOLS_SERVICE_NAME: 'workflow-api',
      },
    });
    grantCalls(this, start, START_WORKFLOW_CALLS, {
      executions: [executions],
      stateMachine: [route.stateMachine.stateMachineArn],
    });
    this.startFunctions.push(start);
    collection.addMethod('POST', new LambdaIntegration(start, { allowTestInvoke: false }), {
      requestValidator: validator,
      requestModels: { 'application/json': model },
    });

    const reader = new Role(this, `${route.resource}Role`, {
      assumedBy: new ServicePrincipal('apigateway.amazonaws.com'),
    });
    reader.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['states:DescribeExecution'], resources: [executions] }),
    );
    const json = 'application/json';
    collection.addResource('{name}').addMethod(
      'GET',
      new AwsIntegration({
        service: 'states',
        action: 'DescribeExecution',
        options: {
          credentialsRole: reader,
          passthroughBehavior: PassthroughBehavior.NEVER,
          requestParameters: {},
          requestTemplates: {
            [json]: `{ "executionArn": "${executionPrefix}:$util.escapeJavaScript($input.params('name'))" }`,
          },
          // For AWS integrations the selection pattern matches Step Functions' HTTP status code.
          integrationResponses: [
            { statusCode: '200', responseTemplates: { [json]: DESCRIBE_RESPONSE } },
            {
              statusCode: '404',
              selectionPattern: '4\\d{2}',
              responseTemplates: { [json]: DESCRIBE_CLIENT_ERROR },
            },
            {
              statusCode: '502',
              selectionPattern: '5\\d{2}',
              responseTemplates: { [json]: '{ "message": "Step Functions failed; try again" }' },
            },
          ],
        },
      }),
      {
        requestValidator: validator,
        requestParameters: { 'method.request.path.name': true },
        methodResponses: ['200', '404', '429', '500', '502'].map((statusCode) => ({ statusCode })),
      },
    );
  }
}
