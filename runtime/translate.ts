import { browser } from 'wxt/browser';
import { ImportFileError } from '@/utils/import/import-file-error';
import { PizhuError, storageErrorCode } from '@/utils/errors';

export type MessageKey = keyof typeof import('../public/_locales/en/messages.json');

/** A UI string in the browser's language (zh_CN by default, en as the second language). */
export function t(key: MessageKey, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

/** The browser's UI language (a BCP 47 tag such as zh-CN). */
export const uiLanguage = () => browser.i18n.getUILanguage();

/** A user-facing sentence for any error, in the UI language. */
export function describeError(error: unknown): string {
  if (error instanceof ImportFileError) {
    // The parser's own words (English, technical) stay in the error for the console, not the UI.
    const problem = t(`importProblem_${error.problem.replace(/-/g, '_')}` as MessageKey);
    const file = error.fileName || '—';
    return error.where === '(root)'
      ? t('importRefused', [file, problem])
      : t('importRefusedAt', [file, problem, error.where]);
  }
  const code = storageErrorCode(error) ?? (error instanceof PizhuError ? error.code : 'internal');
  return browser.i18n.getMessage(`error_${code.replace(/-/g, '_')}` as MessageKey) || t('error_internal');
}
