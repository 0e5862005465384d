import { test as base } from '@playwright/test';
import { startHost, type RunningHost } from './host';
import { BotsPage } from './pages/bots-page';

/** Each test gets its own data dir and a fresh headless host. */
export const test = base.extend<{ host: RunningHost; bots: BotsPage }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures must destructure their dependencies
  host: async ({}, use) => {
    const host = await startHost();
    await use(host);
    await host.stop();
  },
  bots: async ({ page, host }, use) => {
    await page.goto(host.url);
    const bots = new BotsPage(page);
    await bots.waitReady();
    await use(bots);
  },
});

export { expect } from '@playwright/test';
