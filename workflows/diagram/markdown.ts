import type { AslDefinition } from '../local/asl';
import { MarkerNotFoundError } from './errors';
import { toMermaid } from './mermaid';

/** A state machine to draw: a title for the heading and its ASL definition. */
export interface DiagramSource {
  title: string;
  definition: AslDefinition;
}

/** A diagram section for a README: its marker stem (e.g. `diagram:onboarding`) and its machine. */
export interface DiagramSection extends DiagramSource {
  marker: string;
}

function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) found.push(at);
  return found;
}

/** Markdown with one heading and one ```mermaid block per state machine, in the given order. */
export function renderDiagramsMarkdown(machines: DiagramSource[], headingLevel = 3): string {
  const hashes = '#'.repeat(headingLevel);
  return machines
    .map(({ title, definition }) => `${hashes} ${title}\n\n\`\`\`mermaid\n${toMermaid(definition)}\`\`\`\n`)
    .join('\n');
}

/**
 * Replaces what lies between `<!-- <marker>:start -->` and `<!-- <marker>:end -->` with `content`
 * (markers kept, content on its own lines); the same call twice gives the same text.
 */
export function replaceBetweenMarkers(text: string, marker: string, content: string): string {
  const start = `<!-- ${marker}:start -->`;
  const end = `<!-- ${marker}:end -->`;
  const starts = occurrences(text, start);
  const ends = occurrences(text, end);
  if (starts.length !== 1 || ends.length !== 1) {
    throw new MarkerNotFoundError(marker, `found ${starts.length} start and ${ends.length} end marker(s)`);
  }
  if (ends[0] < starts[0]) throw new MarkerNotFoundError(marker, 'ends before it starts');
  const body = content.endsWith('\n') ? content : `${content}\n`;
  return `${text.slice(0, starts[0] + start.length)}\n${body}${text.slice(ends[0])}`;
}

/** Rewrites every section's marker block of `text` with that section's diagram. */
export function updateDiagramSections(text: string, sections: DiagramSection[], headingLevel = 3): string {
  return sections.reduce(
    (current, { marker, ...machine }) =>
      replaceBetweenMarkers(current, marker, renderDiagramsMarkdown([machine], headingLevel)),
    text,
  );
}
