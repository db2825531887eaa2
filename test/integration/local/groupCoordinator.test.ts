import { readStackFile } from '../../../scripts/local/index';
import { waitForGroupCoordinator } from '../../../scripts/local/kafka/groupCoordinator';
import { asAdmin } from '../../workflows/helpers/onboarding';

describe('waitForGroupCoordinator on the local broker', () => {
  it('returns once a consumer group has joined, leaving no warm-up topic or group behind', async () => {
    // Prepare
    const entry = readStackFile().kafka;
    if (!entry) throw new Error('the local stack is not up');

    // Act
    await waitForGroupCoordinator(entry, 30_000);

    // Assess
    const { topics, groups } = await asAdmin(async (admin) => ({
      topics: await admin.listTopics(),
      groups: (await admin.listGroups()).groups.map((group) => group.groupId),
    }));
    expect(topics.filter((topic) => topic.includes('coordinator-warm-up'))).toEqual([]);
    expect(groups.filter((group) => group.includes('coordinator-warm-up'))).toEqual([]);
  });
});
