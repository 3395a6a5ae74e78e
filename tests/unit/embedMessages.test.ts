// The iframe embed's messages: what the host may send (validated to the last field), what the child sends.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ampEmbedSize,
  parseEmbedSize,
  viewportMessage,
  originAllowed,
  parseAllowedOrigins,
  parseHostMessage,
  pymMessage,
  validChildId,
} from '../../src/lib/embed/messages.ts';

const ID = 'kx-pym';

describe('pym.js messages', () => {
  it('builds child messages in pym framing', () => {
    expect(pymMessage(ID, 'height', '6130')).toBe('pymxPYMxkx-pymxPYMxheightxPYMx6130');
    expect(pymMessage(ID, 'parentPositionInfo')).toBe('pymxPYMxkx-pymxPYMxparentPositionInfoxPYMx');
  });

  it("reads pym 1.3's viewport-iframe-position: vw vh top left bottom right", () => {
    const message = pymMessage(ID, 'viewport-iframe-position', '1280 800 -1234.5 0 4895.5 1280');
    expect(parseHostMessage(message, ID)).toEqual({ kind: 'viewport', top: 1234.5, height: 800 });
  });

  it('reads width messages', () => {
    expect(parseHostMessage(pymMessage(ID, 'width', '1100'), ID)).toEqual({ kind: 'width', width: 1100 });
  });

  it('ignores messages for another child, unknown types and malformed payloads', () => {
    const garbage = [
      pymMessage('other', 'width', '100'),
      pymMessage(ID, 'navigateTo', 'https://evil.example'),
      pymMessage(ID, 'viewport-iframe-position', '1280 800 10 0 20'),
      pymMessage(ID, 'viewport-iframe-position', '1280 800 NaN 0 20 30'),
      pymMessage(ID, 'viewport-iframe-position', '1280 0 10 0 20 30'),
      pymMessage(ID, 'viewport-iframe-position', '1280 800 1e400 0 20 30'),
      pymMessage(ID, 'width', '12px'),
      `${pymMessage(ID, 'width', '1')}xPYMxextra`,
      'pymxPYMx',
      '',
    ];
    for (const message of garbage) expect(parseHostMessage(message, ID), message).toBeUndefined();
    expect(parseHostMessage(pymMessage(ID, 'width', '100'), undefined), 'no child id: no pym').toBeUndefined();
  });

  it('accepts only plain child ids', () => {
    expect(validChildId('kx-pym')).toBe(true);
    expect(validChildId('pym-0-abc12')).toBe(true);
    for (const id of ['', 'a b', 'axPYMxb', 'x'.repeat(201), null, undefined]) expect(validChildId(id)).toBe(false);
  });
});

describe('object messages', () => {
  it("reads our loader's viewport message", () => {
    expect(parseHostMessage({ type: 'story-map:viewport', top: -120, height: 700 })).toEqual({
      kind: 'viewport',
      top: -120,
      height: 700,
    });
    // The name published before the product's: loaders already on news sites send it.
    expect(parseHostMessage({ type: 'kursk-explainer:viewport', top: -120, height: 700 })).toEqual({
      kind: 'viewport',
      top: -120,
      height: 700,
    });
  });

  it('reads @newswire/frames init and AMP intersections', () => {
    expect(parseHostMessage({ sentinel: 'amp', type: 'frames-init' })).toEqual({ kind: 'height-request' });
    const change = { rootBounds: { top: 0, height: 800 }, boundingClientRect: { top: -300 } };
    expect(parseHostMessage({ sentinel: 'amp', type: 'intersection', changes: [change] })).toEqual({
      kind: 'viewport',
      top: 300,
      height: 800,
    });
  });

  it('builds the AMP / @newswire/frames height message', () => {
    expect(ampEmbedSize(640)).toEqual({ sentinel: 'amp', type: 'embed-size', height: 640 });
  });

  it('ignores wrong shapes, types and non-finite numbers', () => {
    const garbage: unknown[] = [
      null,
      undefined,
      0,
      true,
      [],
      {},
      { type: 'kursk-explainer:viewport' },
      { type: 'story-map:viewport', top: 0 },
      { type: 'kursk-explainer:viewport', top: '1', height: 800 },
      { type: 'kursk-explainer:viewport', top: 0, height: 0 },
      { type: 'kursk-explainer:viewport', top: Infinity, height: 800 },
      { type: 'kursk-explainer:viewport', top: 0, height: NaN },
      { type: 'kursk-explainer:viewport', top: 1e12, height: 800 },
      { sentinel: 'amp', type: 'intersection', changes: [] },
      { sentinel: 'amp', type: 'intersection', changes: [{ rootBounds: null, boundingClientRect: { top: 0 } }] },
      { sentinel: 'amp', type: 'embed-size', height: 10 },
    ];
    for (const message of garbage) expect(parseHostMessage(message, ID)).toBeUndefined();
  });

  it('survives hostile objects', () => {
    const throwing = Object.defineProperty({}, 'type', {
      get: () => {
        throw new Error('boom');
      },
    });
    expect(parseHostMessage(throwing, ID)).toBeUndefined();
  });

  it('never throws and only returns finite numbers, whatever arrives', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.record({
            type: fc.constantFrom('story-map:viewport', 'kursk-explainer:viewport'),
            top: fc.anything(),
            height: fc.anything(),
          }),
          fc.string().map((text) => `pymxPYMx${ID}xPYMxviewport-iframe-positionxPYMx${text}`),
        ),
        (data) => {
          const message = parseHostMessage(data, ID);
          if (message?.kind === 'viewport')
            return Number.isFinite(message.top) && Number.isFinite(message.height) && message.height > 0;
          return true;
        },
      ),
    );
  });
});

describe('origin allow-list', () => {
  it('is empty (anyone) without the parameter', () => {
    expect(parseAllowedOrigins(null)).toEqual([]);
    expect(originAllowed('https://any.example', [])).toBe(true);
  });

  it('reads a comma-separated list of origins', () => {
    const allowed = parseAllowedOrigins('https://a.example, https://b.example:8443/path');
    expect(allowed).toEqual(['https://a.example', 'https://b.example:8443']);
    expect(originAllowed('https://a.example', allowed)).toBe(true);
    expect(originAllowed('https://c.example', allowed)).toBe(false);
  });

  it('allows nobody when no entry is a valid origin', () => {
    const allowed = parseAllowedOrigins('not an origin');
    expect(allowed.length).toBeGreaterThan(0);
    expect(originAllowed('https://a.example', allowed)).toBe(false);
  });
});

describe("the host loader's side", () => {
  it("reads a frame's height only from a well-formed embed-size message", () => {
    expect(parseEmbedSize(ampEmbedSize(1234))).toBe(1234);
    for (const garbage of [
      null,
      'x',
      {},
      { sentinel: 'amp', type: 'embed-size' },
      { sentinel: 'amp', type: 'embed-size', height: -1 },
      { sentinel: 'amp', type: 'embed-size', height: 2e6 },
      { sentinel: 'amp', type: 'embed-size', height: Number.NaN },
      { sentinel: 'x', type: 'embed-size', height: 10 },
    ]) {
      expect(parseEmbedSize(garbage), JSON.stringify(garbage)).toBeUndefined();
    }
  });

  it('writes the viewport message the explainer reads', () => {
    expect(parseHostMessage(viewportMessage(-300, 800))).toEqual({ kind: 'viewport', top: -300, height: 800 });
  });
});
