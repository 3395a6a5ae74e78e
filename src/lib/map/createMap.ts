// How the map starts: one function that gives the WebGL map (MapLibre, loaded on demand) or the static SVG map
// behind one interface, and switches to the static map when WebGL is missing, fails to start or loses its context.
// Its owner hands it map states at any time; the newest one is applied as soon as a renderer is up.
import type { StoryData } from '../data/storyData.ts';
import type { Story } from '../story/types.ts';
import type { MapController, RestingCamera } from './controller.ts';
import type { MapState } from './state.ts';

/** The map's status, as the page contract's data-map-status says it. */
export type MapStatus = 'loading' | 'ready' | 'fallback' | 'error';

export interface CreateMapOptions {
  container: HTMLElement;
  story: Story;
  data: StoryData;
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

/** True when this browser can give us a WebGL context. */
function webglAvailable(): boolean {
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
  context?.getExtension('WEBGL_lose_context')?.loseContext();
  return Boolean(context);
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

/**
 * Starts the map in `container`: WebGL when the browser has it, else the static map. Returns at once; the renderer
 * arrives when its code has loaded. Never throws and never rejects: failures become a status.
 */
export function createMap(options: CreateMapOptions): MapController {
  const { container, story, data, events } = options;
  let reducedMotion = options.reducedMotion;
  let renderer: MapController | undefined;
  let latest: MapState | undefined;
  let destroyed = false;

  const fail = (error: unknown): void => {
    if (!destroyed) events.status('error', error instanceof Error ? error.message : String(error));
  };

  function use(next: MapController): void {
    renderer = next;
    // The first state a renderer gets jumps: a reload mid-story lands where the reader is, without a flight.
    if (latest) next.apply(latest, { animate: false });
  }

  function startStatic(reason: string): void {
    void import('./static/staticMap.ts')
      .then(({ createStaticMap }) => {
        if (destroyed) return;
        renderer?.destroy();
        container.replaceChildren();
        use(
          createStaticMap({
            container,
            story,
            data,
            reducedMotion,
            events: {
              ...events,
              // Ready, for the static map, means the page shows the fallback: say why.
              status: (status, why) =>
                events.status(status === 'ready' ? 'fallback' : status, status === 'ready' ? reason : why),
            },
          }),
        );
      })
      .catch(fail);
  }

  function startWebgl(): void {
    void Promise.all([import('./loadMapLibre.ts'), import('./controller.ts')])
      .then(([{ mapLibre, mapLibreCss }, { createMapController }]) => {
        if (destroyed) return;
        injectCss(container, mapLibreCss);
        try {
          use(
            createMapController({
              lib: mapLibre,
              container,
              story,
              data,
              reducedMotion,
              attribution: story.meta.mapCredit,
              events: { ...events, contextLost: () => startStatic('The WebGL context was lost') },
            }),
          );
        } catch (error) {
          // MapLibre throws when WebGL cannot start after all (blocked, out of contexts).
          startStatic(error instanceof Error ? error.message : String(error));
        }
      })
      .catch(fail);
  }

  if (webglAvailable()) startWebgl();
  else startStatic('This browser does not offer WebGL');

  return {
    apply(state, { animate }) {
      latest = state;
      renderer?.apply(state, { animate });
    },
    setReducedMotion(reduced) {
      reducedMotion = reduced;
      renderer?.setReducedMotion(reduced);
    },
    resize() {
      renderer?.resize();
    },
    destroy() {
      destroyed = true;
      renderer?.destroy();
    },
  };
}
