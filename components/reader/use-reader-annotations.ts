import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { mountPageTools } from '@/components/page-tools/mount-page-tools';
import { backgroundAnnotationStore, isRetryableError } from '@/runtime/background-annotation-store';
import { listAnnotationsForUrl } from '@/store/annotation-store';
import { lazyDatabase } from '@/store/lazy-database';
import { readMe } from '@/runtime/member-id';
import { citeQuote } from '@/utils/annotate/citation';
import { createPageAnnotator, type PageAnnotator } from '@/utils/annotate/page-annotator';
import { createPainter } from '@/utils/highlight/paint-highlights';
import type { AnnotationRecord } from '@/utils/model/annotation';
import type { ArticleRecord } from '@/utils/model/article';

/**
 * The highlighting tools on the reader's copy, on the same annotations as the live page (both
 * anchor on the same article text): what is shown now, for the printed notes, the members who
 * annotated it, and a choice of whose highlights to show. `html` is the body as rendered.
 */
export function useReaderAnnotations(
  article: ArticleRecord | null | undefined,
  html: string,
  body: RefObject<HTMLElement>,
  onError: (error: unknown) => void,
) {
  const annotator = useRef<PageAnnotator | null>(null);
  const [uiHost, setUiHost] = useState<HTMLElement | null>(null);
  const [shown, setShown] = useState<AnnotationRecord[]>([]);
  const [members, setMembers] = useState<string[]>([]);
  const [member, setMember] = useState('');
  /** Every stored note of the article, whatever the filter shows: the group summary counts them. */
  const [records, setRecords] = useState<AnnotationRecord[]>([]);

  useEffect(() => {
    const root = body.current;
    if (!article || !root || annotator.current) return;
    const pageAnnotator = createPageAnnotator({
      url: () => article.url,
      root: () => root,
      painter: createPainter(document),
      isRetryable: isRetryableError,
      store: backgroundAnnotationStore,
    });
    annotator.current = pageAnnotator;
    setUiHost(mountPageTools({ annotator: pageAnnotator, cite: async (quote) => citeQuote(quote, article) }).host);
    pageAnnotator.subscribe((state) => {
      setShown(state.annotations.flatMap(({ input, saved }) => (saved ? [{ ...saved, ...input }] : [])));
      setMembers(state.members);
      setMember(state.memberFilter);
    });
    lazyDatabase()
      .then((db) => listAnnotationsForUrl(db, article.url))
      .then((records) => {
        pageAnnotator.load(records);
        setRecords(records);
        const linked = /^#annotation-(.+)$/.exec(location.hash)?.[1];
        const range = linked ? pageAnnotator.rangeOf(decodeURIComponent(linked)) : null;
        range?.startContainer.parentElement?.scrollIntoView({ block: 'center' });
      }, onError);
  }, [article, html]);

  /** Shows one member's highlights, the reader's own (`ONLY_ME`), or everyone's (''): what is painted too. */
  const showMember = async (name: string) => {
    setMember(name);
    try {
      annotator.current?.filterMembers(name, await readMe());
    } catch (failure) {
      onError(failure);
    }
  };

  /** Scrolls a highlight's passage into the middle of the screen; one the member filter hides brings 全组 back. */
  const goTo = async (id: string) => {
    const shownNow = annotator.current;
    if (shownNow && !shownNow.get(id) && shownNow.state().memberFilter !== '') await showMember('');
    shownNow?.rangeOf(id)?.startContainer.parentElement?.scrollIntoView({ block: 'center' });
  };

  return { uiHost, shown, records, members, member, showMember, goTo };
}
