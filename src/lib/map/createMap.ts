// How the map starts: one function that gives the owner one map behind the controller's interface, whichever
// renderer draws it. First the step's preview, drawn at build time and shown at once (`preview`); when the owner
// calls startWebgl (the reader's first sign of intent, or idle time), the WebGL map (MapLibre, loaded then) is made
// behind it and takes its place once it rests where the preview rests (`ready`). When WebGL is missing, fails to
// start, fails to load its data or loses its context, the static SVG map, drawn from the data, takes over
// (`fallback`); while it loads the preview stays, and it stays when nothing better can be drawn.
// The owner hands it map states at any time; the newest one is applied as soon as a renderer is up.
import type { StoryData } from '../data/storyData.ts';
import type { Story } from '../story/types.ts';
import type { MapController, RendererStatus, RestingCamera } from './controller.ts';
import type { PreviewSource } from './static/preview.ts';
import type { MapState } from './state.ts';
import { coveredRects, NO_INSETS, panelInsets, PLACE_CARD, type Insets } from './insets.ts';
import { whenShown } from '../whenShown.ts';
import { whenIdle } from '../nextTask.ts';

/** The map's status, as the page contract's data-map-status says it. */
export type MapStatus = 'loading' | 'preview' | 'ready' | 'fallback' | 'error';

export interface CreateMapOptions {
  container: HTMLElement;
  /** The element holding the panels over the map (timeline, legend, motion toggle): cameras fit around them. */
  panels?: HTMLElement;
  story: Story;
  data: StoryData;
  /** The build's step previews; without them (development) the static map stands in until WebGL starts. */
  previews?: PreviewSource | undefined;
  /** Jump instead of fly, no fades. */
  reducedMotion: boolean;
  events: {
    /** A status change; `reason` says why the map fell back or failed. */
    status(status: MapStatus, reason?: string): void;
    /** The camera of a state came to rest: the state is fully applied. */
    rest(stepId: string, camera: RestingCamera): void;
    /** A place marker was activated on the map. */
    activatePlace(placeId: string): void;
  };
}

/** The one map of a map panel. */
export interface StoryMap extends MapController {
  /** Starts the WebGL map, once; until it takes over, the preview (or the static map) stands in. */
  startWebgl(): void;
}

/** A renderer in its own layer of the map box. */
interface Renderer {
  map: MapController;
  layer: HTMLElement;
}

/** MapLibre's CSS goes into the root that holds the map: the document, or a shadow root when embedded. */
function injectCss(host: HTMLElement, css: string): void {
  const root = host.getRootNode() as Document | ShadowRoot;
  const parent = root instanceof Document ? root.head : root;
  if (parent.querySelector('style[data-maplibre-css]')) return;
  const style = document.createElement('style');
  style.dataset.maplibreCss = '';
  style.textContent = css;
  parent.append(style);
}

/** How long a selected place's camera waits for its card to be shown. */
const CARD_WAIT_MS = 1000;

const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Starts the map in `container`: the preview at once (or the static map), WebGL when asked. Returns at once;
 * renderers arrive when their code has loaded. Never throws and never rejects: failures become a status.
 */
