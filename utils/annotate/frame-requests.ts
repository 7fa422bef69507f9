import type { FrameRequest } from './frame-messages';

/** The requests that change notes: the page's tools answer each once they acted on it. */
type Answered = Extract<FrameRequest, { type: 'update' | 'delete' | 'reattach' }>;

const ANSWERED_TYPES: ReadonlySet<FrameRequest['type']> = new Set(['update', 'delete', 'reattach']);

/** The tools act on a request as it arrives: one unanswered after this long is not coming. */
const ANSWER_WITHIN_MS = 5_000;

export interface FrameRequestsOptions {
  /** Sends a request to the page's tools; false when the frame has no line to them. */
  post(request: FrameRequest): boolean;
  /** How many requests the tools did not answer changed: the frame shows them as not saved. */
  onLost(lost: number): void;
  answerWithinMs?: number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export type FrameRequests = ReturnType<typeof createFrameRequests>;

function isAnswered(request: FrameRequest): request is Answered {
  return ANSWERED_TYPES.has(request.type);
}

/** A later request for the same annotation that makes an earlier, lost one moot. */
function supersedes(later: Answered, earlier: Answered): boolean {
  if (later.id !== earlier.id) return false;
  if (later.type === 'delete' || (later.type === 'reattach' && earlier.type === 'reattach')) return true;
  return (
    later.type === 'update' && earlier.type === 'update' && Object.keys(earlier.part).every((key) => key in later.part)
  );
}

/**
 * The note frame's requests to the page's tools, numbered, and which of them the tools answered.
 * One they do not answer in time — the line to them broke, or they never heard it — is lost: the
 * frame tells the reader it is not saved and offers to send it again, never dropping it in
 * silence. An answer that comes late still counts.
 */
export function createFrameRequests(options: FrameRequestsOptions) {
  const within = options.answerWithinMs ?? ANSWER_WITHIN_MS;
  const setTimer = options.setTimer ?? ((run: () => void, ms: number) => setTimeout(run, ms));
  const clearTimer = options.clearTimer ?? ((timer: unknown) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  let last = 0;
  const waiting = new Map<number, unknown>();
  const lost = new Map<number, Answered>();
  const changed = () => options.onLost(lost.size);

  function post(request: FrameRequest): boolean {
    try {
      return options.post(request);
    } catch {
      // A port that closed meanwhile throws: the request did not leave.
      return false;
    }
  }

  function send(request: FrameRequest) {
    if (!isAnswered(request)) {
      post(request);
      return;
    }
    const number = ++last;
    const numbered: Answered = { ...request, request: number };
    let change = false;
    for (const [earlier, old] of lost) {
      if (supersedes(request, old)) change = lost.delete(earlier);
    }
    if (post(numbered)) {
      waiting.set(
        number,
        setTimer(() => {
          waiting.delete(number);
          lost.set(number, numbered);
          changed();
        }, within),
      );
    } else {
      lost.set(number, numbered);
      change = true;
    }
    if (change) changed();
  }

  return {
    send,
    /** The tools acted on request `number`. */
    answered(number: number) {
      if (waiting.has(number)) clearTimer(waiting.get(number));
      waiting.delete(number);
      if (lost.delete(number)) changed();
    },
    /** Sends every lost request again, in the order they were first made. */
    retry() {
      const again = [...lost.values()];
      lost.clear();
      changed();
      for (const { request: _number, ...request } of again) send(request);
    },
    lost: () => lost.size,
  };
}
