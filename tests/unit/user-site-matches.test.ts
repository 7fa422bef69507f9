import { describe, expect, it } from 'vitest';
import { isPortalHost, PORTAL_MATCH_PATTERNS } from '@/utils/portal-sites';
import { originsForSite, siteOfPattern, userAddedSites, userSiteMatches } from '@/utils/sites/user-site-matches';

describe('portal sites', () => {
  it('covers portal domains and their subdomains only', () => {
    expect(isPortalHost('www.chinapeace.gov.cn')).toBe(true);
    expect(isPortalHost('gov.cn')).toBe(true);
    expect(isPortalHost('politics.people.com.cn')).toBe(true);
    expect(isPortalHost('notgov.cn')).toBe(false);
    expect(isPortalHost('gov.cn.evil.com')).toBe(false);
    expect(PORTAL_MATCH_PATTERNS).toContain('*://*.gov.cn/*');
  });
});

describe('user sites', () => {
  it('turns what the user types into a host permission', () => {
    expect(originsForSite('example.com')).toEqual(['*://*.example.com/*']);
    expect(originsForSite('https://www.Example.com/news/1.html')).toEqual(['*://*.example.com/*']);
    expect(originsForSite('  ')).toBeNull();
    expect(originsForSite('not a site')).toBeNull();
    expect(originsForSite('javascript:alert(1)')).toBeNull();
  });

  it('registers only what the manifest does not already cover', () => {
    expect(userSiteMatches(['*://*.gov.cn/*', '*://*.example.com/*', '*://*.example.com/*'])).toEqual([
      '*://*.example.com/*',
    ]);
  });

  it('never runs on the group sync server, whose origin is granted with its scheme', () => {
    const granted = ['*://*.example.com/*', 'https://dav.jianguoyun.com/*', 'http://127.0.0.1/*'];
    expect(userSiteMatches(granted)).toEqual(['*://*.example.com/*']);
    expect(userAddedSites(granted)).toEqual(['example.com']);
  });

  it('shows a granted pattern as its site', () => {
    expect(siteOfPattern('*://*.example.com/*')).toBe('example.com');
    expect(siteOfPattern('<all_urls>')).toBeNull();
  });

  it('lists as added only the sites the user granted, not the portals Firefox reports as granted too', () => {
    expect(
      userAddedSites([...PORTAL_MATCH_PATTERNS, '*://*/*', '*://*.example.com/*', '*://*.news.example.org/*']),
    ).toEqual(['example.com', 'news.example.org']);
    expect(userAddedSites(PORTAL_MATCH_PATTERNS)).toEqual([]);
  });
});
