// Evaluates the filters layerFilter() builds for MapLibre, so the static map draws exactly the features the WebGL
// map draws, from the one definition of which features a layer shows.
import type { GeoJsonProperties } from 'geojson';

/**
 * Whether a feature's properties pass a layerFilter() expression (undefined passes everything).
 * @throws on an operator layerFilter() did not use to build: a new rule must be taught here, not silently ignored
 */
export function matchesFilter(filter: unknown, properties: GeoJsonProperties): boolean {
  if (filter === undefined) return true;
  if (!Array.isArray(filter)) throw new Error(`unsupported filter ${JSON.stringify(filter)}`);
  const [operator, ...operands] = filter as unknown[];
  if (operator === 'all') return operands.every((operand) => matchesFilter(operand, properties));
  const [getter, value] = operands;
  if (
    operator === '==' &&
    Array.isArray(getter) &&
    getter[0] === 'get' &&
    typeof getter[1] === 'string' &&
    operands.length === 2
  ) {
    return (properties?.[getter[1]] ?? null) === value;
  }
  if (
    operator === 'in' &&
    Array.isArray(getter) &&
    getter[0] === 'get' &&
    typeof getter[1] === 'string' &&
    Array.isArray(value) &&
    value[0] === 'literal' &&
    Array.isArray(value[1]) &&
    operands.length === 2
  ) {
    return (value[1] as unknown[]).includes(properties?.[getter[1]] ?? null);
  }
  throw new Error(`unsupported filter ${JSON.stringify(filter)}`);
}
