import { useEffect, useState } from 'preact/hooks';
import { t } from '@/runtime/translate';
import { freeSelectionSitesSetting, rememberFreeSelection } from '@/runtime/user-settings';

/** The options page's list of sites where the reader allowed selecting text: each can be removed, and the removal undone. */
export function FreeSelectionSites() {
  const [sites, setSites] = useState<string[]>([]);
  const [removed, setRemoved] = useState<string | null>(null);
  useEffect(() => {
    void freeSelectionSitesSetting.getValue().then(setSites);
    return freeSelectionSitesSetting.watch(setSites);
  }, []);

  const remove = async (site: string) => {
    await rememberFreeSelection(site, false);
    setRemoved(site);
  };
  const undo = async (site: string) => {
    await rememberFreeSelection(site, true);
    setRemoved(null);
  };

  return (
    <section data-testid="free-selection-sites">
      <h3>{t('optionsFreeSelectionHeading')}</h3>
      <p class="pz-muted">{t('optionsFreeSelectionHelp')}</p>
      {removed && (
        <p role="status">
          {t('optionsRemoved', removed)} <button onClick={() => void undo(removed)}>{t('optionsUndo')}</button>
        </p>
      )}
      {sites.length === 0 ? (
        <p class="pz-muted">{t('optionsFreeSelectionEmpty')}</p>
      ) : (
        <ul class="pz-list">
          {sites.map((site) => (
            <li key={site}>
              {site} <button onClick={() => void remove(site)}>{t('optionsRemoveSite')}</button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
