import { Fragment } from 'preact';
import { t, type MessageKey } from '@/runtime/translate';

/** A character no message holds: where the value goes once the message is translated. */
const SLOT = '\uE000';

/**
 * A translated message with a name or field from a page or a member in it, the value in a `<bdi>`:
 * a name ending in U+202E (or any right-to-left text) cannot turn the message's own words around.
 * Every string of that kind beside Pizhu's text sits in a `<bdi>`, which isolates by default.
 */
export function IsolatedMessage({ id, value }: { id: MessageKey; value: string }) {
  const [before = '', after = ''] = t(id, SLOT).split(SLOT);
  return (
    <>
      {before}
      <bdi>{value}</bdi>
      {after}
    </>
  );
}

/** Tags as `#tag #tag`, each isolated: a tag's direction stays its own, not its neighbours'. */
export function tagList(tags: readonly string[]) {
  return tags.map((tag, index) => (
    <Fragment key={index}>
      {index > 0 && ' '}#<bdi>{tag}</bdi>
    </Fragment>
  ));
}
