import cytoscape from 'cytoscape';
import { COLOURS, rings } from './rings.js';

const slice = window.SLICE;
const at = rings(slice);
const cy = cytoscape({
  container: document.getElementById('graph'),
  elements: [
    ...slice.nodes.map((n) => ({ data: { id: n.id, label: n.label ?? n.id, colour: COLOURS[n.kind] }, position: at[n.id] })),
    ...slice.edges.map((e, i) => ({ data: { id: `e${i}`, source: e.source, target: e.target, w: String(e.weight ?? '') } })),
  ],
  layout: { name: 'preset' },
  style: [
    { selector: 'node', style: { 'background-color': 'data(colour)', label: 'data(label)', 'font-size': 9 } },
    { selector: 'edge', style: { 'curve-style': 'straight', label: 'data(w)', 'font-size': 8, 'line-color': '#b8c0cc' } },
  ],
});
cy.one('render', () => requestAnimationFrame(() => { window.drawnAt = performance.now(); }));
