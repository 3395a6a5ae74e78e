// The optional host-page loader for the iframe embed (index.html?embed), built to dist/embed-frame.js as one classic
// script from the same message definitions as the explainer (src/lib/embed/messages.ts):
//
//   <iframe data-story-map-frame src="https://…/index.html?embed" title="…" width="100%" scrolling="no"
//           style="border:0;width:100%;height:800px"></iframe>
//   <script src="https://…/embed-frame.js" async></script>
//
// For every iframe[data-story-map-frame] (or the published iframe[data-kursk-explainer-frame]) on the page, now or
// later: sets its height from the explainer's embed-size messages, and sends it the host viewport on scroll and resize
// ({ type: 'story-map:viewport', top, height }: top = the host viewport's top in the iframe's CSS px). Messages are
// accepted only from the iframe's own window and origin; viewports go only to that origin. No globals besides one flag
// against loading twice; no CSS; no dependencies.
import { FRAME_SELECTOR, parseEmbedSize, viewportMessage } from './lib/embed/messages.ts';

declare global {
  interface Window {
    __storyMapFrames?: boolean;
  }
}

function start(): void {
  if (window.__storyMapFrames) return;
  window.__storyMapFrames = true;
  let pending = 0;
  // Frames whose explainer has spoken: only they are sent viewports (before that, the iframe may still hold
  // about:blank, and a message to it would be refused).
  const ready = new WeakSet<HTMLIFrameElement>();
  const frames = (): HTMLIFrameElement[] => [...document.querySelectorAll<HTMLIFrameElement>(FRAME_SELECTOR)];

  const originOf = (frame: HTMLIFrameElement): string | undefined => {
    try {
      return new URL(frame.getAttribute('src') ?? frame.src, document.baseURI).origin;
    } catch {
      return undefined;
    }
  };

  const sendViewport = (frame: HTMLIFrameElement): void => {
    const target = frame.contentWindow;
    const origin = originOf(frame);
    if (!ready.has(frame) || !target || !origin || origin === 'null') return;
    // The iframe's content box starts inside its border and padding.
    const style = window.getComputedStyle(frame);
    const contentTop =
      frame.getBoundingClientRect().top + (parseFloat(style.borderTopWidth) || 0) + (parseFloat(style.paddingTop) || 0);
    try {
      target.postMessage(viewportMessage(-contentTop, window.innerHeight), origin);
    } catch {
      // The frame navigated elsewhere: nothing to tell.
    }
  };

  const schedule = (): void => {
    if (!pending) {
      pending = requestAnimationFrame(() => {
        pending = 0;
        frames().forEach(sendViewport);
      });
    }
  };

  window.addEventListener('message', (event) => {
    const height = parseEmbedSize(event.data);
    if (height === undefined) return;
    for (const frame of frames()) {
      if (frame.contentWindow !== event.source || originOf(frame) !== event.origin) continue;
      ready.add(frame);
      frame.style.height = `${Math.ceil(height)}px`;
      frame.setAttribute('scrolling', 'no');
      // A new height moves everything below the iframe's top: tell it where it is now.
      sendViewport(frame);
    }
  });
  window.addEventListener('scroll', schedule, { passive: true });
  window.addEventListener('resize', schedule, { passive: true });

  // Ask for the height now (the @newswire/frames handshake): this loader may arrive after the explainer spoke.
  // The request carries nothing, so it may go to any origin (the frame may still hold about:blank).
  const hello = (frame: HTMLIFrameElement): void => {
    try {
      frame.contentWindow?.postMessage({ sentinel: 'amp', type: 'frames-init' }, '*');
    } catch {
      // Nothing to ask.
    }
  };
  frames().forEach(hello);
  document.addEventListener(
    'load',
    (event) => {
      const target = event.target;
      if (target instanceof HTMLIFrameElement && target.matches(FRAME_SELECTOR)) hello(target);
    },
    true,
  );
}

start();
