// The full graph explorer: a profile panel beside an interactive slice of the graph
// (Sigma.js on a Graphology graph: measured ×2-3 faster to draw than Cytoscape.js,
// bench/README.md),
// everything through the public GraphQL endpoint (so this page is also a reference
// client): one request for the panel, one for the slice, one per expansion.
import Graph from 'graphology';
import Sigma from 'sigma';
import { ringPositions } from './rings.js';

const KINDS = {
  RESEARCHER: { colour: '#2563eb', name: 'Researchers' },
  WORK: { colour: '#f59e0b', name: 'Works' },
  TOPIC: { colour: '#10b981', name: 'Topics' },
  INSTITUTION: { colour: '#a855f7', name: 'Institutions' },
};
// `?limit=` (up to the server's 500) and `?depth=` set the first slice.
const params = new URLSearchParams(location.search);
const SLICE_LIMIT = Math.min(500, Number(params.get('limit')) || 150);
const EXPAND_LIMIT = 40;
const REASONS = {
  LOG_IN: 'Log in first.',
  SELF: 'This is your own record.',
  ALREADY_YOURS: 'You have claimed this record.',
  ALREADY_CLAIMED: 'Another user has claimed this record.',
  YOU_HOLD_ANOTHER: 'You have claimed another record.',
  CLAIM_FIRST: 'Claim this author entity first to unlock direct invitations.',
  NOT_CLAIMED: 'Only claimed authors receive invitations.',
  NOT_OPEN: 'This author is not open to collaboration invitations.',
  ALREADY_INVITED: 'Your invitation is waiting for an answer.',
  RATE_LIMITED: 'You have sent the day’s invitations.',
  NOT_CLAIMANT: 'Only the claimant edits this record.',
};

const PANEL = `query ExplorerPanel($id: ID!) {
  node(id: $id) {
    __typename id
    ... on Researcher {
      name claimed affiliation { name }
      trust { score band verificationLevel claimed signals { name contribution weight } }
      counts { works followers topics closeCollaborators }
      viewerCan { follow { allowed reason } claim { allowed reason } invite { allowed reason } }
      works(first: 50) { totalCount edges { node { id title year type codeUrl venue { name } } } }
    }
    ... on Work { title year type codeUrl venue { name } authors { researcher { id name } } }
    ... on Topic { name field domain }
    ... on Institution { name countryCode institutionType: type }
  }
}`;
const SLICE = `query ExplorerSlice($id: ID!, $depth: Int!, $limit: Int!) {
  graphSlice(center: $id, depth: $depth, limit: $limit) {
    center truncated
    nodes { id kind label weight }
    edges { source target kind weight }
  }
}`;
const FOLLOW = 'mutation($id: ID!) { followResearcher(id: $id) { id } }';
const CLAIM = 'mutation($id: ID!) { claimResearcher(id: $id) { id } }';

const centerId = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() ?? '');
const $ = (id) => document.getElementById(id);

function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

async function graphql(query, variables) {
  const token = localStorage.getItem('researchgraph.token');
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data;
}

function showError(error) {
  $('error').hidden = false;
  $('error').textContent = String(error.message ?? error);
}

// --- the panel

function snapshot(trust) {
  const band = trust.band.charAt(0) + trust.band.slice(1).toLowerCase();
  return el('div', { className: 'snapshot' },
    el('span', { className: 'pill', id: 'trust' }, `Trust ${trust.score} - ${band}`),
    el('span', { className: 'pill' }, `Verification ${trust.verificationLevel}`),
    el('span', { className: 'pill' }, trust.claimed ? 'Claimed author' : 'Unclaimed author'));
}

function action(label, ability, mutation, id, logIn) {
  const button = el('button', { disabled: !ability.allowed, textContent: label });
  button.addEventListener('click', async () => {
    try {
      await graphql(mutation, { id });
      await loadPanel();
    } catch (error) {
      showError(error);
    }
  });
  return el('div', {}, button,
    ability.allowed ? null : el('span', { className: 'reason' },
      ability.reason === 'LOG_IN' ? logIn : REASONS[ability.reason] ?? ability.reason));
}

