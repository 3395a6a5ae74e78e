/*
 * Optional host-page loader for the Kursk explainer's iframe embed (index.html?embed).
 *
 *   <iframe data-kursk-explainer-frame src="https://…/index.html?embed" title="…" width="100%" scrolling="no"
 *           style="display:block;width:100%;border:0"></iframe>
 *   <script src="https://…/embed-frame.js" async></script>
 *
 * For every iframe[data-kursk-explainer-frame] on the page (now or later):
 *   - sets its height from the explainer's { sentinel: 'amp', type: 'embed-size', height } messages, so the iframe is
 *     exactly as tall as the story and never scrolls itself;
 *   - asks for the height at start and when an iframe loads ({ sentinel: 'amp', type: 'frames-init' });
 *   - sends it { type: 'kursk-explainer:viewport', top, height } on scroll and resize: top = the host viewport's top in
 *     the iframe's CSS px (minus the iframe content's top in the viewport), height = window.innerHeight. With it,
 *     the map follows the reader exactly; without this loader the explainer estimates the same from inside.
 * Messages are accepted only from the iframe's own window and origin; viewports are sent only to that origin.
 * No globals besides one flag against loading twice; no CSS; no dependencies.
 */
(function () {
  'use strict';
  if (window.__kurskExplainerFrames) return;
  window.__kurskExplainerFrames = true;

  var SELECTOR = 'iframe[data-kursk-explainer-frame]';
  var MAX_HEIGHT = 1000000;
  var pending = 0;
  // Frames whose explainer has spoken: only they are sent viewports (before that, the iframe may still hold
  // about:blank, and a message to it would be refused).
  var ready = typeof WeakSet === 'function' ? new WeakSet() : null;

  function frames() {
    return Array.prototype.slice.call(document.querySelectorAll(SELECTOR));
  }

  function originOf(frame) {
    try {
      return new URL(frame.getAttribute('src') || frame.src, document.baseURI).origin;
    } catch (error) {
      return undefined;
    }
  }

  function sendViewport(frame) {
    if (ready && !ready.has(frame)) return;
    var target = frame.contentWindow;
    var origin = originOf(frame);
    if (!target || !origin || origin === 'null') return;
    var rect = frame.getBoundingClientRect();
    // The iframe's content box starts inside its border and padding.
    var style = window.getComputedStyle(frame);
    var contentTop = rect.top + (parseFloat(style.borderTopWidth) || 0) + (parseFloat(style.paddingTop) || 0);
    var message = { type: 'kursk-explainer:viewport', top: -contentTop, height: window.innerHeight };
    try {
      target.postMessage(message, origin);
    } catch (error) {
      // The frame navigated elsewhere: nothing to tell.
    }
  }

  function sendAll() {
    pending = 0;
    frames().forEach(sendViewport);
  }

  function schedule() {
    if (!pending) pending = window.requestAnimationFrame(sendAll);
  }

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || typeof data !== 'object' || data.sentinel !== 'amp' || data.type !== 'embed-size') return;
    var height = data.height;
    if (typeof height !== 'number' || !isFinite(height) || height < 0 || height > MAX_HEIGHT) return;
    frames().forEach(function (frame) {
      if (frame.contentWindow !== event.source || originOf(frame) !== event.origin) return;
      if (ready) ready.add(frame);
      frame.style.height = Math.ceil(height) + 'px';
      frame.setAttribute('scrolling', 'no');
      // A new height moves everything below the iframe's top: tell it where it is now.
      sendViewport(frame);
    });
  });
  window.addEventListener('scroll', schedule, { passive: true });
  window.addEventListener('resize', schedule, { passive: true });

  // Ask for the height now (the @newswire/frames handshake): this loader may arrive after the explainer spoke.
  // The request carries nothing, so it may go to any origin (the frame may still hold about:blank).
  function hello(frame) {
    try {
      if (frame.contentWindow) frame.contentWindow.postMessage({ sentinel: 'amp', type: 'frames-init' }, '*');
    } catch (error) {
      // Nothing to ask.
    }
  }
  frames().forEach(hello);
  document.addEventListener('load', function (event) {
    var target = event.target;
    if (target && target.tagName === 'IFRAME' && target.matches(SELECTOR)) hello(target);
  }, true);
})();
