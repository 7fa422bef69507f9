import { browser } from 'wxt/browser';
import { labelsFor, type ExportLabels } from '@/utils/export/export-labels';

/** The exported documents speak the UI's language. */
export function uiExportLabels(): ExportLabels {
  return labelsFor(browser.i18n.getUILanguage());
}
