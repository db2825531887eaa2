import {
  type CurrentConfigValue,
  describeConfigDiff,
  diffTopicConfig,
  isEmptyDiff,
} from '../../../../tasks/onboarding/topics/configDiff';

const current = new Map<string, CurrentConfigValue>([
  ['retention.ms', { value: '86400000', setOnTopic: true }],
  ['min.insync.replicas', { value: '1', setOnTopic: false }],
  ['cleanup.policy', { value: 'delete', setOnTopic: false }],
]);

describe('diffTopicConfig', () => {
  it('sets only keys whose value differs and records topic-level previous values', () => {
    // Prepare
    const requested = { 'retention.ms': '604800000', 'cleanup.policy': 'delete' };

    // Act
    const diff = diffTopicConfig(requested, current);

    // Assess
    expect(diff).toEqual({ set: { 'retention.ms': '604800000' }, previous: { 'retention.ms': '86400000' } });
  });

  it('records null as previous when the value came from a default', () => {
    // Prepare
    const requested = { 'min.insync.replicas': '2' };

    // Act
    const diff = diffTopicConfig(requested, current);

    // Assess
    expect(diff).toEqual({ set: { 'min.insync.replicas': '2' }, previous: { 'min.insync.replicas': null } });
  });

  it('treats a key the broker did not describe as a default to set', () => {
    // Prepare
    const requested = { 'max.message.bytes': '2000000' };

    // Act
    const diff = diffTopicConfig(requested, current);

    // Assess
    expect(diff.previous).toEqual({ 'max.message.bytes': null });
  });

  it('is empty when every requested value is already effective, even as a default', () => {
    // Prepare
    const requested = { 'retention.ms': '86400000', 'min.insync.replicas': '1' };

    // Act
    const diff = diffTopicConfig(requested, current);

    // Assess
    expect(isEmptyDiff(diff)).toBe(true);
    expect(diff.previous).toEqual({});
  });

  it('never mentions keys the request does not name', () => {
    // Prepare
    const requested = {};

    // Act
    const diff = diffTopicConfig(requested, current);

    // Assess
    expect(diff).toEqual({ set: {}, previous: {} });
  });
});

describe('describeConfigDiff', () => {
  it('shows old and new values, and the default where the key was not set on the topic', () => {
    // Prepare
    const diff = diffTopicConfig({ 'retention.ms': '604800000', 'min.insync.replicas': '2' }, current);

    // Act
    const detail = describeConfigDiff(diff, current);

    // Assess
    expect(detail).toBe('min.insync.replicas (default 1) -> 2, retention.ms 86400000 -> 604800000');
  });
});
