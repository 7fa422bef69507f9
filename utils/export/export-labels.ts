import type { HighlightColor } from '../highlight/colors';

/**
 * The words inside exported documents. They are the document's language, not the UI's strings:
 * a study group's Word file reads 来源/发布时间 whoever made it, so the exporter picks by locale.
 */
export interface ExportLabels {
  /** The documents' language tag. */
  lang: string;
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
  quote: string;
  color: string;
  title: string;
  created: string;
  updated: string;
  studyGroup: string;
  studyMember: string;
  studyDate: string;
  /** The footer's page count around its two numbers: 第 X 页 共 Y 页. */
  pageOf: [before: string, between: string, after: string];
  /** The heading over notes whose passage the article's text no longer has. */
  unplaced: string;
  /** A member's answer to a note. */
  reply: string;
  /** The article's GB/T 7714 reference, as its line is headed. */
  reference: string;
  /** A link to one of the page's images, which an export never embeds. */
  image: string;
  /** What each kind of file is called, in its name: 批注稿, 批注摘录, 批注版, 批注, 全文. */
  kinds: { annotatedCopy: string; excerpts: string; annotatedPage: string; notes: string; fullText: string };
  /** The 小组汇总 table at the head of an article several members annotated. */
  group: {
    title: string;
    members: string;
    notes: string;
    replies: string;
    passages: string;
    /** A member's line: 王小明：批注 5，回复 2. */
    tally: (notes: number, replies: number) => string;
    /** How many marked a passage: 3 人. */
    markedBy: (count: number) => string;
  };
}

export const ZH_LABELS: ExportLabels = {
  lang: 'zh-CN',
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
  quote: '原文',
  color: '颜色',
  title: '标题',
  created: '创建时间',
  updated: '修改时间',
  studyGroup: '学习小组',
  studyMember: '学习人',
  studyDate: '日期',
  pageOf: ['第 ', ' 页 共 ', ' 页'],
  unplaced: '原文中未能定位的批注',
  reply: '回复',
  reference: '引用',
  image: '图片',
  kinds: { annotatedCopy: '批注稿', excerpts: '批注摘录', annotatedPage: '批注版', notes: '批注', fullText: '全文' },
  group: {
    title: '小组汇总',
    members: '成员',
    notes: '批注',
    replies: '回复',
    passages: '最多人划线的段落',
    tally: (notes, replies) => `批注 ${notes}，回复 ${replies}`,
    markedBy: (count) => `${count} 人`,
  },
};

export const EN_LABELS: ExportLabels = {
  lang: 'en',
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
  quote: 'Highlight',
  color: 'Colour',
  title: 'Title',
  created: 'Created',
  updated: 'Modified',
  studyGroup: 'Study group',
  studyMember: 'Member',
  studyDate: 'Date',
  pageOf: ['Page ', ' of ', ''],
  unplaced: 'Notes whose passage the text no longer has',
  reply: 'Reply',
  reference: 'Reference',
  image: 'Image',
  kinds: {
    annotatedCopy: 'annotated copy',
    excerpts: 'excerpts',
    annotatedPage: 'annotated page',
    notes: 'notes',
    fullText: 'full text',
  },
  group: {
    title: 'Group summary',
    members: 'Members',
    notes: 'Notes',
    replies: 'Replies',
    passages: 'Passages most members marked',
    tally: (notes, replies) => `${notes} note${notes === 1 ? '' : 's'}, ${replies} repl${replies === 1 ? 'y' : 'ies'}`,
    markedBy: (count) => `${count} members`,
  },
};

/** English for an English UI, Chinese for any other. */
export function labelsFor(locale: string): ExportLabels {
  return /^en\b/i.test(locale) ? EN_LABELS : ZH_LABELS;
}
