import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { lazyClient } from '../../../../tasks/shared/aws/lazyClient';

const sts = mockClient(STSClient);

afterEach(() => sts.reset());

describe('lazyClient', () => {
  it('does not load the client until the first send', () => {
    // Prepare
    let loads = 0;

    // Act
    lazyClient(async () => {
      loads += 1;
      return new STSClient({ region: 'eu-west-1' });
    });

    // Assess
    expect(loads).toBe(0);
  });

  it('loads the client once and forwards every send to it', async () => {
    // Prepare
    let loads = 0;
    sts.on(GetCallerIdentityCommand).resolves({ Account: '111122223333' });
    const client = lazyClient(async () => {
      loads += 1;
      return new (await import('@aws-sdk/client-sts')).STSClient({ region: 'eu-west-1' });
    });

    // Act
    const [first, second] = await Promise.all([
      client.send(new GetCallerIdentityCommand({})),
      client.send(new GetCallerIdentityCommand({})),
    ]);

    // Assess
    expect(loads).toBe(1);
    expect(first.Account).toBe('111122223333');
    expect(second.Account).toBe('111122223333');
    expect(sts).toHaveReceivedCommandTimes(GetCallerIdentityCommand, 2);
  });

  it('rejects with the service error the client returns', async () => {
    // Prepare
    sts.on(GetCallerIdentityCommand).rejects(new Error('ExpiredToken'));
    const client = lazyClient(async () => new STSClient({ region: 'eu-west-1' }));

    // Act
    const call = client.send(new GetCallerIdentityCommand({}));

    // Assess
    await expect(call).rejects.toThrow('ExpiredToken');
  });
});
