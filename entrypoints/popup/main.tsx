import { mountPage } from '@/components/mount-page';
import { PopupApp } from './PopupApp';
import './popup.css';

mountPage(PopupApp, 'extName');
