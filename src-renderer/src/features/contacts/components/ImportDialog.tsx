import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import type { CsvPreview, ImportResult } from '../../../../../src-shared/contacts';
import { errorMessage, fieldError, formErrors } from '../../../lib/errors';
import { cancelUpload, uploadFile } from '../../../lib/upload';
import { Dialog } from '../../../ui/Dialog';
import { FieldError } from '../../../ui/FieldError';
import { contactActions } from '../actions';
import { downloadText } from '../download';
import { addTags } from '../form';
import { fieldNameFor, mappingFromRoles, rolesFromMapping, setRole, type ColumnRole } from '../mapping';
import { problemLine, reportOf } from '../report';
import { useContactsStore } from '../store';
import { ImportResultView } from './ImportResult';

type Step =
  | { kind: 'pick' }
  | { kind: 'map'; fileName: string; uploadId: string; preview: CsvPreview; roles: ColumnRole[] }
  | { kind: 'importing'; total: number }
  | { kind: 'done'; fileName: string; result: ImportResult };

/** A refusal, shown under what it concerns: the file, one column's choice, the tags, or the form. */
type ImportError =
  { message: string; at: 'file' | 'tags' | 'form' } | { message: string; at: 'column'; column: number };

const errorAt = (error: ImportError | null, at: ImportError['at'], column?: number): string | null =>
  error && error.at === at && (error.at !== 'column' || error.column === column) ? error.message : null;

