import { useId, useState, type Dispatch, type SetStateAction } from 'react';
import type { CampaignDraft } from '../../../../../src-shared/campaigns';
import type { Contact } from '../../../../../src-shared/contacts';
import { setAudienceKind } from '../draft';

type Props = {
  draft: CampaignDraft;
  setDraft: Dispatch<SetStateAction<CampaignDraft>>;
  tags: { tag: string; count: number }[];
  /** The bot's subscribed contacts with a number (the first 500), for a hand-picked audience. */
  contacts: Contact[];
  /** The refusal of the audience (no tag chosen, nobody picked), or null. */
  error: string | null;
};

/** Who gets the campaign: everyone, contacts with some tags, or contacts picked by hand. */
export const AudienceFields = ({ draft, setDraft, tags, contacts, error }: Props) => {
  const id = useId();
  const [search, setSearch] = useState('');
  const { audience } = draft;
  const choose = (kind: CampaignDraft['audience']['kind']) => setDraft((d) => setAudienceKind(d, kind));
  const shown = contacts.filter((c) =>
    `${c.name ?? ''} ${c.pushName ?? ''} ${c.phone ?? ''}`.toLowerCase().includes(search.trim().toLowerCase()),
  );
  return (
    <fieldset className="campaign-section">
      <legend>Audience</legend>
      <div className="campaign-choices" role="radiogroup" aria-label="Audience">
        {(
          [
            ['all', 'All contacts'],
            ['tags', 'Contacts with tags'],
            ['contacts', 'Chosen contacts'],
          ] as const
        ).map(([kind, label]) => (
          <label key={kind}>
            <input
              type="radio"
              name={`${id}-audience`}
              checked={audience.kind === kind}
              onChange={() => choose(kind)}
            />{' '}
            {label}
          </label>
        ))}
      </div>
      {audience.kind === 'tags' ? (
        <div className="campaign-tags" role="group" aria-label="Tags">
          {tags.length === 0 ? <p className="field-hint">No tags yet: tag contacts on the Contacts page.</p> : null}
          {tags.map((t) => (
            <label key={t.tag} className="campaign-tag">
              <input
                type="checkbox"
                checked={audience.tags.includes(t.tag)}
                onChange={(e) =>
                  setDraft((d) => ({
                    ...d,
                    audience: {
                      ...audience,
                      tags: e.target.checked ? [...audience.tags, t.tag] : audience.tags.filter((x) => x !== t.tag),
                    },
                  }))
                }
              />{' '}
              <span className="campaign-clip" title={t.tag}>
                {t.tag} ({t.count})
              </span>
            </label>
          ))}
        </div>
      ) : null}
      {audience.kind === 'contacts' ? (
        <div className="campaign-pick">
          <input
            className="text-input"
            type="search"
            aria-label="Find contacts"
            placeholder="Find by name or number"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <div className="campaign-pick-list" role="group" aria-label="Chosen contacts">
            {shown.map((c) => (
              <label key={c.id} className="campaign-tag">
                <input
                  type="checkbox"
                  checked={audience.ids.includes(c.id)}
                  onChange={(e) =>
                    setDraft((d) => ({
                      ...d,
                      audience: {
                        kind: 'contacts',
                        ids: e.target.checked ? [...audience.ids, c.id] : audience.ids.filter((x) => x !== c.id),
                      },
                    }))
                  }
                />{' '}
                <span className="campaign-clip" title={c.name ?? c.pushName ?? c.phone ?? ''}>
                  {c.name ?? c.pushName ?? c.phone}
                </span>
              </label>
            ))}
          </div>
          <span className="field-hint">{audience.ids.length} chosen</span>
        </div>
      ) : null}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <p className="field-hint">Opted-out contacts are always left out; the plan tells you how many.</p>
    </fieldset>
  );
};
