import { groupPassages, memberKeyOf } from '../annotate/group-passages';
import type { AnnotationRecord } from '../model/annotation';
import type { ArticleRecord } from '../model/article';
import type { ReplyRecord } from '../model/reply';
import type { ExportLabels } from './export-labels';
import { normalizeSpace } from '../text/normalize-space';
import { quoteStartIn } from './reading-order';

/** One member's part in an article: their notes (highlights) and their replies. */
export interface MemberTally {
  name: string;
  notes: number;
  replies: number;
}

/** A passage two or more members marked, in reading order. */
export interface SharedPassage {
  /** The passage's words, over all the highlights it joins. */
  text: string;
  members: number;
  names: string[];
  /** The highlights it joins (their notes and threads), in reading order. */
  ids: string[];
}

/** What a study group did with one article. */
export interface GroupSummary {
  members: MemberTally[];
  notes: number;
  replies: number;
  passages: SharedPassage[];
}

/**
 * The group's reading of an article, counted from the stored records: who took part with how
 * many notes and replies (most notes first), and the passages marked by two or more members in
 * reading order. Members are told apart by their member id, by name for notes made before sync;
 * `fallbackName` names a member who gave no name.
 */
export function summarizeGroup(
  article: Pick<ArticleRecord, 'text'>,
  annotations: readonly AnnotationRecord[],
  replies: readonly ReplyRecord[],
  fallbackName = '',
): GroupSummary {
  const nameOf = (record: { author: string }) => record.author.trim() || fallbackName;
  const tallies = new Map<string, MemberTally>();
  const tallyOf = (record: { creatorId?: string; author: string }) => {
    const key = memberKeyOf(record);
    let tally = tallies.get(key);
    if (!tally) tallies.set(key, (tally = { name: nameOf(record), notes: 0, replies: 0 }));
    return tally;
  };
  for (const annotation of annotations) tallyOf(annotation).notes += 1;
  for (const reply of replies) tallyOf(reply).replies += 1;

  // Positions over the same normalized text the exports lay the highlights out in.
  const text = article.text.split('\n').map(normalizeSpace).filter(Boolean).join(' ');
  const spans = annotations.flatMap((annotation) => {
    const start = quoteStartIn(text, annotation);
    const length = normalizeSpace(annotation.quote.exact).length;
    return start === null || length === 0
      ? []
      : [{ id: annotation.id, start, end: start + length, member: memberKeyOf(annotation), name: nameOf(annotation) }];
  });
  const passages = groupPassages(spans)
    .filter((passage) => passage.members >= 2)
    .map(({ start, end, members, names, ids }) => ({ text: text.slice(start, end), members, names, ids }));

  return {
    members: [...tallies.values()].sort((a, b) => b.notes - a.notes || a.name.localeCompare(b.name, 'zh')),
    notes: annotations.length,
    replies: replies.length,
    passages,
  };
}

/** The passages most members marked first, reading order among equals: what the 小组汇总 lists. */
export const mostMarked = (summary: GroupSummary, limit: number): SharedPassage[] =>
  [...summary.passages].sort((a, b) => b.members - a.members).slice(0, limit);

/** The 小组汇总 shows this many passages and this much of each. */
const SHOWN_PASSAGES = 5;
const SHOWN_CHARACTERS = 60;

/**
 * The 小组汇总's four cells, as plain lines each format writes in its own way (escaped, isolated):
 * each member with their notes and replies, the totals, and the passages most members marked.
 * Null when fewer than two members annotated the article: a lone reader's file needs none.
 */
export function groupSummaryCells(
  summary: GroupSummary,
  labels: ExportLabels,
): {
  members: { name: string; tally: string }[];
  notes: string;
  replies: string;
  passages: { count: string; text: string }[];
} | null {
  if (summary.members.length < 2) return null;
  return {
    members: summary.members.map((member) => ({
      name: member.name,
      tally: labels.group.tally(member.notes, member.replies),
    })),
    notes: String(summary.notes),
    replies: String(summary.replies),
    passages: mostMarked(summary, SHOWN_PASSAGES).map((passage) => ({
      count: labels.group.markedBy(passage.members),
      text:
        [...passage.text].length > SHOWN_CHARACTERS
          ? `${[...passage.text].slice(0, SHOWN_CHARACTERS).join('')}…`
          : passage.text,
    })),
  };
}
