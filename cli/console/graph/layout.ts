import type { GraphEdge, GraphModel, GraphNode } from './model';

/** Sizes of the drawing, in SVG user units. */
export const LAYOUT = {
  rankGap: 46,
  nodeGap: 28,
  nodeHeight: 34,
  retryLineHeight: 0,
  charWidth: 7.2,
  minWidth: 96,
  maxWidth: 280,
  padding: 16,
  childTitle: 26,
  dummyWidth: 8,
} as const;

export interface Point {
  x: number;
  y: number;
}

/** A node placed: top-left corner and size; a Map/Parallel node carries its children's layouts. */
export interface PlacedNode {
  node: GraphNode;
  x: number;
  y: number;
  width: number;
  height: number;
  children: { layout: GraphLayout; x: number; y: number }[];
}

/** An edge routed: points from the source's border to the target's, through its ranks. */
export interface PlacedEdge {
  edge: GraphEdge;
  points: Point[];
  /** Drawn against the flow (a loop back to an earlier state). */
  back: boolean;
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

interface Item {
  id: string;
  width: number;
  height: number;
  rank: number;
  order: number;
  x: number;
  placed?: PlacedNode;
}

function nodeSize(node: GraphNode): { width: number; height: number; children: PlacedNode['children'] } {
  if (node.children.length > 0) {
    const layouts = node.children.map(layoutGraph);
    let x = LAYOUT.padding;
    const children = layouts.map((layout) => {
      const child = { layout, x, y: LAYOUT.childTitle };
      x += layout.width + LAYOUT.nodeGap;
      return child;
    });
    const height = Math.max(...layouts.map((l) => l.height)) + LAYOUT.childTitle + LAYOUT.padding;
    return { width: x - LAYOUT.nodeGap + LAYOUT.padding, height, children };
  }
  if (node.type === 'Start' || node.type === 'End') return { width: 28, height: 28, children: [] };
  const chars = Math.max(node.label.length, 4);
  const width = Math.min(LAYOUT.maxWidth, Math.max(LAYOUT.minWidth, chars * LAYOUT.charWidth + 28));
  return { width, height: LAYOUT.nodeHeight, children: [] };
}

/** Depth-first from the first node: edges to a node still on the stack close a loop and are reversed. */
function backEdges(model: GraphModel): Set<GraphEdge> {
  const out = new Map<string, GraphEdge[]>();
  for (const edge of model.edges) out.set(edge.from, [...(out.get(edge.from) ?? []), edge]);
  const state = new Map<string, 'open' | 'done'>();
  const back = new Set<GraphEdge>();
  const visit = (id: string) => {
    state.set(id, 'open');
    for (const edge of out.get(id) ?? []) {
      const seen = state.get(edge.to);
      if (seen === 'open') back.add(edge);
      else if (!seen) visit(edge.to);
    }
    state.set(id, 'done');
  };
  for (const node of model.nodes) if (!state.has(node.id)) visit(node.id);
  return back;
}

/** Longest-path ranks over the forward edges (Kahn's order). */
function ranks(model: GraphModel, forward: [string, string][]): Map<string, number> {
  const rank = new Map(model.nodes.map((n) => [n.id, 0]));
  const indegree = new Map(model.nodes.map((n) => [n.id, 0]));
  for (const [, to] of forward) indegree.set(to, (indegree.get(to) ?? 0) + 1);
  const queue = model.nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  while (queue.length > 0) {
    const id = queue.shift() as string;
    for (const [from, to] of forward) {
      if (from !== id) continue;
      rank.set(to, Math.max(rank.get(to) ?? 0, (rank.get(id) ?? 0) + 1));
      indegree.set(to, (indegree.get(to) ?? 0) - 1);
      if (indegree.get(to) === 0) queue.push(to);
    }
  }
  return rank;
}

/**
 * A layered (Sugiyama-style) layout: ranks by longest path with loops reversed, long edges split
 * through dummy points, orders improved by barycenter sweeps, x by averaging neighbours. Small and
 * deterministic: the same graph always gives the same drawing.
 */
export function layoutGraph(model: GraphModel): GraphLayout {
  const back = backEdges(model);
  const oriented = model.edges.map((edge) =>
    back.has(edge) ? ([edge.to, edge.from] as [string, string]) : ([edge.from, edge.to] as [string, string]),
  );
  const rank = ranks(
    model,
    oriented.filter(([a, b]) => a !== b),
  );
  const items = new Map<string, Item>();
  model.nodes.forEach((node, index) => {
    const size = nodeSize(node);
    items.set(node.id, { id: node.id, ...size, rank: rank.get(node.id) ?? 0, order: index, x: 0 });
  });
  // Split every edge spanning several ranks into a chain through dummies, one per rank crossed.
  const chains = oriented.map(([from, to], index) => {
    const chain = [from];
    const [r0, r1] = [items.get(from)?.rank ?? 0, items.get(to)?.rank ?? 0];
    for (let r = r0 + 1; r < r1; r++) {
      const id = `\u0000dummy:${index}:${r}`;
      items.set(id, { id, width: LAYOUT.dummyWidth, height: 0, rank: r, order: items.size, x: 0 });
      chain.push(id);
    }
    chain.push(to);
    return chain;
  });
  const layers = orderLayers(items, chains);
  const rankY = placeY(layers);
  placeX(layers, chains, items);
  const minX = Math.min(...[...items.values()].map((i) => i.x - i.width / 2));
  for (const item of items.values()) item.x -= minX - LAYOUT.padding;
  const width = Math.max(...[...items.values()].map((i) => i.x + i.width / 2)) + LAYOUT.padding;
  const height = rankY[rankY.length - 1] ?? 0;
  const nodes = model.nodes.map((node) => {
    const item = items.get(node.id) as Item;
    const size = nodeSize(node);
    return { node, x: item.x - item.width / 2, y: rankY[item.rank] ?? 0, ...size };
  });
  const edges = model.edges.map((edge, index) => {
    const chain = chains[index] as string[];
    const points = chain.map((id, i) => {
      const item = items.get(id) as Item;
      const top = rankY[item.rank] ?? 0;
      if (i === 0) return { x: item.x, y: top + item.height };
      if (i === chain.length - 1) return { x: item.x, y: top };
      return { x: item.x, y: top + LAYOUT.nodeHeight / 2 };
    });
    const isBack = back.has(edge);
    return { edge, points: isBack ? points.reverse() : points, back: isBack };
  });
  return { width, height, nodes, edges };
}

function orderLayers(items: Map<string, Item>, chains: string[][]): Item[][] {
  const layers: Item[][] = [];
  for (const item of items.values()) {
    const layer = layers[item.rank] ?? [];
    layer.push(item);
    layers[item.rank] = layer;
  }
  for (const layer of layers) layer?.sort((a, b) => a.order - b.order);
  const up = new Map<string, string[]>();
  const down = new Map<string, string[]>();
  for (const chain of chains) {
    for (let i = 1; i < chain.length; i++) {
      const [a, b] = [chain[i - 1] as string, chain[i] as string];
      down.set(a, [...(down.get(a) ?? []), b]);
      up.set(b, [...(up.get(b) ?? []), a]);
    }
  }
  const position = (id: string) => items.get(id)?.order ?? 0;
  const renumber = (layer: Item[]) => {
    for (const [i, item] of layer.entries()) item.order = i;
  };
  for (const layer of layers) renumber(layer ?? []);
  for (let sweep = 0; sweep < 6; sweep++) {
    const downward = sweep % 2 === 0;
    const sequence = downward ? layers : [...layers].reverse();
    for (const layer of sequence) {
      if (!layer) continue;
      const weight = (item: Item) => {
        const neighbours = (downward ? up : down).get(item.id) ?? [];
        if (neighbours.length === 0) return item.order;
        return neighbours.reduce((sum, id) => sum + position(id), 0) / neighbours.length;
      };
      const weights = new Map(layer.map((item) => [item.id, weight(item)]));
      layer.sort((a, b) => (weights.get(a.id) ?? 0) - (weights.get(b.id) ?? 0) || a.order - b.order);
      renumber(layer);
    }
  }
  return layers.map((layer) => layer ?? []);
}

function placeY(layers: Item[][]): number[] {
  const ys: number[] = [];
  let y = LAYOUT.padding;
  for (const layer of layers) {
    ys.push(y);
    y += Math.max(0, ...layer.map((i) => i.height)) + LAYOUT.rankGap;
  }
  ys.push(y - LAYOUT.rankGap + LAYOUT.padding);
  return ys;
}

function placeX(layers: Item[][], chains: string[][], items: Map<string, Item>): void {
  const neighbours = new Map<string, string[]>();
  for (const chain of chains) {
    for (let i = 1; i < chain.length; i++) {
      const [a, b] = [chain[i - 1] as string, chain[i] as string];
      neighbours.set(a, [...(neighbours.get(a) ?? []), b]);
      neighbours.set(b, [...(neighbours.get(b) ?? []), a]);
    }
  }
  // Each item as near its wanted x as the row's order and gaps allow, the row centred on its wishes.
  const pack = (layer: Item[], wanted: (item: Item) => number) => {
    const wishes = layer.map(wanted);
    let right = -Infinity;
    let shift = 0;
    layer.forEach((item, i) => {
      item.x = Math.max(wishes[i] ?? 0, right + LAYOUT.nodeGap + item.width / 2);
      right = item.x + item.width / 2;
      shift += item.x - (wishes[i] ?? 0);
    });
    for (const item of layer) item.x -= shift / Math.max(1, layer.length);
  };
  for (const layer of layers) pack(layer, () => 0);
  for (let pass = 0; pass < 8; pass++) {
    for (const layer of pass % 2 === 0 ? layers : [...layers].reverse()) {
      pack(layer, (item) => {
        const xs = (neighbours.get(item.id) ?? []).map((id) => items.get(id)?.x ?? 0);
        return xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : item.x;
      });
    }
  }
}
