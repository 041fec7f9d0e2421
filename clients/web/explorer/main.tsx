import { explorerPlugin } from '@graphiql/plugin-explorer';
import { HISTORY_PLUGIN } from '@graphiql/plugin-history';
import {
  ToolbarButton,
  useGraphiQL,
  useGraphiQLActions,
  type GraphiQLPlugin,
} from '@graphiql/react';
import { GraphiQL } from 'graphiql';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
// Monaco's editor, JSON and GraphQL workers, bundled by Vite as worker chunks (`?worker`): no CDN.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import './explorer.css';
import { RECIPES, recipeNamed, type Recipe } from './cookbook.js';
import { downloadResult, type ExportFormat } from './download.js';
import { fetcher, readToken, writeToken } from './session.js';

const params = new URLSearchParams(window.location.search);
const opened = recipeNamed(params.get('operation'));
const first = RECIPES[0];

const WELCOME = `# The Cybercrime Repository Graph, explored with GraphiQL.
#
# Open the cookbook (the book icon on the left) for the analyst questions,
# each a saved query; run one with the play button or Ctrl-Enter, and
# download its answer as CSV or XLSX from the toolbar.
#
# Signed in? Paste a token under "Sign in". Without one you are the public role.
${first ? `\n${first.text}` : '{\n  __typename\n}\n'}`;

function BookIcon() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
      <path
        d="M4 4h7a3 3 0 0 1 3 3v13a2 2 0 0 0-2-2H4zM20 4h-5a3 3 0 0 0-3 3v13a2 2 0 0 1 2-2h6z"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
      />
    </svg>
  );
}

function KeyIcon() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
      <circle cx="8" cy="15" r="4" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M11 12l8-8m-3 3l2 2m-4 0l2 2" fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}

function Cookbook() {
  const queryEditor = useGraphiQL((state) => state.queryEditor);
  const variableEditor = useGraphiQL((state) => state.variableEditor);
  const { setOperationName } = useGraphiQLActions();
  const open = (recipe: Recipe) => {
    queryEditor?.setValue(recipe.text);
    variableEditor?.setValue('');
    // GraphiQL learns the operation name by parsing the editor a moment later; a Run before that
    // would send the previous recipe's name with this text (the gateway's 400
    // OPERATION_RESOLUTION_FAILURE). Each recipe is one operation of its own name.
    setOperationName(recipe.name);
    const url = new URL(window.location.href);
    url.searchParams.set('operation', recipe.name);
    url.searchParams.delete('variables');
    window.history.replaceState(null, '', url);
  };
  return (
    <section className="crg-cookbook" aria-label="Cookbook">
      <h2>Cookbook</h2>
      <p>Saved analyst questions. Choose one to load it, then run it.</p>
      <ul>
        {RECIPES.map((recipe) => (
          <li key={recipe.name}>
            <button
              type="button"
              data-operation={recipe.name}
              disabled={!queryEditor}
              onClick={() => open(recipe)}
            >
              <strong>{recipe.name}</strong>
              <span>{recipe.question}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function SignIn() {
  const [token, setToken] = useState(readToken());
  const [saved, setSaved] = useState(readToken() !== '');
  return (
    <section className="crg-signin" aria-label="Sign in">
      <h2>Sign in</h2>
      <p>
        Paste a bearer token (<code>npm run token</code>, or your identity provider&apos;s). It is
        kept for this browser tab only and sent as <code>Authorization: Bearer</code>. Without one
        you query as the public role.
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          writeToken(token.trim());
          setSaved(token.trim() !== '');
        }}
      >
        <label>
          Token
          <input
            type="password"
            name="token"
            autoComplete="off"
            value={token}
            onChange={(event) => setToken(event.target.value)}
          />
        </label>
        <button type="submit">Use this token</button>
        <button
          type="button"
          onClick={() => {
            writeToken('');
            setToken('');
            setSaved(false);
          }}
        >
          Sign out
        </button>
      </form>
      <p role="status">{saved ? 'Signed in with a token.' : 'Not signed in: public role.'}</p>
    </section>
  );
}

const cookbookPlugin: GraphiQLPlugin = { title: 'Cookbook', icon: BookIcon, content: Cookbook };
const signInPlugin: GraphiQLPlugin = { title: 'Sign in', icon: KeyIcon, content: SignIn };
const explorer = explorerPlugin();

function DownloadButtons({ setStatus }: { setStatus: (status: string) => void }) {
  const queryEditor = useGraphiQL((state) => state.queryEditor);
  const variableEditor = useGraphiQL((state) => state.variableEditor);
  const headerEditor = useGraphiQL((state) => state.headerEditor);
  const operationName = useGraphiQL((state) => state.operationName);
  const download = async (format: ExportFormat) => {
    setStatus(`Preparing ${format.toUpperCase()}…`);
    const message = await downloadResult({
      format,
      query: queryEditor?.getValue() ?? '',
      variables: variableEditor?.getValue() ?? '',
      headers: headerEditor?.getValue() ?? '',
      operationName: operationName ?? undefined,
    });
    setStatus(message);
  };
  return (
    <>
      <ToolbarButton label="Download the result as CSV" onClick={() => void download('csv')}>
        CSV
      </ToolbarButton>
      <ToolbarButton label="Download the result as XLSX" onClick={() => void download('xlsx')}>
        XLSX
      </ToolbarButton>
    </>
  );
}

function App() {
  const [status, setStatus] = useState('');
  return (
    <GraphiQL
      fetcher={fetcher}
      plugins={[cookbookPlugin, explorer, HISTORY_PLUGIN, signInPlugin]}
      visiblePlugin={cookbookPlugin}
      defaultQuery={WELCOME}
      {...(opened
        ? {
            initialQuery: opened.text,
            initialVariables: params.get('variables') ?? '',
          }
        : {})}
      defaultEditorToolsVisibility={params.has('variables')}
    >
      <GraphiQL.Logo>Cybercrime Repository Graph</GraphiQL.Logo>
      {/* GraphiQL finds its slots by element type: the toolbar must be its direct child. */}
      <GraphiQL.Toolbar>
        {({ prettify, copy, merge }) => (
          <>
            {prettify}
            {merge}
            {copy}
            <DownloadButtons setStatus={setStatus} />
          </>
        )}
      </GraphiQL.Toolbar>
      <GraphiQL.Footer>
        <output className="crg-download-status" aria-live="polite">
          {status}
        </output>
      </GraphiQL.Footer>
    </GraphiQL>
  );
}

const root = document.getElementById('explorer');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
