import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runReplayLocally } from '../../../cli/local/runReplayLocally';
import { buildAppWithoutBundling } from '../../../infra/buildApp';
import type { ReplayDeps } from '../../../tasks/replay/deps';
import { validateReplayRequest } from '../../../tasks/replay/validateReplayRequest';
import { replayContext } from '../../helpers/deployContext';
import { createQueue, deleteQueue, queueDepth, testReplayDeps } from '../../integration/replay/support';

type Part = string | { 'Fn::ImportValue': string } | { Ref: string };

/** What CloudFormation puts for the pseudo parameters of an env-agnostic stack (a us-east-1 deployment here). */
const PSEUDO: Record<string, string> = {
  'AWS::Partition': 'aws',
  'AWS::Region': 'us-east-1',
  'AWS::AccountId': '111122223333',
  'AWS::URLSuffix': 'amazonaws.com',
};

/** Each schedule's Target.Input as synthesized: an Fn::Join of text and imports of the ingest stack's queues. */
function scheduleInputs(): Record<string, Part[]> {
  const { app, replay: stack } = buildAppWithoutBundling(replayContext());
  if (!stack) throw new Error('replayContext() configures the Replay stack');
  const replay = stack;
  const template = app.synth().getStackArtifact(replay.artifactId).template as {
    Resources: Record<
      string,
      { Type: string; Properties: { Target: { Input: { 'Fn::Join': [string, Part[]] } } } }
    >;
  };
  return Object.fromEntries(
    Object.entries(template.Resources)
      .filter(([, r]) => r.Type === 'AWS::Scheduler::Schedule')
      .map(([id, r]) => [id, r.Properties.Target.Input['Fn::Join'][1]]),
  );
}

describe("DLQ replay state machine: the schedules' input", () => {
  let deps: ReplayDeps;
  let inputs: Record<string, Part[]>;
  /** Each imported queue URL becomes a real local queue, as CloudFormation would resolve the import. */
  const queues = new Map<string, string>();

  beforeAll(async () => {
    deps = testReplayDeps({
      // The example cluster of cdk.json is not reachable: nothing here may connect to Kafka.
      kafkaConnection: async () => {
        throw new Error('no Kafka connection expected');
      },
    });
    inputs = scheduleInputs();
    for (const parts of Object.values(inputs)) {
      for (const part of parts) {
        if (typeof part !== 'string' && 'Fn::ImportValue' in part && !queues.has(part['Fn::ImportValue'])) {
          queues.set(part['Fn::ImportValue'], await createQueue(deps.sqs, 'schedule'));
        }
      }
    }
  }, 180_000);

  afterAll(async () => {
    for (const queueUrl of queues.values()) await deleteQueue(deps.sqs, queueUrl);
  });

  const resolved = (parts: Part[]) =>
    JSON.parse(
      parts
        .map((p) =>
          typeof p === 'string' ? p : 'Ref' in p ? PSEUDO[p.Ref] : queues.get(p['Fn::ImportValue']),
        )
        .join(''),
    );

  it('has one schedule per ingest dead-letter queue, each a valid replay request', async () => {
    // Act
    const requests = await Promise.all(
      Object.values(inputs).map((parts) => validateReplayRequest(resolved(parts))),
    );

    // Assess
    expect(requests.map((r) => r.request.replayId).sort()).toEqual([
      'scheduled-dev-BridgeOnFailure',
      'scheduled-dev-DeadLetters',
      'scheduled-dev-IotDeadLetters',
    ]);
  });

  it("runs to completion with each schedule's input; the IoT one re-sends a plain message to its source queue", async () => {
    // Prepare: one message in the IoT batcher's dead-letter queue.
    const iot = Object.entries(inputs).find(([id]) =>
      id.startsWith('SchedulesIotDeadLetters'),
    )?.[1] as Part[];
    const iotRequest = resolved(iot) as { source: { queueUrl: string }; target: { queueUrl: string } };
    const body = JSON.stringify({ clientId: 'dev-42', temperature: 21.5, receivedAt: 1_764_000_000_000 });
    await deps.sqs.send(new SendMessageCommand({ QueueUrl: iotRequest.source.queueUrl, MessageBody: body }));

    // Act
    const results = await Promise.all(
      Object.values(inputs).map((parts) => runReplayLocally({ deps, waitMs: 0, input: resolved(parts) })),
    );

    // Assess
    for (const result of results) {
      expect(result.error).toBeUndefined();
      expect(result.output).toMatchObject({ status: 'SUCCEEDED', stoppedBy: 'drained', parked: 0 });
    }
    const resent = await deps.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: iotRequest.target.queueUrl,
        MessageAttributeNames: ['All'],
        WaitTimeSeconds: 1,
      }),
    );
    expect(resent.Messages?.map((m) => m.Body)).toEqual([body]);
    expect(resent.Messages?.[0]?.MessageAttributes?.['replay-id']?.StringValue).toBe(
      'scheduled-dev-IotDeadLetters',
    );
    expect(await queueDepth(deps.sqs, iotRequest.source.queueUrl)).toEqual({ visible: 0, inFlight: 0 });
  }, 180_000);
});
