import type { HighlightColor } from '../highlight/colors';

/**
 * The words inside exported documents. They are the document's language, not the UI's strings:
 * a study group's Word file reads 来源/发布时间 whoever made it, so the exporter picks by locale.
 */
export interface ExportLabels {
  source: string;
  published: string;
  author: string;
  editor: string;
  link: string;
  clipped: string;
  annotations: (count: number) => string;
  articles: (count: number) => string;
  note: string;
  tags: string;
  annotator: string;
  exportedAt: string;
  untitled: string;
  colors: Record<HighlightColor, string>;
}

export const ZH_LABELS: ExportLabels = {
  source: '来源',
  published: '发布时间',
  author: '作者',
  editor: '责编',
  link: '链接',
  clipped: '剪藏时间',
  annotations: (count) => `共 ${count} 条批注`,
  articles: (count) => `${count} 篇文章`,
  note: '批注',
  tags: '标签',
  annotator: '批注人',
  exportedAt: '导出时间',
  untitled: '（无标题）',
  colors: { yellow: '黄', green: '绿', blue: '蓝', pink: '粉', purple: '紫' },
};

export const EN_LABELS: ExportLabels = {
  source: 'Source',
  published: 'Published',
  author: 'Author',
  editor: 'Editor',
  link: 'Link',
  clipped: 'Clipped',
  annotations: (count) => `${count} annotation${count === 1 ? '' : 's'}`,
  articles: (count) => `${count} article${count === 1 ? '' : 's'}`,
  note: 'Note',
  tags: 'Tags',
  annotator: 'Annotator',
  exportedAt: 'Exported',
  untitled: '(untitled)',
  colors: { yellow: 'yellow', green: 'green', blue: 'blue', pink: 'pink', purple: 'purple' },
};

/** English for an English UI, Chinese for any other. */
export function labelsFor(locale: string): ExportLabels {
  return /^en\b/i.test(locale) ? EN_LABELS : ZH_LABELS;
}
