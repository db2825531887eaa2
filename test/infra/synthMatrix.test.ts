import { Template } from 'aws-cdk-lib/assertions';
import { buildAppWithoutBundling } from '../../infra/buildApp';
import { awsSolutionsFindings } from '../helpers/cdkAssertions';
import { exampleContext, exampleContextIn, partitionOf } from '../helpers/deployContext';

const settings: [string, Record<string, unknown>][] = [
  ['all off (cdk.json as committed)', {}],
  ['all on in cn-northwest-1 (examples/cdk.context.json)', exampleContext()],
  ['all on in cn-north-1', exampleContextIn('cn-north-1')],
  ['all on in eu-west-1', exampleContextIn('eu-west-1')],
  [
    'all on but MSK Connect (Kafka Connect connectors only)',
    { ...exampleContext(), 'msk-flows:mskConnect': undefined },
  ],
  [
    'all on, env-agnostic, through a NAT gateway',
    {
      ...exampleContext(),
      'msk-flows:region': undefined,
      'msk-flows:account': undefined,
      'msk-flows:consumerAccount': undefined,
      'msk-flows:vpcEgress': 'nat',
      'msk-flows:routeTableIds': undefined,
    },
  ],
];

describe('cdk synth across settings', () => {
  it.each(settings)('%s: every stack synthesizes, cdk-nag clean', (_name, context) => {
    // Act
    const { app } = buildAppWithoutBundling(context);
    const assembly = app.synth();

    // Assess
    expect(assembly.stacks.length).toBeGreaterThanOrEqual(3);
    expect(awsSolutionsFindings(app, app)).toEqual([]);
  });

  it.each(['cn-north-1', 'cn-northwest-1', 'eu-west-1'])('%s: no ARN of another partition', (region) => {
    // Prepare
    const other = partitionOf(region) === 'aws' ? /arn:aws-cn:/ : /arn:aws:/;

    // Act
    const { app } = buildAppWithoutBundling(exampleContextIn(region));

    // Assess
    for (const stack of app.synth().stacks) expect(JSON.stringify(stack.template)).not.toMatch(other);
  });

  it('deploys only what is configured: no bridge, consumer stack or VPC endpoints when all is off', () => {
    // Act
    const { ingest, consumer, platform } = buildAppWithoutBundling({});

    // Assess
    expect(ingest.bridge).toBeUndefined();
    expect(consumer).toBeUndefined();
    Template.fromStack(platform).resourceCountIs('AWS::EC2::VPCEndpoint', 0);
    Template.fromStack(ingest).resourceCountIs('AWS::Kinesis::Stream', 0);
  });

  it('puts the consumer stack in the consumer account and the rest in the producer account', () => {
    // Act
    const built = buildAppWithoutBundling(exampleContext());

    // Assess
    expect(built.consumer?.account).toBe('444455556666');
    for (const stack of [built.platform, built.onboarding, built.ingest])
      expect(stack.account).toBe('111122223333');
  });
});
