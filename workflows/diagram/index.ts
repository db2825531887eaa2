export { conditionText } from './conditions';
export { MarkerNotFoundError } from './errors';
export type { DiagramSection, DiagramSource } from './markdown';
export { renderDiagramsMarkdown, replaceBetweenMarkers, updateDiagramSections } from './markdown';
export { toMermaid } from './mermaid';
