// The browser of the end-to-end suites: Debian's chromium (npm test installs it when missing;
// CHROMIUM_PATH names another), driven headless by playwright-core, which never downloads one.
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Starts headless chromium; fails with what to install when it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no browser at ${CHROMIUM}: npm test installs Debian's chromium (apt-get install -y chromium), or set CHROMIUM_PATH`);
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] }); // CI runs as root
}
