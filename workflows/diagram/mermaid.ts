import {
  type AslDefinition,
  type AslRetrier,
  type AslState,
  childDefinitions,
  listStates,
} from '../local/asl';
import { conditionText } from './conditions';

const START = 'start_';
const END = 'end_';
const MAX_LABEL = 60;
const MAX_ERRORS = 3;

/** Escapes text for a double-quoted Mermaid label (entity codes, so `"`, `<`, `|` survive). */
function escapeLabel(text: string): string {
  return text
    .replace(/&/g, '#amp;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/\|/g, '#124;');
}

function shorten(text: string): string {
  return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
}

function errorList(errors: string[]): string {
  if (errors.length === 1 && errors[0] === 'Lambda.TooManyRequestsException') return 'Lambda throttling';
  if (errors.length > 0 && errors.every((name) => name.startsWith('Lambda.'))) return 'Lambda service errors';
  const shown = errors.slice(0, MAX_ERRORS).join(', ');
  return errors.length > MAX_ERRORS ? `${shown} +${errors.length - MAX_ERRORS}` : shown;
}

function retryLine(retrier: AslRetrier): string {
  return `retry ${errorList(retrier.ErrorEquals)} (max ${retrier.MaxAttempts ?? 3})`;
}

/** Gives every state a stable, Mermaid-safe node id derived from its name. */
function nodeIds(definition: AslDefinition): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set([START, END]);
  for (const { name } of listStates(definition)) {
    const base = `s_${name.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '')}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
    used.add(id);
    ids.set(name, id);
  }
  return ids;
}

function label(name: string, state: AslState): string {
  const lines = [name, ...(state.Retry ?? []).map(retryLine)];
  return escapeLabel(lines.join('\n')).replace(/\n/g, '<br/>');
}

function node(id: string, name: string, state: AslState): string {
  const text = label(name, state);
  switch (state.Type) {
    case 'Choice':
      return `${id}{"${text}"}`;
    case 'Wait':
      return `${id}[/"${text}"/]`;
    case 'Succeed':
    case 'Fail':
      return `${id}(["${text}"])`;
    default:
      return `${id}["${text}"]`;
  }
}

function subgraphTitle(name: string, state: AslState): string {
  const itemsPath = typeof state.ItemsPath === 'string' ? ` over ${state.ItemsPath}` : '';
  return label(`${name} (${state.Type === 'Map' ? `Map${itemsPath}` : 'Parallel'})`, state);
}

function renderNodes(
  definition: AslDefinition,
  ids: Map<string, string>,
  indent: string,
  out: string[],
): void {
  for (const [name, state] of Object.entries(definition.States)) {
    const id = ids.get(name) as string;
    const children = childDefinitions(state);
    if (state.Type !== 'Map' && state.Type !== 'Parallel') {
      out.push(`${indent}${node(id, name, state)}`);
      continue;
    }
    out.push(`${indent}subgraph ${id}["${subgraphTitle(name, state)}"]`, `${indent}  direction TB`);
    if (state.Type === 'Map') {
      for (const child of children) renderNodes(child, ids, `${indent}  `, out);
    } else {
      children.forEach((branch, index) => {
        out.push(
          `${indent}  subgraph ${id}_branch_${index + 1}["Branch ${index + 1}"]`,
          `${indent}    direction TB`,
        );
        renderNodes(branch, ids, `${indent}    `, out);
        out.push(`${indent}  end`);
      });
    }
    out.push(`${indent}end`);
  }
}

function edge(from: string, to: string, text?: string, dashed = false): string {
  const arrow = dashed ? '-.->' : '-->';
  return text === undefined
    ? `  ${from} ${arrow} ${to}`
    : `  ${from} ${arrow}|"${escapeLabel(shorten(text))}"| ${to}`;
}

function renderEdges(definition: AslDefinition, ids: Map<string, string>): string[] {
  const out: string[] = [];
  const id = (name: string) => ids.get(name) ?? name;
  const rootStates = new Set(Object.keys(definition.States));
  for (const { name, state } of listStates(definition)) {
    const from = id(name);
    for (const rule of state.Choices ?? [])
      if (rule.Next) out.push(edge(from, id(rule.Next), conditionText(rule)));
    if (state.Default) out.push(edge(from, id(state.Default), 'otherwise'));
    if (state.Next) out.push(edge(from, id(state.Next)));
    for (const catcher of state.Catch ?? [])
      out.push(edge(from, id(catcher.Next), errorList(catcher.ErrorEquals), true));
    const terminal = state.End === true || state.Type === 'Succeed' || state.Type === 'Fail';
    if (terminal && rootStates.has(name)) out.push(edge(from, END));
  }
  return out;
}

/**
 * A Mermaid flowchart of an ASL definition: one node per state (Choice as a rhombus, Wait as a
 * parallelogram, Succeed/Fail as stadiums, retries listed in the node), Map and Parallel states as
 * subgraphs, Choice edges labelled with their condition, Catch edges dashed and labelled with the
 * errors they catch. The output depends only on the definition, so it can be committed and diffed.
 */
export function toMermaid(definition: AslDefinition): string {
  const ids = nodeIds(definition);
  const lines = ['flowchart TD', `  ${START}(("Start"))`];
  renderNodes(definition, ids, '  ', lines);
  lines.push(`  ${END}(("End"))`);
  lines.push(edge(START, ids.get(definition.StartAt) ?? definition.StartAt));
  lines.push(...renderEdges(definition, ids));
  const byType = (type: string) =>
    listStates(definition)
      .filter(({ state }) => state.Type === type)
      .map(({ name }) => ids.get(name));
  lines.push('  classDef succeed fill:#e6f4ea,stroke:#1e8e3e', '  classDef fail fill:#fce8e6,stroke:#d93025');
  for (const [type, className] of [
    ['Succeed', 'succeed'],
    ['Fail', 'fail'],
  ]) {
    const members = byType(type);
    if (members.length > 0) lines.push(`  class ${members.join(',')} ${className}`);
  }
  return `${lines.join('\n')}\n`;
}
