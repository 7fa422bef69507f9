import { useLayoutEffect, useState } from 'preact/hooks';
import { followActiveTab, type FollowedTab } from '@/runtime/followed-tab';
import { callBackground, callContent } from '@/runtime/message-client';
import { readMe } from '@/runtime/member-id';
import { onNotesChanged } from '@/runtime/side-panel';
import { readPageRecord } from '@/store/article-lookups';
import { readStoredDatabase } from '@/store/plain-database';
import { memberNames, passesMemberFilter, type Me } from '@/utils/annotate/member-filter';
import type { PageAction } from '@/utils/messages';
import type { AnnotationRecord } from '@/utils/model/annotation';
import type { ArticleRecord } from '@/utils/model/article';

/** What the side panel shows of the followed tab's page. */
export interface PanelPage {
  tab: FollowedTab | null;
  article: ArticleRecord | null;
  /** Every stored note of the page, in reading order, whatever the member filter shows. */
  records: AnnotationRecord[];
}

const byPosition = (a: AnnotationRecord, b: AnnotationRecord) =>
  a.position.start - b.position.start || a.position.end - b.position.end;

/**
 * The active tab's notes, read through the background as the page's own tools read them, read
 * again when the tab, its page or any note changes; the member filter; and the page's tools acting
 * on a note for the panel (go to, edit, delete, undo).
 */
export function useSidePanelNotes(onError: (error: unknown) => void) {
  const [page, setPage] = useState<PanelPage>({ tab: null, article: null, records: [] });
  const [tab, setTab] = useState<FollowedTab | null>(null);
  const [changes, setChanges] = useState(0);
  const [member, setMember] = useState('');
  const [me, setMe] = useState<Me>({ memberId: null, name: '' });

  // Layout effects: Preact runs a plain effect only after the next frame, and a panel out of sight
  // (or its page in a background tab) draws none — the reads would wait for it.
  useLayoutEffect(() => followActiveTab(setTab), []);
  useLayoutEffect(() => onNotesChanged(() => setChanges((count) => count + 1)), []);
  useLayoutEffect(() => {
    void readMe().then(setMe, onError);
  }, []);

  const url = tab?.status?.url ?? null;
  useLayoutEffect(() => {
    if (!url) return setPage({ tab, article: null, records: [] });
    let current = true;
    Promise.all([
      callBackground('annotations.forPage', { url }),
      readStoredDatabase((db) => readPageRecord(db, url), { article: null, notes: 0 }),
    ]).then(([records, stored]) => {
      if (current) setPage({ tab, article: stored.article, records: [...records].sort(byPosition) });
    }, onError);
    return () => {
      current = false;
    };
  }, [tab, url, changes]);

  const act = (action: PageAction) => {
    if (page.tab) callContent(page.tab.tabId, 'page.act', action).catch(onError);
  };
  return {
    ...page,
    shown: page.records.filter((record) => passesMemberFilter(record, member, me)),
    members: memberNames(page.records),
    member,
    setMember,
    act,
  };
}
