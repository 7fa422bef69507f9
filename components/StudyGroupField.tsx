import { t } from '@/runtime/translate';
import { studyGroupSetting } from '@/runtime/user-settings';
import { SettingTextField } from './SettingTextField';

/** The study group a 批注稿's header names, editable again at each export. */
export function StudyGroupField() {
  return (
    <SettingTextField
      id="study-group"
      heading={t('optionsStudyGroupHeading')}
      help={t('optionsStudyGroupHelp')}
      setting={studyGroupSetting}
      clean={(value) => value.trim()}
      maxLength={200}
    />
  );
}
