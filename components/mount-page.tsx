import { render, type ComponentType } from 'preact';
import { t, uiLanguage, type MessageKey } from '@/runtime/translate';
import './theme.css';

/** Mounts an extension page's root component with the document's language and title set from i18n. */
export function mountPage(Root: ComponentType, titleKey: MessageKey) {
  document.documentElement.lang = uiLanguage();
  document.title = t(titleKey);
  const container = document.getElementById('app');
  if (container) render(<Root />, container);
}
