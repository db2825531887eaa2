import {
  MSK_CLUSTER_ARN,
  mskClusterArnProblem,
  parseArn,
  partitionOfRegion,
  SECRET_ARN,
  secretArnProblem,
  secretNameOfArn,
} from '../../../../tasks/onboarding/request/arns';

const CLUSTER = 'cluster/orders/0a1b2c3d-4e5f-6789-abcd-ef0123456789-2';

describe('request ARNs', () => {
  it.each([
    `arn:aws:kafka:us-east-1:111122223333:${CLUSTER}`,
    `arn:aws-cn:kafka:cn-northwest-1:111122223333:${CLUSTER}`,
    `arn:aws-us-gov:kafka:us-gov-east-1:111122223333:${CLUSTER}`,
    'arn:aws:kafka:ap-southeast-5:111122223333:cluster/serverless-1/0a1b2c3d-4e5f-6789-abcd-ef0123456789-s1',
  ])('matches the MSK cluster ARN %s', (arn) => {
    // Prepare: the ARN above

    // Act
    const matches = MSK_CLUSTER_ARN.test(arn);

    // Assess
    expect(matches).toBe(true);
  });

  it.each([
    [`arn:aws:kafka:cn-north-1:111122223333:${CLUSTER}`, /Region cn-north-1 is in partition aws-cn, not aws/],
    [
      `arn:aws-cn:kafka:eu-west-1:111122223333:${CLUSTER}`,
      /Region eu-west-1 is in partition aws, not aws-cn/,
    ],
    [`arn:aws:s3:eu-west-1:111122223333:${CLUSTER}`, /service is "s3"/],
    [`arn:aws:kafka:eu-west-1:111122223333:cluster/orders`, /resource "cluster\/orders" has the wrong shape/],
    [`arn:aws:kafka:europe:111122223333:${CLUSTER}`, /"europe" is not a Region/],
  ])('rejects %s and says why', (arn, reason) => {
    // Prepare: the ARN above

    // Act
    const [matches, problem] = [MSK_CLUSTER_ARN.test(arn), mskClusterArnProblem(arn)];

    // Assess
    expect(matches).toBe(false);
    expect(problem).toMatch(reason);
  });

  it('matches a full secret ARN and rejects one without the random suffix', () => {
    // Prepare
    const full = 'arn:aws-cn:secretsmanager:cn-north-1:111122223333:secret:AmazonMSK_orders-Ab12Cd';
    const partial = 'arn:aws-cn:secretsmanager:cn-north-1:111122223333:secret:AmazonMSK_orders';

    // Act
    const [fullMatches, partialMatches] = [SECRET_ARN.test(full), SECRET_ARN.test(partial)];

    // Assess
    expect(fullMatches).toBe(true);
    expect(partialMatches).toBe(false);
    expect(secretArnProblem(partial)).toMatch(/resource .* has the wrong shape/);
  });

  it('parses an ARN whose resource contains colons', () => {
    // Prepare
    const arn = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:AmazonMSK_a-Ab12Cd';

    // Act
    const parts = parseArn(arn);

    // Assess
    expect(parts).toEqual({
      partition: 'aws',
      service: 'secretsmanager',
      region: 'eu-west-1',
      account: '111122223333',
      resource: 'secret:AmazonMSK_a-Ab12Cd',
    });
    expect(secretNameOfArn(arn)).toBe('AmazonMSK_a');
    expect(parseArn('not-an-arn')).toBeUndefined();
  });

  it.each([
    ['eu-west-1', 'aws'],
    ['cn-northwest-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
  ])('places Region %s in partition %s', (region, partition) => {
    // Prepare: the Region above

    // Act
    const result = partitionOfRegion(region);

    // Assess
    expect(result).toBe(partition);
  });
});
