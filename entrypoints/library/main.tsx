import { mountPage } from '@/components/mount-page';
import { LibraryApp } from './LibraryApp';

mountPage(LibraryApp, 'libraryTitle');
