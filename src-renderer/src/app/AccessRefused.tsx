import { LockIcon, WrenLogo } from '../ui/icons';

/** Shown instead of the app when the host does not accept this page's token. */
export const AccessRefused = () => (
  <main className="refused" data-testid="access-refused">
    <div className="refused-card">
      <div className="refused-logo">
        <WrenLogo size={52} />
      </div>
      <h1>
        <LockIcon size={22} /> Access refused
      </h1>
      <p>
        This link&apos;s access token is missing or wrong. Open the address that <code>npm run serve</code> printed.
      </p>
    </div>
  </main>
);
