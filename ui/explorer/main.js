// The full graph explorer: a profile panel beside an interactive slice of the graph,
// everything through the public GraphQL endpoint (so this page is also a reference
// client): one request for the panel, one for the slice, one per expansion.
import cytoscape from 'cytoscape';

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

const cy = cytoscape({
  container: $('graph'),
  wheelSensitivity: 0.3,
  // Plain values and data mappers only: style functions are re-run on every render.
  style: [
    {
      selector: 'node',
      style: {
        label: 'data(short)', 'font-size': 9, color: '#1d2433', 'min-zoomed-font-size': 7,
        width: 'mapData(weight, 0, 1, 14, 30)', height: 'mapData(weight, 0, 1, 14, 30)',
      },
    },
    ...Object.entries(KINDS).map(([kind, { colour }]) => ({
      selector: `node[kind = "${kind}"]`, style: { 'background-color': colour },
    })),
    { selector: 'node.center', style: { 'border-width': 3, 'border-color': '#111' } },
    { selector: 'node.filtered', style: { display: 'none' } },
    {
      selector: 'edge',
      style: {
        width: 'mapData(strength, 0, 1, 1, 5)', 'line-color': '#b8c0cc', 'curve-style': 'straight',
        label: 'data(weightLabel)', 'font-size': 8, color: '#667085', 'min-zoomed-font-size': 7,
      },
    },
  ],
});

function merge(slice) {
  const fresh = [];
  for (const node of slice.nodes) {
    if (cy.getElementById(node.id).empty()) {
      const label = node.label ?? node.id;
      fresh.push({
        group: 'nodes',
        data: {
          ...node, label, weight: node.weight ?? 0.5,
          short: label.length > 28 ? `${label.slice(0, 27)}…` : label,
        },
      });
    }
  }
  for (const edge of slice.edges) {
    const id = `${edge.source}|${edge.kind}|${edge.target}`;
    if (cy.getElementById(id).empty()) {
      fresh.push({
        group: 'edges',
        data: {
          id, ...edge,
          strength: Math.min(1, (edge.weight ?? 1) / 5),
          weightLabel: edge.weight === null ? '' : String(+edge.weight.toFixed(2)),
        },
      });
    }
  }
  cy.add(fresh);
  if (cy.nodes('.center').empty()) cy.getElementById(slice.center).addClass('center');
  applyFilters();
  // Rings around the center, the strongest neighbours innermost. Not a force-directed
  // layout: Cytoscape's `cose` took ~10 s for a 500-node slice (bench/README.md).
  cy.layout({
    name: 'concentric', animate: false, minNodeSpacing: 6, avoidOverlap: true,
    concentric: (n) => (n.hasClass('center') ? 10 : 2 + 6 * (n.data('weight') ?? 0)),
    levelWidth: () => 1.5,
  }).run();
  if (slice.truncated) $('truncated').hidden = false;
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
    cy.elements().remove();
    $('truncated').hidden = true;
    return merge(graphSlice);
  });
}

function expand(id) {
  return withLoading(async () => {
    const { graphSlice } = await graphql(SLICE, { id, depth: 1, limit: EXPAND_LIMIT });
    return merge(graphSlice);
  });
}

function applyFilters() {
  for (const input of document.querySelectorAll('#filters input')) {
    const nodes = cy.nodes(`[kind = "${input.value}"]`).not('.center');
    if (input.checked) nodes.removeClass('filtered');
    else nodes.addClass('filtered');
  }
}

function showCard(node) {
  const data = node.data();
  $('card').hidden = false;
  $('card').replaceChildren(
    el('b', {}, data.label),
    el('div', { className: 'muted' }, `${KINDS[data.kind]?.name.slice(0, -1) ?? data.kind} · ${data.id}`),
    el('div', { className: 'muted' }, `${node.connectedEdges().length} connection(s) shown; double-click to expand`),
    el('a', { href: `/explore/${encodeURIComponent(data.id)}` }, 'Open its own page'));
}

for (const [kind, { colour, name }] of Object.entries(KINDS)) {
  $('legend').append(el('div', {}, el('span', { style: `background:${colour}` }), name));
  const input = el('input', { type: 'checkbox', checked: true, value: kind });
  input.addEventListener('change', applyFilters);
  $('filters').append(el('label', {}, input, ` ${name}`));
}
cy.on('tap', 'node', (event) => showCard(event.target));
cy.on('dbltap', 'node', (event) => expand(event.target.id()));
$('depth').value = params.get('depth') === '2' ? '2' : '1';
$('depth').addEventListener('change', loadSlice);

// The panel first, the slice as it comes (two requests: see the README).
const ready = Promise.all([loadPanel().catch(showError), loadSlice()]);
window.explorer = { cy, ready, expand };
