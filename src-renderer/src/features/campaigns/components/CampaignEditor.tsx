import { useEffect, useId, useState, type FormEvent } from 'react';
import type { Campaign, CampaignDraft } from '../../../../../src-shared/campaigns';
import type { Contact } from '../../../../../src-shared/contacts';
import { getClient } from '../../../contract';
import { clearField, fieldError, formErrors, NO_ERRORS, type FormErrors } from '../../../lib/errors';
import { Dialog } from '../../../ui/Dialog';
import { Field } from '../../automations/components/Field';
import { newDraft, toggleDay } from '../draft';
import { useCampaignsStore } from '../store';
import { AudienceFields } from './AudienceFields';
import { MessageFields } from './MessageFields';
import { SafetyFields } from './SafetyFields';
import { WhenFields } from './WhenFields';

/** Every part of the draft a field of this form shows; a refusal of anything else goes to the message line. */
const SHOWN = [
  'name',
  'variants',
  'audience',
  'startAt',
  'window.start',
  'window.end',
  'window.days',
  'window.timeZone',
  'throttle.delayMinSeconds',
  'throttle.delayMaxSeconds',
  'throttle.pauseEvery',
  'throttle.pauseMinutes',
  'throttle.dailyCap',
  'throttle.warmup',
];

/** A flagged campaign opens with its stored problem under the fields it concerns. */
const initialErrors = (campaign: Campaign | null): FormErrors =>
  campaign?.problem
    ? {
        fields: Object.fromEntries(
          Object.entries(campaign.problem.fields).filter(([key]) =>
            SHOWN.some((k) => key === k || key.startsWith(`${k}.`)),
          ),
        ),
        general: campaign.problem.message,
      }
    : NO_ERRORS;

type Props = { botId: string; campaign: Campaign | null; onClose: () => void };

/**
 * A campaign's message (with variants, variables and spintax), its audience, when it may send
 * and how carefully: everything the engine needs to plan it, checked by the engine on save.
 * Each refusal shows under its field and goes when that field is edited.
 */
export const CampaignEditor = ({ botId, campaign, onClose }: Props) => {
  const id = useId();
  const [draft, setDraft] = useState<CampaignDraft>(() => campaign?.draft ?? newDraft());
  const [tags, setTags] = useState<{ tag: string; count: number }[]>([]);
  const [contacts, setContacts] = useState<Contact[]>([]);
  const [errors, setErrors] = useState<FormErrors>(() => initialErrors(campaign));
  const [busy, setBusy] = useState(false);
  // A draft saved by a "Save and schedule" whose scheduling was refused: the next try edits it.
  const [savedId, setSavedId] = useState<number | null>(campaign?.id ?? null);
  const linkedAt = useCampaignsStore((s) => (s.health?.botId === botId ? s.health.linkedAt : null));

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

  /** Editing a field clears its sentence; the stored problem's line goes once none of its fields is left. */
  const edited = (key: string) =>
    setErrors((e) => {
      const next = clearField(e, key);
      const fromProblem = next.general !== null && next.general === campaign?.problem?.message;
      return fromProblem && Object.keys(next.fields).length === 0 ? { ...next, general: null } : next;
    });
  const error = (key: string) => fieldError(errors, key);
  const patch = (key: string, next: Partial<CampaignDraft>) => {
    edited(key);
    setDraft((d) => ({ ...d, ...next }));
  };

  const submit = async (event: FormEvent | null, schedule: boolean) => {
    event?.preventDefault();
    setBusy(true);
    setErrors(NO_ERRORS);
    let id = savedId;
    try {
      const saved = await getClient().call('campaigns:save', { botId, ...(id === null ? {} : { id }), draft });
      id = saved.id;
      setSavedId(saved.id);
      if (schedule) await getClient().call('campaigns:schedule', { id: saved.id });
      await useCampaignsStore.getState().reload();
      setBusy(false);
      onClose();
    } catch (caught) {
      setBusy(false);
      setErrors(formErrors(caught, { prefix: 'draft.', known: SHOWN }));
      if (id !== null) await useCampaignsStore.getState().reload();
    }
  };

  const title = campaign ? `Edit “${campaign.name}”` : 'New campaign';
  const formId = `${id}-form`;

  return (
    <Dialog
      title={<span className="campaign-title-text">{title}</span>}
      size="lg"
      onClose={onClose}
      footer={
        <div className="campaign-form-footer">
          {errors.general ? (
            <p className="field-error campaign-form-error" role="alert">
              {errors.general}
            </p>
          ) : null}
          <button type="button" className="button button-ghost" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="button button-secondary"
            disabled={busy}
            onClick={() => void submit(null, false)}
          >
            Save draft
          </button>
          <button type="submit" form={formId} className="button button-primary" disabled={busy} aria-busy={busy}>
            Save and schedule
          </button>
        </div>
      }
    >
      <form
        id={formId}
        className="campaign-form auto-form-flat"
        aria-label={title}
        noValidate
        onSubmit={(e) => void submit(e, true)}
      >
        <Field label="Campaign name" error={error('name')}>
          {(control) => (
            <input
              {...control}
              className={`text-input${error('name') ? ' text-input-invalid' : ''}`}
              value={draft.name}
              maxLength={80}
              placeholder="Spring sale"
              data-autofocus
              onChange={(e) => patch('name', { name: e.target.value })}
            />
          )}
        </Field>

        <MessageFields
          botId={botId}
          draft={draft}
          setDraft={setDraft}
          contacts={contacts}
          error={error}
          edited={edited}
        />

        <AudienceFields
          draft={draft}
          setDraft={(next) => {
            edited('audience');
            setDraft(next);
          }}
          tags={tags}
          contacts={contacts}
          error={error('audience')}
        />

        <WhenFields
          startAt={draft.startAt}
          window={draft.window}
          error={error}
          onStart={(startAt) => patch('startAt', { startAt })}
          onWindow={(next) => {
            // Start and end are refused together ("must differ"): either edit clears both.
            for (const key of Object.keys(next)) edited(key === 'timeZone' ? 'window.timeZone' : 'window.start');
            if (!('timeZone' in next)) edited('window.end');
            setDraft((d) => ({ ...d, window: { ...d.window, ...next } }));
          }}
          onToggleDay={(day) => {
            edited('window.days');
            setDraft((d) => toggleDay(d, day));
          }}
        />

        <SafetyFields
          throttle={draft.throttle}
          linkedAt={linkedAt}
          error={(key) => error(`throttle.${key}`)}
          onChange={(next) => {
            for (const key of Object.keys(next)) edited(`throttle.${key}`);
            // "The longest must be at least the shortest" is under the longest: the shortest fixes it too.
            if ('delayMinSeconds' in next) edited('throttle.delayMaxSeconds');
            setDraft((d) => ({ ...d, throttle: { ...d.throttle, ...next } }));
          }}
        />
      </form>
    </Dialog>
  );
};
