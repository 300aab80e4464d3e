/**
 * How the journeys and the editor benchmarks launch Debian's Chromium (`npx playwright install`
 * cannot work on this machine): headless, no sandbox (CI runs as root), no GPU, no background
 * traffic.
 */
export const CHROMIUM_LAUNCH = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};