/** Import in steps: choose a file, say which column is which, watch it run, read what was skipped. */
export const ImportDialog = ({ botId, onClose }: { botId: string; onClose: () => void }) => {
  const [step, setStep] = useState<Step>({ kind: 'pick' });
  const [error, setError] = useState<ImportError | null>(null);
  const [busy, setBusy] = useState(false);
  const [tagText, setTagText] = useState('');
  /** Bytes of the chosen file sent to Wren so far, while it is uploading. */
  const [sent, setSent] = useState<{ done: number; total: number } | null>(null);
  const ids = { file: useId(), tags: useId(), errors: useId() };
  // The upload the preview was made from; the engine forgets it if the dialog closes unused.
  const held = useRef<string | null>(null);
  useEffect(
    () => () => {
      if (held.current) cancelUpload(held.current);
    },
    [],
  );
  const release = () => {
    if (held.current) cancelUpload(held.current);
    held.current = null;
  };

  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setError(null);
    setBusy(true);
    release();
    try {
      const uploadId = await uploadFile(file, 'csv', (done, total) => setSent({ done, total }));
      held.current = uploadId;
      const preview = await contactActions.preview(botId, uploadId);
      setStep({
        kind: 'map',
        fileName: file.name,
        uploadId,
        preview,
        roles: rolesFromMapping(preview.mapping, preview.columns.length),
      });
    } catch (problem) {
      release();
      setError({ at: 'file', message: errorMessage(problem) });
    } finally {
      setBusy(false);
      setSent(null);
      // Picking the same file again (after fixing it) fires change again.
      event.target.value = '';
    }
  };

  const run = async () => {
    if (step.kind !== 'map') return;
    const mapped = mappingFromRoles(step.roles);
    if (!mapped.ok) {
      setError(
        mapped.column === undefined
          ? { at: 'form', message: mapped.message }
          : { at: 'column', column: mapped.column, message: mapped.message },
      );
      return;
    }
    const tagged = addTags([], tagText);
    if (tagged.problem !== null) {
      setError({ at: 'tags', message: tagged.problem });
      return;
    }
    setError(null);
    const previous = step;
    setStep({ kind: 'importing', total: step.preview.rows });
    try {
      const result = await contactActions.importCsv(botId, step.uploadId, mapped.mapping, tagged.tags);
      // A finished import used the upload up; a refused one keeps it for another try.
      held.current = null;
      setStep({ kind: 'done', fileName: step.fileName, result });
    } catch (problem) {
      setStep(previous);
      const errors = formErrors(problem, { known: ['tags'] });
      const tags = fieldError(errors, 'tags');
      setError(tags ? { at: 'tags', message: tags } : { at: 'form', message: errors.general ?? errorMessage(problem) });
    }
  };

  const importing = step.kind === 'importing';
  return (
    <Dialog
      title="Import contacts"
      subtitle={step.kind === 'map' ? step.fileName : undefined}
      size="lg"
      // Closing mid-import would hide the result; the import itself runs to its end either way.
      onClose={importing ? () => undefined : onClose}
      footer={
        step.kind === 'map' ? (
          <>
            <button
              type="button"
              className="button button-ghost"
              onClick={() => {
                release();
                setStep({ kind: 'pick' });
              }}
            >
              Choose another file
            </button>
            <button type="button" className="button button-primary" onClick={() => void run()}>
              Import {step.preview.rows.toLocaleString()} {step.preview.rows === 1 ? 'row' : 'rows'}
            </button>
          </>
        ) : step.kind === 'done' ? (
          <button type="button" className="button button-primary" data-autofocus onClick={onClose}>
            Done
          </button>
        ) : null
      }
    >
      {step.kind === 'pick' ? (
        <div className="contacts-import-pick">
          <p>
            Choose a CSV file (from Excel, Google Sheets or another tool: “Save as CSV”). It needs a column of phone
            numbers; names, tags and any other columns are optional. You choose what each column is next.
          </p>
          <label className="button button-primary contacts-file-button" htmlFor={ids.file} aria-disabled={busy}>
            {busy ? 'Reading…' : 'Choose CSV file'}
          </label>
          {sent ? (
            <progress
              className="contacts-progress"
              aria-label="Reading the file"
              max={Math.max(sent.total, 1)}
              value={sent.done}
            />
          ) : null}
          <input
            id={ids.file}
            className="visually-hidden"
            type="file"
            accept=".csv,text/csv,text/plain"
            aria-label="CSV file"
            disabled={busy}
            aria-describedby={errorAt(error, 'file') ? `${ids.errors}-file` : undefined}
            onChange={(e) => void pick(e)}
          />
          <FieldError id={`${ids.errors}-file`} message={errorAt(error, 'file')} />
        </div>
      ) : step.kind === 'map' ? (
        <div className="contacts-import-map">
          <p className="field-hint">
            {step.preview.rows.toLocaleString()} {step.preview.rows === 1 ? 'row' : 'rows'}. Check what each column
            holds; the first rows are shown.
          </p>
          <div className="contacts-preview-scroll">
            <table className="contacts-preview" aria-label="First rows of the file">
              <thead>
                <tr>
                  {step.preview.columns.map((column, index) => (
                    <th key={index} scope="col">
                      <span className="contacts-preview-header">{column}</span>
                      <RolePicker
                        column={column}
                        role={step.roles[index] ?? { kind: 'ignore' }}
                        error={errorAt(error, 'column', index)}
                        errorId={`${ids.errors}-column-${index}`}
                        onChange={(role) => {
                          if (error?.at === 'column' || error?.at === 'form') setError(null);
                          setStep({ ...step, roles: setRole(step.roles, index, role) });
                        }}
                      />
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {step.preview.sample.map((row, r) => (
                  <tr key={r}>
                    {step.preview.columns.map((_, c) => (
                      <td key={c}>{row[c] ?? ''}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <label className="field-label" htmlFor={ids.tags}>
            Tags for everyone imported
          </label>
          <input
            id={ids.tags}
            className="text-input"
            placeholder="spring-sale, 2026 customers"
            value={tagText}
            aria-invalid={errorAt(error, 'tags') ? true : undefined}
            aria-describedby={errorAt(error, 'tags') ? `${ids.errors}-tags` : undefined}
            onChange={(e) => {
              setTagText(e.target.value);
              if (error?.at === 'tags') setError(null);
            }}
          />
          <FieldError id={`${ids.errors}-tags`} message={errorAt(error, 'tags')} />
          <p className="field-hint">Separate tags with commas. Handy for sending a campaign to just this list.</p>
        </div>
      ) : step.kind === 'importing' ? (
        <ImportProgress total={step.total} />
      ) : (
        <>
          <ImportResultView
            result={step.result}
            onDownload={() =>
              downloadText(
                `${step.fileName.replace(/\.[^.]*$/, '')}-report.txt`,
                reportOf(step.result),
                'text/plain;charset=utf-8',
              )
            }
          />
          <ImportNotes notes={step.result.notes ?? []} />
        </>
      )}
      {errorAt(error, 'form') ? (
        <p className="field-error contacts-form-error" role="alert">
          {errorAt(error, 'form')}
        </p>
      ) : null}
    </Dialog>
  );
};

const ROLE_LABELS = {
  phone: 'Phone',
  'phone-more': 'Other phone',
  'phone-kind': 'Kind of phone',
  name: 'Name',
  'given-name': 'First name',
  'name-part': 'Part of name',
  organisation: 'Company',
  tags: 'Tags',
  field: 'Custom field',
  ignore: 'Ignore',
} as const;

const RolePicker = ({
  column,
  role,
  error,
  errorId,
  onChange,
}: {
  column: string;
  role: ColumnRole;
  error: string | null;
  errorId: string;
  onChange: (role: ColumnRole) => void;
}) => (
  <span className="contacts-role">
    <select
      className="text-input"
      aria-label={`Column “${column}” is`}
      value={role.kind}
      onChange={(e) => {
        const kind = e.target.value as ColumnRole['kind'];
        onChange(kind === 'field' ? { kind, name: fieldNameFor(column) } : { kind });
      }}
    >
      {(Object.keys(ROLE_LABELS) as ColumnRole['kind'][]).map((kind) => (
        <option key={kind} value={kind}>
          {ROLE_LABELS[kind]}
        </option>
      ))}
    </select>
    {role.kind === 'field' ? (
      <input
        className="text-input"
        aria-label={`Field name for column “${column}”`}
        value={role.name}
        maxLength={40}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => onChange({ kind: 'field', name: e.target.value })}
      />
    ) : null}
    <FieldError id={errorId} message={error} />
  </span>
);

const ImportProgress = ({ total }: { total: number }) => {
  const progress = useContactsStore((s) => s.progress);
  const done = progress?.done ?? 0;
  const of = progress?.total ?? total;
  return (
    <div className="contacts-import-progress">
      <p>
        Importing… {done.toLocaleString()} of {of.toLocaleString()} rows
      </p>
      <progress className="contacts-progress" aria-label="Import progress" max={Math.max(of, 1)} value={done} />
    </div>
  );
};

/** Rows imported with something to know: which of several numbers was kept, an edit that was kept. */
const ImportNotes = ({ notes }: { notes: ImportResult['skipped'] }) =>
  notes.length === 0 ? null : (
    <details className="contacts-import-notes">
      <summary>
        {notes.length.toLocaleString()} imported {notes.length === 1 ? 'row has a note' : 'rows have a note'}
      </summary>
      <ul aria-label="Notes on imported rows">
        {notes.map((note, i) => (
          <li key={`${note.line}-${i}`}>{problemLine(note)}</li>
        ))}
      </ul>
    </details>
  );
