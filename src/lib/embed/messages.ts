// The messages the iframe embed (index.html?embed) exchanges with its host page, as pure functions: parsing and
// validating what arrives, building what leaves. Nothing here touches the DOM, so it is unit-tested in Node.
//
// Child → host (the iframe tells the host its height):
//   - pym.js:                 "pymxPYMx{childId}xPYMxheightxPYMx{height}" (only when pym gave us a childId), and
//                             "pymxPYMx{childId}xPYMxparentPositionInfoxPYMx" (asks pym's parent for its viewport)
//   - AMP / @newswire/frames: { sentinel: 'amp', type: 'embed-size', height }
// Host → child (where the host's viewport is, so the scrolly story follows the host's scroll):
//   - pym.js parent:          "pymxPYMx{childId}xPYMxwidthxPYMx{width}" and
//                             "pymxPYMx{childId}xPYMxviewport-iframe-positionxPYMx{vw} {vh} {top} {left} {bottom} {right}"
//   - our loader:             { type: 'story-map:viewport', top, height } (top: the host viewport's top in the
//                             iframe's CSS px, i.e. minus the iframe's top in the host viewport); the published
//                             'kursk-explainer:viewport' is still understood
//   - @newswire/frames:       { sentinel: 'amp', type: 'frames-init' } (asks for the height now)
//   - AMP amp-iframe:         { sentinel: 'amp', type: 'intersection', changes: [{ rootBounds, boundingClientRect }] }

const PYM = 'xPYMx';
/** Our own message type prefix: the product's name, the same for every story. */
export const MESSAGE_PREFIX = 'story-map:';
export const VIEWPORT_MESSAGE = `${MESSAGE_PREFIX}viewport`;
/** The viewport message's name before the product took its generic name; loaders already published send it. */
export const LEGACY_VIEWPORT_MESSAGE = 'kursk-explainer:viewport';
/** The product's prefix in console messages. */
export const CONSOLE_PREFIX = '[story-map]';
/** The iframes the host loader (embed-frame.js) drives: the new attribute and the published one. */
export const FRAME_SELECTOR = 'iframe[data-story-map-frame], iframe[data-kursk-explainer-frame]';
/** The most a height message may say, in px. */
export const MAX_HEIGHT = 1_000_000;
/** Bounds on numbers from a host: anything outside is garbage. */
const MAX_COORDINATE = 10_000_000;
const MAX_ID_LENGTH = 200;

/** What a valid host message asks of the child. */
export type HostMessage =
  { kind: 'viewport'; top: number; height: number } | { kind: 'width'; width: number } | { kind: 'height-request' };

function finite(value: unknown, min = -MAX_COORDINATE, max = MAX_COORDINATE): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A pym child id is safe to use when it is short and has no delimiter or control characters. */
export function validChildId(id: string | null | undefined): id is string {
  return (
    typeof id === 'string' &&
    id.length > 0 &&
    id.length <= MAX_ID_LENGTH &&
    !id.includes(PYM) &&
    // eslint-disable-next-line no-control-regex -- control characters are what this refuses.
    !/[\s\u0000-\u001f]/.test(id)
  );
}

/** A pym message for the parent: `pymxPYMx${id}xPYMx${type}xPYMx${message}`. */
export function pymMessage(childId: string, type: string, message = ''): string {
  return ['pym', childId, type, message].join(PYM);
}

/** The AMP / @newswire/frames height message. */
export function ampEmbedSize(height: number): { sentinel: 'amp'; type: 'embed-size'; height: number } {
  return { sentinel: 'amp', type: 'embed-size', height };
}

/** Our loader's viewport message: the host viewport's top in the iframe's CSS px, and its height. */
export function viewportMessage(
  top: number,
  height: number,
): { type: typeof VIEWPORT_MESSAGE; top: number; height: number } {
  return { type: VIEWPORT_MESSAGE, top, height };
}

