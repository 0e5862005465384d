import type { ImportResult } from '../../../../../src-shared/contacts';
import { problemLine } from '../report';

/** What an import did: counts, and every skipped row with its line and why. */
export const ImportResultView = ({ result, onDownload }: { result: ImportResult; onDownload: () => void }) => (
  <div className="contacts-import-result" data-testid="import-result">
    <dl className="contacts-import-counts">
      <div>
        <dt>Added</dt>
        <dd>{result.added.toLocaleString()}</dd>
      </div>
      <div>
        <dt>Updated</dt>
        <dd>{result.updated.toLocaleString()}</dd>
      </div>
      <div>
        <dt>Skipped</dt>
        <dd>{result.skipped.length.toLocaleString()}</dd>
      </div>
    </dl>
    {result.skipped.length > 0 ? (
      <>
        <div className="contacts-skipped-head">
          <h3>Skipped rows</h3>
          <button type="button" className="button button-ghost" onClick={onDownload}>
            Download report
          </button>
        </div>
        <ul className="contacts-skipped" aria-label="Skipped rows">
          {result.skipped.map((problem) => (
            <li key={problem.line}>{problemLine(problem)}</li>
          ))}
        </ul>
      </>
    ) : (
      <p>Every row was imported.</p>
    )}
  </div>
);
