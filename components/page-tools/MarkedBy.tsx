import { Fragment } from 'preact';
import { t } from '@/runtime/translate';

/**
 * "3 人划线：王小明、李华、张三": how many members marked a passage and who, each name in its
 * `<bdi>`. Shown only in Pizhu's own UI (the note frame, the tools' closed shadow root), never in
 * the page's document.
 */
export function MarkedBy({ names }: { names: readonly string[] }) {
  return (
    <span class="marked-by" data-testid="marked-by">
      {t('passageMembers', String(names.length))}
      {names.map((name, index) => (
        <Fragment key={index}>
          {index > 0 && t('passageMembersSeparator')}
          <bdi>{name || t('authorUnsigned')}</bdi>
        </Fragment>
      ))}
    </span>
  );
}
