import { browser } from 'wxt/browser';
import { labelsFor, type ExportLabels } from '@/utils/export/export-labels';
import { exportSettings, type ExportSettings } from '@/utils/export/export-settings';
import { displayNameSetting, studyGroupSetting, markdownMarksSetting } from './user-settings';

/** The exported documents speak the UI's language. */
export function uiExportLabels(): ExportLabels {
  return labelsFor(browser.i18n.getUILanguage());
}

/** The reader's clock, name and study group, as an export starts from them. */
export async function userExportSettings(): Promise<ExportSettings> {
  const [name, group, markdownMarks] = await Promise.all([
    displayNameSetting.getValue(),
    studyGroupSetting.getValue(),
    markdownMarksSetting.getValue(),
  ]);
  return exportSettings({ fallbackAuthor: name, study: { group, member: name, date: '' }, markdownMarks });
}
