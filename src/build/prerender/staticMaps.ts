// Build time: one static SVG map per step, drawn by the same static renderer the page falls back to (in jsdom).
// They are the map a reader sees without JavaScript and the maps a printed page carries.
import { JSDOM } from 'jsdom';
import type { FeatureCollection } from 'geojson';
import { createStaticMap } from '../../lib/map/static/staticMap.ts';
import { mapStateFor } from '../../lib/map/state.ts';
import { ACCENT, INK } from '../../lib/cartography/styles.ts';
import type { Story } from '../../lib/story/types.ts';
import { createStoryData } from '../../lib/data/storyData.ts';

const WIDTH = 640;
const HEIGHT = 480;
const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Draws every step's map state and returns standalone SVG documents by step ID. The place buttons of the live map
 * become text labels, so the image names its places.
 */
export async function renderStepMaps(story: Story, geo: Map<string, FeatureCollection>): Promise<Map<string, string>> {
  const { window } = new JSDOM('<!doctype html><html><body></body></html>');
  const document = window.document;
  const maps = new Map<string, string>();
  for (const step of story.steps) {
    const container = document.createElement('div');
    Object.defineProperty(container, 'clientWidth', { value: WIDTH });
    Object.defineProperty(container, 'clientHeight', { value: HEIGHT });
    document.body.append(container);
    const svg = await new Promise<string>((resolve, reject) => {
      const map = createStaticMap({
        container,
        story,
        data: createStoryData(story, { fetchJson: async (file) => geo.get(file) }),
        reducedMotion: true,
        events: {
          status: (status, reason) => {
            if (status === 'error') reject(new Error(`static map of step "${step.id}": ${reason ?? 'failed'}`));
          },
          rest: () => {
            const image = container.querySelector('svg');
            if (!image) return reject(new Error(`static map of step "${step.id}" drew nothing`));
            labelPlaces(document, container, image);
            image.setAttribute('xmlns', SVG_NS);
            image.setAttribute('width', String(WIDTH));
            image.setAttribute('height', String(HEIGHT));
            const markup = image.outerHTML;
            map.destroy();
            resolve(markup);
          },
          activatePlace: () => {},
        },
      });
      map.apply(mapStateFor(story, step.id), { animate: false });
    });
    container.remove();
    maps.set(step.id, `<?xml version="1.0" encoding="UTF-8"?>\n${svg}`);
  }
  window.close();
  return maps;
}

/** Copies the visible place buttons into the SVG as labels (the image has no HTML overlay). */
function labelPlaces(document: Document, container: HTMLElement, svg: SVGSVGElement): void {
  const group = document.createElementNS(SVG_NS, 'g');
  group.setAttribute('font-family', 'DejaVu Sans, Arial, sans-serif');
  for (const button of container.querySelectorAll<HTMLElement>('[data-place]')) {
    if (button.hidden) continue;
    const x = Number.parseFloat(button.style.left);
    const y = Number.parseFloat(button.style.top);
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const emphasised = button.classList.contains('is-emphasised');
    const region = button.classList.contains('place-marker--region');
    const line = button.classList.contains('place-marker--line');
    const colour = emphasised ? ACCENT : INK;
    if (!region && !line) {
      const dot = document.createElementNS(SVG_NS, 'circle');
      for (const [name, value] of Object.entries({
        cx: x + 6,
        cy: y,
        r: emphasised ? 5 : 4,
        fill: colour,
        stroke: '#fff',
        'stroke-width': 1.5,
      }))
        dot.setAttribute(name, String(value));
      group.append(dot);
    }
    const text = document.createElementNS(SVG_NS, 'text');
    const attributes = {
      x: region ? x : x + 14,
      y: y + 4,
      fill: colour,
      'font-size': region ? 11 : 12,
      'font-weight': emphasised ? 700 : 600,
      'text-anchor': region ? 'middle' : 'start',
      stroke: '#fff',
      'stroke-width': 3,
      'paint-order': 'stroke',
      'letter-spacing': region ? 1 : 0,
    };
    for (const [name, value] of Object.entries(attributes)) text.setAttribute(name, String(value));
    text.textContent = region ? (button.textContent ?? '').toUpperCase() : (button.textContent ?? '');
    group.append(text);
  }
  svg.append(group);
}
