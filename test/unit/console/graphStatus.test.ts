import { END, edgeKey, graphOf, START } from '../../../cli/console/graph/model';
import { pictureOf } from '../../../cli/console/graph/status';
import { attempt, definition, entered, exited, history, taskFailed } from './fixtures';

const model = graphOf(definition);
const statusOf = (picture: ReturnType<typeof pictureOf>) =>
  Object.fromEntries([...picture.states].map(([name, outcome]) => [name, outcome.status]));

describe('pictureOf', () => {
  it('colours executed states succeeded, a retried one retried n times, and the dry-run branch not reached', () => {
    // Prepare
    const events = history(
      ['ExecutionStarted'],
      entered('Task', 'Validate'),
      ...attempt,
      taskFailed('FooRetriableError'),
      ...attempt,
      taskFailed('FooRetriableError'),
      ...attempt,
      ['TaskSucceeded'],
      exited('Task', 'Validate'),
      entered('Choice', 'Is Dry Run?'),
      exited('Choice', 'Is Dry Run?'),
      entered('Task', 'Apply'),
      ...attempt,
      ['TaskSucceeded'],
      exited('Task', 'Apply'),
      entered('Succeed', 'Done'),
      exited('Succeed', 'Done'),
      ['ExecutionSucceeded'],
    );

    // Act
    const picture = pictureOf(model, events);

    // Assess
    expect(statusOf(picture)).toEqual({
      [START]: 'succeeded',
      Validate: 'retried',
      'Is Dry Run?': 'succeeded',
      'Report Dry Run': 'not-reached',
      'Dry Run Complete': 'not-reached',
      Apply: 'succeeded',
      Undo: 'not-reached',
      Failed: 'not-reached',
      Done: 'succeeded',
      [END]: 'succeeded',
    });
    expect(picture.states.get('Validate')?.retries).toBe(2);
    expect(picture.traversed).toEqual(
      new Set([
        edgeKey(START, 'Validate'),
        edgeKey('Validate', 'Is Dry Run?'),
        edgeKey('Is Dry Run?', 'Apply'),
        edgeKey('Apply', 'Done'),
        edgeKey('Done', END),
      ]),
    );
    expect(picture.states.get('Apply')).toMatchObject({
      startMs: 14000,
      endMs: 18000,
      output: '{"ok":true}',
    });
  });

  it('shows a caught failure as caught, the compensation path taken and the Fail state failed', () => {
    // Prepare
    const events = history(
      ['ExecutionStarted'],
      entered('Task', 'Validate'),
      ...attempt,
      ['TaskSucceeded'],
      exited('Task', 'Validate'),
      entered('Choice', 'Is Dry Run?'),
      exited('Choice', 'Is Dry Run?'),
      entered('Task', 'Apply'),
      ...attempt,
      taskFailed('TopicConfigDriftError'),
      exited('Task', 'Apply'),
      entered('Task', 'Undo'),
      ...attempt,
      ['TaskSucceeded'],
      exited('Task', 'Undo'),
      entered('Fail', 'Failed'),
      ['ExecutionFailed', { executionFailedEventDetails: { error: 'ApplyFailed', cause: 'x' } }],
    );

    // Act
    const picture = pictureOf(model, events);

    // Assess
    expect(statusOf(picture)).toMatchObject({
      Validate: 'succeeded',
      Apply: 'caught',
      Undo: 'succeeded',
      Failed: 'failed',
      Done: 'not-reached',
      [END]: 'failed',
    });
    expect(picture.states.get('Apply')?.error).toMatchObject({
      error: 'TopicConfigDriftError',
      cause: 'boom',
    });
    expect(picture.traversed.has(edgeKey('Apply', 'Undo'))).toBe(true);
    expect(picture.traversed.has(edgeKey('Undo', 'Failed'))).toBe(true);
    expect(picture.traversed.has(edgeKey('Apply', 'Done'))).toBe(false);
  });

  it('shows the state in progress as running, and as failed when the execution fails there uncaught', () => {
    // Prepare
    const running = history(['ExecutionStarted'], entered('Task', 'Validate'), ...attempt);
    const failed = [
      ...running,
      ...history(taskFailed('Boom'), [
        'ExecutionFailed',
        { executionFailedEventDetails: { error: 'Boom', cause: 'no retry left' } },
      ]).map((e, i) => ({ ...e, id: running.length + i + 1 })),
    ];

    // Act
    const whileRunning = pictureOf(model, running);
    const afterwards = pictureOf(model, failed);

    // Assess
    expect(whileRunning.states.get('Validate')?.status).toBe('running');
    expect(whileRunning.states.get('Apply')?.status).toBe('not-reached');
    expect(afterwards.states.get('Validate')).toMatchObject({ status: 'failed', error: { error: 'Boom' } });
    expect(afterwards.states.get(END)?.status).toBe('not-reached');
  });
});