export function createMap(options: CreateMapOptions): StoryMap {
  const { container, story, data, events, previews } = options;
  let reducedMotion = options.reducedMotion;
  let latest: MapState | undefined;
  let insets: Insets = NO_INSETS;
  let destroyed = false;
  /** What the reader sees: the preview or the static map, then WebGL once it has taken over. */
  let shown: Renderer | undefined;
  /** The WebGL map while it starts, hidden behind what is shown. */
  let starting: Renderer | undefined;
  /** The static map while its data loads, before it is shown. */
  let pendingStatic: Renderer | undefined;
  let webglAsked = false;
  let webglFailed = false;

  const isWebgl = (renderer: Renderer): boolean => renderer.layer.classList.contains('map-layer--webgl');

  function addLayer(kind: string, hidden = false): HTMLElement {
    const layer = container.ownerDocument.createElement('div');
    layer.className = `map-layer map-layer--${kind}`;
    if (hidden) layer.classList.add('is-starting');
    container.append(layer);
    return layer;
  }

  function remove(renderer: Renderer | undefined): void {
    renderer?.map.destroy();
    renderer?.layer.remove();
  }

  /** Makes `next` the renderer the reader sees and drops the one before. */
  function showRenderer(next: Renderer): void {
    if (pendingStatic === next) pendingStatic = undefined;
    if (shown === next) return;
    const before = shown;
    shown = next;
    next.layer.classList.remove('is-starting');
    if (before !== next) remove(before);
  }

  /** The events of one renderer: rests and clicks count only while it is the one shown. */
  function eventsOf(renderer: () => Renderer | undefined, onStatus: (status: RendererStatus, reason?: string) => void) {
    return {
      status: onStatus,
      rest: (stepId: string, camera: RestingCamera) => {
        if (!destroyed && shown && shown === renderer()) events.rest(stepId, camera);
      },
      activatePlace: (placeId: string) => events.activatePlace(placeId),
    };
  }

  /** The static map, drawn from the data: stand-in before WebGL (`role` preview) or in its place (`fallback`). */
  function startStatic(role: 'preview' | 'fallback', reason?: string): void {
    void import('./static/staticMap.ts')
      .then(({ createStaticMap }) => {
        if (destroyed) return;
        // Filled in below; its events (which may come at once) find it here.
        const slot: { renderer?: Renderer } = {};
        const layer = addLayer('static', shown !== undefined);
        const map = createStaticMap({
          container: layer,
          story,
          data,
          reducedMotion,
          events: eventsOf(
            () => slot.renderer,
            (status, why) => {
              const renderer = slot.renderer;
              if (destroyed || !renderer) return;
              if (status === 'ready') {
                // A WebGL map that took over meanwhile wins over a stand-in.
                if (role === 'preview' && shown && shown !== renderer) return remove(renderer);
                showRenderer(renderer);
                events.status(role, role === 'fallback' ? reason : undefined);
                if (latest) renderer.map.apply(latest, { animate: false });
              } else if (status === 'error') {
                remove(renderer);
                if (pendingStatic === renderer) pendingStatic = undefined;
                // A preview still in view stays, and says it is all there is; a failed WebGL map does not.
                if (shown && shown !== renderer && !isWebgl(shown)) events.status(role, reason ?? why);
                else events.status('error', why);
              }
            },
          ),
        });
        slot.renderer = { map, layer };
        pendingStatic = slot.renderer;
        map.setInsets(insets);
        if (latest) map.apply(latest, { animate: false });
      })
      .catch((error: unknown) => {
        if (destroyed) return;
        if (shown) events.status(role === 'fallback' ? 'fallback' : 'preview', reason ?? reasonOf(error));
        else events.status('error', reasonOf(error));
      });
  }

  function startPreview(source: PreviewSource): void {
    // The prerendered preview is already in the box: it moves into the preview's layer.
    const layer = addLayer('preview');
    if (source.inline) layer.append(source.inline);
    void import('./static/preview.ts')
      .then(({ createPreviewMap }) => {
        if (destroyed) return;
        const slot: { renderer?: Renderer } = {};
        const map = createPreviewMap({
          container: layer,
          story,
          source,
          events: eventsOf(
            () => slot.renderer,
            (status) => {
              const renderer = slot.renderer;
              if (destroyed || !renderer) return;
              if (status === 'ready') {
                if (shown) return;
                showRenderer(renderer);
                events.status('preview');
                // The steps next to the one shown, so a scroll shows their map at once.
                const index = story.steps.findIndex((step) => step.id === latest?.stepId);
                const neighbours = [story.steps[index + 1], story.steps[index - 1]].flatMap((step) => step?.id ?? []);
                whenIdle(() => !destroyed && map.prefetch(neighbours));
              } else if (status === 'error' && !shown) {
                remove(renderer);
                startStatic('preview');
              }
            },
          ),
        });
        slot.renderer = { map, layer };
        map.setInsets(insets);
        if (latest) map.apply(latest, { animate: false });
      })
      .catch(() => {
        if (destroyed) return;
        layer.remove();
        startStatic('preview');
      });
  }

  /** WebGL failed before or after taking over: the static map takes its place. */
  function failWebgl(reason: string): void {
    if (destroyed || webglFailed) return;
    webglFailed = true;
    const failed = starting ?? (shown && isWebgl(shown) ? shown : undefined);
    if (failed === starting) starting = undefined;
    if (failed && failed !== shown) remove(failed);
    startStatic('fallback', reason);
  }

  function startWebgl(): void {
    if (webglAsked || destroyed) return;
    webglAsked = true;
    void Promise.all([import('./loadMapLibre.ts'), import('./controller.ts')])
      .then(([{ mapLibre, mapLibreCss }, { createMapController }]) => {
        if (destroyed) return;
        injectCss(container, mapLibreCss);
        const layer = addLayer('webgl', true);
        const panels = options.panels;
        const slot: { renderer?: Renderer } = {};
        let ready = false;
        const handOver = (): void => {
          const renderer = slot.renderer;
          if (destroyed || !renderer || renderer !== starting) return;
          starting = undefined;
          showRenderer(renderer);
          events.status('ready');
        };
        try {
          const map = createMapController({
            lib: mapLibre,
            container: layer,
            story,
            data,
            reducedMotion,
            attribution: story.meta.mapCredit,
            firstState: latest,
            covered: panels && (() => coveredRects(panels, layer)),
            events: {
              ...eventsOf(
                () => slot.renderer,
                (status, why) => {
                  if (status === 'ready') ready = true;
                  else if (status === 'error') failWebgl(why ?? 'the interactive map failed');
                },
              ),
              rest: (stepId, camera) => {
                const renderer = slot.renderer;
                if (destroyed || !renderer) return;
                // It takes over where the stand-in rests: same state, same camera.
                if (renderer === starting) {
                  if (ready && latest?.stepId === stepId) handOver();
                  return;
                }
                if (shown === renderer) events.rest(stepId, camera);
              },
              contextLost: () => failWebgl('The WebGL context was lost'),
            },
          });
          slot.renderer = { map, layer };
          starting = slot.renderer;
          map.setInsets(insets);
          if (latest) map.apply(latest, { animate: false });
        } catch (error) {
          // MapLibre throws when WebGL cannot start (missing, blocked, out of contexts).
          layer.remove();
          failWebgl(reasonOf(error));
        }
      })
      .catch((error: unknown) => failWebgl(reasonOf(error)));
  }

  function setInsets(next: Insets, how?: { keepView?: boolean }): void {
    insets = next;
    for (const renderer of new Set([shown, starting, pendingStatic])) renderer?.map.setInsets(next, how);
  }

  /** Measures the panels over the map (options.panels) and fits every renderer's cameras around them. */
  function fitAroundPanels(how?: { keepView?: boolean }): void {
    if (options.panels) setInsets(panelInsets(options.panels, container), how);
  }

  // Panels that come without the camera moving (the locator once WebGL is ready, a key opened) may cut labels and
  // markers: the map finds them again.
  const panelWatch =
    options.panels && typeof MutationObserver === 'function'
      ? new MutationObserver(() => shown?.map.panelsChanged?.())
      : undefined;
  if (options.panels) panelWatch?.observe(options.panels, { childList: true, subtree: true });

  if (previews) startPreview(previews);
  else startStatic('preview');

  return {
    apply(state, { animate }) {
      latest = state;
      const applyNow = (): void => {
        if (destroyed || latest !== state) return;
        // The panels may have changed with the state (the timeline comes and goes): cameras fit around them. The
        // view stays put until the state moves it, so its flight starts where the reader is.
        fitAroundPanels({ keepView: true });
        shown?.map.apply(state, { animate });
        // A map that is not in view yet jumps: it must rest where the reader is when it takes over.
        starting?.map.apply(state, { animate: false });
      };
      // A selected place's camera fits around its card; the first card's code loads on that first choice, and the
      // card is waited for (a second at most) rather than the camera moved twice.
      const panels = options.panels;
      if (state.selectedPlaceId !== undefined && panels && !panels.querySelector(PLACE_CARD))
        void whenShown(panels, PLACE_CARD, CARD_WAIT_MS).then(applyNow);
      else applyNow();
    },
    setReducedMotion(reduced) {
      reducedMotion = reduced;
      shown?.map.setReducedMotion(reduced);
      starting?.map.setReducedMotion(reduced);
    },
    resize() {
      shown?.map.resize();
      starting?.map.resize();
      fitAroundPanels();
    },
    setInsets,
    startWebgl,
    destroy() {
      destroyed = true;
      panelWatch?.disconnect();
      remove(starting);
      remove(pendingStatic);
      remove(shown);
    },
  };
}
