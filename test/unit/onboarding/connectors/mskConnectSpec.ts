import type { ConnectorRequest } from '../../../../tasks/onboarding/connectors/types';
import type { ConnectorSpec } from '../../../../tasks/onboarding/request/connectorsSchema';

/** One MSK Connect connector request (a JDBC sink on an IAM-enabled cluster in aws-cn) and its ARNs: data only. */

export const CLUSTER =
  'arn:aws-cn:kafka:cn-northwest-1:111122223333:cluster/payments/9f8e7d6c-5b4a-4321-8fed-cba987654321-3';
export const PLUGIN_ARN =
  'arn:aws-cn:kafkaconnect:cn-northwest-1:111122223333:custom-plugin/msk-flows-ledger-sink/abc-1';
export const WORKER_ARN = 'arn:aws-cn:kafkaconnect:cn-northwest-1:111122223333:worker-configuration/w/abc-2';
export const CONNECTOR_ARN =
  'arn:aws-cn:kafkaconnect:cn-northwest-1:111122223333:connector/ledger-sink/abc-3';
export const ROLE = 'arn:aws-cn:iam::111122223333:role/msk-flows-connector-ledger-sink';
export const PRINCIPAL = 'payments-connect';
export const OURS = `Created by msk-flows for principal ${PRINCIPAL}`;

export const spec: ConnectorSpec = {
  name: 'ledger-sink',
  platform: 'msk-connect',
  kind: 'sink',
  plugin: {
    s3: { bucketArn: 'arn:aws-cn:s3:::payments-plugins', fileKey: 'jdbc-sink.zip', objectVersion: 'v1' },
    contentType: 'ZIP',
  },
  config: {
    'connector.class': 'io.debezium.connector.jdbc.JdbcSinkConnector',
    'tasks.max': '1',
    topics: 'payments.cdc.ledger',
  },
  capacity: {
    autoScaling: {
      mcuCount: 1,
      minWorkerCount: 1,
      maxWorkerCount: 2,
      scaleInPercent: 20,
      scaleOutPercent: 80,
    },
  },
  serviceExecutionRoleArn: ROLE,
  workerConfiguration: { 'key.converter': 'org.apache.kafka.connect.json.JsonConverter' },
  kafkaConnectVersion: '3.7.x',
};

export const request: ConnectorRequest = {
  requestId: 'payments-connect-007',
  principal: PRINCIPAL,
  cluster: { kind: 'msk', arn: CLUSTER },
  connectors: [spec],
};
