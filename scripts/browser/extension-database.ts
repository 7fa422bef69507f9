import type { Page } from '@playwright/test';

/** How many records each object store of Pizhu's database holds, read from one of the extension's pages. */
export function countStored<S extends string>(page: Page, stores: readonly S[]): Promise<Record<S, number>> {
  return page.evaluate(
    (names) =>
      new Promise<Record<string, number>>((resolve, reject) => {
        const request = indexedDB.open('pizhu');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const transaction = request.result.transaction(names);
          const counts = names.map((name) => transaction.objectStore(name).count());
          transaction.oncomplete = () => {
            request.result.close();
            resolve(Object.fromEntries(names.map((name, index) => [name, counts[index]!.result])));
          };
        };
      }),
    [...stores],
  ) as Promise<Record<S, number>>;
}
