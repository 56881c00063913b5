// GraphiQL with the explorer plugin, bundled with its Monaco workers so the page
// loads nothing from outside the server.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';

import { explorerPlugin } from '@graphiql/plugin-explorer';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';

const DEFAULT_QUERY = `# A researcher's profile and a slice of the graph around them.
# Add an "Authorization: Bearer …" header below to act as a signed-in user.
# See it as a graph in the full explorer: /explore/A9000000001 (any node's id).
query Profile($id: ID! = "A9000000001") {
  researcher(id: $id) {
    name
    trust { score band }
    works(first: 5, orderBy: CITATIONS_DESC) {
      totalCount
      edges { node { title year citationCount } }
    }
  }
}
`;

const fetcher = createGraphiQLFetcher({ url: window.location.pathname });

createRoot(document.getElementById('graphiql')).render(
  createElement(GraphiQL, {
    fetcher,
    plugins: [explorerPlugin()],
    defaultQuery: DEFAULT_QUERY,
  }),
);
