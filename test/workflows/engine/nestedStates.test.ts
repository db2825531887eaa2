import { JsonPath, Map as MapState, Parallel, Pass } from 'aws-cdk-lib/aws-stepfunctions';
import { extractStateMachineDefinition, type RunEvent, runLocally } from '../../../workflows/local/index';
import { FooRetriableError } from './errors';
import { buildMachine, invoke } from './machines';

const entered = (events: RunEvent[], state: string) =>
  events.filter((e) => e.type === 'StateEntered' && e.state === state);

describe('runLocally with Map and Parallel states', () => {
  it('reports every inner state of a Map that ends the execution, and counts its transitions', async () => {
    // Prepare
    const { stack, stateMachine } = buildMachine((scope) => {
      const perTopic = new MapState(scope, 'Ensure Each Topic', {
        itemsPath: '$.topics',
        resultPath: '$.topics',
      });
      perTopic.itemProcessor(new Pass(scope, 'Normalize Topic').next(invoke(scope, 'Ensure Topic')));
      return perTopic;
    });
    const { definition } = extractStateMachineDefinition(stack, stateMachine);
    const topics = ['a', 'b', 'c', 'd', 'e'];

    // Act
    const result = await runLocally({
      definition,
      handlers: { 'Ensure Topic': async (topic: string) => ({ topic, action: 'create' }) },
      input: { topics },
    });

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toEqual({ topics: topics.map((topic) => ({ topic, action: 'create' })) });
    expect(entered(result.events, 'Normalize Topic')).toHaveLength(5);
    expect(entered(result.events, 'Ensure Topic')).toHaveLength(5);
    const exits = result.events.filter((e) => e.type === 'StateExited' && e.parent === 'Ensure Each Topic');
    expect(exits).toHaveLength(10);
    expect(new Set(exits.map((e) => e.execution)).size).toBe(5);
    // 1 Map + 5 × (Pass + Task)
    expect(result.transitions).toBe(11);
    expect(result.events.at(-1)?.type).toBe('ExecutionSucceeded');
  });

  it('reports both branches of a Parallel, retries inside a branch included', async () => {
    // Prepare
    const { stack, stateMachine } = buildMachine((scope) =>
      new Parallel(scope, 'Grant Both', { resultPath: '$.grants' })
        .branch(
          invoke(scope, 'Grant Consumer ACLs').addRetry({ errors: ['FooRetriableError'], maxAttempts: 2 }),
        )
        .branch(new Pass(scope, 'Skip Producer', { result: { value: 'skipped' } as never }))
        .next(new Pass(scope, 'Report', { parameters: { grants: JsonPath.objectAt('$.grants') } })),
    );
    const { definition } = extractStateMachineDefinition(stack, stateMachine);
    let calls = 0;

    // Act
    const result = await runLocally({
      definition,
      handlers: {
        'Grant Consumer ACLs': async () => {
          calls++;
          if (calls === 1) throw new FooRetriableError('coordinator not available');
          return 'granted';
        },
      },
      input: {},
    });

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toEqual({ grants: ['granted', 'skipped'] });
    expect(result.events.filter((e) => e.type === 'StateRetried' && e.parent === 'Grant Both')).toHaveLength(
      1,
    );
    expect(entered(result.events, 'Skip Producer')[0]?.parent).toBe('Grant Both');
    // Parallel + Grant (+1 retry) + Skip + Report
    expect(result.transitions).toBe(5);
    const exited = result.events.filter((e) => e.type === 'StateExited').map((e) => e.state);
    expect(exited).toEqual(
      expect.arrayContaining(['Grant Both', 'Grant Consumer ACLs', 'Skip Producer', 'Report']),
    );
  });

  it('reports a Map nested in a Parallel that ends the execution: every state entered is exited', async () => {
    // Prepare
    const { stack, stateMachine } = buildMachine((scope) => {
      const perItem = new MapState(scope, 'Each Item', { itemsPath: '$.items' });
      perItem.itemProcessor(new Pass(scope, 'Item'));
      return new Parallel(scope, 'Fan Out')
        .branch(new Pass(scope, 'First').next(invoke(scope, 'Second')))
        .branch(perItem);
    });
    const { definition } = extractStateMachineDefinition(stack, stateMachine);

    // Act
    const result = await runLocally({
      definition,
      handlers: { Second: async () => 2 },
      input: { items: [1, 2, 3] },
    });

    // Assess
    expect(result.status).toBe('SUCCEEDED');
    const key = (e: RunEvent) => `${e.execution}/${e.state}`;
    const enteredKeys = result.events.filter((e) => e.type === 'StateEntered').map(key);
    const exitedKeys = result.events.filter((e) => e.type === 'StateExited').map(key);
    expect(exitedKeys.sort()).toEqual(enteredKeys.sort());
    // Parallel + First + Second + Map + 3 × Item
    expect(result.transitions).toBe(7);
    expect(entered(result.events, 'Item').map((e) => e.parent)).toEqual([
      'Each Item',
      'Each Item',
      'Each Item',
    ]);
  });

  it('fails the execution with the inner error when a Map iteration fails uncaught', async () => {
    // Prepare
    const { stack, stateMachine } = buildMachine((scope) => {
      const perTopic = new MapState(scope, 'Ensure Each Topic', { itemsPath: '$.topics' });
      perTopic.itemProcessor(invoke(scope, 'Ensure Topic'));
      return perTopic;
    });
    const { definition } = extractStateMachineDefinition(stack, stateMachine);

    // Act
    const result = await runLocally({
      definition,
      handlers: {
        'Ensure Topic': async (topic: string) => {
          if (topic === 'bad') throw new TypeError(`topic ${topic} is bad`);
          return topic;
        },
      },
      input: { topics: ['good', 'bad'] },
    });

    // Assess
    expect(result.status).toBe('FAILED');
    expect(result.error?.name).toBe('TypeError');
    expect(JSON.parse(result.error?.cause ?? '{}').errorMessage).toBe('topic bad is bad');
  });
});
