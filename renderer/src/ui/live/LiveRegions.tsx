import { useAnnouncer } from './announcer';

/** The two live regions of the app, visually hidden; a new announcement replaces the text (keyed, so it is read again). */
export function LiveRegions() {
  const polite = useAnnouncer((s) => s.polite);
  const assertive = useAnnouncer((s) => s.assertive);
  return (
    <>
      <div className="sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid="live-polite">
        <span key={polite.n}>{polite.text}</span>
      </div>
      <div className="sr-only" role="alert" aria-live="assertive" aria-atomic="true" data-testid="live-assertive">
        <span key={assertive.n}>{assertive.text}</span>
      </div>
    </>
  );
}
