// Rings around an origin, in the order given (strongest first, so innermost), each
// ring as long as its circumference allows: linear in the nodes placed.
const RING_GAP = 60;
const NODE_SPACING = 26;

export function ringPositions(origin, count) {
  const positions = [];
  for (let ring = 1; positions.length < count; ring += 1) {
    const radius = ring * RING_GAP;
    const capacity = Math.max(6, Math.floor((2 * Math.PI * radius) / NODE_SPACING));
    const onRing = Math.min(capacity, count - positions.length);
    for (let k = 0; k < onRing; k += 1) {
      const angle = (2 * Math.PI * k) / onRing + ring * 0.5;
      positions.push({ x: origin.x + radius * Math.cos(angle), y: origin.y + radius * Math.sin(angle) });
    }
  }
  return positions;
}
