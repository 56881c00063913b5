// The same positions for both libraries: rings around the center, strongest first.
export function rings(slice) {
  const others = slice.nodes.filter((n) => n.id !== slice.center)
    .sort((a, b) => (b.weight ?? 0) - (a.weight ?? 0));
  const at = { [slice.center]: { x: 0, y: 0 } };
  let ring = 1;
  let index = 0;
  while (index < others.length) {
    const radius = ring * 90;
    const count = Math.min(Math.max(6, Math.floor((2 * Math.PI * radius) / 34)), others.length - index);
    for (let k = 0; k < count; k += 1) {
      const angle = (2 * Math.PI * k) / count;
      at[others[index + k].id] = { x: radius * Math.cos(angle), y: radius * Math.sin(angle) };
    }
    index += count;
    ring += 1;
  }
  return at;
}
export const COLOURS = { RESEARCHER: '#2563eb', WORK: '#f59e0b', TOPIC: '#10b981', INSTITUTION: '#a855f7' };
