/**
 * `npm run --silent extract -- FILE [--url URL] [FILE [--url URL] ...]`
 *
 * Runs Pizhu's detector and extractor in Node on saved pages and prints one JSON object per
 * file on stdout, one per line, and nothing else there (logs go to stderr). Other tools rely on
 * this shape: {file, isArticle, score, title, publishedAt, publishedText, source, author,
 * editor, siteName, column, text, outline}, absent values null, or {file, error}.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { metadataOf } from '../utils/model/article';
import { analyzeHtml } from './node/analyze-html';

interface Job {
  file: string;
  url: string | null;
}

function parseArguments(argv: readonly string[]): Job[] {
  const jobs: Job[] = [];
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    if (argument === '--url') {
      const url = argv[++index];
      const job = jobs.at(-1);
      if (!job || !url) throw new Error('--url needs a file before it and an address after it');
      job.url = url;
    } else {
      jobs.push({ file: argument, url: null });
    }
  }
  return jobs;
}

function run(job: Job): Record<string, unknown> {
  let bytes: Uint8Array;
  try {
    // npm runs scripts from the package folder; paths are relative to where the user ran npm.
    bytes = readFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), job.file));
  } catch (error) {
    return { file: job.file, error: `cannot read the file: ${(error as Error).message}` };
  }
  try {
    const result = analyzeHtml(bytes, job.url ?? undefined);
    const { extract, detection } = result;
    return {
      file: job.file,
      isArticle: detection.isArticle,
      score: detection.score,
      ...metadataOf(extract),
      title: extract.title || null,
      text: extract.text || null,
      outline: extract.outline,
    };
  } catch (error) {
    return { file: job.file, error: (error as Error).message };
  }
}

let jobs: Job[];
try {
  jobs = parseArguments(process.argv.slice(2));
} catch (error) {
  console.error(`extract: ${(error as Error).message}`);
  process.exit(2);
}
if (jobs.length === 0) {
  console.error('usage: npm run --silent extract -- FILE [--url URL] [FILE [--url URL] ...]');
  process.exit(2);
}
for (const job of jobs) process.stdout.write(`${JSON.stringify(run(job))}\n`);
