import { ZodError } from 'zod';
import { campaignDraftSchema, type CampaignDraft } from '../../../src-shared/campaigns';
import { describeIssues, issueFields } from '../../../src-shared/issues';

/**
 * A campaign's draft as stored, read without trusting it: a row written by an older version
 * (one that let "Mars/Olympus" in as a time zone, say) must not make the list fail or stop the
 * scheduler. The usable settings are kept, the bad ones go back to their defaults so the form
 * can show them, and the problem says what to fix.
 */
export type StoredDraft = {
  draft: CampaignDraft;
  /** Null when the stored draft is valid as it is. */
  issues: { sentence: string; fields: Record<string, string> } | null;
};

type Bag = Record<string, unknown> | unknown[];
const isBag = (value: unknown): value is Bag => typeof value === 'object' && value !== null;

/** What a field falls back to when its stored value is gone and the schema has no default. */
const FALLBACK: Record<string, unknown> = {
  name: 'Untitled campaign',
  variants: [{ text: 'Write the message again.', media: null }],
  audience: { kind: 'all' },
  window: {},
  throttle: {},
};

const at = (root: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>((node, key) => (isBag(node) ? (node as Record<PropertyKey, unknown>)[key] : undefined), root);

/** Removes the value at `path`; when it is already missing (a required field), its parent goes. */
const drop = (root: Record<string, unknown>, path: readonly PropertyKey[]): void => {
  if (path.length === 0) return;
  const parent = at(root, path.slice(0, -1));
  const key = path[path.length - 1] as PropertyKey;
  if (!isBag(parent) || !(key in parent) || (parent as Record<PropertyKey, unknown>)[key] === undefined) {
    drop(root, path.slice(0, -1));
    return;
  }
  if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
  else delete (parent as Record<PropertyKey, unknown>)[key];
};

const sentenceFor = (raw: unknown, error: ZodError): string => {
  const zone = at(raw, ['window', 'timeZone']);
  const badZone = error.issues.some((i) => i.path.join('.') === 'window.timeZone');
  const others = error.issues.filter((i) => i.path.join('.') !== 'window.timeZone');
  const parts = [
    badZone ? `Its time zone${typeof zone === 'string' && zone.length <= 64 ? ` “${zone}”` : ''} does not exist.` : '',
    others.length > 0 ? describeIssues(new ZodError(others)) : '',
  ];
  return parts.filter(Boolean).join(' ');
};

export const readDraft = (json: string): StoredDraft => {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    raw = null;
  }
  const first = campaignDraftSchema.safeParse(raw);
  if (first.success) return { draft: first.data, issues: null };
  const issues = { sentence: sentenceFor(raw, first.error), fields: issueFields(first.error) };
  if (!isBag(raw) || Array.isArray(raw)) {
    return {
      draft: campaignDraftSchema.parse(FALLBACK),
      issues: { ...issues, sentence: 'Its settings cannot be read.' },
    };
  }
  const repaired = structuredClone(raw);
  // Each round removes what was refused; a few rounds settle even nested problems.
  for (let round = 0; round < 8; round += 1) {
    for (const [key, value] of Object.entries(FALLBACK)) if (repaired[key] === undefined) repaired[key] = value;
    const parsed = campaignDraftSchema.safeParse(repaired);
    if (parsed.success) return { draft: parsed.data, issues };
    // Last first, so removing an item from a list does not shift the ones still to remove.
    for (const issue of [...parsed.error.issues].reverse()) {
      if (issue.code === 'unrecognized_keys') {
        const node = at(repaired, issue.path);
        if (isBag(node)) for (const k of issue.keys) delete (node as Record<string, unknown>)[k];
      } else drop(repaired, issue.path);
    }
  }
  return { draft: campaignDraftSchema.parse(FALLBACK), issues };
};
