// The iframe embed (index.html?embed): loaded by main.ts only when the page is opened with `?embed`.
// - Tells the host page its content height (pym.js and AMP / @newswire/frames messages), so the iframe can be exactly
//   as tall as the story and never scrolls itself.
// - Follows the host's viewport, so the scrolly story still works although the iframe never scrolls: from host
//   messages (pym's viewport-iframe-position, our loader's story-map:viewport, AMP intersections) when a host
//   sends them, else from an IntersectionObserver against the top-level viewport (intersectionViewport.ts).
// Every incoming message is checked (source, origin allow-list, shape, finite numbers); garbage is ignored silently.
import { MutableHostViewport, type HostViewport } from '../scroll/hostViewport.ts';
import { FRAME_CSS } from './frameCss.ts';
import { fallbackHeight, watchHostViewport } from './intersectionViewport.ts';
import {
  ampEmbedSize,
  CONSOLE_PREFIX,
  originAllowed,
  parseAllowedOrigins,
  parseHostMessage,
  pymMessage,
  validChildId,
} from './messages.ts';

/** After a host message, intersection estimates are ignored this long (ms): the host's numbers are exact. */
const HOST_MESSAGE_PRECEDENCE = 1000;

export interface FrameEmbed {
  /** The host's viewport for App, or undefined when the page is not framed (it scrolls itself) or is stacked. */
  viewport: HostViewport | undefined;
}

export interface FrameOptions {
  /** The element holding the explainer: its height is the content height. */
  content: HTMLElement;
  /** The page's query parameters (childId, allowOrigin). */
  params: URLSearchParams;
  layout: 'scrolly' | 'stacked';
}

/** Sets the iframe page up; call before App mounts. Never throws. */
export function startFrameEmbed({ content, params, layout }: FrameOptions): FrameEmbed {
  const root = document.documentElement;
  root.classList.add('kx-frame');
  let framed: boolean;
  try {
    framed = window.parent !== window;
  } catch {
    // A parent we may not even look at is a parent.
    framed = true;
  }
  if (!framed) return { viewport: undefined };

  const style = document.createElement('style');
  style.dataset.kxFrame = '';
  style.textContent = FRAME_CSS;
  document.head.append(style);

  const allowed = parseAllowedOrigins(params.get('allowOrigin'));
  const childIdParam = params.get('childId');
  const childId = validChildId(childIdParam) ? childIdParam : undefined;
  const parentOrigin = readParentOrigin();
  // Where our messages may go: anywhere when no allow-list is given (a height is no secret); else only to an
  // allowed parent origin, and nowhere when the parent's origin is unknown or not allowed.
  const targetOrigin =
    allowed.length === 0 ? '*' : parentOrigin && originAllowed(parentOrigin, allowed) ? parentOrigin : undefined;

  const post = (message: unknown): void => {
    if (!targetOrigin) return;
    try {
      window.parent.postMessage(message, targetOrigin);
    } catch {
      // A parent that went away: nothing to tell.
    }
  };

  // ---- Height -------------------------------------------------------------------------------------------------
  let sentHeight = -1;
  const contentHeight = (): number => Math.ceil(content.getBoundingClientRect().bottom + window.scrollY);
  const sendHeight = (force = false): void => {
    const height = contentHeight();
    if (!force && height === sentHeight) return;
    sentHeight = height;
    if (childId) post(pymMessage(childId, 'height', String(height)));
    post(ampEmbedSize(height));
  };

  // ---- The host's viewport ------------------------------------------------------------------------------------
  const viewport = layout === 'scrolly' ? new MutableHostViewport() : undefined;
  let hostHeight: number | undefined;
  let lastHostMessage = -Infinity;
  let vhSet = 0;
  // One hundredth of the host viewport's height for the stylesheet's vh-based heights (frameCss.ts): a guess from the
  // screen until a host message says.
  const setVh = (height: number): void => {
    const rounded = Math.round(height);
    if (rounded === vhSet || rounded <= 0) return;
    vhSet = rounded;
    root.style.setProperty('--kx-vh', `${rounded / 100}px`);
  };
  setVh(fallbackHeight());
  viewport?.update(0, fallbackHeight());

  const onMessage = (event: MessageEvent): void => {
    try {
      if (event.source !== window.parent || !originAllowed(event.origin, allowed)) return;
      const message = parseHostMessage(event.data, childId);
      if (!message) return;
      if (message.kind === 'viewport') {
        lastHostMessage = performance.now();
        hostHeight = message.height;
        setVh(message.height);
        viewport?.update(message.top, message.height);
      } else {
        // pym's width message (the parent resized) and frames-init (the parent started listening): height now.
        requestAnimationFrame(() => sendHeight(true));
      }
    } catch (error) {
      console.warn(`${CONSOLE_PREFIX} ignored a host message:`, error);
    }
  };
  window.addEventListener('message', onMessage);

  let watch: ReturnType<typeof watchHostViewport> | undefined;
  if (viewport && typeof IntersectionObserver === 'function') {
    try {
      // The estimate moves the map and the reading line, but never --kx-vh: the content's height must not change
      // under a reader who scrolls into the iframe (and a host that sized the iframe once keeps a fitting one).
      watch = watchHostViewport(
        content,
        (band) => {
          if (performance.now() - lastHostMessage < HOST_MESSAGE_PRECEDENCE) return;
          viewport.update(band.top, band.height);
        },
        () => hostHeight,
      );
    } catch (error) {
      console.warn(`${CONSOLE_PREFIX} cannot follow the host page without its help:`, error);
    }
  }

  let frame = 0;
  const onResize = (): void => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      sendHeight();
      watch?.relayout();
    });
  };
  if (typeof ResizeObserver === 'function') new ResizeObserver(onResize).observe(content);
  window.addEventListener('resize', onResize);
  window.addEventListener('load', () => sendHeight(true));
  sendHeight(true);
  if (childId) post(pymMessage(childId, 'parentPositionInfo'));
  return { viewport };
}

/** The parent page's origin, when the browser tells (ancestorOrigins, else the referrer). */
function readParentOrigin(): string | undefined {
  try {
    const ancestor = window.location.ancestorOrigins?.[0];
    if (ancestor && ancestor !== 'null') return ancestor;
    if (document.referrer) return new URL(document.referrer).origin;
  } catch {
    // No way to tell.
  }
  return undefined;
}
