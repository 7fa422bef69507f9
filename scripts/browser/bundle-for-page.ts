import { build } from 'esbuild';

/** Bundles a benchmark entry into one script that can be added to any page with addScriptTag. */
export async function bundleForPage(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome120',
    minify: true,
  });
  return result.outputFiles[0]!.text;
}
