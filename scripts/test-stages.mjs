// @ts-check
/**
 * The stages of `npm test`, in order, each a list of package.json scripts: stops at the first
 * that fails and prints how long each stage took, so a CI log shows where the time goes.
 */
import { spawnSync } from 'node:child_process';

/** @type {[stage: string, scripts: string[]][]} */
const STAGES = [
  ['type check + lint', ['hostile:reset', 'typecheck', 'lint']],
  ['unit', ['test:unit']],
  // lint:firefox builds for Firefox before it lints; the browser tests then find both builds fresh.
  ['builds', ['build', 'lint:firefox']],
  ['real-browser Chromium', ['test:e2e:chromium']],
  ['real-browser Firefox', ['test:e2e:firefox', 'hostile:report']],
];

/** @type {[stage: string, seconds: number][]} */
const timings = [];

function printTimings() {
  const width = Math.max(...STAGES.map(([stage]) => stage.length));
  for (const [stage, seconds] of timings) console.error(`${stage.padEnd(width)}  ${seconds.toFixed(0).padStart(5)} s`);
}

for (const [stage, scripts] of STAGES) {
  const startedAt = Date.now();
  for (const script of scripts) {
    console.error(`> npm run ${script}`);
    const result = spawnSync('npm', ['run', '--silent', script], { stdio: 'inherit' });
    if (result.status !== 0) {
      timings.push([stage, (Date.now() - startedAt) / 1000]);
      printTimings();
      console.error(`npm test failed in its ${stage} stage, at npm run ${script}.`);
      process.exit(result.status ?? 1);
    }
  }
  timings.push([stage, (Date.now() - startedAt) / 1000]);
}
printTimings();
