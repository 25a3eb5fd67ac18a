// Debian packages the platform's own scripts install when missing (as tools/infra.mjs installs
// PostGIS): apt-get as root, else through a sudo that asks no password.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

/** The CJK font mediation's agreement PDFs embed (its AGREEMENT_FONT default), from Debian's fonts-wqy-microhei. */
export const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
export const CJK_FONT_PACKAGE = 'fonts-wqy-microhei';

/**
 * Installs the named Debian packages; answers the exit code (0 when there was nothing to do).
 * `run(cmd, args)` runs a command and answers its exit code (each caller logs in its own way).
 */
export function installDebianPackages(packages, run) {
  if (packages.length === 0) return 0;
  const apt = [...(process.getuid?.() === 0 ? [] : ['sudo', '-n']), 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get'];
  return run(apt[0], [...apt.slice(1), 'update', '-qq']) || run(apt[0], [...apt.slice(1), 'install', '-y', '-qq', '--no-install-recommends', ...packages]);
}

/** The font package when the font is missing. */
export const missingFont = () => (fs.existsSync(CJK_FONT) ? [] : [CJK_FONT_PACKAGE]);

/** Runs a command with inherited output; answers its exit code. */
export function runQuietly(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  return r.error ? 1 : (r.status ?? 1);
}
