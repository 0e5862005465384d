import Database from 'better-sqlite3';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { CampaignsPage } from './pages/campaigns-page';
import { call, createLinkedDemoBot } from './pages/chats-page';
import { ContactsPage } from './pages/contacts-page';

/** A 1×1 PNG. */
const PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const CSV = [
  'Name;Phone;City',
  'Ana Souza;+44 7700 900501;Leeds',
  'Ben Carter;07700 900502;York',
  'Broken;12345;Hull',
  'Ana again;+447700900501;Leeds',
  'Chloé Martin;="00447700900503";Bath',
].join('\r\n');

test('import contacts, tag them, send a campaign safely, and leave out whoever answers STOP', async ({
  bots,
  host,
  page,
}) => {
  const botId = await createLinkedDemoBot(bots, 'Corner Shop');

  // Import: bad rows are reported with their line and reason; the good ones are listed.
  const contacts = new ContactsPage(page);
  await contacts.open();
  const dialog = await contacts.importPreview(CSV);
  const result = await contacts.runImport(dialog, 'spring');
  await expect(result).toContainText('Line 4: “12345” is not a valid phone number');
  await expect(result).toContainText('Line 5: +447700900501 is already on line 2 (duplicate).');
  await result.page().getByRole('button', { name: 'Done' }).click();
  // (The Demo phone's own chats add a contact or two of their own.)
  await expect(contacts.rows().filter({ hasText: 'spring' })).toHaveCount(3);
  // Tag one of them by hand.
  await contacts.select('Ben Carter');
  await contacts.bulkTag('vip');
  await expect(contacts.row('Ben Carter')).toContainText('vip');

  // A campaign with a variable and spintax, previewed before it is scheduled.
  const campaigns = new CampaignsPage(page);
  await campaigns.open();
  const editor = await campaigns.write({
    name: 'Spring sale',
    text: '{Hi|Hello} {{first_name|there}}, 20% off in {{city}}!',
    tag: 'spring',
  });
  await expect(editor.getByTestId('campaign-preview')).toContainText(/(Hi|Hello) Ana, 20% off in !/);
  await editor.getByRole('button', { name: 'Save as template' }).click();
  await expect(editor.getByRole('status')).toHaveText('Saved as the template “Spring sale” (version 1).');
  await editor.getByRole('button', { name: 'Save and schedule' }).click();
  await expect(editor).toBeHidden();
  await campaigns.row('Spring sale').click();
  const detail = campaigns.detail('Spring sale');

  // Progress and receipts arrive live; pause and resume in between.
  // Delivered counts the read ones too (a funnel: sent ≥ delivered ≥ read).
  const receipts = async () => Number(await campaigns.count('Spring sale', 'delivered').innerText());
  await expect.poll(receipts, { timeout: 30_000 }).toBeGreaterThan(0);
  await campaigns.action('Spring sale', 'Pause');
  await expect(detail.getByTestId('campaign-note')).toHaveText('Paused by you.');
  await campaigns.action('Spring sale', 'Resume');
  await expect(campaigns.row('Spring sale')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(detail.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  await expect(detail.getByTestId('recipient-row')).toHaveCount(3);
  const sent = Number(await campaigns.count('Spring sale', 'sent').innerText());
  const delivered = Number(await campaigns.count('Spring sale', 'delivered').innerText());
  const read = Number(await campaigns.count('Spring sale', 'read').innerText());
  expect(sent).toBe(3);
  expect(delivered).toBeLessThanOrEqual(sent);
  expect(read).toBeLessThanOrEqual(delivered);
  await expect(detail.getByTestId('recipient-row').filter({ hasText: 'Ana Souza' })).toContainText(
    /(Hi|Hello) Ana, 20% off in Leeds!/,
  );

  const report = await campaigns.exportReport('Spring sale');
  expect(report.split('\r\n')[0]).toBe(
    '\uFEFFphone,name,variant,status,attempts,error,sent_at,delivered_at,read_at,text',
  );
  // A leading + is neutralised against formulas (a spreadsheet would run it); importing reads it back.
  expect(report).toContain(`"'+447700900502",Ben Carter,1,`);

  // Ana answers STOP: she is opted out, and the next campaign leaves her out and says so.
  await call(host, 'demo:receive', { botId, from: '+447700900501', text: 'STOP' });
  await contacts.open();
  await expect(contacts.row('Ana Souza')).toContainText('Opted out');
  await campaigns.open();
  const next = await campaigns.write({
    name: 'Summer sale',
    text: 'Summer is here, {{first_name|friend}}!',
    tag: 'spring',
  });
  // The saved template is there to start from.
  await next.getByLabel('Use a template').selectOption({ label: 'Spring sale (v1)' });
  await expect(next.getByLabel('Text', { exact: true })).toHaveValue(
    '{Hi|Hello} {{first_name|there}}, 20% off in {{city}}!',
  );
  await next.getByLabel('Text', { exact: true }).fill('Summer is here, {{first_name|friend}}!');
  // A preview for a chosen contact, and a picture that goes with the text.
  await next.getByLabel('Preview for').selectOption({ label: 'Ben Carter' });
  await expect(next.getByTestId('campaign-preview')).toContainText('Summer is here, Ben!');
  await next
    .getByLabel('Picture or document for the message')
    .setInputFiles({ name: 'summer.png', mimeType: 'image/png', buffer: Buffer.from(PIXEL_PNG, 'base64') });
  await expect(next.getByText('Picture: summer.png')).toBeVisible();
  await next.getByRole('button', { name: 'Save and schedule' }).click();
  await campaigns.row('Summer sale').click();
  await expect(campaigns.detail('Summer sale')).toContainText('Left out when planned: 1 opted out.');
  await expect(campaigns.row('Summer sale')).toContainText('of 2 sent');
});

test('the campaign form puts each refusal under its field, in words, and clears it when the field is fixed', async ({
  bots,
  page,
}) => {
  await createLinkedDemoBot(bots, 'Corner Shop');
  const campaigns = new CampaignsPage(page);
  await campaigns.open();
  await page.getByRole('button', { name: 'New campaign' }).click();
  const editor = campaigns.editor();
  await editor.getByRole('button', { name: 'Save draft' }).click();
  await expect(campaigns.fieldError(editor, 'Campaign name')).toHaveText('Give the campaign a name.');
  await expect(campaigns.fieldError(editor, 'Text')).toHaveText('Write the message.');
  await expect(editor).not.toContainText('draft.');
  await expect(editor).not.toContainText('Too small');
  // Fixing a field takes its sentence away; the other stays until it is fixed too.
  await editor.getByLabel('Campaign name').fill('Spring sale');
  await expect(campaigns.fieldError(editor, 'Campaign name')).toHaveCount(0);
  await expect(campaigns.fieldError(editor, 'Text')).toHaveText('Write the message.');
  await editor.getByLabel('Text', { exact: true }).fill('x'.repeat(3400));
  await expect(campaigns.fieldError(editor, 'Text')).toHaveCount(0);
  await expect(editor.getByText('3400 / 4096 characters')).toBeVisible();
  await editor.getByLabel('Text', { exact: true }).fill('Hello {{first_name|there}}!');
  await expect(editor.getByText(/\/ 4096 characters/)).toHaveCount(0);

  // Time zones come from the list: searching chooses the first match.
  await editor.getByLabel('Search zones').fill('tokyo');
  await expect(editor.getByLabel('Time zone', { exact: true })).toHaveValue('Asia/Tokyo');

  // The longest gap below the shortest is refused under the longest gap, and the shortest can fix it.
  await editor.getByLabel('Shortest gap (s)').fill('60');
  await editor.getByLabel('Longest gap (s)').fill('30');
  await editor.getByRole('button', { name: 'Save draft' }).click();
  await expect(campaigns.fieldError(editor, 'Longest gap (s)')).toHaveText(
    'The longest delay must be at least the shortest.',
  );
  await editor.getByLabel('Shortest gap (s)').fill('20');
  await expect(campaigns.fieldError(editor, 'Longest gap (s)')).toHaveCount(0);
  await editor.getByRole('button', { name: 'Save draft' }).click();
  await expect(editor).toBeHidden();
  await expect(campaigns.row('Spring sale')).toHaveAttribute('data-status', 'draft');
});

test('a stored campaign with a time zone that does not exist is listed, flagged, and can be fixed', async ({
  bots,
  host,
  page,
}) => {
  const botId = await createLinkedDemoBot(bots, 'Corner Shop');
  // One long unbroken word, as pasted from somewhere.
  const name = 'MarsPromotion'.repeat(6);
  const saved = await call(host, 'campaigns:save', {
    botId,
    draft: {
      name,
      variants: [{ text: 'Hello!', media: null }],
      audience: { kind: 'all' },
      window: { timeZone: 'UTC' },
      throttle: {},
    },
  });
  // As an older version wrote it: straight into the file, past the schema.
  const db = new Database(join(host.dataDir, 'wren.db'));
  try {
    const row = db.prepare('SELECT draft FROM campaigns WHERE id = ?').get(saved.id) as { draft: string };
    const draft = JSON.parse(row.draft) as { window: { timeZone: string } };
    draft.window.timeZone = 'Mars/Olympus';
    db.prepare('UPDATE campaigns SET draft = ? WHERE id = ?').run(JSON.stringify(draft), saved.id);
  } finally {
    db.close();
  }
  const campaigns = new CampaignsPage(page);
  await campaigns.open();
  const row = campaigns.row(name);
  await expect(row).toHaveAttribute('data-problem', 'true');
  await expect(row.getByTestId('campaign-problem')).toHaveText(
    'This campaign is not sent: Its time zone “Mars/Olympus” does not exist. Edit it to fix this.',
  );
  // A long name is cut in the list, never pushing the status out.
  await expect(row.locator('.campaign-status')).toBeInViewport();
  await row.click();
  await campaigns.action(name, 'Edit');
  const editor = campaigns.editor();
  await expect(campaigns.fieldError(editor, 'Time zone')).toHaveText(
    'Pick a time zone from the list, like Europe/London.',
  );
  await editor.getByLabel('Search zones').fill('London');
  await expect(campaigns.fieldError(editor, 'Time zone')).toHaveCount(0);
  await editor.getByRole('button', { name: 'Save draft' }).click();
  await expect(editor).toBeHidden();
  await expect(row).not.toHaveAttribute('data-problem', 'true');
});
