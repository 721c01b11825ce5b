/**
 * The `npm run bench` entry: runs benchmarks by name (`npm run bench -- ledger`), or all of
 * them when none is named. Each benchmark is a module exporting `run()` that provisions its
 * own database, measures, writes its section of BENCHMARKS.md and cleans up after itself.
 * Add a benchmark by adding one line to BENCHES.
 */
const BENCHES: Record<string, () => Promise<{ run(): Promise<void> }>> = {
  ledger: () => import('./ledger-bench'),
  load: () => import('./load-bench'),
  live: () => import('./live-bench'),
  k6: () => import('./k6-bench'),
  tail: () => import('./tail-bench'),
};

async function main(): Promise<void> {
  const requested = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const names = requested.length > 0 ? requested : Object.keys(BENCHES);
  const unknown = names.filter((name) => !Object.hasOwn(BENCHES, name));
  if (unknown.length > 0) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
    process.exit(2);
  }
  for (const name of names) {
    console.log(`== bench ${name}`);
    const bench = await BENCHES[name]!();
    await bench.run();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
