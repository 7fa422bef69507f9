import { ExportMenu } from '@/components/ExportMenu';
import { lazyDatabase } from '@/store/lazy-database';
import { loadExportBundle } from '@/store/export-snapshot';
import { recordBackup } from '@/runtime/library-keeping';
import { t } from '@/runtime/translate';

/**
 * 下载备份: the JSON export of everything, which restores through the same checked, merging
 * import. A file saved counts as the reader's last backup.
 */
export function BackupButton() {
  return (
    <ExportMenu
      label={t('optionsBackup')}
      load={async () => loadExportBundle(await lazyDatabase(), 'all')}
      base="pizhu-backup"
      testId="backup"
      only="json"
      onSaved={() => void recordBackup('fileAt')}
    />
  );
}
