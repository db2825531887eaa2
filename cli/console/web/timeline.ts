import type { ExecutionPicture } from '../graph/status';
import { formatDuration, h } from './dom';

/** One row per state the execution entered, in order of entry: a bar from entry to exit on a shared scale. */
export function timelineView(
  picture: ExecutionPicture,
  totalMs: number,
  onSelect: (state: string) => void,
): HTMLElement {
  const rows = [...picture.states]
    .filter(([, o]) => o.startMs !== undefined && o.entered > 0)
    .sort((a, b) => (a[1].startMs ?? 0) - (b[1].startMs ?? 0));
  const scale = Math.max(totalMs, 1);
  const list = h('ol', { class: 'timeline', 'aria-label': 'timeline' });
  for (const [name, outcome] of rows) {
    const start = outcome.startMs ?? 0;
    const end = outcome.endMs ?? totalMs;
    const left = (start / scale) * 100;
    const width = Math.max(((end - start) / scale) * 100, 0.4);
    const repeat = outcome.entered > 1 ? ` ×${outcome.entered}` : '';
    // Set through CSSOM: the page's CSP allows no inline style attributes.
    const bar = h('span', { class: 'bar' });
    bar.style.left = `${left.toFixed(2)}%`;
    bar.style.width = `${width.toFixed(2)}%`;
    list.append(
      h(
        'li',
        { class: `status-${outcome.status}`, 'data-state': name },
        h('button', { type: 'button', class: 'link', onclick: () => onSelect(name) }, `${name}${repeat}`),
        h('span', { class: 'track' }, bar),
        h('span', { class: 'took' }, formatDuration(outcome.endMs === undefined ? undefined : end - start)),
      ),
    );
  }
  return list;
}
