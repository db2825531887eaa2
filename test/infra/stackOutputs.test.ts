import { Template } from 'aws-cdk-lib/assertions';
import { buildAppWithoutBundling } from '../../infra/buildApp';
import { exampleContext } from '../helpers/deployContext';

const built = buildAppWithoutBundling(exampleContext());

/**
 * Output name → the logical id or attribute its value refers to, as readable text. The exports CDK
 * adds for cross-stack references (`ExportsOutput…`) are its wiring, not outputs we give users.
 */
function outputs(template: Template): Record<string, string> {
  const all = template.findOutputs('*') as Record<string, { Value: unknown }>;
  return Object.fromEntries(
    Object.entries(all)
      .filter(([name]) => !name.startsWith('ExportsOutput'))
      .map(([name, o]) => [name, JSON.stringify(o.Value)]),
  );
}

describe('stack outputs', () => {
  it('give the state machine ARNs and the workflow API URL', () => {
    // Act
    const found = outputs(Template.fromStack(built.onboarding));

    // Assess
    expect(found.OnboardingStateMachineArn).toMatch(/"Ref":"WorkflowsOnboarding/);
    expect(found.OffboardingStateMachineArn).toMatch(/"Ref":"WorkflowsOffboarding/);
    expect(found.WorkflowApiUrl).toMatch(/execute-api/);
  });

  it('give the flightData API URL and key id, and where the consumer and the IoT batcher write', () => {
    // Act
    const consumer = outputs(Template.fromStack(built.consumer as never));
    const ingest = outputs(Template.fromStack(built.ingest));

    // Assess
    expect(consumer.FlightDataApiUrl).toMatch(/execute-api.*flightData/);
    expect(consumer.FlightDataApiKeyId).toMatch(/"Ref":"FlightDataApiWebAppKey/);
    expect(consumer.LandingBucketName).toMatch(/KafkaToS3Landing/);
    expect(Object.keys(ingest).sort()).toEqual([
      'DeadLetterQueueUrl',
      'IotTelemetryBucketName',
      'KinesisStreamName',
    ]);
  });

  it('gives the SCRAM secret key ARN', () => {
    // Assess
    expect(outputs(Template.fromStack(built.platform)).ScramSecretKeyArn).toMatch(/ScramSecretKey.*Arn/);
  });
});
