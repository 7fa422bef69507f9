import { useRef, useState } from 'preact/hooks';
import { AllowSelectionHere } from '@/components/AllowSelectionHere';
import { AlwaysRunHere } from '@/components/AlwaysRunHere';
import { ArticleMetadata } from '@/components/ArticleMetadata';
import { ErrorNotice } from '@/components/ErrorNotice';
import { CopyReference } from '@/components/CopyReference';
import { ExportMenu } from '@/components/ExportMenu';
import { readerHref } from '@/components/SearchResults';
import { t } from '@/runtime/translate';
import { lazyDatabase } from '@/store/lazy-database';
import { correctedFields, withReaderValues } from '@/utils/model/metadata-corrections';
import type { PageStatus } from '@/utils/model/page-status';
import { CorrectMetadataForm } from './CorrectMetadataForm';
import type { useCurrentTab } from './use-current-tab';

/** Why the page was not analysed, in the UI language. */
function stoppedText({ kind, found, limit }: NonNullable<PageStatus['stopped']>): string {
  return `${t(`popupStopped_${kind}`, [found.toLocaleString(), limit.toLocaleString()])} ${t('popupStoppedHelp')}`;
}

/** The popup's part about the current page: article or not, its metadata and notes, clipped or not, and what can be done. */
export function ThisPageSection(props: { tab: ReturnType<typeof useCurrentTab>; hidden: boolean }) {
  const { status, stored, clip, error, updateStatus, clipArticle, correctDetails } = props.tab;
  const [correcting, setCorrecting] = useState(false);
  const [corrected, setCorrected] = useState(false);
  const correctButton = useRef<HTMLButtonElement>(null);
  const metadata = status?.metadata ? withReaderValues(status.metadata, stored?.article ?? null) : null;
  // Clipped is a state, shown as one; clipping again is offered quietly, not as the main action.
  const clippedBefore = Boolean(stored?.article?.clippedAt);
  const clipLabel =
    clip === 'clipping'
      ? t('popupClipping')
      : clip === 'done'
        ? t('popupClipped')
        : clippedBefore
          ? t('popupReclip')
          : t('popupClip');
  const clipClass = clip === 'done' ? 'done' : clippedBefore ? '' : 'primary';

  return (
    <section aria-labelledby="this-page" data-testid="this-page" hidden={props.hidden}>
      <h2 id="this-page">{t('popupThisPage')}</h2>
      {status === undefined && <p class="pz-muted">{t('popupLoading')}</p>}
      {status === null && (
        <>
          <p class="pz-muted">{t('popupNotRunning')}</p>
          <div class="actions">
            <button onClick={updateStatus('page.activate')} data-testid="activate">
              {t('popupActivate')}
            </button>
          </div>
        </>
      )}
      {status && (
        <>
          {metadata && correcting ? (
            <CorrectMetadataForm
              metadata={metadata}
              stored={stored?.article ?? null}
              save={async (fields) => {
                await correctDetails(fields);
                setCorrected(true);
              }}
              close={() => {
                setCorrecting(false);
                // Back where the reader was, for the keyboard.
                requestAnimationFrame(() => correctButton.current?.focus());
              }}
            />
          ) : metadata ? (
            <>
              <ArticleMetadata metadata={metadata} corrected={stored?.article ? correctedFields(stored.article) : []} />
              {status.isArticle && (
                <div class="actions">
                  <CopyReference article={{ ...metadata, url: stored?.article?.url ?? status.url }} />
                </div>
              )}
            </>
          ) : null}
          {corrected && !correcting && (
            <p role="status" class="pz-muted" data-testid="correct-saved">
              {t('popupCorrectSaved')}
            </p>
          )}
          {status.stopped ? (
            <p class="pz-muted" data-testid="page-stopped">
              {stoppedText(status.stopped)}
            </p>
          ) : (
            !status.isArticle && (
              <p class="pz-muted" data-testid="not-article">
                {t('popupNotArticle')}
              </p>
            )
          )}
          {stored && (
            <p class="pz-muted" data-testid="page-stored">
              {t('popupAnnotationCount', String(stored.notes))} ·{' '}
              {stored.article?.clippedAt
                ? t('popupClippedAt', stored.article.clippedAt.slice(0, 10))
                : t('popupNotClipped')}
              {stored.article?.clippedAt && (
                <>
                  {' · '}
                  <a href={readerHref(stored.article.id)} target="_blank" rel="noopener" data-testid="open-reader">
                    {t('popupOpenReader')}
                  </a>
                </>
              )}
            </p>
          )}
          <div class="actions">
            {status.isArticle ? (
              <button
                class={clipClass}
                onClick={clipArticle('article')}
                disabled={clip === 'clipping' || clip === 'done'}
                data-testid="clip"
              >
                {clipLabel}
              </button>
            ) : (
              <button onClick={updateStatus('page.treatAsArticle')} data-testid="treat-as-article">
                {t('popupTreatAsArticle')}
              </button>
            )}
            {metadata && !correcting && (
              <button
                ref={correctButton}
                onClick={() => {
                  setCorrected(false);
                  setCorrecting(true);
                }}
                data-testid="correct"
              >
                {t('popupCorrect')}
              </button>
            )}
            <AlwaysRunHere url={status.url} />
            {stored?.article && stored.notes > 0 && (
              <ExportMenu
                label={t('exportThisArticle')}
                load={async () =>
                  (await import('@/store/export-snapshot')).loadExportBundle(await lazyDatabase(), {
                    articleIds: [stored.article!.id],
                  })
                }
              />
            )}
          </div>
          <AllowSelectionHere url={status.url} />
        </>
      )}
      <ErrorNotice error={error} />
      {/* A page not read (over the limits) can still be kept in part, with no reading at all. */}
      {(clip === 'not-extractable' || Boolean(status?.stopped)) && (
        <div class="actions" data-testid="clip-fallbacks">
          {clip === 'not-extractable' && <p class="pz-muted">{t('popupNotExtractableHelp')}</p>}
          <button onClick={clipArticle('selection')}>{t('popupSaveSelection')}</button>
          <button onClick={clipArticle('page')}>{t('popupSavePage')}</button>
          {clip === 'done' && !status?.isArticle && (
            <p role="status" data-testid="clip-done">
              {t('popupClipped')}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
