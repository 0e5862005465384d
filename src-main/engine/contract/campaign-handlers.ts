import type { BotService } from '../bots/service';
import type { CampaignScheduler } from '../campaigns/scheduler';
import type { CampaignService } from '../campaigns/service';
import type { TemplateService } from '../templates/service';
import type { Dispatcher } from './dispatcher';
import type { UploadedFiles } from './upload-handlers';

/** Binds the Campaigns page's calls: templates, campaigns and the bot's sending health. */
export const registerCampaignHandlers = (
  dispatcher: Dispatcher,
  deps: {
    bots: BotService;
    templates: TemplateService;
    campaigns: CampaignService;
    scheduler: CampaignScheduler;
  },
  files: UploadedFiles,
): void => {
  const { handle } = dispatcher;
  const { bots, templates, campaigns } = deps;
  /** Answers not_found for a bot that does not exist, instead of figures for nobody. */
  const knownBot = (botId: string): string => bots.get(botId).id;
  handle('templates:list', () => templates.list());
  handle('templates:save', (input) => templates.save(input));
  handle('templates:delete', ({ id }) => templates.remove(id));
  handle('templates:versions', ({ id }) => templates.versions(id));
  handle('templates:upload', ({ name, ...source }) =>
    files.withBytes(source, 'file', (bytes) => templates.upload(name, bytes)),
  );
  handle('templates:preview', ({ botId, text, contactId }) => templates.preview(knownBot(botId), text, contactId));
  handle('campaigns:list', ({ botId }) => campaigns.list(botId));
  handle('campaigns:get', ({ id }) => campaigns.get(id));
  handle('campaigns:save', ({ botId, id, draft }) => campaigns.save(botId, id, draft));
  handle('campaigns:schedule', ({ id }) => campaigns.schedule(id));
  handle('campaigns:pause', ({ id }) => campaigns.pause(id));
  handle('campaigns:resume', ({ id }) => campaigns.resume(id));
  handle('campaigns:cancel', ({ id }) => campaigns.cancel(id));
  handle('campaigns:duplicate', ({ id }) => campaigns.duplicate(id));
  handle('campaigns:delete', ({ id }) => campaigns.remove(id));
  handle('campaigns:recipients', (input) => campaigns.recipients(input));
  handle('campaigns:export', ({ id }) => campaigns.export(id));
  handle('campaigns:health', ({ botId }) => deps.scheduler.health(knownBot(botId)));
};
