import type { Admin } from '@platformatic/kafka';
import type { SecretStore } from '../../shared/secrets/store';
import { deleteAcls } from '../acl/aclAdmin';
import { describeBinding } from '../acl/roleTemplates';
import type { Change, LedgerEntry } from '../contracts';
import { deleteScramCredential } from '../credentials/selfManaged/scramAdmin';
import { alterTopicConfigs, deleteTopics, existingTopics } from '../topics/topicAdmin';

type Entry<K extends LedgerEntry['kind']> = Extract<LedgerEntry, { kind: K }>;

/** The Kafka-side ledger kinds undone in batches, in the order they are undone (newest step first). */
export const KAFKA_UNDO_ORDER = ['acl', 'topic-config', 'topic', 'scram-user'] as const;
export type KafkaUndoKind = (typeof KAFKA_UNDO_ORDER)[number];

export const isKafkaUndoKind = (kind: string): kind is KafkaUndoKind =>
  (KAFKA_UNDO_ORDER as readonly string[]).includes(kind);

/**
 * Undoes one batch of same-kind Kafka-side entries with one admin request: DeleteAcls (exact filters),
 * IncrementalAlterConfigs (previous values back), DeleteTopics (only those that exist: an uncertain
 * creation is checked, never assumed), SCRAM credential deletions. Already gone → 'none'.
 */
export async function undoKafkaBatch(
  admin: Admin,
  secrets: SecretStore,
  kind: KafkaUndoKind,
  entries: readonly LedgerEntry[],
): Promise<Change[]> {
  if (entries.length === 0) return [];
  switch (kind) {
    case 'acl': {
      const bindings = (entries as Entry<'acl'>[]).map((e) => e.binding);
      const deleted = await deleteAcls(admin, bindings);
      return bindings.map((b) => {
        const id = describeBinding(b);
        return deleted.has(id)
          ? { kind: 'acl', id, action: 'delete' }
          : { kind: 'acl', id, action: 'none', detail: 'already gone' };
      });
    }
    case 'topic-config': {
      const list = entries as Entry<'topic-config'>[];
      const existing = await existingTopics(
        admin,
        list.map((e) => e.topic),
      );
      const present = list.filter((e) => existing.has(e.topic));
      await alterTopicConfigs(
        admin,
        present.map((e) => ({ topic: e.topic, values: e.previous })),
      );
      return list.map((e) =>
        existing.has(e.topic)
          ? {
              kind: 'topic-config',
              id: e.topic,
              action: 'update',
              detail: `restored ${Object.entries(e.previous)
                .map(([key, value]) => `${key} -> ${value ?? '(default)'}`)
                .join(', ')}`,
            }
          : { kind: 'topic-config', id: e.topic, action: 'none', detail: 'topic gone' },
      );
    }
    case 'topic': {
      const topics = (entries as Entry<'topic'>[]).map((e) => e.topic);
      const deleted = await deleteTopics(admin, topics);
      return topics.map((topic) =>
        deleted.has(topic)
          ? { kind: 'topic', id: topic, action: 'delete' }
          : { kind: 'topic', id: topic, action: 'none', detail: 'already gone' },
      );
    }
    case 'scram-user': {
      const changes: Change[] = [];
      for (const entry of entries as Entry<'scram-user'>[]) {
        const deleted = await deleteScramCredential(admin, entry.user);
        const secretCreated = entry.secretCreated !== false;
        if (secretCreated) await secrets.delete(entry.secretName, { immediately: true });
        changes.push({
          kind: 'scram-user',
          id: entry.user,
          action: deleted ? 'delete' : 'none',
          detail: secretCreated ? `and secret ${entry.secretName}` : 'secret kept: it predates this run',
        });
      }
      return changes;
    }
  }
}
