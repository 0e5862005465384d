import { useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import type { CampaignDraft, Template } from '../../../../../src-shared/campaigns';
import type { Contact } from '../../../../../src-shared/contacts';
import { MESSAGE_TEXT_MAX } from '../../../../../src-shared/inbox';
import { getClient } from '../../../contract';
import { errorMessage } from '../../../lib/errors';
import { useDebounced } from '../../../lib/useDebounced';
import { PlusIcon, TrashIcon } from '../../../ui/icons';
import { Field } from '../../automations/components/Field';
import { addVariant, canAddVariant, removeVariant, setVariantText } from '../draft';
import { characterCount } from '../format';
import { VariantMedia } from './VariantMedia';

type Props = {
  botId: string;
  draft: CampaignDraft;
  setDraft: Dispatch<SetStateAction<CampaignDraft>>;
  contacts: Contact[];
  /** The sentence for a field of the draft (`variants.0`), or null. */
  error: (key: string) => string | null;
  /** Called when a field is edited, so its sentence goes. */
  edited: (key: string) => void;
};

/** The message: its variants (with variables, spintax and a file), templates, and a live preview. */
export const MessageFields = ({ botId, draft, setDraft, contacts, error, edited }: Props) => {
  const [templates, setTemplates] = useState<Template[]>([]);
  const [templateNote, setTemplateNote] = useState<string | null>(null);
  const [previewFor, setPreviewFor] = useState<number | null>(null);
  const [preview, setPreview] = useState<{ text: string; problem: string | null } | null>(null);
  const first = draft.variants[0]?.text ?? '';
  const settledText = useDebounced(first, 300);

  useEffect(() => {
    void getClient()
      .call('templates:list', {})
      .then(setTemplates)
      .catch(() => setTemplates([]));
  }, []);

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

  const several = draft.variants.length > 1;
  return (
    <fieldset className="campaign-section">
      <legend>Message</legend>
      <p className="field-hint campaign-section-hint">
        {'{{name}}'}, {'{{first_name}}'}, {'{{phone}}'} and your contacts’ custom fields fill in per person;{' '}
        {'{{name|there}}'} gives a fallback. {'{Hi|Hello}'} picks one per person, so messages are not all the same.
      </p>
      {error('variants') && !draft.variants.some((_, i) => error(`variants.${i}`)) ? (
        <p className="field-error" role="alert">
          {error('variants')}
        </p>
      ) : null}
      {draft.variants.map((variant, index) => {
        const count = characterCount(variant.text.length, MESSAGE_TEXT_MAX);
        return (
          <div key={index} className="campaign-variant">
            <div className="campaign-variant-row">
              <Field
                label={several ? `Variant ${index + 1}` : 'Text'}
                error={error(`variants.${index}`)}
                hint={count ? <span className="campaign-counter">{count.text} characters</span> : undefined}
                className="campaign-variant-field"
              >
                {(control) => (
                  <textarea
                    {...control}
                    className={`text-input text-area campaign-text${error(`variants.${index}`) ? ' text-input-invalid' : ''}`}
                    rows={4}
                    maxLength={MESSAGE_TEXT_MAX}
                    value={variant.text}
                    placeholder="{Hi|Hello} {{first_name|there}}, our spring sale starts today: 20% off everything."
                    onChange={(e) => {
                      edited(`variants.${index}`);
                      setDraft((d) => setVariantText(d, index, e.target.value));
                    }}
                  />
                )}
              </Field>
              {several ? (
                <button
                  type="button"
                  className="icon-button campaign-variant-remove"
                  aria-label={`Remove variant ${index + 1}`}
                  onClick={() => {
                    edited('variants');
                    setDraft((d) => removeVariant(d, index));
                  }}
                >
                  <TrashIcon size={18} />
                </button>
              ) : null}
            </div>
            <VariantMedia
              label={several ? `variant ${index + 1}` : 'the message'}
              media={variant.media}
              onChange={(media) =>
                setDraft((d) => ({ ...d, variants: d.variants.map((v, at) => (at === index ? { ...v, media } : v)) }))
              }
            />
          </div>
        );
      })}
      <div className="campaign-templates">
        <Field label="Use a template" className="campaign-template-field">
          {(control) => (
            <select
              {...control}
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
          )}
        </Field>
        <button
          type="button"
          className="button button-ghost"
          disabled={first.trim() === ''}
          onClick={() => void saveTemplate()}
        >
          Save as template
        </button>
        {canAddVariant(draft) ? (
          <button type="button" className="button button-ghost" onClick={() => setDraft(addVariant)}>
            <PlusIcon size={16} /> Add a variant (recipients take turns)
          </button>
        ) : null}
      </div>
      {templateNote ? (
        <p className="field-hint" role="status">
          {templateNote}
        </p>
      ) : null}
      {preview && first.trim() !== '' ? (
        <div className="campaign-preview" data-testid="campaign-preview">
          <Field label="Preview for" className="campaign-preview-for">
            {(control) => (
              <select
                {...control}
                className="text-input"
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
            )}
          </Field>
          <p className="campaign-preview-bubble">{preview.text}</p>
          {preview.problem ? (
            <p className="field-error" role="alert">
              {preview.problem}
            </p>
          ) : null}
        </div>
      ) : null}
    </fieldset>
  );
};
