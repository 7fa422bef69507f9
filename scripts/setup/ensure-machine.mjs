// @ts-check
/**
 * `node scripts/setup/ensure-machine.mjs start|test`: run first by `npm start` and `npm test`, so
 * that either works as the first command on a fresh clone. Checks Node, ../shared and the Debian
 * packages the command needs (installing the missing ones when it may: as root or with
 * passwordless sudo), then installs the npm packages when node_modules is missing or older than
 * the lockfile. Anything it cannot mend stops it with one sentence saying what to run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEBIAN_PACKAGES, MIN_NODE, debianPlan, nodeTooOld, packagesFor } from './machine-plan.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** @param {string} message */
function stop(message) {
  console.error(message);
  process.exit(1);
}

/** @param {string} name */
function onPath(name) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, name)));
}

/** @param {import('./machine-plan.mjs').Presence} presence */
function isPresent(presence) {
  if (presence.files && !presence.files.every((file) => existsSync(file))) return false;
  if (presence.command && !onPath(presence.command)) return false;
  if (presence.fontLanguage) {
    const fonts = spawnSync('fc-list', [`:lang=${presence.fontLanguage}`], { encoding: 'utf8' });
    if (fonts.status !== 0 || !fonts.stdout.trim()) return false;
  }
  return true;
}

/** @returns {import('./machine-plan.mjs').Rights} */
function rights() {
  if (process.getuid?.() === 0) return 'root';
  return spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0 ? 'sudo' : 'none';
}

/** @param {'start' | 'test'} command */
function ensureDebianPackages(command) {
  const missing = packagesFor(command)
    .filter((pkg) => !isPresent(pkg.present))
    .map((pkg) => pkg.name);
  if (missing.length === 0) return;
  const plan = debianPlan({ command, missing, rights: rights(), hasApt: onPath('apt-get') });
  if (plan.kind === 'stop') stop(plan.message);
  if (plan.kind !== 'install') return;
  console.error(`Installing ${plan.names.join(', ')} with apt-get…`);
  for (const [program, ...args] of plan.steps) {
    // Quiet when it works; apt's own words when it does not.
    const result = spawnSync(/** @type {string} */ (program), args, { encoding: 'utf8' });
    if (result.status !== 0) {
      process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
      stop(`apt-get failed (${[program, ...args].join(' ')}).`);
    }
  }
  const still = DEBIAN_PACKAGES.filter((pkg) => plan.names.includes(pkg.name) && !isPresent(pkg.present));
  if (still.length) stop(`apt-get installed ${still.map((pkg) => pkg.name).join(', ')} but it is still not found.`);
}

/** @param {string} path */
function modified(path) {
  return existsSync(path) ? statSync(path).mtimeMs : null;
}

function ensureNpmPackages() {
  // npm writes node_modules/.package-lock.json on every install: older than the lockfile means
  // the lockfile changed since (a pull, a branch switch).
  const installed = modified(join(ROOT, 'node_modules/.package-lock.json'));
  const locked = modified(join(ROOT, 'package-lock.json'));
  if (installed !== null && locked !== null && installed >= locked) return;
  console.error('Installing the npm packages (npm ci)…');
  const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
  if (npm.status !== 0) stop('npm ci failed (its output is above).');
}

function main() {
  const command = process.argv[2];
  if (command !== 'start' && command !== 'test') stop('usage: node scripts/setup/ensure-machine.mjs start|test');
  const startedAt = Date.now();
  if (nodeTooOld(process.versions.node)) {
    stop(
      `Pizhu needs Node ${MIN_NODE.join('.')} or newer and this is Node ${process.versions.node}: install a newer Node, then run npm ${command} again.`,
    );
  }
  const shared = resolve(ROOT, '../shared');
  if (!existsSync(join(shared, 'corpus')) || !existsSync(join(shared, 'examples'))) {
    stop(`../shared (the corpus and the example articles) must sit beside this checkout, at ${shared}.`);
  }
  ensureDebianPackages(/** @type {'start' | 'test'} */ (command));
  ensureNpmPackages();
  const seconds = (Date.now() - startedAt) / 1000;
  if (seconds >= 1) console.error(`Machine ready for npm ${command} in ${seconds.toFixed(0)} s.`);
}

main();
