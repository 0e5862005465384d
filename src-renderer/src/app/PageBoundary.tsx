import { Component, type ReactNode } from 'react';

type State = { failed: boolean };

/**
 * Pages load their code when first shown; if that fails (the host was updated and the old chunk
 * is gone, or the file could not be read) the page says so in place, with the sidebar still
 * there, instead of the whole window going blank. Keyed by section in App, so another page starts
 * with a clean slate.
 */
export class PageBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: unknown) {
    console.error('Wren: a page could not be shown', error);
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <section className="coming-soon" role="alert">
        <div className="coming-soon-card">
          <h1>This page did not load</h1>
          <p className="coming-soon-text">Wren may have been updated while this window was open.</p>
          <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
            Reload Wren
          </button>
        </div>
      </section>
    );
  }
}
