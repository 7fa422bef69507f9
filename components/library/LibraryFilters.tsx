import { useEffect, useState } from 'preact/hooks';
import type { ArticleSort } from '@/store/article-rows';
import { lazyDatabase } from '@/store/lazy-database';
import { libraryFacets, type ArticleFilters, type LibraryFacets } from '@/store/library-queries';
import { t } from '@/runtime/translate';
import { readMe } from '@/runtime/member-id';
import { MemberFilter } from '@/components/MemberFilter';
import { HIGHLIGHT_COLORS, type HighlightColor } from '@/utils/highlight/colors';

const COLORS = Object.keys(HIGHLIGHT_COLORS) as HighlightColor[];

/** A `<select>` of a filter: the first option means "all". */
function FilterSelect(props: {
  label: string;
  value: string;
  options: [string, string][];
  onChange(value: string): void;
  testId: string;
}) {
  return (
    <label>
      {props.label}{' '}
      <select
        value={props.value}
        data-testid={props.testId}
        onChange={(event) => props.onChange(event.currentTarget.value)}
      >
        <option value="">{t('filterAll')}</option>
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The sort and the filters of the library's lists. The articles' list has them all; the notes'
 * list only those a note has (site, tag, member, colour).
 */
export function LibraryFilters(props: {
  open: boolean;
  forArticles: boolean;
  sort: ArticleSort;
  onSort(sort: ArticleSort): void;
  filters: ArticleFilters;
  onFilter(part: Partial<ArticleFilters>): void;
  revision: number;
  onError(error: unknown): void;
}) {
  const { filters, onFilter: filter, sort } = props;
  const [facets, setFacets] = useState<LibraryFacets>({ sites: [], tags: [], authors: [] });
  // The choices are read when the filters are opened: listing distinct values walks a whole index,
  // which on a large library would hold up the first screen's requests.
  useEffect(() => {
    if (props.open) void lazyDatabase().then(libraryFacets).then(setFacets, props.onError);
  }, [props.revision, props.open]);

  return (
    <div class="filters" hidden={!props.open}>
      {props.forArticles && (
        <label>
          {t('librarySort')}{' '}
          <select
            value={sort}
            data-testid="sort"
            onChange={(event) => props.onSort(event.currentTarget.value as ArticleSort)}
          >
            <option value="clipped">{t('sortClipped')}</option>
            <option value="published">{t('sortPublished')}</option>
            <option value="title">{t('sortTitle')}</option>
          </select>
        </label>
      )}
      <FilterSelect
        label={t('filterSite')}
        value={filters.site ?? ''}
        testId="filter-site"
        options={facets.sites.map((site) => [site, site])}
        onChange={(site) => filter({ site: site || undefined })}
      />
      <FilterSelect
        label={t('filterTag')}
        value={filters.tag ?? ''}
        testId="filter-tag"
        options={facets.tags.map((tag) => [tag, tag])}
        onChange={(tag) => filter({ tag: tag || undefined })}
      />
      <MemberFilter
        members={facets.authors}
        value={filters.author ?? ''}
        onChange={(author) =>
          void readMe().then((me) => filter({ author: author || undefined, me: author ? me : undefined }))
        }
      />
      <FilterSelect
        label={t('filterColor')}
        value={filters.color ?? ''}
        testId="filter-color"
        options={COLORS.map((color) => [color, t(`color_${color}`)])}
        onChange={(color) => filter({ color: (color || undefined) as HighlightColor | undefined })}
      />
      {props.forArticles && (
        <>
          <FilterSelect
            label={t('filterState')}
            value={filters.state ?? ''}
            testId="filter-state"
            options={[
              ['clipped', t('stateClipped')],
              ['annotated', t('stateAnnotated')],
            ]}
            onChange={(state) => filter({ state: (state || undefined) as ArticleFilters['state'] })}
          />
          <label>
            {/* The range applies to the date the list is sorted by (clipped, unless sorted by 发布时间). */}
            {t(sort === 'published' ? 'filterFromPublished' : 'filterFromClipped')}{' '}
            <input
              type="date"
              value={filters.from ?? ''}
              onChange={(event) => filter({ from: event.currentTarget.value || undefined })}
            />
          </label>
          <label>
            {t('filterTo')}{' '}
            <input
              type="date"
              value={filters.to ?? ''}
              onChange={(event) => filter({ to: event.currentTarget.value || undefined })}
            />
          </label>
        </>
      )}
    </div>
  );
}
