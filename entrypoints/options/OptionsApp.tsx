import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { DisplayNameField } from '@/components/DisplayNameField';
import { StudyGroupField } from '@/components/StudyGroupField';
import { GroupSyncSettings } from '@/components/GroupSyncSettings';
import { MarkdownMarksField } from '@/components/MarkdownMarksField';
import { MarkdownSendFields } from '@/components/MarkdownSendFields';
import { ImportNotes } from '@/components/ImportNotes';
import { BackupButton } from '@/components/BackupButton';
import { BackupOffer } from '@/components/BackupOffer';
import { LibraryKeepingStatus } from '@/components/LibraryKeepingStatus';
import { FreeSelectionSites } from '@/components/FreeSelectionSites';
import { t } from '@/runtime/translate';
import { isPortalHost, PORTAL_DOMAINS } from '@/utils/portal-sites';
import { originsForSite, siteOfPattern, userAddedSites } from '@/utils/sites/user-site-matches';

const ALL_SITES = '*://*/*';

async function grantedSites(): Promise<{ sites: string[]; allSites: boolean }> {
  const { origins = [] } = await browser.permissions.getAll();
  return { sites: userAddedSites(origins), allSites: origins.includes(ALL_SITES) };
}

/** Settings: the annotator's name, and the sites where Pizhu runs by itself. Permissions are asked for only when the user adds a site. */
export function OptionsApp() {
  const [sites, setSites] = useState<string[]>([]);
  const [allSites, setAllSites] = useState(false);
  const [draft, setDraft] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [removed, setRemoved] = useState<string | null>(null);

  const refresh = async () => {
    const granted = await grantedSites();
    setSites(granted.sites);
    setAllSites(granted.allSites);
  };
  useEffect(() => void refresh(), []);

  // permissions.request must run inside the click's user gesture: no await before it.
  const grant = (origins: string[]) =>
    browser.permissions.request({ origins }).then(
      async (granted) => {
        setMessage(granted ? null : t('optionsPermissionDenied'));
        await refresh();
        return granted;
      },
      () => {
        setMessage(t('optionsPermissionDenied'));
        return false;
      },
    );

  const addSite = (event: Event) => {
    event.preventDefault();
    const origins = originsForSite(draft);
    if (!origins) {
      setMessage(t('optionsInvalidSite'));
      return;
    }
    if (isPortalHost(siteOfPattern(origins[0]!) ?? '')) {
      setMessage(t('optionsAlreadyBuiltIn'));
      return;
    }
    void grant(origins).then((granted) => granted && setDraft(''));
  };

  const removeSite = async (site: string) => {
    await browser.permissions.remove({ origins: originsForSite(site) ?? [] });
    setRemoved(site);
    await refresh();
  };

  const toggleAllSites = async (enabled: boolean) => {
    if (enabled) await grant([ALL_SITES]);
    else {
      await browser.permissions.remove({ origins: [ALL_SITES] });
      await refresh();
    }
  };

  return (
    <main style={{ maxWidth: '40rem', margin: '0 auto', padding: '1rem' }}>
      <h1>{t('optionsTitle')}</h1>
      <BackupOffer />
      <DisplayNameField />
      <StudyGroupField />
      <GroupSyncSettings />
      <h2>{t('optionsSitesHeading')}</h2>
      <p class="pz-muted">{t('optionsSitesHelp')}</p>
      <label>
        <input
          type="checkbox"
          checked={allSites}
          onChange={(event) => void toggleAllSites(event.currentTarget.checked)}
        />{' '}
        {t('optionsAllSites')}
      </label>
      <h3>{t('optionsUserSites')}</h3>
      <form onSubmit={addSite}>
        <input
          type="text"
          value={draft}
          placeholder={t('optionsAddSitePlaceholder')}
          aria-label={t('optionsAddSite')}
          onInput={(event) => setDraft(event.currentTarget.value)}
        />{' '}
        <button type="submit">{t('optionsAddSite')}</button>
      </form>
      {message && (
        <p class="pz-error" role="alert">
          {message}
        </p>
      )}
      {removed && (
        <p role="status">
          {t('optionsRemoved', removed)}{' '}
          <button onClick={() => void grant(originsForSite(removed) ?? []).then(() => setRemoved(null))}>
            {t('optionsUndo')}
          </button>
        </p>
      )}
      {sites.length === 0 ? (
        <p class="pz-muted">{t('optionsUserSitesEmpty')}</p>
      ) : (
        <ul class="pz-list">
          {sites.map((site) => (
            <li key={site}>
              {site} <button onClick={() => void removeSite(site)}>{t('optionsRemoveSite')}</button>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('optionsPortalSites')}</h3>
      <p class="pz-muted">{PORTAL_DOMAINS.join(' · ')}</p>
      <FreeSelectionSites />
      <h2>{t('optionsExportHeading')}</h2>
      <MarkdownMarksField />
      <MarkdownSendFields />
      <h2>{t('optionsBackupHeading')}</h2>
      <p class="pz-muted">{t('optionsBackupHelp')}</p>
      <BackupButton /> <ImportNotes label={t('optionsRestore')} />
      <LibraryKeepingStatus />
    </main>
  );
}
