import type { Signal } from './signal';

/**
 * An article's header as a reader sees it: a headline with its publication date right under it
 * (a 发布时间/来源 line, a date and time, or a date badge), found the way the extractor finds the
 * title. Briefs and old table layouts without any article markup still have one.
 */
export const articleHeader: Signal = {
  name: 'article-header',
  test: (facts) => (facts.hasArticleHeader() ? 3 : 0),
};

/**
 * The words other kinds of page print on every page of their kind — a forum thread's 楼主 and
 * 只看该作者, a Q&A page's 写回答, an encyclopedia's 编辑词条, a company directory's 经营范围, a
 * novel's 上一章, a review list's 力荐/还行/较差. Several of one kind's words make a page of that kind, whatever its prose.
 */
const KIND_WORDS: readonly { words: RegExp; needed: number }[] = [
  {
    words:
      /只看该作者|楼主|发表于|回复本帖|回复本贴|本帖|本贴|帖子|积分|注册时间|回帖|跟帖|发帖|主题帖|沙发|板凳|论坛/g,
    needed: 3,
  },
  { words: /个回答|关注问题|写回答|邀请回答|被浏览|添加评论/g, needed: 2 },
  { words: /编辑词条|百科名片|义项|本词条|词条标签|参考资料/g, needed: 2 },
  { words: /经营范围|主营产品|公司地址|注册资本|成立日期|法定代表人|公司黄页|企业名录/g, needed: 2 },
  { words: /上一章|下一章|加入书架|章节目录|本章字数|投推荐票|返回目录/g, needed: 2 },
  // The labels of users' star ratings, repeated on every review.
  { words: /力荐|推荐|还行|较差|很差/g, needed: 3 },
];

export const otherPageKind: Signal = {
  name: 'other-kind',
  test: ({ text }) =>
    KIND_WORDS.some(({ words, needed }) => new Set(text.match(words) ?? []).size >= needed) ? -4 : 0,
};