function workItem(work) {
  return el('li', {},
    el('div', { className: 'meta' },
      [work.type?.toLowerCase(), work.year, work.venue?.name].filter(Boolean).join(' · ')),
    el('div', {}, work.title ?? '(no title in the source)'),
    work.codeUrl ? el('a', { href: work.codeUrl, rel: 'noopener', className: 'code' }, 'Code') : null);
}

function researcherPanel(r) {
  const counts = [
    ['works', r.counts.works], ['followers', r.counts.followers],
    ['topics', r.counts.topics], ['close collaborators', r.counts.closeCollaborators],
  ];
  return [
    el('h1', { id: 'name' }, r.name),
    el('div', { className: 'muted' }, r.affiliation?.name ?? 'Affiliation not imported'),
    snapshot(r.trust),
    el('ul', { className: 'signals' }, r.trust.signals.map((s) =>
      el('li', {}, `${s.name}: ${s.contribution} of ${s.weight}`))),
    el('div', { className: 'counts', id: 'counts' },
      counts.map(([name, value]) => el('div', {}, el('b', {}, value), name))),
    el('div', { className: 'actions' },
      action(`Follow researcher ${r.counts.followers}`, r.viewerCan.follow, FOLLOW, r.id,
        'Log in to follow'),
      action('Claim this author', r.viewerCan.claim, CLAIM, r.id, 'Log in to claim'),
      r.viewerCan.invite.allowed ? null
        : el('span', { className: 'reason' }, REASONS[r.viewerCan.invite.reason])),
    el('h2', {}, `Published work (${r.works.totalCount})`),
    el('ul', { className: 'works' }, r.works.edges.map((e) => workItem(e.node))),
  ];
}

function nodePanel(n) {
  switch (n.__typename) {
    case 'Researcher': return researcherPanel(n);
    case 'Work': return [
      el('h1', { id: 'name' }, n.title ?? '(no title in the source)'),
      el('ul', { className: 'works' }, workItem(n)),
      el('h2', {}, 'Authors'),
      el('ul', {}, n.authors.map((a) => el('li', {}, a.researcher.name))),
    ];
    case 'Topic': return [el('h1', { id: 'name' }, n.name),
      el('div', { className: 'muted' }, [n.field, n.domain].filter(Boolean).join(' · '))];
    default: return [el('h1', { id: 'name' }, n.name),
      el('div', { className: 'muted' }, [n.institutionType, n.countryCode].filter(Boolean).join(' · '))];
  }
}

async function loadPanel() {
  const { node } = await graphql(PANEL, { id: centerId });
  $('panel').replaceChildren(...(node ? nodePanel(node) : [el('p', {}, `Nothing has id ${centerId}.`)]));
  document.title = `${node?.name ?? node?.title ?? centerId} · researchgraph explorer`;
}

// --- the graph

const graph = new Graph({ multi: true });
const hiddenKinds = new Set();
const renderer = new Sigma(graph, $('graph'), {
  renderEdgeLabels: true,
  edgeLabelAnchors: 'allNodes', // every edge's weight, not only between labelled nodes
  labelRenderedSizeThreshold: 7,
  labelSize: 11,
  edgeLabelSize: 10,
});

