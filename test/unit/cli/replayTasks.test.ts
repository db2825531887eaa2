import { DeleteObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { jest } from '@jest/globals';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { localReplayObservability } from '../../../cli/local/localObservability';
import { replayTasks } from '../../../cli/local/replayTasks';
import type { ReplayDeps } from '../../../tasks/replay/deps';

const s3 = mockClient(S3Client);

const context = {
  functionName: 'ReleaseLock',
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => 60_000,
} as unknown as Context;

describe('replayTasks (local replay bindings)', () => {
  afterEach(() => s3.reset());

  it('invokes the replay Lambda handler: its logger gets the Lambda context, the core deletes the lock', async () => {
    // Prepare
    s3.on(DeleteObjectCommand).resolves({});
    const observability = localReplayObservability();
    const addContext = jest.spyOn(observability.logger, 'addContext');
    const tasks = replayTasks({ s3: new S3Client({}) } as ReplayDeps, observability);
    const lock = { bucket: 'locks', key: 'replay/q.lock', etag: '"e1"' };

    // Act
    const result = await tasks.releaseLock({ lock }, context);

    // Assess
    expect(result).toEqual({ released: true });
    expect(addContext).toHaveBeenCalledWith(context);
    expect(s3).toHaveReceivedCommandWith(DeleteObjectCommand, {
      Bucket: 'locks',
      Key: 'replay/q.lock',
      IfMatch: '"e1"',
    });
  });
});
