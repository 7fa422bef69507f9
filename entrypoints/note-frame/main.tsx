import { render } from 'preact';
import { browser } from 'wxt/browser';
import { NoteFrameApp } from './NoteFrameApp';

document.documentElement.lang = browser.i18n.getUILanguage();
render(<NoteFrameApp nonce={location.hash.slice(1)} />, document.getElementById('app')!);
