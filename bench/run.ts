/**
 * `npm run bench [-- NAME…] [-- --quick]`: runs each benchmark script in bench/ (or the named ones) in its
 * own process, one after another, passing the flags through. Each script prints a Markdown section with
 * the command that reproduces it; docs/benchmarks.md collects the full runs.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flags = args.filter((a) => a.startsWith('--'));
const named = args.filter((a) => !a.startsWith('--'));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();
const chosen = named.length > 0 ? named : available;
const unknown = chosen.filter((n) => !available.includes(n));
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}; available: ${available.join(', ')}\n`);
  process.exit(2);
}
let failed = 0;
for (const name of chosen) {
  process.stdout.write(`\n<!-- npm run bench -- ${name} ${flags.join(' ')} -->\n`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(here, `${name}.ts`), ...flags], {
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    failed += 1;
    process.stderr.write(`benchmark ${name} failed (exit ${result.status})\n`);
  }
}
process.exit(failed > 0 ? 1 : 0);
