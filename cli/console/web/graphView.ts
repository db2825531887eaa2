import type { GraphLayout, PlacedEdge, PlacedNode, Point } from '../graph/layout';
import { edgeKey, type GraphNodeType } from '../graph/model';
import type { ExecutionPicture, StateStatus } from '../graph/status';
import { s } from './dom';

/** How each status reads in the legend and tooltips. */
export const STATUS_TEXT: Record<StateStatus, string> = {
  succeeded: 'succeeded',
  retried: 'succeeded after retries',
  caught: 'failed, caught → compensation',
  failed: 'failed',
  running: 'running',
  'not-reached': 'not reached',
};

function pathOf(points: Point[]): string {
  const [first, ...rest] = points;
  if (!first) return '';
  let d = `M${first.x},${first.y}`;
  let previous = first;
  for (const point of rest) {
    const midY = (previous.y + point.y) / 2;
    d += ` C${previous.x},${midY} ${point.x},${midY} ${point.x},${point.y}`;
    previous = point;
  }
  return d;
}

function shape(type: GraphNodeType, width: number, height: number): SVGElement {
  if (type === 'Start' || type === 'End') return s('circle', { cx: width / 2, cy: height / 2, r: width / 2 });
  if (type === 'Choice') {
    const k = height / 2;
    const points = `${k},0 ${width - k},0 ${width},${k} ${width - k},${height} ${k},${height} 0,${k}`;
    return s('polygon', { points });
  }
  const rx = type === 'Succeed' || type === 'Fail' ? height / 2 : type === 'Wait' ? 0 : 6;
  return s('rect', { width, height, rx });
}

function edgeView(placed: PlacedEdge, picture: ExecutionPicture): SVGElement {
  const { edge } = placed;
  const taken = picture.traversed.has(edgeKey(edge.from, edge.to));
  const classes = ['edge', `edge-${edge.kind}`, taken ? 'taken' : '', placed.back ? 'back' : ''].join(' ');
  const group = s(
    'g',
    { class: classes, 'data-from': edge.from, 'data-to': edge.to },
    s('path', { d: pathOf(placed.points), 'marker-end': taken ? 'url(#arrow-taken)' : 'url(#arrow)' }),
    edge.label ? s('title', {}, edge.label) : null,
  );
  const start = placed.points[0];
  if (edge.kind === 'choice' && edge.label && start) {
    const text = edge.label.length > 30 ? `${edge.label.slice(0, 29)}…` : edge.label;
    group.append(s('text', { x: start.x + 6, y: start.y + 14, class: 'edge-label' }, text));
  }
  return group;
}

function nodeView(
  placed: PlacedNode,
  picture: ExecutionPicture,
  onSelect: (state: string) => void,
  selected?: string,
): SVGElement {
  const { node, width, height } = placed;
  const outcome = picture.states.get(node.id);
  const status = outcome?.status ?? 'not-reached';
  const marker = node.type === 'Start' || node.type === 'End';
  const group = s('g', {
    class: `node node-${node.type} status-${status}${node.id === selected ? ' selected' : ''}`,
    transform: `translate(${placed.x},${placed.y})`,
    'data-state': marker ? undefined : node.id,
    'data-status': status,
    tabindex: marker ? undefined : 0,
    role: marker ? undefined : 'button',
  });
  const retries = outcome?.retries ?? 0;
  const tip = `${node.label}: ${STATUS_TEXT[status]}${retries ? `, retried ${retries}×` : ''}`;
  group.append(s('title', {}, [tip, ...node.retries].join('\n')), shape(node.type, width, height));
  if (!marker && placed.children.length === 0) {
    group.append(s('text', { x: width / 2, y: height / 2 + 4, 'text-anchor': 'middle' }, node.label));
  }
  if (placed.children.length > 0) {
    group.append(s('text', { x: 10, y: 17, class: 'group-title' }, `${node.label} (${node.type})`));
    for (const child of placed.children) {
      const inner = graphSvgContent(child.layout, picture, onSelect, selected);
      inner.setAttribute('transform', `translate(${child.x},${child.y})`);
      group.append(inner);
    }
  }
  if (retries > 0) {
    group.append(
      s(
        'g',
        { class: 'badge', transform: `translate(${width - 10},-8)` },
        s('rect', { x: -18, width: 30, height: 16, rx: 8 }),
        s('text', { x: -3, y: 12, 'text-anchor': 'middle' }, `↻${retries}`),
      ),
    );
  }
  if (!marker) {
    const select = (event: Event) => {
      event.stopPropagation();
      onSelect(node.id);
    };
    group.addEventListener('click', select);
    group.addEventListener('keydown', (event) => {
      if ((event as KeyboardEvent).key === 'Enter') select(event);
    });
  }
  return group;
}

function graphSvgContent(
  layout: GraphLayout,
  picture: ExecutionPicture,
  onSelect: (state: string) => void,
  selected?: string,
): SVGGElement {
  const group = s('g');
  for (const edge of layout.edges) group.append(edgeView(edge, picture));
  for (const node of layout.nodes) group.append(nodeView(node, picture, onSelect, selected));
  return group;
}

function arrow(id: string): SVGElement {
  return s(
    'marker',
    {
      id,
      viewBox: '0 0 10 10',
      refX: 9,
      refY: 5,
      markerWidth: 7,
      markerHeight: 7,
      orient: 'auto-start-reverse',
    },
    s('path', { d: 'M0,0 L10,5 L0,10 z' }),
  );
}

/** The state machine drawn as SVG, each state coloured by the execution; clicking one calls `onSelect`. */
export function graphView(
  layout: GraphLayout,
  picture: ExecutionPicture,
  onSelect: (state: string) => void,
  selected?: string,
): SVGSVGElement {
  return s(
    'svg',
    {
      class: 'graph',
      viewBox: `0 0 ${layout.width} ${layout.height}`,
      width: layout.width,
      height: layout.height,
      role: 'img',
      'aria-label': 'state machine graph',
    },
    s('defs', {}, arrow('arrow'), arrow('arrow-taken')),
    graphSvgContent(layout, picture, onSelect, selected),
  );
}
