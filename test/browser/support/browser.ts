import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';

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

/**
 * Saves a full-page screenshot as a test artifact. With `readme` (the viewport, or one element) and
 * `UPDATE_README_SCREENSHOTS=1`, also refreshes the README's picture `docs/images/<name>.png`.
 */
export async function screenshot(page: Page, name: string, readme?: 'viewport' | Locator): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  if (!readme || process.env.UPDATE_README_SCREENSHOTS !== '1') return;
  mkdirSync(README_IMAGES, { recursive: true });
  const path = join(README_IMAGES, `${name}.png`);
  if (readme === 'viewport') await page.screenshot({ path });
  else await readme.screenshot({ path });
}
