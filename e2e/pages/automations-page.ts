import { expect, type Locator, type Page } from '@playwright/test';

/** The Automations page as a user works it: tabs, forms, and the test panel. */
export class AutomationsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Automations' }).click();
    await expect(this.page.getByRole('heading', { name: 'Automations', exact: true })).toBeVisible();
    await expect(this.page.getByRole('tab', { name: 'Commands' })).toBeVisible();
  }

  async tab(name: 'Commands' | 'Auto-replies' | 'Menu flows' | 'Settings' | 'Run log'): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }

  form(name: string): Locator {
    return this.page.getByRole('form', { name });
  }

  /** The sentence under a form's field (its error, never the hint). */
  errorUnder(form: Locator, label: string): Locator {
    return form
      .locator('.auto-field')
      .filter({ has: this.page.getByLabel(label, { exact: true }) })
      .locator('.field-error');
  }

  /** A long text's character counter, shown as it nears the limit. */
  counterUnder(form: Locator, label: string): Locator {
    return form
      .locator('.auto-field')
      .filter({ has: this.page.getByLabel(label, { exact: true }) })
      .locator('.auto-char-count');
  }

  testPanel(): Locator {
    return this.page.getByRole('complementary', { name: 'Test panel' });
  }

  /** Types as a customer in the test panel; returns the answer block of that turn. */
  async tryMessage(text: string): Promise<Locator> {
    const panel = this.testPanel();
    const before = await panel.getByTestId('test-stage').count();
    await panel.getByLabel('Message').fill(text);
    await panel.getByRole('button', { name: 'Send' }).click();
    await expect(panel.getByTestId('test-stage')).toHaveCount(before + 1);
    return panel.locator('.auto-test-turn').last();
  }
}
