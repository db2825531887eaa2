import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Thrown when a program the local stack needs is not on PATH. */
export class MissingToolError extends Error {
  constructor(
    readonly tool: string,
    hint: string,
  ) {
    super(`'${tool}' was not found on PATH. ${hint}`);
    this.name = 'MissingToolError';
  }
}

const HINTS: Record<string, string> = {
  java: 'The local Kafka broker needs a Java 17+ runtime (Debian: apt-get install openjdk-17-jre-headless).',
  mvn: 'The local stack fetches its jars from Maven Central with Maven (Debian: apt-get install maven).',
  javac:
    "The bridge benchmark compiles a subclass of Kafka's ProducerPerformance: it needs a JDK 17+ " +
    '(Debian: apt-get install openjdk-17-jdk-headless).',
};

/** Absolute path of `tool` on PATH, or a MissingToolError saying how to install it. */
export function requireTool(tool: string): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, tool);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  throw new MissingToolError(tool, HINTS[tool] ?? 'Install it and try again.');
}
