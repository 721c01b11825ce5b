/**
 * The shell commands of the operators' documentation, for the tests that run them against the
 * run's Temporal server (test/api/operator-docs.test.ts, test/workflows/reconciliation.test.ts).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';

/** The documented commands, continuation lines joined, comments and output redirections dropped. */
export function documentedCommands(): string[] {
  return ['docs/operators.md', 'docs/observability.md'].flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((block) =>
      block[1]!
        .replace(/\\\n\s*/g, ' ')
        .split('\n')
        .map((line) =>
          line
            .replace(/\s+#.*$/, '')
            .replace(/\s*>\s*\S+\.json$/, '')
            .trim(),
        )
        .filter((line) => line.startsWith('temporal ')),
    ),
  );
}

/** Runs a command line the way a shell would split it (quotes keep spaces). */
export function runDocumented(line: string): { status: number | null; output: string } {
  const words = [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map(
    (match) => match[1] ?? match[2] ?? match[3]!,
  );
  const result = spawnSync(words[0]!, [...words.slice(1), '--address', inject('temporalAddress')], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
