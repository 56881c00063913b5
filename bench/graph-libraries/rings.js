// The same positions for both libraries: the explorer's rings around the center,
// strongest first.
import { ringPositions } from '../../ui/explorer/rings.js';

export function rings(slice) {
  const others = slice.nodes.filter((n) => n.id !== slice.center)
    .sort((a, b) => (b.weight ?? 0) - (a.weight ?? 0));
  const at = { [slice.center]: { x: 0, y: 0 } };
  ringPositions({ x: 0, y: 0 }, others.length).forEach((position, i) => { at[others[i].id] = position; });
  return at;
}
export const COLOURS = { RESEARCHER: '#2563eb', WORK: '#f59e0b', TOPIC: '#10b981', INSTITUTION: '#a855f7' };
