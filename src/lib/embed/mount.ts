// The script embed: mounts the explainer into each `<div data-story-map>` (or published `<div data-kursk-explainer>`) of a host page, inside an open shadow
// root, so the host's CSS cannot reach it and ours cannot leak out. Loaded by src/embed.ts only when such elements
// exist. Nothing here throws into the host page: failures become a short notice in the shadow root and a
// console.warn, and the element is marked `data-mounted="error"`.
import { mount } from 'svelte';
import { dataUrls, previewUrls, storyUrl } from 'virtual:story-assets';
import appCss from '../../styles/explainer.css?inline';
import type { Story } from '../story/types.ts';
import { fetchStory } from '../story/fetchStory.ts';
import EmbedRoot from './EmbedRoot.svelte';
import { ROOT_CLASS, shadowStylesheet } from './shadowCss.ts';
import { CONSOLE_PREFIX } from './messages.ts';
import { releaseReservedHeight } from './reserve.ts';
import { nextTask } from '../nextTask.ts';

let sheet: CSSStyleSheet | undefined;
/** The shadow roots' stylesheet, rewritten from the app's once per page. */
let css: string | undefined;
let storyPromise: Promise<Story> | undefined;

/** The story, fetched once per page from storyUrl (resolved against this chunk's URL, so from the embed's origin). */
function loadStory(): Promise<Story> {
  storyPromise ??= fetchStory(storyUrl);
  return storyPromise;
}

/** Puts the stylesheet into a shadow root: one constructed sheet shared by every embed, or a <style> element. */
function adoptStyles(shadow: ShadowRoot): void {
  css ??= shadowStylesheet(appCss);
  if (
    'adoptedStyleSheets' in shadow &&
    typeof CSSStyleSheet === 'function' &&
    'replaceSync' in CSSStyleSheet.prototype
  ) {
    try {
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
      }
      shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets.filter((other) => other !== sheet), sheet];
      return;
    } catch {
      // Fall through to a <style> element.
    }
  }
  const style = document.createElement('style');
  style.textContent = css;
  shadow.prepend(style);
}

/** Marks the element as failed, tells the console (a warning: the host's error tracking is not ours) and shows why. */
function fail(host: HTMLElement, shadow: ShadowRoot | undefined, error: unknown): void {
  try {
    console.warn(`${CONSOLE_PREFIX} the explainer could not be shown:`, error);
    host.setAttribute('data-mounted', 'error');
    releaseReservedHeight(host);
    if (!shadow) return;
    // The boundary's own notice is enough when App failed after mounting.
    if (shadow.querySelector('.kx-notice')) return;
    const notice = document.createElement('p');
    notice.className = 'kx-notice';
    notice.setAttribute('role', 'status');
    notice.textContent = 'This explainer could not be shown. ';
    const detail = document.createElement('small');
    detail.textContent = error instanceof Error ? `(${error.message})` : '';
    notice.append(detail);
    const root = shadow.querySelector(`.${ROOT_CLASS}`) ?? shadow;
    root.replaceChildren(notice);
  } catch {
    // Nothing more we can do without disturbing the host page.
  }
}

/** Mounts the explainer into one host element (once: a marked element is skipped). Resolves; never rejects. */
export async function mountEmbed(host: HTMLElement): Promise<void> {
  if (host.hasAttribute('data-mounted')) return;
  host.setAttribute('data-mounted', 'loading');
  let shadow: ShadowRoot | undefined;
  try {
    // The story is on its way while the styles are parsed (a failure is met at the await below, not left unhandled).
    const storyLoading = loadStory();
    storyLoading.catch(() => undefined);
    shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
    adoptStyles(shadow);
    const container = document.createElement('div');
    container.className = ROOT_CLASS;
    shadow.append(container);
    const layout = host.dataset.layout === 'stacked' ? 'stacked' : 'scrolly';
    const story = await storyLoading;
    // A task of its own, apart from the styles' parse, even when the story came first.
    await nextTask();
    container.lang = story.meta.lang;
    const target = shadow;
    mount(EmbedRoot, {
      target: container,
      props: { story, dataUrls, previewUrls, layout, onerror: (error: unknown) => fail(host, target, error) },
    });
    releaseReservedHeight(host);
    if (host.getAttribute('data-mounted') === 'loading') host.setAttribute('data-mounted', 'ready');
  } catch (error) {
    fail(host, shadow, error);
  }
}
