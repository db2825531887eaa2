/**
 * `npm run demo`: the main job, locally. Starts the local stack, onboards examples/onboard-local.json
 * with the synthesized onboarding state machine, runs it again (nothing changes), then shows the new
 * principal's least-privilege access on the real broker, and the guard rails refusing an unsafe onboarding
 * and the offboarding of the platform admin, before they change anything; then the ingest paths: a Kinesis event through
 * the bridge into Kafka and on to S3, and MQTT messages batched into S3 objects; then a DLQ replay of the
 * records the bridge dead-lettered; then CDC: the connectors of examples/onboard-cdc.local.json carry
 * MariaDB row changes through Kafka into PostgreSQL, a read shows what landed, and an offboarding removes
 * them. The services it starts keep running (`npm run local:down` stops them).
 */
import { consoleUrl } from '../cli/console/url';
import { main } from '../cli/main';
import { cdcToPostgres } from './demo/cdc';
import { kinesisToKafkaToS3, mqttToS3 } from './demo/ingest';
import { tryProduceAs } from './demo/principalAccess';
import { replayDeadLetters } from './demo/replay';
import { ensureLocalStack } from './local/index';

const request = 'examples/onboard-local.json';
const unsafe = 'examples/onboard-local-unsafe.json';
const say = (line = '') => process.stdout.write(`${line}\n`);

say('== local stack');
const { stack } = await ensureLocalStack({ log: (m) => say(`   ${m}`) });
const brokers = stack.kafka?.bootstrapServers ?? [];
say(`   Kafka (SASL/SCRAM-SHA-512, ACLs enforced) on ${brokers.join(', ')}`);

say(`\n== onboard ${request}`);
const first = await main(['onboard', '--local', '--request', request]);
say(`\n== onboard it again: a rerun changes nothing`);
const second = await main(['onboard', '--local', '--request', request]);

say('\n== guard rails: an unsafe request is refused before anything changes (exit 2)');
say(`   ${unsafe}: the super user controller, retention.ms=1, max.message.bytes=1, min.insync.replicas=2 at`);
say("   replication factor 1, and prefixes demo. / demo- over another team's topic and group");
const refused = await main(['onboard', '--local', '--request', unsafe]);
say(`\n== guard rails: offboarding the platform admin is refused too`);
const adminKept = await main(['offboard', '--local', '--request', 'examples/offboard-local-admin.json']);

say('\n== what the new principal may do');
for (const topic of ['demo.orders.analytics.daily', 'demo.orders.events']) {
  const attempt = await tryProduceAs('demo-orders-analytics', brokers, topic);
  say(
    `   ${attempt.allowed ? 'allowed' : 'denied '}  ${attempt.what}${attempt.detail ? `  (${attempt.detail})` : ''}`,
  );
}
say('\n== ingest: a Kinesis event → Kafka → S3');
await kinesisToKafkaToS3(say);
say('\n== ingest: MQTT (Mosquitto) → IoT rule stand-in → SQS → S3, one object per batch');
await mqttToS3(say);
say('\n== replay: dead letters of the ingest run, back into Kafka');
const replayed = await replayDeadLetters(say);
say('\n== CDC: MariaDB → Debezium (Kafka Connect) → Kafka → JDBC sink → PostgreSQL');
const cdc = await cdcToPostgres(say);

say('\nUndo the onboarding with: npx msk-flows offboard --local --request examples/offboard-local.json');
say('Stop the local stack with: npm run local:down');
say('\n== the console: both runs above, drawn as their state machine, and the flightData page');
say(`   npx msk-flows console --local    → ${consoleUrl(3030)}`);
// The two refusals must exit 2 (invalid request, nothing touched); anything else is a demo failure.
const guarded = refused === 2 && adminKept === 2 ? 0 : 1;
process.exitCode = first || second || guarded || replayed || cdc;
