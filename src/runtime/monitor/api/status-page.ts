import { createHash } from 'node:crypto';
import { statusPageScript } from './status-page-script.js';
import { statusPageStyle } from './status-page-style.js';

export interface StatusPage {
  html: string;
  /** Content-Security-Policy and the other headers the page is served with. */
  headers: Record<string, string>;
}

const body = `<header>
<h1>orchgen monitor</h1>
<span id="overall" class="badge" data-health="unknown">connecting</span>
<span id="stack"></span>
<span id="connection"></span>
</header>
<form id="token-form" hidden>
<label>This monitor answers only with its token: <input id="token" type="password" autocomplete="off"></label>
<button type="submit">Use it</button>
</form>
<main>
<section>
<h2>Services by startup wave</h2>
<div class="scroll">
<svg id="graph" role="img" aria-label="The services by startup wave, each coloured by its health, with arrows from each dependency to what waits for it" width="0" height="0">
<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0 L10 5 L0 10 z"></path></marker></defs>
<g id="drawing"></g>
</svg>
</div>
<p class="legend"><span class="swatch" data-health="healthy"></span>healthy<span class="swatch" data-health="unhealthy"></span>unhealthy<span class="swatch" data-health="circuit_open"></span>circuit open<span class="swatch" data-health="unknown"></span>not checked yet &middot; a dashed box is an optional service, a dashed arrow a dependency that is not required</p>
</section>
<section>
<h2>Recovery events, newest first</h2>
<table>
<thead><tr><th>Started</th><th>Service</th><th>Outcome</th><th>Reason</th><th>Steps</th></tr></thead>
<tbody id="event-rows"></tbody>
</table>
<p id="no-events">None yet.</p>
</section>
</main>`;

/** The CSP source that lets exactly this inline text run (a hash: the page is the same on every answer). */
const hashSource = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

let page: StatusPage | undefined;

/**
 * The monitor's status page, served at `/`: one self-contained document (its style and script
 * inline, nothing loaded from elsewhere) that polls the read-only API. It holds no data of the
 * stack, so it is the same for everyone.
 */
export function statusPage(): StatusPage {
  page ??= {
    html: `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>orchgen monitor</title>
<link rel="icon" href="data:,">
<style>${statusPageStyle}</style>
</head>
<body>
${body}
<script>${statusPageScript}</script>
</body>
</html>
`,
    headers: {
      'Content-Security-Policy': [
        "default-src 'none'",
        `script-src ${hashSource(statusPageScript)}`,
        `style-src ${hashSource(statusPageStyle)}`,
        "connect-src 'self'",
        'img-src data:',
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
      ].join('; '),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    },
  };
  return page;
}
