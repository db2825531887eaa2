import {
  MarkerNotFoundError,
  renderDiagramsMarkdown,
  replaceBetweenMarkers,
  toMermaid,
  updateDiagramSections,
} from '../../../workflows/diagram/index';
import type { AslDefinition } from '../../../workflows/local/index';

const tiny: AslDefinition = { StartAt: 'Hello', States: { Hello: { Type: 'Pass', End: true } } };

describe('renderDiagramsMarkdown', () => {
  it('writes one heading and one mermaid block per machine', () => {
    // Act
    const markdown = renderDiagramsMarkdown([
      { title: 'Onboarding', definition: tiny },
      { title: 'Offboarding', definition: tiny },
    ]);

    // Assess
    const block = `\`\`\`mermaid\n${toMermaid(tiny)}\`\`\`\n`;
    expect(markdown).toBe(`### Onboarding\n\n${block}\n### Offboarding\n\n${block}`);
  });
});

describe('replaceBetweenMarkers', () => {
  const readme = [
    '# msk-flows',
    '<!-- diagram:onboarding:start -->',
    'old diagram',
    '<!-- diagram:onboarding:end -->',
    'after',
    '',
  ].join('\n');

  it('replaces only what lies between the markers and is idempotent', () => {
    // Act
    const once = replaceBetweenMarkers(readme, 'diagram:onboarding', 'new diagram');
    const twice = replaceBetweenMarkers(once, 'diagram:onboarding', 'new diagram');

    // Assess
    expect(once).toBe(
      '# msk-flows\n<!-- diagram:onboarding:start -->\nnew diagram\n<!-- diagram:onboarding:end -->\nafter\n',
    );
    expect(twice).toBe(once);
  });

  it('throws when the markers are missing, doubled or reversed', () => {
    // Prepare
    const reversed = '<!-- diagram:x:end -->\n<!-- diagram:x:start -->\n';
    const doubled = `${readme}${readme}`;

    // Act
    const missing = () => replaceBetweenMarkers(readme, 'diagram:offboarding', 'x');
    const twice = () => replaceBetweenMarkers(doubled, 'diagram:onboarding', 'x');
    const backwards = () => replaceBetweenMarkers(reversed, 'diagram:x', 'x');

    // Assess
    expect(missing).toThrow(MarkerNotFoundError);
    expect(missing).toThrow('found 0 start and 0 end marker(s)');
    expect(twice).toThrow('found 2 start and 2 end marker(s)');
    expect(backwards).toThrow('ends before it starts');
  });
});

describe('updateDiagramSections', () => {
  it('writes each machine into its own marker block', () => {
    // Prepare
    const readme =
      '<!-- diagram:a:start -->\n<!-- diagram:a:end -->\ntext\n<!-- diagram:b:start -->\n<!-- diagram:b:end -->\n';

    // Act
    const updated = updateDiagramSections(readme, [
      { marker: 'diagram:a', title: 'A', definition: tiny },
      { marker: 'diagram:b', title: 'B', definition: tiny },
    ]);

    // Assess
    expect(updated).toBe(
      `<!-- diagram:a:start -->\n${renderDiagramsMarkdown([{ title: 'A', definition: tiny }])}<!-- diagram:a:end -->\ntext\n` +
        `<!-- diagram:b:start -->\n${renderDiagramsMarkdown([{ title: 'B', definition: tiny }])}<!-- diagram:b:end -->\n`,
    );
  });
});
