import type { Box, EvaluateReply, FirefoxWithExtension, Point } from './firefox-with-extension';
import { until } from './firefox-with-extension';

/*
 * A reader's mouse and keyboard in Firefox, over WebDriver BiDi's `input` module: real pointer and
 * key events at the elements' places on screen, in a tab, an extension page or the note frame.
 */

const [SHIFT, CONTROL, BACKSPACE] = ['\uE008', '\uE009', '\uE003'];
const down = (value: string) => ({ type: 'keyDown', value });
const up = (value: string) => ({ type: 'keyUp', value });
/** One key pressed and let go, with `held` (modifier keys) held down around it. */
const stroke = (value: string, held: string[] = []) => [
  ...held.map(down),
  down(value),
  up(value),
  ...[...held].reverse().map(up),
];

async function keys(firefox: FirefoxWithExtension, context: string, actions: Record<string, unknown>[]) {
  await firefox.send('input.performActions', { context, actions: [{ type: 'key', id: 'keyboard', actions }] });
}

async function pointer(
  firefox: FirefoxWithExtension,
  context: string,
  actions: Record<string, unknown>[],
): Promise<void> {
  await firefox.send('input.performActions', {
    context,
    actions: [{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions }],
  });
}

/** A real click at a point of the tab's viewport. */
export async function clickAt(firefox: FirefoxWithExtension, context: string, { x, y }: Point): Promise<void> {
  await pointer(firefox, context, [
    { type: 'pointerMove', x: Math.round(x), y: Math.round(y) },
    { type: 'pointerDown', button: 0 },
    { type: 'pointerUp', button: 0 },
  ]);
}

/** Clicks the middle of the box `find` gives, once it gives one with a size. */
async function clickFound(
  firefox: FirefoxWithExtension,
  context: string,
  find: () => Promise<Box | null | undefined>,
  what: string,
) {
  const box = await until(
    async () => {
      const found = await find();
      return found && found.width > 0 ? found : null;
    },
    () => `nothing to click: ${what}`,
  );
  await clickAt(firefox, context, { x: box.x + box.width / 2, y: box.y + box.height / 2 });
}

/** A real click on the first element matching `selector` in Pizhu's in-page tools of `tab`. */
export async function clickInTools(firefox: FirefoxWithExtension, tab: string, selector: string): Promise<void> {
  await clickFound(firefox, tab, async () => (await firefox.boxes(tab, selector))[0], selector);
}

/** A real click on the first element matching `selector` in a page's own document (an extension page). */
export async function clickElement(firefox: FirefoxWithExtension, context: string, selector: string): Promise<void> {
  await clickFound(
    firefox,
    context,
    async () => {
      await firefox.evaluateIn(
        context,
        `void document.querySelector(${JSON.stringify(selector)})?.scrollIntoView({ block: 'nearest' })`,
      );
      return (await firefox.boxes(context, selector, false))[0];
    },
    selector,
  );
}

/** The box of the first enabled button of a document whose text is `text`, scrolled into view. */
function buttonBox(firefox: FirefoxWithExtension, context: string, text: string): Promise<Box | null> {
  return firefox.callIn<Box | null>(
    context,
    `(text) => {
      const button = [...document.querySelectorAll('button')].find((one) => one.textContent.trim() === text && !one.disabled);
      if (!button) return null;
      button.scrollIntoView({ block: 'nearest' });
      const rect = button.getBoundingClientRect();
      return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
    }`,
    [],
    [text],
  );
}

/** A real click on the first enabled button of a page's document whose text is `text`. */
export async function clickButton(firefox: FirefoxWithExtension, context: string, text: string): Promise<void> {
  await clickFound(firefox, context, () => buttonBox(firefox, context, text), `a button "${text}"`);
}

/** A real click, on the tab's screen, on a button of the note frame of `tab` whose text is `text`. */
export async function clickButtonInNoteFrame(firefox: FirefoxWithExtension, tab: string, text: string): Promise<void> {
  const frame = await firefox.noteFrame(tab);
  await clickFound(
    firefox,
    tab,
    async () => {
      const [place] = await firefox.boxes(tab, 'iframe.note-frame');
      const box = await buttonBox(firefox, frame, text);
      return place && box ? { ...box, x: place.x + box.x, y: place.y + box.y } : null;
    },
    `a button "${text}" in the note frame`,
  );
}

/** Clicks a field of a page's document, selects what it holds (Ctrl+A) and types `text` over it. */
export async function fillField(
  firefox: FirefoxWithExtension,
  context: string,
  selector: string,
  text: string,
): Promise<void> {
  await clickElement(firefox, context, selector);
  await keys(firefox, context, [...stroke('a', [CONTROL]), ...stroke(BACKSPACE)]);
  await typeKeys(firefox, context, text);
}

/** Presses the mouse at `from`, moves it in steps to `to` and releases it: a reader's drag. */
export async function dragMouse(firefox: FirefoxWithExtension, context: string, from: Point, to: Point): Promise<void> {
  const steps = [0.25, 0.5, 0.75, 1].map((share) => ({
    type: 'pointerMove',
    x: Math.round(from.x + (to.x - from.x) * share),
    y: Math.round(from.y + (to.y - from.y) * share),
  }));
  await pointer(firefox, context, [
    { type: 'pointerMove', x: Math.round(from.x), y: Math.round(from.y) },
    { type: 'pointerDown', button: 0 },
    ...steps,
    { type: 'pointerUp', button: 0 },
  ]);
}

/** Types `text` with real key presses into whatever has the keyboard in `context`'s tab. */
export async function typeKeys(firefox: FirefoxWithExtension, context: string, text: string): Promise<void> {
  await keys(
    firefox,
    context,
    [...text].flatMap((value) => stroke(value)),
  );
}

/** Presses one key (a WebDriver key value, e.g. '\uE00C' for Escape), with Shift if asked. */
export async function pressKey(
  firefox: FirefoxWithExtension,
  context: string,
  value: string,
  shift = false,
): Promise<void> {
  await keys(firefox, context, stroke(value, shift ? [SHIFT] : []));
}

/** Gives a file input of a page's document these files, as the reader's file chooser would. */
export async function setFiles(
  firefox: FirefoxWithExtension,
  context: string,
  selector: string,
  paths: string[],
): Promise<void> {
  const reply = (await firefox.send('script.evaluate', {
    expression: `document.querySelector(${JSON.stringify(selector)})`,
    target: { context },
    awaitPromise: false,
  })) as EvaluateReply;
  if (!reply.result?.sharedId) throw new Error(`no ${selector}`);
  await firefox.send('input.setFiles', { context, element: { sharedId: reply.result.sharedId }, files: paths });
}
