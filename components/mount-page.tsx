import { render, type ComponentType } from 'preact';
import { browser } from 'wxt/browser';
import './theme.css';

/** Mounts an extension page's root component with the document's language and title set from i18n. */
export function mountPage(Root: ComponentType, titleKey: Parameters<typeof browser.i18n.getMessage>[0]) {
  document.documentElement.lang = browser.i18n.getUILanguage();
  document.title = browser.i18n.getMessage(titleKey) || document.title;
  const container = document.getElementById('app');
  if (container) render(<Root />, container);
}
