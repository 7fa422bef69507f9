import { mountPage } from '@/components/mount-page';
import { SidePanelApp } from '@/components/side-panel/SidePanelApp';
import '@/components/page-tools/page-tools.css';
import './sidepanel.css';

mountPage(SidePanelApp, 'sidePanelTitle');
