/** The name of Pizhu's IndexedDB database, in the extension origin. */
export const DATABASE_NAME = 'pizhu';
