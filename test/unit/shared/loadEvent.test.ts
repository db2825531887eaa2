import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EVENTS_DIR, loadEvent } from '../../helpers/loadEvent';

describe('loadEvent', () => {
  it('parses every recorded event in test/events into an object', () => {
    // Prepare
    const names = readdirSync(EVENTS_DIR)
      .filter((file) => file.endsWith('.json'))
      .map((file) => file.slice(0, -'.json'.length));

    // Act
    const events = names.map((name) => loadEvent<unknown>(name));

    // Assess
    expect(names.length).toBeGreaterThan(0);
    for (const event of events) expect(event).toEqual(expect.any(Object));
  });

  it('names the missing file when the event does not exist', () => {
    // Act
    const act = () => loadEvent('no-such-event');

    // Assess
    expect(act).toThrow(join(EVENTS_DIR, 'no-such-event.json'));
  });
});
