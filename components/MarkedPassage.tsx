import type { Passage } from '@/store/library-queries';

/** A search hit's passage with the query marked; the text is rendered as text. */
export function MarkedPassage({ passage }: { passage: Passage }) {
  return (
    <span class="pz-passage">
      {passage.before}
      <mark>{passage.match}</mark>
      {passage.after}
    </span>
  );
}
