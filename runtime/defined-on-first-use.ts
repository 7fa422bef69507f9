/**
 * A module-level object made only when one of its properties is first read: for WXT storage items,
 * whose definition reads storage at once (see user-settings.ts). The item's methods are closures,
 * so they work when read off it.
 */
export function definedOnFirstUse<Item extends object>(define: () => Item): Item {
  let item: Item | undefined;
  return new Proxy({} as Item, { get: (_target, property) => Reflect.get((item ??= define()), property) });
}
