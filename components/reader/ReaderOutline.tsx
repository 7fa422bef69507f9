import type { RefObject } from 'preact';
import { t } from '@/runtime/translate';
import type { OutlineItem } from '@/utils/model/article';
import { stripSpace } from '@/utils/text/normalize-space';

/** The element of the body that shows an outline heading. */
function headingElement(body: Element, item: OutlineItem): Element | null {
  const wanted = stripSpace(item.text);
  for (const element of body.querySelectorAll('h1, h2, h3, h4, h5, h6, p, li, strong, b, div')) {
    if (element.querySelector('p, div, li') && element.tagName !== 'LI') continue;
    if (stripSpace(element.textContent ?? '').startsWith(wanted)) return element;
  }
  return null;
}

/** The article's 一、/（一） outline beside it; a heading scrolls the body to its place. */
export function ReaderOutline(props: { outline: OutlineItem[]; body: RefObject<HTMLElement> }) {
  return (
    <nav aria-label={t('readerOutline')}>
      <strong>{t('readerOutline')}</strong>
      <ol data-testid="outline">
        {props.outline.map((item, index) => (
          <li key={index} data-level={item.level}>
            <button
              type="button"
              onClick={() =>
                props.body.current && headingElement(props.body.current, item)?.scrollIntoView({ block: 'start' })
              }
            >
              {item.text}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
