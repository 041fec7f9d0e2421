import { BarChart, MapChart, PieChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { registerWorldMap } from '../../charts/world.js';
import { explorerLink, type Outcome } from './graph.js';

echarts.use([
  BarChart,
  MapChart,
  PieChart,
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  SVGRenderer,
]);
registerWorldMap(echarts as never);

/** A subgraph's name as a reader knows it. */
const SUBGRAPH_LABELS: Readonly<Record<string, string>> = {
  'member-states': 'Member States',
  laws: 'laws and treaties',
  partners: 'partners',
  funding: 'funding',
  assistance: 'technical assistance',
};

export interface PanelOptions {
  /** Stable id, used for the element id and by the tests (`[data-panel=id]`). */
  readonly id: string;
  readonly title: string;
  /** The client operation that fetches the panel's figures, and its variables. */
  readonly operation: string;
  readonly variables: Record<string, unknown>;
  /** The subgraphs without which this panel cannot be drawn. */
  readonly needs: readonly string[];
  /** Wider panels span the grid. */
  readonly wide?: boolean;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, value);
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

export { el };

/**
 * One panel of the dashboard: a titled region with its chart, an accessible data table, the key
 * figures, the sources it draws on, and a link to the query behind it in the explorer. It shows
 * loading, ready, unavailable (a subgraph it needs is down) or failed, never a blank.
 */
export class Panel {
  readonly root: HTMLElement;
  private readonly body: HTMLElement;
  private readonly statusLine: HTMLElement;
  private readonly sourcesLine: HTMLElement;
  private readonly badge: HTMLElement;
  private chart: echarts.ECharts | undefined;

  constructor(
    parent: HTMLElement,
    readonly options: PanelOptions,
  ) {
    const headingId = `panel-${options.id}-title`;
    this.root = el('section', {
      class: `panel${options.wide ? ' wide' : ''}`,
      id: `panel-${options.id}`,
      'data-panel': options.id,
      'data-state': 'loading',
      'data-synthetic': 'false',
      'aria-labelledby': headingId,
      'aria-busy': 'true',
    });
    const header = el('header');
    header.append(el('h2', { id: headingId }, options.title));
    this.badge = el(
      'span',
      { class: 'synthetic-badge', hidden: '' },
      'Includes synthetic (illustrative) records',
    );
    header.append(this.badge);
    this.root.append(header);
    this.statusLine = el('p', { class: 'status', role: 'status' }, 'Loading…');
    this.root.append(this.statusLine);
    this.body = el('div', { class: 'panel-body' });
    this.root.append(this.body);
    const footer = el('footer');
    this.sourcesLine = el('p', { class: 'sources' });
    footer.append(this.sourcesLine);
    const link = el(
      'a',
      {
        class: 'query-link',
        href: explorerLink(options.operation, options.variables),
        'data-operation': options.operation,
      },
      `Query behind this panel: ${options.operation} (opens the explorer)`,
    );
    footer.append(link);
    this.root.append(footer);
    parent.append(this.root);
  }

  /**
   * Settles the panel from an outcome when it cannot be drawn: a subgraph it needs is down, or
   * the answer has no data. Returns the data to draw, or undefined when the panel said why not.
   */
  accept<T, D>(outcome: Outcome<T>, pick: (data: T) => D | null | undefined): D | undefined {
    const down = outcome.unavailable.filter((name) => this.options.needs.includes(name));
    if (down.length > 0) {
      this.settle('unavailable');
      this.root.setAttribute('data-unavailable', down.join(' '));
      this.statusLine.textContent = `Unavailable: the ${down
        .map((name) => `${SUBGRAPH_LABELS[name] ?? name} subgraph ("${name}")`)
        .join(
          ' and the ',
        )} did not answer (SUBGRAPH_UNAVAILABLE). The other panels are unaffected; reload to try again.`;
      return undefined;
    }
    const picked = outcome.data === undefined ? undefined : pick(outcome.data);
    if (picked === undefined || picked === null) {
      this.settle('failed');
      const first = outcome.errors[0];
      this.statusLine.textContent = first
        ? `Could not be shown: ${first.message}${first.extensions?.code ? ` (${first.extensions.code})` : ''}`
        : `Could not be shown: ${outcome.networkError ?? 'no answer'}`;
      return undefined;
    }
    return picked;
  }

  /** Marks the panel drawn, with whether its figures include synthetic records and their sources. */
  ready(options: { synthetic: boolean; sources: readonly string[]; note?: string }): void {
    this.settle('ready');
    this.root.setAttribute('data-synthetic', String(options.synthetic));
    this.root.classList.toggle('synthetic', options.synthetic);
    this.badge.hidden = !options.synthetic;
    this.statusLine.textContent = options.note ?? '';
    this.statusLine.hidden = !options.note;
    this.sourcesLine.textContent =
      options.sources.length > 0
        ? `Sources: ${[...new Set(options.sources.map((s) => s.replace(/^Source:\s*/i, '')))].join(' · ')}`
        : '';
  }

  /** Key figures as a definition list; tests compare `[data-figure]` with the graph's answers. */
  figures(entries: readonly (readonly [key: string, label: string, value: string | number])[]) {
    const list = el('dl', { class: 'figures' });
    for (const [key, label, value] of entries) {
      list.append(el('dt', {}, label));
      list.append(el('dd', { 'data-figure': key }, String(value)));
    }
    this.body.append(list);
  }

  /** An ECharts chart, SVG-rendered, labelled for screen readers (with the table as the detail). */
  draw(option: echarts.EChartsCoreOption, label: string, height = 320): void {
    const box = el('div', { class: 'chart', role: 'img', 'aria-label': label });
    box.style.height = `${height}px`;
    this.body.append(box);
    this.chart = echarts.init(box, undefined, { renderer: 'svg' });
    this.chart.setOption({ aria: { enabled: true, label: { description: label } }, ...option });
    new ResizeObserver(() => this.chart?.resize()).observe(box);
  }

  /** The chart's numbers as a table, the accessible and keyboard-reachable form of every chart. */
  table(
    caption: string,
    headers: readonly string[],
    rows: readonly (readonly (string | number | Node)[])[],
    open = false,
  ): void {
    const details = el('details', open ? { open: '' } : {});
    details.append(el('summary', {}, `${caption} (table, ${rows.length} rows)`));
    const table = el('table');
    table.append(el('caption', { class: 'visually-hidden' }, caption));
    const head = el('tr');
    for (const h of headers) {
      head.append(el('th', { scope: 'col' }, h));
    }
    const thead = el('thead');
    thead.append(head);
    table.append(thead);
    const body = el('tbody');
    for (const row of rows) {
      const tr = el('tr');
      for (const cell of row) {
        const td = el('td');
        if (cell instanceof Node) {
          td.append(cell);
        } else {
          td.textContent = String(cell);
        }
        tr.append(td);
      }
      body.append(tr);
    }
    table.append(body);
    details.append(table);
    this.body.append(details);
  }

  /** Free content (lists, notes). */
  append(...nodes: Node[]): void {
    this.body.append(...nodes);
  }

  onChartClick(handler: (params: { name?: string; data?: unknown }) => void): void {
    this.chart?.on('click', handler as never);
  }

  dispose(): void {
    this.chart?.dispose();
  }

  private settle(state: 'ready' | 'unavailable' | 'failed'): void {
    this.root.setAttribute('data-state', state);
    this.root.removeAttribute('aria-busy');
    this.statusLine.hidden = false;
  }
}
