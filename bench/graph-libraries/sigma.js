import Graph from 'graphology';
import Sigma from 'sigma';
import { COLOURS, rings } from './rings.js';

const slice = window.SLICE;
const at = rings(slice);
const graph = new Graph({ multi: true });
for (const n of slice.nodes) {
  graph.addNode(n.id, { ...at[n.id], size: 6, label: n.label ?? n.id, color: COLOURS[n.kind] });
}
for (const e of slice.edges) {
  if (graph.hasNode(e.source) && graph.hasNode(e.target)) {
    graph.addEdge(e.source, e.target, { label: String(e.weight ?? ''), color: '#b8c0cc' });
  }
}
const renderer = new Sigma(graph, document.getElementById('graph'), { renderEdgeLabels: true });
// Sigma draws in its constructor; refresh() makes sure the frame is complete.
renderer.refresh();
requestAnimationFrame(() => { window.drawnAt = performance.now(); });
