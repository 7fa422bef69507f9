/**
 * Arrow keys move focus between the buttons of a toolbar (the WAI-ARIA toolbar pattern), so a
 * keyboard user tabs into the toolbar once and picks with the arrows.
 */
export function moveFocusWithArrows(event: KeyboardEvent) {
  const step =
    event.key === 'ArrowRight' || event.key === 'ArrowDown'
      ? 1
      : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
        ? -1
        : 0;
  if (step === 0) return;
  const toolbar = event.currentTarget as HTMLElement;
  const buttons = [...toolbar.querySelectorAll('button')];
  const root = toolbar.getRootNode() as Document | ShadowRoot;
  const at = buttons.indexOf(root.activeElement as HTMLButtonElement);
  buttons[(at + step + buttons.length) % buttons.length]?.focus();
  event.preventDefault();
}
