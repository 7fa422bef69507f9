import DOMPurify from 'dompurify';

/**
 * Cleans HTML that came from a web page before it is stored or shown in an extension page.
 * Beyond DOMPurify's defaults: no forms, frames, media that fetch on their own, or styles, and
 * nothing that is drawn out of the text's flow — an open <dialog>, a popover, a full-screen
 * element — so a clipped page can neither run code nor draw over Pizhu's own UI (a fake "log in
 * again" box inside an extension page).
 */
const FORBID_TAGS = [
  'style',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'iframe',
  'frame',
  'object',
  'embed',
  'link',
  'meta',
  'base',
  'svg',
  'math',
  'video',
  'audio',
  'source',
  'template',
  'dialog',
  'portal',
  'fencedframe',
  'slot',
];
const FORBID_ATTR = [
  'style',
  'class',
  'id',
  'srcset',
  'action',
  'formaction',
  'background',
  'ping',
  'open',
  'popover',
  'popovertarget',
  'popovertargetaction',
  'commandfor',
  'command',
  'autofocus',
  'inert',
  'is',
];

/** One sanitizer per window: making one (and its hook) for every clip cost as much as a small page's sanitizing. */
const sanitizers = new WeakMap<Window, ReturnType<typeof DOMPurify>>();

function sanitizerFor(window: Window & typeof globalThis): ReturnType<typeof DOMPurify> {
  let purify = sanitizers.get(window);
  if (purify) return purify;
  purify = DOMPurify(window);
  // Unsupported DOMs make DOMPurify hand back its input unchanged; refuse rather than pass it on.
  if (!purify.isSupported) throw new Error('HTML cannot be sanitized in this environment');
  purify.addHook('afterSanitizeAttributes', (node) => {
    // Links and images keep only web addresses; data:, javascript: and the like are dropped.
    for (const attribute of ['href', 'src']) {
      const value = node.getAttribute(attribute);
      if (value !== null && !/^(https?:|#|\/|\.\/|\.\.\/|[^:]*$)/i.test(value.trim())) {
        node.removeAttribute(attribute);
      }
    }
    if (node.tagName === 'A') {
      node.setAttribute('rel', 'noopener noreferrer');
      node.setAttribute('target', '_blank');
    }
  });
  // Set once: a config given with every call is parsed again every time.
  purify.setConfig({ FORBID_TAGS, FORBID_ATTR, ALLOW_DATA_ATTR: false, ALLOW_ARIA_ATTR: false });
  sanitizers.set(window, purify);
  return purify;
}

export function sanitizeHtml(html: string, window: Window & typeof globalThis = globalThis.window): string {
  return sanitizerFor(window).sanitize(html);
}
