/**
 * Writes one benchmark's results into its own section of BENCHMARKS.md, between marker
 * comments, leaving every other section as it is (several benchmarks share the file).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCHMARKS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'BENCHMARKS.md');

export async function writeBenchmarkSection(name: string, body: string): Promise<void> {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`invalid benchmark name ${JSON.stringify(name)}`);
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const block = `${start}\n${body}\n${end}`;
  let text = '';
  try {
    text = await readFile(BENCHMARKS_FILE, 'utf8');
  } catch {
    text = '# Benchmarks\n';
  }
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const next =
    from >= 0 && to > from
      ? `${text.slice(0, from)}${block}${text.slice(to + end.length)}`
      : `${text.trimEnd()}\n\n## ${name}\n\n${block}\n`;
  await writeFile(BENCHMARKS_FILE, next);
}
