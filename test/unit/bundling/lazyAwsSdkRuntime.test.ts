import * as kafkaPackage from '@aws-sdk/client-kafka';
import { DescribeClusterV2Command, KafkaClient } from '@aws-sdk/client-kafka';
import * as sfnPackage from '@aws-sdk/client-sfn';
import { ExecutionAlreadyExists } from '@aws-sdk/client-sfn';
import { afterEach, describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import {
  commandStandIn,
  exceptionStandIn,
  lazyClientClass,
  type SdkPackage,
} from '../../../infra/bundling/lazyAwsSdk/runtime';

const CLUSTER_ARN = 'arn:aws:kafka:eu-west-1:111122223333:cluster/orders/abc';

/** A loader of the real Kafka package that counts its calls. */
function countingLoader(pkg: SdkPackage = kafkaPackage as unknown as SdkPackage) {
  const loader = {
    calls: 0,
    load: async () => {
      loader.calls++;
      return pkg;
    },
  };
  return loader;
}

describe('lazyClientClass', () => {
  const kafka = mockClient(KafkaClient);
  afterEach(() => {
    kafka.reset();
  });

  it('loads the package on the first send only, and sends the real command with the stand-in’s input', async () => {
    // Prepare
    const loader = countingLoader();
    const LazyKafka = lazyClientClass(loader.load, 'KafkaClient');
    const StandInDescribe = commandStandIn('DescribeClusterV2Command');
    kafka
      .on(DescribeClusterV2Command)
      .resolves({ ClusterInfo: { ClusterArn: CLUSTER_ARN, State: 'ACTIVE' } });
    const client = new LazyKafka({ region: 'eu-west-1' });
    expect(loader.calls).toBe(0);

    // Act
    const first = await client.send(new StandInDescribe({ ClusterArn: CLUSTER_ARN }));
    await client.send(new StandInDescribe({ ClusterArn: `${CLUSTER_ARN}-2` }));

    // Assess
    expect(loader.calls).toBe(1);
    expect(first).toEqual({ ClusterInfo: { ClusterArn: CLUSTER_ARN, State: 'ACTIVE' } });
    const sent = kafka.commandCalls(DescribeClusterV2Command);
    expect(sent.map((call) => call.args[0].input)).toEqual([
      { ClusterArn: CLUSTER_ARN },
      { ClusterArn: `${CLUSTER_ARN}-2` },
    ]);
    expect(sent[0]?.args[0]).toBeInstanceOf(DescribeClusterV2Command);
  });

  it('passes a real command through as it is', async () => {
    // Prepare
    const client = new (lazyClientClass(countingLoader().load, 'KafkaClient'))({ region: 'eu-west-1' });
    kafka.on(DescribeClusterV2Command).resolves({});
    const command = new DescribeClusterV2Command({ ClusterArn: CLUSTER_ARN });

    // Act
    await client.send(command);

    // Assess
    expect(kafka.commandCalls(DescribeClusterV2Command)[0]?.args[0]).toBe(command);
  });

  it('makes the real client with the constructor’s config and the middleware added before it existed', async () => {
    // Prepare
    const client = new (lazyClientClass(countingLoader().load, 'KafkaClient'))({
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIDLAZY', secretAccessKey: 'not-a-secret' },
    });
    const before = (next: (args: unknown) => Promise<unknown>) => next;
    const after = (next: (args: unknown) => Promise<unknown>) => next;
    client.middlewareStack.add(before, { step: 'initialize', name: 'addedBeforeLoad' });

    // Act
    const real = (await client.real()) as unknown as KafkaClient;
    client.middlewareStack.add(after, { step: 'initialize', name: 'addedAfterLoad' });

    // Assess
    expect(real).toBeInstanceOf(KafkaClient);
    expect(await real.config.region()).toBe('eu-west-1');
    expect(real.middlewareStack.identify()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^addedBeforeLoad/),
        expect.stringMatching(/^addedAfterLoad/),
      ]),
    );
  });

  it('answers config providers from the real client (the credentials MSK IAM signing reads)', async () => {
    // Prepare
    const client = new (lazyClientClass(countingLoader().load, 'KafkaClient'))({
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIDLAZY', secretAccessKey: 'not-a-secret' },
    }) as unknown as KafkaClient;

    // Act
    const credentials = await client.config.credentials();
    const region = await client.config.region();

    // Assess
    expect(credentials).toMatchObject({ accessKeyId: 'AKIDLAZY' });
    expect(region).toBe('eu-west-1');
  });

  it('fails the send with the name of an export the package does not have', async () => {
    // Prepare
    const client = new (lazyClientClass(countingLoader().load, 'KafkaClient'))({ region: 'eu-west-1' });
    const Missing = commandStandIn('NoSuchThingCommand');

    // Act / Assess
    await expect(client.send(new Missing({}))).rejects.toThrow(
      'The AWS SDK package has no export NoSuchThingCommand',
    );
  });

  it('finds the client under default when the namespace holds the package there only', async () => {
    // Prepare
    const loader = countingLoader({ default: kafkaPackage } as unknown as SdkPackage);
    const client = new (lazyClientClass(loader.load, 'KafkaClient'))({ region: 'eu-west-1' });

    // Act
    const real = await client.real();

    // Assess
    expect(real).toBeInstanceOf(KafkaClient);
  });

  it('destroys the real client once it exists, and does nothing before', async () => {
    // Prepare
    const loader = countingLoader();
    const client = new (lazyClientClass(loader.load, 'KafkaClient'))({ region: 'eu-west-1' });
    client.destroy();
    expect(loader.calls).toBe(0);
    const real = (await client.real()) as unknown as KafkaClient;
    let destroyed = 0;
    real.destroy = () => {
      destroyed++;
    };

    // Act
    client.destroy();

    // Assess
    expect(destroyed).toBe(1);
  });
});

describe('exceptionStandIn', () => {
  it('takes an SDK error of the same name as an instance, and no other', () => {
    // Prepare
    const StandIn = exceptionStandIn('ExecutionAlreadyExists');
    const real = new ExecutionAlreadyExists({ message: 'taken', $metadata: {} });
    const deserialized = Object.assign(new Error('taken'), { name: 'ExecutionAlreadyExists' });
    const other = new sfnPackage.ExecutionDoesNotExist({ message: 'gone', $metadata: {} });

    // Act / Assess
    expect(real).toBeInstanceOf(StandIn);
    expect(deserialized).toBeInstanceOf(StandIn);
    expect(other).not.toBeInstanceOf(StandIn);
    expect({ name: 'ExecutionAlreadyExists' }).not.toBeInstanceOf(StandIn);
    expect(new StandIn({ message: 'made here' })).toMatchObject({
      name: 'ExecutionAlreadyExists',
      message: 'made here',
    });
  });
});

describe('commandStandIn', () => {
  it('keeps the input and the command’s name', () => {
    // Prepare
    const StandIn = commandStandIn('DescribeClusterV2Command');

    // Act
    const command = new StandIn({ ClusterArn: CLUSTER_ARN });

    // Assess
    expect(command.input).toEqual({ ClusterArn: CLUSTER_ARN });
    expect(StandIn.name).toBe('DescribeClusterV2Command');
  });
});
