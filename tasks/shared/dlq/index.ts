export { claimCheckKey, SQS_MAX_BATCH_ENTRIES, SQS_MAX_MESSAGE_BYTES } from './claimCheck';
export {
  buildKafkaEnvelope,
  buildKinesisEnvelope,
  buildMalformedEnvelope,
  buildMqttEnvelope,
  type MalformedRecord,
  type MqttMessage,
} from './envelope';
export * from './errors';
export { type DlqPublishDeps, publishToDlq } from './publish';
export { describeError, redactSecrets } from './redact';
export * from './schema';
