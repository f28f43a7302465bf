import { useEffect } from 'react';

export const MAIN_ID = 'main-content';

/** Focus to the start of the page's content, as after a full page load. */
export function focusMain() {
  document.getElementById(MAIN_ID)?.focus();
}

/**
 * Mantine disables a button while it is loading, and a disabled button drops focus to the page, so
 * the next Tab would start again at the top. When the button is enabled again, focus goes back to
 * it, unless the person has moved on meanwhile or the button is gone with the step it belonged to.
 */
export function useRefocusAfterBusy() {
  useEffect(() => {
    let observer: MutationObserver | null = null;
    const onFocusOut = (event: FocusEvent) => {
      const button = event.target;
      if (!(button instanceof HTMLButtonElement) || event.relatedTarget !== null || !button.disabled) return;
      observer?.disconnect();
      const watching = new MutationObserver(() => {
        if (button.disabled) return;
        watching.disconnect();
        const active = document.activeElement;
        if (button.isConnected && (active === null || active === document.body)) button.focus();
      });
      watching.observe(button, { attributes: true, attributeFilter: ['disabled'] });
      observer = watching;
    };
    document.addEventListener('focusout', onFocusOut);
    return () => {
      document.removeEventListener('focusout', onFocusOut);
      observer?.disconnect();
    };
  }, []);
}
