import type { ExportLabels } from './export-labels';
import { machineTimeZone } from './local-time';

/** What an export needs to know of the person making it, beyond the words of its language. */
export interface ExportSettings {
  /** Times are written in this zone, with its offset. */
  timeZone: string;
  /** The name on notes made before a display name was set: an export never has an empty 批注人. */
  fallbackAuthor: string;
  /** The 批注稿's header: 学习小组, 学习人, 日期 — each left out when empty. */
  study: { group: string; member: string; date: string };
  /** The 批注稿's body face: 宋体, or 仿宋 as official study material is set. */
  face: 'song' | 'fangsong';
  /** How 全文 Markdown marks a highlight: `==…==` (Obsidian, Logseq) or `<mark>` in its colour. */
  markdownMarks: 'equals' | 'html';
}

export function exportSettings(given: Partial<ExportSettings> = {}): ExportSettings {
  return {
    timeZone: machineTimeZone(),
    fallbackAuthor: '',
    study: { group: '', member: '', date: '' },
    face: 'song',
    markdownMarks: 'equals',
    ...given,
  };
}

/** Who wrote a note, as every export names them. */
export const authorOf = (annotation: { author: string }, settings: Pick<ExportSettings, 'fallbackAuthor'>) =>
  annotation.author.trim() || settings.fallbackAuthor.trim();

/** The 批注稿's and 批注版's header line: 学习小组：…　学习人：…　日期：…, only what was given. */
export function studyLine(
  labels: ExportLabels,
  study: ExportSettings['study'],
  /** How a value the reader typed is written: isolated, so it cannot turn the labels after it around. */
  show: (value: string) => string = (value) => value,
): string {
  const fields: [string, string][] = [
    [labels.studyGroup, study.group],
    [labels.studyMember, study.member],
    [labels.studyDate, study.date],
  ];
  return fields
    .filter(([, value]) => value.trim())
    .map(([label, value]) => `${label}：${show(value.trim())}`)
    .join('\u3000');
}