// A filtered kind is hidden in the drawing (Sigma's `isHidden` state), never removed
// from the graph; the center always shows.
function applyFilters() {
  for (const kind of Object.keys(KINDS)) {
    const ids = graph.filterNodes((node, data) => data.kind === kind && node !== centerId);
    renderer.setNodesState(ids, { isHidden: hiddenKinds.has(kind) });
  }
}
function merge(slice) {
  const origin = graph.hasNode(slice.center)
    ? graph.getNodeAttributes(slice.center)
    : { x: 0, y: 0 };
  const fresh = [];
  for (const node of slice.nodes) {
    if (graph.hasNode(node.id)) continue;
    const label = node.label ?? node.id;
    const weight = node.weight ?? 0.5;
    graph.addNode(node.id, {
      ...origin, kind: node.kind, label, weight,
      size: node.id === centerId ? 14 : 4 + 7 * weight, color: KINDS[node.kind]?.colour ?? '#888',
    });
    if (node.id !== slice.center) fresh.push(node.id);
  }
  fresh.sort((a, b) => graph.getNodeAttribute(b, 'weight') - graph.getNodeAttribute(a, 'weight'));
  // New nodes ring the node whose slice brought them: an expansion grows the view
  // around the node expanded instead of moving what is already placed.
  ringPositions(origin, fresh.length)
    .forEach((at, i) => graph.mergeNodeAttributes(fresh[i], at));
  for (const edge of slice.edges) {
    const key = `${edge.source}|${edge.kind}|${edge.target}`;
    if (graph.hasEdge(key) || !graph.hasNode(edge.source) || !graph.hasNode(edge.target)) continue;
    graph.addEdgeWithKey(key, edge.source, edge.target, {
      kind: edge.kind,
      size: 0.5 + 3 * Math.min(1, (edge.weight ?? 1) / 5),
      color: '#c3c9d4',
      label: edge.weight === null ? '' : String(+edge.weight.toFixed(2)),
    });
  }
  if (slice.truncated) $('truncated').hidden = false;
  applyFilters();
  renderer.refresh();
  return fresh.length;
}

async function withLoading(work) {
  $('loading').hidden = false;
  try {
    return await work();
  } catch (error) {
    showError(error);
    return null;
  } finally {
    $('loading').hidden = true;
  }
}

function loadSlice() {
  const depth = Number($('depth').value);
  return withLoading(async () => {
    const { graphSlice } = await graphql(SLICE, { id: centerId, depth, limit: SLICE_LIMIT });
    graph.clear();
    $('truncated').hidden = true;
    const added = merge(graphSlice);
    renderer.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
    return added;
  });
}

function expand(id) {
  return withLoading(async () => {
    const { graphSlice } = await graphql(SLICE, { id, depth: 1, limit: EXPAND_LIMIT });
    return merge(graphSlice);
  });
}

function showCard(id) {
  const data = graph.getNodeAttributes(id);
  $('card').hidden = false;
  $('card').replaceChildren(
    el('b', {}, data.label),
    el('div', { className: 'muted' }, `${KINDS[data.kind]?.name.slice(0, -1) ?? data.kind} · ${id}`),
    el('div', { className: 'muted' }, `${graph.degree(id)} connection(s) shown; double-click to expand`),
    el('a', { href: `/explore/${encodeURIComponent(id)}` }, 'Open its own page'));
}

for (const [kind, { colour, name }] of Object.entries(KINDS)) {
  $('legend').append(el('div', {}, el('span', { style: `background:${colour}` }), name));
  const input = el('input', { type: 'checkbox', checked: true, value: kind });
  input.addEventListener('change', () => {
    if (input.checked) hiddenKinds.delete(kind);
    else hiddenKinds.add(kind);
    applyFilters();
    renderer.refresh();
  });
  $('filters').append(el('label', {}, input, ` ${name}`));
}
renderer.on('clickNode', ({ node }) => showCard(node));
renderer.on('doubleClickNode', ({ node, event }) => {
  event.preventSigmaDefault(); // no zoom: the double-click expands
  expand(node);
});
$('depth').value = params.get('depth') === '2' ? '2' : '1';
$('depth').addEventListener('change', loadSlice);

// The panel first, the slice as it comes (two requests: see the README).
const ready = Promise.all([loadPanel().catch(showError), loadSlice()]);
// For tests and the curious: the graph, its drawing, and what is shown of it.
const shown = (kind) =>
  graph.filterNodes(
    (node, data) => data.kind === kind && renderer.getNodeDisplayData(node)?.visibility !== 'hidden',
  ).length;
window.explorer = { graph, renderer, ready, expand, shown };
