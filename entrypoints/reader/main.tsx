import { mountPage } from '@/components/mount-page';
import { ReaderApp } from './ReaderApp';

mountPage(ReaderApp, 'readerTitle');
