import { expect, test } from './fixtures';
import { createLinkedDemoBot } from './pages/chats-page';
import { ContactsPage } from './pages/contacts-page';

/**
 * A file larger than any one WebSocket frame goes to Wren in chunks: a 25 MB export of 100,000
 * contacts (it once ended the headless host) is previewed and imported, with the host up all along.
 */
test('imports a 25 MB CSV of 100,000 contacts without losing the connection', async ({ bots, page }) => {
  test.setTimeout(180_000);
  await createLinkedDemoBot(bots, 'Big Shop');
  const notes = 'Met at the spring fair; prefers messages after 6 pm; ' + 'x'.repeat(180);
  const lines = ['Name,Phone,Notes'];
  for (let i = 0; i < 100_000; i++) lines.push(`Customer ${i},+447911${100_000 + i},${notes}`);
  const csv = lines.join('\r\n');
  expect(csv.length).toBeGreaterThan(25 * 1024 * 1024);

  const contacts = new ContactsPage(page);
  await contacts.open();
  const dialog = await contacts.importPreview(csv, 'everyone.csv');
  await expect(dialog).toContainText('100,000 rows');
  const result = await contacts.runImport(dialog, 'fair', 120_000);
  await expect(result).toContainText('100,000');
  await expect(page.getByText('Reconnecting to Wren')).toHaveCount(0);
  await result.page().getByRole('button', { name: 'Done' }).click();
  await expect(contacts.total()).toContainText(/100,0\d\d contacts/);
});
