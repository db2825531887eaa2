import { Template } from 'aws-cdk-lib/assertions';
import { buildAppWithoutBundling } from '../../infra/buildApp';
import { exampleContext, exampleContextIn } from '../helpers/deployContext';

/** Service names of the interface endpoints, and the type of each endpoint. */
function endpoints(template: Template): { service: string; type: string }[] {
  const all = template.findResources('AWS::EC2::VPCEndpoint') as Record<
    string,
    { Properties: { ServiceName: unknown; VpcEndpointType?: string } }
  >;
  return Object.values(all)
    .map((e) => ({
      service: JSON.stringify(e.Properties.ServiceName),
      type: e.Properties.VpcEndpointType ?? 'Gateway',
    }))
    .sort((a, b) => a.service.localeCompare(b.service));
}

describe('VPC endpoints of the Kafka-facing functions', () => {
  it.each([
    [
      'cn-northwest-1',
      [
        'cn.com.amazonaws.cn-northwest-1.ec2',
        'com.amazonaws.cn-northwest-1.kafka',
        'cn.com.amazonaws.cn-northwest-1.lambda',
        'com.amazonaws.cn-northwest-1.secretsmanager',
        'cn.com.amazonaws.cn-northwest-1.sqs',
        'cn.com.amazonaws.cn-northwest-1.sts',
      ],
    ],
    [
      'eu-west-1',
      [
        'com.amazonaws.eu-west-1.ec2',
        'com.amazonaws.eu-west-1.kafka',
        'com.amazonaws.eu-west-1.lambda',
        'com.amazonaws.eu-west-1.secretsmanager',
        'com.amazonaws.eu-west-1.sqs',
        'com.amazonaws.eu-west-1.sts',
      ],
    ],
  ])(
    "in %s: an interface endpoint per API they call with the Region's service names, and S3 and DynamoDB gateways",
    (region, names) => {
      // Act
      const found = endpoints(Template.fromStack(buildAppWithoutBundling(exampleContextIn(region)).platform));

      // Assess
      expect(
        found
          .filter((e) => e.type === 'Interface')
          .map((e) => JSON.parse(e.service))
          .sort(),
      ).toEqual(names.sort());
      expect(found.filter((e) => e.type === 'Gateway').map((e) => e.service)).toEqual([
        expect.stringContaining('.dynamodb'),
        expect.stringContaining('.s3'),
      ]);
    },
  );

  it('admits HTTPS from the Kafka client security group only, with private DNS, in the configured subnets', () => {
    // Act
    const template = Template.fromStack(buildAppWithoutBundling(exampleContext()).platform);

    // Assess
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [
        {
          IpProtocol: 'tcp',
          FromPort: 443,
          ToPort: 443,
          SourceSecurityGroupId: 'sg-0123456789abcdef0',
          Description: 'msk-flows functions to AWS APIs',
        },
      ],
    });
    template.allResourcesProperties('AWS::EC2::VPCEndpoint', { VpcId: 'vpc-0123456789abcdef0' });
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      PrivateDnsEnabled: true,
      SubnetIds: ['subnet-0123456789abcdef0', 'subnet-0fedcba9876543210'],
    });
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      RouteTableIds: ['rtb-0123456789abcdef0', 'rtb-0fedcba9876543210'],
    });
  });

  it('creates none when the subnets route out through a NAT gateway', () => {
    // Act
    const template = Template.fromStack(
      buildAppWithoutBundling({
        ...exampleContext(),
        'msk-flows:vpcEgress': 'nat',
        'msk-flows:routeTableIds': undefined,
      }).platform,
    );

    // Assess
    template.resourceCountIs('AWS::EC2::VPCEndpoint', 0);
  });
});