/** The height in an AMP / @newswire/frames `embed-size` message from a frame, or undefined for anything else. */
export function parseEmbedSize(data: unknown): number | undefined {
  try {
    if (!isRecord(data) || data.sentinel !== 'amp' || data.type !== 'embed-size') return undefined;
    return finite(data.height, 0, MAX_HEIGHT) ? data.height : undefined;
  } catch {
    return undefined;
  }
}

/** Parses a string as a finite number, or undefined (no partial parses: "12px" is not a number). */
function numberOf(text: string): number | undefined {
  if (!/^\s*-?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?\s*$/i.test(text)) return undefined;
  const value = Number(text);
  return finite(value) ? value : undefined;
}

/** A pym message for this child (its id must match), or undefined. */
function parsePym(data: string, childId: string | undefined): HostMessage | undefined {
  if (!childId || data.length > 1000) return undefined;
  const parts = data.split(PYM);
  if (parts.length !== 4 || parts[0] !== 'pym' || parts[1] !== childId) return undefined;
  const [, , type = '', message = ''] = parts;
  if (type === 'width') {
    const width = numberOf(message);
    return width !== undefined && width >= 0 ? { kind: 'width', width } : undefined;
  }
  if (type === 'viewport-iframe-position') {
    const fields = message.trim().split(/\s+/);
    if (fields.length !== 6) return undefined;
    const numbers = fields.map(numberOf);
    if (numbers.some((value) => value === undefined)) return undefined;
    const [viewportWidth = 0, viewportHeight = 0, iframeTop = 0] = numbers as number[];
    if (viewportWidth <= 0 || viewportHeight <= 0) return undefined;
    return { kind: 'viewport', top: -iframeTop, height: viewportHeight };
  }
  return undefined;
}

/** An AMP-style object message ({ sentinel: 'amp', … }), or undefined. */
function parseAmp(data: Record<string, unknown>): HostMessage | undefined {
  if (data.type === 'frames-init') return { kind: 'height-request' };
  if (data.type === 'intersection' && Array.isArray(data.changes)) {
    const last: unknown = data.changes[data.changes.length - 1];
    if (!isRecord(last) || !isRecord(last.rootBounds) || !isRecord(last.boundingClientRect)) return undefined;
    const top = last.boundingClientRect.top;
    const rootTop = last.rootBounds.top;
    const height = last.rootBounds.height;
    if (!finite(top) || !finite(rootTop) || !finite(height, 1)) return undefined;
    return { kind: 'viewport', top: rootTop - top, height };
  }
  return undefined;
}

/**
 * Reads a message from the host page. Returns undefined for anything that is not one of the formats above, with
 * every field checked (types, finite numbers within bounds); never throws.
 */
export function parseHostMessage(data: unknown, childId?: string): HostMessage | undefined {
  try {
    if (typeof data === 'string') return parsePym(data, childId);
    if (!isRecord(data)) return undefined;
    if (data.sentinel === 'amp') return parseAmp(data);
    if (data.type === VIEWPORT_MESSAGE || data.type === LEGACY_VIEWPORT_MESSAGE) {
      const { top, height } = data;
      return finite(top) && finite(height, 1) ? { kind: 'viewport', top, height } : undefined;
    }
    return undefined;
  } catch {
    // A hostile object (throwing getters, proxies): ignored like any other garbage.
    return undefined;
  }
}

/** Origins allowed to talk to the iframe: `?allowOrigin=https://a.example,https://b.example`; empty = any. */
export function parseAllowedOrigins(param: string | null | undefined): string[] {
  if (!param) return [];
  const origins: string[] = [];
  for (const item of param.split(',')) {
    const text = item.trim();
    if (!text) continue;
    try {
      const origin = new URL(text).origin;
      if (origin !== 'null') origins.push(origin);
    } catch {
      // Not a URL: not an origin anyone can send from.
    }
  }
  // A list was given but nothing in it was valid: allow nobody rather than everybody.
  return origins.length > 0 || !param.trim() ? origins : ['invalid:'];
}

/** True when messages from `origin` are accepted. */
export function originAllowed(origin: string, allowed: readonly string[]): boolean {
  return allowed.length === 0 || allowed.includes(origin);
}
