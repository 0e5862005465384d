import { useEffect, useId, useState, type FormEvent } from 'react';
import type { Campaign, CampaignDraft, Template } from '../../../../../src-shared/campaigns';
import type { Contact } from '../../../../../src-shared/contacts';
import { getClient } from '../../../contract';
import { errorMessage } from '../../../lib/errors';
import { useDebounced } from '../../../lib/useDebounced';
import { Dialog } from '../../../ui/Dialog';
import { PlusIcon, TrashIcon } from '../../../ui/icons';
import { addVariant, canAddVariant, newDraft, removeVariant, setVariantText, toggleDay } from '../draft';
import { campaignCall } from '../store';
import { AudienceFields } from './AudienceFields';
import { SafetyFields } from './SafetyFields';
import { VariantMedia } from './VariantMedia';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** `datetime-local` works in local time without a zone: convert both ways here. */
const toLocalInput = (ms: number) => {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};

type Props = { botId: string; campaign: Campaign | null; onClose: () => void };

/**
 * A campaign's message (with variants, variables and spintax), its audience, when it may send
 * and how carefully: everything the engine needs to plan it, checked by the engine on save.
 */
export const CampaignEditor = ({ botId, campaign, onClose }: Props) => {
  const id = useId();
  const [draft, setDraft] = useState<CampaignDraft>(() => campaign?.draft ?? newDraft());
  const [tags, setTags] = useState<{ tag: string; count: number }[]>([]);
  const [templates, setTemplates] = useState<Template[]>([]);
  const [templateNote, setTemplateNote] = useState<string | null>(null);
  const [contacts, setContacts] = useState<Contact[]>([]);
  const [previewFor, setPreviewFor] = useState<number | null>(null);
  const [preview, setPreview] = useState<{ text: string; problem: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const first = draft.variants[0]?.text ?? '';
  const settledText = useDebounced(first, 300);

  useEffect(() => {
    void getClient()
      .call('templates:list', {})
      .then(setTemplates)
      .catch(() => setTemplates([]));
  }, []);

  /** Keeps the first variant as a reusable template (a template of that name gets a new version). */
  const saveTemplate = async () => {
    const name = draft.name.trim() || 'Untitled';
    const existing = templates.find((t) => t.name === name);
    try {
      const saved = await getClient().call('templates:save', {
        ...(existing ? { id: existing.id } : {}),
        name,
        text: first,
        media: null,
      });
      setTemplates((list) => [...list.filter((t) => t.id !== saved.id), saved]);
      setTemplateNote(`Saved as the template “${saved.name}” (version ${saved.version}).`);
    } catch (caught) {
      setTemplateNote(errorMessage(caught));
    }
  };

  useEffect(() => {
    void getClient()
      .call('contacts:list', { filter: { botId, query: '', tag: null, optedOut: 'subscribed' }, limit: 500 })
      .then((page) => setContacts(page.contacts.filter((c) => c.phone !== null)))
      .catch(() => setContacts([]));
  }, [botId]);

  useEffect(() => {
    void getClient()
      .call('contacts:tags', { botId })
      .then(setTags)
      .catch(() => setTags([]));
  }, [botId]);

  useEffect(() => {
    if (settledText.trim() === '') return;
    let live = true;
    void getClient()
      .call('templates:preview', { botId, text: settledText, contactId: previewFor })
      .then((result) => live && setPreview(result))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [botId, settledText, previewFor]);

  const patch = (next: Partial<CampaignDraft>) => setDraft((d) => ({ ...d, ...next }));
  const throttle = (next: Partial<CampaignDraft['throttle']>) =>
    setDraft((d) => ({ ...d, throttle: { ...d.throttle, ...next } }));
  const window = (next: Partial<CampaignDraft['window']>) =>
    setDraft((d) => ({ ...d, window: { ...d.window, ...next } }));

  const submit = async (event: FormEvent, schedule: boolean) => {
    event.preventDefault();
    setBusy(true);
    const refusal = await campaignCall(async () => {
      const saved = await getClient().call('campaigns:save', {
        botId,
        ...(campaign ? { id: campaign.id } : {}),
        draft,
      });
      if (schedule) await getClient().call('campaigns:schedule', { id: saved.id });
    });
    setBusy(false);
    if (refusal) setError(refusal);
    else onClose();
  };

  const title = campaign ? `Edit “${campaign.name}”` : 'New campaign';

  return (
    <Dialog title={title} size="lg" onClose={onClose}>
      <form className="campaign-form" aria-label={title} noValidate onSubmit={(e) => void submit(e, true)}>
        <label className="field-label" htmlFor={`${id}-name`}>
          Campaign name
        </label>
        <input
          id={`${id}-name`}
          className="text-input"
          value={draft.name}
          maxLength={80}
          placeholder="Spring sale"
          data-autofocus
          onChange={(e) => patch({ name: e.target.value })}
        />

        <fieldset className="campaign-section">
          <legend>Message</legend>
          <p className="field-hint">
            {'{{name}}'}, {'{{first_name}}'}, {'{{phone}}'} and your contacts’ custom fields fill in per person;{' '}
            {'{{name|there}}'} gives a fallback. {'{Hi|Hello}'} picks one per person, so messages are not all the same.
          </p>
          {draft.variants.map((variant, index) => (
            <div key={index} className="campaign-variant">
              <label className="field-label" htmlFor={`${id}-variant-${index}`}>
                {draft.variants.length > 1 ? `Variant ${index + 1}` : 'Text'}
              </label>
              <div className="campaign-variant-row">
                <textarea
                  id={`${id}-variant-${index}`}
                  className="text-input campaign-text"
                  rows={4}
                  maxLength={4096}
                  value={variant.text}
                  placeholder="{Hi|Hello} {{first_name|there}}, our spring sale starts today: 20% off everything."
                  onChange={(e) => setDraft((d) => setVariantText(d, index, e.target.value))}
                />
                {draft.variants.length > 1 ? (
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Remove variant ${index + 1}`}
                    onClick={() => setDraft((d) => removeVariant(d, index))}
                  >
                    <TrashIcon size={18} />
                  </button>
                ) : null}
              </div>
              <VariantMedia
                label={draft.variants.length > 1 ? `variant ${index + 1}` : 'the message'}
                media={variant.media}
                onChange={(media) =>
                  setDraft((d) => ({ ...d, variants: d.variants.map((v, at) => (at === index ? { ...v, media } : v)) }))
                }
              />
            </div>
          ))}
          <div className="campaign-templates">
            <label className="field-label" htmlFor={`${id}-template`}>
              Use a template
            </label>
            <select
              id={`${id}-template`}
              className="text-input"
              value=""
              onChange={(e) => {
                const chosen = templates.find((t) => String(t.id) === e.target.value);
                if (chosen) setDraft((d) => setVariantText(d, 0, chosen.text));
              }}
            >
              <option value="">{templates.length === 0 ? 'No templates yet' : 'Choose…'}</option>
              {templates.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name} (v{t.version})
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button button-ghost"
              disabled={first.trim() === ''}
              onClick={() => void saveTemplate()}
            >
              Save as template
            </button>
            {templateNote ? (
              <span className="field-hint" role="status">
                {templateNote}
              </span>
            ) : null}
          </div>
          {canAddVariant(draft) ? (
            <button type="button" className="button button-ghost" onClick={() => setDraft(addVariant)}>
              <PlusIcon size={16} /> Add a variant (recipients take turns)
            </button>
          ) : null}
          {preview && first.trim() !== '' ? (
            <div className="campaign-preview" data-testid="campaign-preview">
              <label className="field-label" htmlFor={`${id}-preview-for`}>
                Preview for
              </label>
              <select
                id={`${id}-preview-for`}
                className="text-input campaign-preview-for"
                value={previewFor ?? ''}
                onChange={(e) => setPreviewFor(e.target.value === '' ? null : Number(e.target.value))}
              >
                <option value="">A sample contact</option>
                {contacts.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name ?? c.pushName ?? c.phone}
                  </option>
                ))}
              </select>
              <p className="campaign-preview-bubble">{preview.text}</p>
              {preview.problem ? (
                <p className="field-error" role="alert">
                  {preview.problem}
                </p>
              ) : null}
            </div>
          ) : null}
        </fieldset>

        <AudienceFields draft={draft} setDraft={setDraft} tags={tags} contacts={contacts} />

        <fieldset className="campaign-section">
          <legend>When</legend>
          <div className="campaign-grid">
            <label className="field-label" htmlFor={`${id}-start`}>
              Start
            </label>
            <input
              id={`${id}-start`}
              type="datetime-local"
              className="text-input"
              value={draft.startAt === null ? '' : toLocalInput(draft.startAt)}
              onChange={(e) => patch({ startAt: e.target.value ? new Date(e.target.value).getTime() : null })}
            />
            <span className="field-hint">Empty: as soon as it is scheduled (inside the window).</span>
            <label className="field-label" htmlFor={`${id}-from`}>
              Sending window
            </label>
            <span className="campaign-window">
              <input
                id={`${id}-from`}
                aria-label="Window opens"
                type="time"
                className="text-input"
                value={draft.window.start}
                onChange={(e) => window({ start: e.target.value })}
              />
              –
              <input
                aria-label="Window closes"
                type="time"
                className="text-input"
                value={draft.window.end}
                onChange={(e) => window({ end: e.target.value })}
              />
              <input
                aria-label="Time zone"
                className="text-input campaign-zone"
                value={draft.window.timeZone}
                onChange={(e) => window({ timeZone: e.target.value })}
              />
            </span>
            <span className="campaign-days" role="group" aria-label="Days">
              {DAYS.map((day, index) => (
                <label key={day} className="campaign-day">
                  <input
                    type="checkbox"
                    checked={draft.window.days.includes(index)}
                    onChange={() => setDraft((d) => toggleDay(d, index))}
                  />
                  {day}
                </label>
              ))}
            </span>
          </div>
        </fieldset>

        <SafetyFields throttle={draft.throttle} onChange={throttle} />

        {error ? (
          <p className="field-error campaign-form-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="campaign-form-footer">
          <button type="button" className="button button-ghost" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="button button-secondary"
            disabled={busy}
            onClick={(e) => void submit(e, false)}
          >
            Save draft
          </button>
          <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
            Save and schedule
          </button>
        </div>
      </form>
    </Dialog>
  );
};
