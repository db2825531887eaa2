import {
  applyIotRuleProjection,
  clientIdFromTopic,
} from '../../../../scripts/local/triggers/mqttRuleStandIn';

describe('applyIotRuleProjection', () => {
  it('adds clientId from the topic and receivedAt to a JSON payload', () => {
    // Act
    const body = applyIotRuleProjection(
      'devices/sensor-7/telemetry',
      Buffer.from('{"t":21.5}'),
      1716540001234,
    );

    // Assess
    expect(JSON.parse(body as string)).toEqual({ t: 21.5, clientId: 'sensor-7', receivedAt: 1716540001234 });
  });

  it('lets the rule fields win over same-named payload fields', () => {
    // Act
    const body = applyIotRuleProjection(
      'devices/a/telemetry',
      Buffer.from('{"clientId":"spoof","receivedAt":1}'),
      9,
    );

    // Assess
    expect(JSON.parse(body as string)).toEqual({ clientId: 'a', receivedAt: 9 });
  });

  it('passes a non-JSON payload through unchanged, as IoT does with binary payloads', () => {
    // Act
    const body = applyIotRuleProjection('devices/a/telemetry', Buffer.from('t=21.5'), 9);

    // Assess
    expect(body).toBe('t=21.5');
  });

  it('gives an empty payload the rule fields only', () => {
    // Act
    const body = applyIotRuleProjection('devices/a/telemetry', Buffer.alloc(0), 9);

    // Assess
    expect(JSON.parse(body as string)).toEqual({ clientId: 'a', receivedAt: 9 });
  });

  it.each(['devices/a/status', 'devices/telemetry', 'devices/a/telemetry/extra', 'other/a/telemetry'])(
    'ignores %s, which the rule topic filter does not match',
    (topic) => {
      // Act
      const body = applyIotRuleProjection(topic, Buffer.from('{}'), 9);

      // Assess
      expect(body).toBeUndefined();
      expect(clientIdFromTopic(topic)).toBeUndefined();
    },
  );
});
