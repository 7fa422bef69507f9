import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// WXT's content script context posts the extension's id to the page on every start; see the file.
const QUIET_CONTEXT = fileURLToPath(new URL('./runtime/quiet-content-script-context.ts', import.meta.url));

// Explicit imports everywhere: a reader should see where `browser` or a helper comes from.
export default defineConfig({
  imports: false,
  manifestVersion: 3,
  vite: () => ({
    plugins: [preact()],
    resolve: { alias: [{ find: /^wxt\/utils\/content-script-context$/, replacement: QUIET_CONTEXT }] },
    // An extension page waits on each of its script files in turn from the browser (a trace of the
    // popup showed 32-byte modules answered 60 ms after being asked for): fewer, larger files.
    build: { rollupOptions: { output: { experimentalMinChunkSize: 20_000 } } },
  }),
  // `npm run zip`: the store archives, and for Firefox the sources AMO asks for — what builds the
  // extension, not what the tools wrote.
  zip: {
    excludeSources: ['screenshots/**', 'start-output/**', 'bench-results/**', 'test-results/**', 'docs/*.png'],
  },
  // `npm run dev` opens Chromium with Pizhu when there is a screen to show it on (root needs
  // --no-sandbox); with none (a server, CI) it only builds and rebuilds .output/chrome-mv3-dev.
  webExt: {
    disabled: !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY,
    chromiumArgs: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    // storage: per-tab page status in storage.session; scripting + activeTab: run on a page the
    // user picks; contextMenus: 剪藏 on the page's context menu; alarms: group sync every 15 minutes;
    // unlimitedStorage: the library is the reader's only copy of their notes, so the browser must
    // neither cap it nor evict it under disk pressure (it shows no prompt and no warning for it).
    // offscreen (Chromium; no warning): a document to parse a copy of a page in, away from the page's
    // main thread — Firefox's background page parses it itself.
    // sidePanel (Chromium; no warning at install): the page's notes in the browser's side panel —
    // Firefox's sidebar_action needs no permission.
    permissions: [
      'storage',
      'scripting',
      'activeTab',
      'contextMenus',
      'alarms',
      'unlimitedStorage',
      ...(browser === 'firefox' ? [] : ['offscreen', 'sidePanel']),
    ],
    // Other sites are added by the user from the options page, asked for at runtime.
    optional_host_permissions: ['*://*/*'],
    action: { default_title: '__MSG_actionTitle__' },
    commands: {
      // Chromium leaves Alt+Shift+P unassigned (chrome.commands.getAll shows no shortcut for it).
      'activate-page': {
        suggested_key: { default: 'Alt+Shift+E' },
        description: '__MSG_commandActivatePage__',
      },
      'clip-page': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: '__MSG_commandClipPage__',
      },
      'highlight-selection': {
        suggested_key: { default: 'Alt+Shift+H' },
        description: '__MSG_commandHighlightSelection__',
      },
      'open-side-panel': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: '__MSG_commandOpenSidePanel__',
      },
    },
    // The note frame is loaded into the pages Pizhu runs on: the portals, and any site the user
    // adds or picks by hand, so it cannot be limited to a fixed list.
    // Chromium: only under an address made anew each browser session, so no site can tell from it
    // that Pizhu is installed (Firefox gives each install its own address already).
    web_accessible_resources: [
      {
        resources: ['note-frame.html'],
        matches: ['<all_urls>'],
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
    // Extension pages fetch nothing remote by themselves: a clipped page's images and media stay
    // on their sites until the reader asks for them (they then arrive as blob: addresses).
    content_security_policy: {
      extension_pages:
        "script-src 'self'; object-src 'self'; img-src 'self' data: blob:; media-src 'self' data: blob:; font-src 'self' data:",
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'pizhu@pizhu.local',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {
          // No other extension and no web page may message the background (Firefox has no such key
          // and refuses messages from elsewhere already).
          externally_connectable: { ids: [] },
        }),
  }),
});
