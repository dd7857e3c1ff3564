import { useId } from 'react';

/**
 * Why a button is disabled, for everyone: a tooltip for the mouse and a description
 * (`aria-describedby`) a screen reader reads with the button. `props` go on the button, `note`
 * anywhere near it (hidden unless `visible`). Both are empty when there is no reason.
 */
export function useDisabledReason(reason: string | null, { visible = false, testId }: { visible?: boolean; testId?: string } = {}) {
  const id = useId();
  if (!reason) return { props: {}, note: null };
  return {
    props: { title: reason, 'aria-describedby': id },
    note: (
      <span id={id} className={visible ? 'disabled-reason' : 'sr-only'} data-testid={testId}>
        {reason}
      </span>
    ),
  };
}
