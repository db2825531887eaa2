import { conditionText } from '../../../workflows/diagram/conditions';
import type { AslDefinition, AslRetrier, AslState, AslStateType } from '../../../workflows/local/asl';

/** The Start and End markers of a graph; no state can be named like these. */
export const START = '\u0000start';
export const END = '\u0000end';

export type GraphNodeType = AslStateType | 'Start' | 'End';

/** One state (or the Start/End marker) of a drawn state machine. */
export interface GraphNode {
  id: string;
  label: string;
  type: GraphNodeType;
  /** `retry FooError (max 5)` lines, as in the README diagrams. */
  retries: string[];
  /** A Map's item processor or a Parallel's branches, drawn inside the node. */
  children: GraphModel[];
}

export type GraphEdgeKind = 'next' | 'choice' | 'default' | 'catch';

/** A possible transition: `Next`, a Choice rule, a Choice's `Default`, or a `Catch`. */
export interface GraphEdge {
  from: string;
  to: string;
  kind: GraphEdgeKind;
  label?: string;
}

export interface GraphModel {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** The key of an edge in sets of traversed edges. */
export const edgeKey = (from: string, to: string): string => `${from}\u0000${to}`;

function retryLine(retrier: AslRetrier): string {
  const errors = retrier.ErrorEquals;
  const names = errors.every((e) => e.startsWith('Lambda.')) ? 'Lambda service errors' : errors.join(', ');
  return `retry ${names} (max ${retrier.MaxAttempts ?? 3})`;
}

function childGraphs(state: AslState): GraphModel[] {
  if (state.Type === 'Parallel') return (state.Branches ?? []).map((b) => graphOf(b, false));
  if (state.Type === 'Map') {
    const processor = state.ItemProcessor ?? state.Iterator;
    return processor ? [graphOf(processor, false)] : [];
  }
  return [];
}

/**
 * The graph of a definition, read the way the README's Mermaid diagrams read it (same Choice texts,
 * Catch edges apart): one node per state of this level, Map/Parallel contents as child graphs, and,
 * for the top level, Start and End markers.
 */
export function graphOf(definition: AslDefinition, withEnds = true): GraphModel {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  if (withEnds) {
    nodes.push({ id: START, label: 'Start', type: 'Start', retries: [], children: [] });
    edges.push({ from: START, to: definition.StartAt, kind: 'next' });
  }
  for (const [name, state] of Object.entries(definition.States)) {
    nodes.push({
      id: name,
      label: name,
      type: state.Type,
      retries: (state.Retry ?? []).map(retryLine),
      children: childGraphs(state),
    });
    for (const rule of state.Choices ?? []) {
      if (rule.Next) edges.push({ from: name, to: rule.Next, kind: 'choice', label: conditionText(rule) });
    }
    if (state.Default) edges.push({ from: name, to: state.Default, kind: 'default', label: 'otherwise' });
    if (state.Next) edges.push({ from: name, to: state.Next, kind: 'next' });
    for (const c of state.Catch ?? []) {
      edges.push({ from: name, to: c.Next, kind: 'catch', label: c.ErrorEquals.join(', ') });
    }
    const terminal = state.End === true || state.Type === 'Succeed' || state.Type === 'Fail';
    if (withEnds && terminal) edges.push({ from: name, to: END, kind: 'next' });
  }
  if (withEnds) nodes.push({ id: END, label: 'End', type: 'End', retries: [], children: [] });
  return { nodes, edges };
}

/** Every node of a graph, those inside Map and Parallel states included. */
export function allNodes(model: GraphModel): GraphNode[] {
  return model.nodes.flatMap((node) => [node, ...node.children.flatMap(allNodes)]);
}

/** Every edge of a graph, those inside Map and Parallel states included. */
export function allEdges(model: GraphModel): GraphEdge[] {
  return [...model.edges, ...model.nodes.flatMap((node) => node.children.flatMap(allEdges))];
}
