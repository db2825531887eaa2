import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's chromium (`.ci/run` installs it); `npx playwright install` cannot download browsers here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where every test screenshot goes (git-ignored); `UPDATE_README_SCREENSHOTS=1` also refreshes docs/images/. */
export const ARTIFACTS = join(import.meta.dirname, '..', '.artifacts');
const README_IMAGES = join(import.meta.dirname, '..', '..', '..', 'docs', 'images');

/**
 * Headless chromium as this machine needs it: no sandbox (root), no GPU, and no background
 * networking, sync or component updates (the machine has no internet; each would be refused).
 * Playwright gives every launch a new, empty profile.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Saves a screenshot of the page as a test artifact, and as the README's picture when asked to. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  if (process.env.UPDATE_README_SCREENSHOTS === '1') {
    mkdirSync(README_IMAGES, { recursive: true });
    await page.screenshot({ path: join(README_IMAGES, `${name}.png`), fullPage: false });
  }
}
