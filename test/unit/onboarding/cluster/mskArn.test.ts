import { awsCall, toAwsCallError } from '../../../../tasks/onboarding/cluster/awsCall';
import { mskClusterArnOf, parseMskClusterArn } from '../../../../tasks/onboarding/cluster/mskArn';

const ID = '0a1b2c3d-4e5f-6789-abcd-ef0123456789-2';

describe('parseMskClusterArn', () => {
  it.each([
    ['aws', 'us-east-1'],
    ['aws-cn', 'cn-northwest-1'],
    ['aws-us-gov', 'us-gov-west-1'],
  ])('parses a cluster ARN in partition %s', (partition, region) => {
    // Act
    const parts = parseMskClusterArn(`arn:${partition}:kafka:${region}:111122223333:cluster/orders/${ID}`);

    // Assess
    expect(parts).toEqual({ partition, region, account: '111122223333', clusterName: 'orders' });
  });

  it.each([
    `arn:aws:kafka:cn-northwest-1:111122223333:cluster/orders/${ID}`,
    `arn:aws-cn:kafka:cn-northwest-1:111122223333:topic/orders/${ID}/t`,
    `arn:aws-cn:kms:cn-northwest-1:111122223333:cluster/orders/${ID}`,
    'orders',
  ])('rejects %s with InvalidMskClusterArnError', (arn) => {
    // Act
    const act = () => parseMskClusterArn(arn);

    // Assess
    expect(act).toThrow(expect.objectContaining({ name: 'InvalidMskClusterArnError' }));
  });

  it('rejects a self-managed cluster ref with NotAnMskClusterError', () => {
    // Act
    const act = () => mskClusterArnOf({ kind: 'self-managed', bootstrapServers: ['127.0.0.1:9096'] });

    // Assess
    expect(act).toThrow(expect.objectContaining({ name: 'NotAnMskClusterError' }));
  });
});

describe('toAwsCallError', () => {
  it.each([
    'TooManyRequestsException',
    'ThrottlingException',
    'ServiceUnavailableException',
    'InternalServiceError',
  ])('maps %s to the retriable AwsThrottledError', (name) => {
    // Act
    const error = toAwsCallError('ListScramSecrets', 'arn', Object.assign(new Error('busy'), { name }));

    // Assess
    expect(error.name).toBe('AwsThrottledError');
  });

  it('maps an access denial to AwsCallError carrying the AWS name and message', async () => {
    // Act
    const error = await awsCall('DescribeSecret', 'AmazonMSK_x', async () => {
      throw Object.assign(new Error('not authorized to perform secretsmanager:DescribeSecret'), {
        name: 'AccessDeniedException',
        $fault: 'client',
      });
    }).catch((caught: unknown) => caught);

    // Assess
    expect(error).toMatchObject({
      name: 'AwsCallError',
      awsErrorName: 'AccessDeniedException',
      operation: 'DescribeSecret',
    });
    expect((error as Error).message).toContain('not authorized to perform secretsmanager:DescribeSecret');
  });
});
