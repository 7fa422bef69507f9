import type { CDPSession, Frame, Locator, Page } from 'playwright-core';

interface DomNode {
  nodeId: number;
  localName?: string;
  /** Name, value, name, value, … */
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: (DomNode & { shadowRootType?: string })[];
  /** A frame's document, and a document's address. */
  contentDocument?: DomNode;
  documentURL?: string;
}

/** The document (a frame's, in the page's tree) whose address holds `url`. */
function findDocument(node: DomNode, url: string): DomNode | null {
  if (node.documentURL?.includes(url)) return node;
  const next = [...(node.children ?? []), ...(node.contentDocument ? [node.contentDocument] : [])];
  return next.map((child) => findDocument(child, url)).find(Boolean) ?? null;
}

/**
 * Pizhu's host carries no mark of its own (the page would read it): it is the element under
 * <html> that holds a closed shadow root, which DevTools shows and a page script does not.
 */
function findHost(node: DomNode): DomNode | null {
  const html = node.localName === 'html' ? node : node.children?.find((child) => child.localName === 'html');
  if (!html) return node.children?.map(findHost).find(Boolean) ?? null;
  return html.children?.find((child) => child.shadowRoots?.[0]?.shadowRootType === 'closed') ?? null;
}

/**
 * Pizhu's in-page tools live in a closed shadow root, which neither page scripts nor Playwright's
 * locators can enter. Tests reach it the way DevTools does, through the DevTools protocol, and
 * act on it with the real mouse and keyboard at the elements' positions. Notes are shown in the
 * note frame, an extension page inside that root: a selector that matches nothing in the root is
 * looked for there (`noteFrame()`), through Playwright's own frame access.
 */
export class PizhuUi {
  private constructor(
    private readonly page: Page,
    private readonly cdp: CDPSession,
    private readonly frameUrl: string | null,
  ) {}

  /** Pizhu's tools in the page, or (`frameUrl`) in the page's same-origin frame at that address. */
  static async attach(page: Page, frameUrl: string | null = null): Promise<PizhuUi> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    return new PizhuUi(page, cdp, frameUrl);
  }

  private async shadowRoot(): Promise<number | null> {
    const { root } = (await this.cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const document = this.frameUrl === null ? root : findDocument(root, this.frameUrl);
    return (document && findHost(document)?.shadowRoots?.[0]?.nodeId) ?? null;
  }

  /** The note frame (an extension page), once it has loaded. */
  noteFrame(): Frame | null {
    return this.page.frames().find((frame) => frame.url().includes('/note-frame.html')) ?? null;
  }

  async query(selector: string): Promise<number[]> {
    const root = await this.shadowRoot();
    if (root === null) return [];
    const { nodeIds } = await this.cdp.send('DOM.querySelectorAll', { nodeId: root, selector });
    return nodeIds;
  }

  async count(selector: string): Promise<number> {
    return (await this.query(selector)).length + ((await this.noteFrame()?.locator(selector).count()) ?? 0);
  }

  /** The note frame's matches when the shadow root has none. */
  private async inFrame(selector: string): Promise<Frame | null> {
    if ((await this.query(selector)).length > 0) return null;
    return this.noteFrame();
  }

  private async call<T>(nodeId: number, functionDeclaration: string): Promise<T> {
    const { object } = await this.cdp.send('DOM.resolveNode', { nodeId });
    const { result } = await this.cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId!,
      functionDeclaration,
      returnByValue: true,
    });
    return result.value as T;
  }

  /** The text of every element matching `selector`, in document order. */
  async texts(selector: string): Promise<string[]> {
    const frame = await this.inFrame(selector);
    if (frame) return frame.locator(selector).allTextContents();
    const texts: string[] = [];
    for (const nodeId of await this.query(selector))
      texts.push(await this.call<string>(nodeId, 'function () { return this.textContent; }'));
    return texts;
  }

  async value(selector: string): Promise<string | null> {
    const frame = await this.inFrame(selector);
    if (frame) return (await frame.locator(selector).count()) ? frame.locator(selector).first().inputValue() : null;
    const [nodeId] = await this.query(selector);
    return nodeId === undefined ? null : this.call<string>(nodeId, 'function () { return this.value; }');
  }

  /** A computed style property of the first match, to prove the page's CSS does not reach in. */
  async style(selector: string, property: string): Promise<string | null> {
    const [nodeId] = await this.query(selector);
    return nodeId === undefined
      ? null
      : this.call<string>(
          nodeId,
          `function () { return getComputedStyle(this).getPropertyValue(${JSON.stringify(property)}); }`,
        );
  }

  /** The centre of the first match in viewport coordinates. */
  async centre(selector: string, index = 0): Promise<{ x: number; y: number }> {
    const nodeId = (await this.query(selector))[index];
    if (nodeId === undefined) throw new Error(`no Pizhu UI element matches ${selector}`);
    await this.cdp.send('DOM.scrollIntoViewIfNeeded', { nodeId });
    const { quads } = await this.cdp.send('DOM.getContentQuads', { nodeId });
    const quad = quads[0];
    if (!quad) throw new Error(`${selector} is not rendered`);
    return { x: (quad[0]! + quad[4]!) / 2, y: (quad[1]! + quad[5]!) / 2 };
  }

  /** A real mouse click on the first (or `index`th) match. */
  async click(selector: string, index = 0): Promise<void> {
    const frame = await this.inFrame(selector);
    if (frame) return this.clickInNoteFrame(frame.locator(selector).nth(index), selector);
    const { x, y } = await this.centre(selector, index);
    await this.page.mouse.click(x, y);
  }

  /**
   * A click in the note frame on what the screen shows, as a reader clicks. Chromium sends a click
   * to where it last drew the frame: an element the frame has laid out but the browser has not yet
   * drawn there — the frame was just shown, moved or resized, which on a loaded machine stays
   * undrawn for a long while — is not on screen yet, and the click reaches the page (whose tools
   * ignore clicks on their own frame). Playwright reports such a click as done: the frame saw no
   * event to check. So the screen is drawn first (a screenshot waits for the browser's next frame)
   * and the frame must have felt the press; if it did not, the click is made again.
   */
  async clickInNoteFrame(target: Locator, what: string): Promise<void> {
    const frame = this.noteFrame();
    if (!frame) throw new Error(`no note frame to click ${what} in`);
    const ATTEMPTS = 5;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      await target.scrollIntoViewIfNeeded();
      const box = await target.boundingBox();
      if (box) await this.page.screenshot({ clip: box });
      await frame.evaluate(() => {
        const probe = window as unknown as { pizhuTestPressed?: boolean };
        probe.pizhuTestPressed = false;
        const pressed = (event: Event) => void (probe.pizhuTestPressed = event.isTrusted);
        window.addEventListener('pointerdown', pressed, { capture: true, once: true });
      });
      await target.click();
      if (await frame.evaluate(() => (window as unknown as { pizhuTestPressed?: boolean }).pizhuTestPressed)) return;
    }
    throw new Error(`${ATTEMPTS} clicks on ${what} in the note frame all reached the page instead`);
  }

  async focus(selector: string): Promise<void> {
    const frame = await this.inFrame(selector);
    if (frame) return frame.locator(selector).first().focus();
    const [nodeId] = await this.query(selector);
    if (nodeId === undefined) throw new Error(`no Pizhu UI element matches ${selector}`);
    await this.cdp.send('DOM.focus', { nodeId });
  }
}
