import { useState } from 'react';
import type { TemplateMedia } from '../../../../../src-shared/campaigns';
import { getClient } from '../../../contract';
import { errorMessage } from '../../../lib/errors';
import { uploadFile } from '../../../lib/upload';

/** A picture or document sent with a variant (its text becomes the caption). */
export const VariantMedia = ({
  label,
  media,
  onChange,
}: {
  label: string;
  media: TemplateMedia | null;
  onChange: (media: TemplateMedia | null) => void;
}) => {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const upload = async (file: File) => {
    setBusy(true);
    setError(null);
    try {
      onChange(
        await getClient().call('templates:upload', { name: file.name, uploadId: await uploadFile(file, 'file') }),
      );
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="campaign-media">
      {media ? (
        <>
          <span className="campaign-media-name">
            {media.kind === 'image' ? 'Picture' : 'Document'}: {media.name}
          </span>
          <button type="button" className="button button-ghost" onClick={() => onChange(null)}>
            Remove file
          </button>
        </>
      ) : (
        <label className="button button-ghost campaign-media-pick" aria-busy={busy}>
          Attach a picture or document
          <input
            type="file"
            className="visually-hidden"
            aria-label={`Picture or document for ${label}`}
            accept="image/jpeg,image/png,image/webp,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.txt,.csv,.zip"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void upload(file);
            }}
          />
        </label>
      )}
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
};
