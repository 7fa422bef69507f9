import { Readability } from '@mozilla/readability';
import type { Deadline } from '../../dom/page-limits';

/** Steps of Readability 0.6 (pinned) that every pass takes once or more per node. */
const PER_NODE_STEPS = ['_getNextNode', '_getInnerText'] as const;
/** The clock is read every this many steps: reading it at every one cost a tenth of Readability's time. */
export const STEPS_PER_CHECK = 16;

/**
 * Readability that gives up at a deadline. It has no way to be stopped, and its clean-up
 * measures each candidate's text again, so its time grows with elements × depth. Every pass
 * goes node by node through two internal steps, so the deadline is checked there (every few); they are
 * internal to the pinned version, and the page-limits unit test fails if they stop being called.
 */
export function readabilityWithin(document: Document, deadline: Deadline): ReturnType<Readability<Element>['parse']> {
  const reader = new Readability<Element>(document, {
    charThreshold: 100,
    serializer: (node: Node) => node as Element,
  });
  const steps = reader as unknown as Record<string, (first: unknown, second: unknown) => unknown>;
  let count = 0;
  for (const name of PER_NODE_STEPS) {
    const step = steps[name]!;
    // Both steps take two arguments; a fixed signature spares an array per call.
    steps[name] = (first, second) => {
      if (++count % STEPS_PER_CHECK === 0) deadline.check();
      return step.call(reader, first, second);
    };
  }
  return reader.parse();
}
