import type { ComparedSpan, CompareResponse } from '../lib/api';
import { formatDelta, formatMs, serviceColour } from '../lib/format';
import { traceHref } from '../lib/router';
import { useJson } from '../lib/use-json';

function SpanLine({ span }: { span: ComparedSpan }) {
  return (
    <tr class={`change-${span.change}`} data-testid="compare-row" data-change={span.change} data-key={span.key}>
      <td style={{ paddingLeft: `${span.depth * 14 + 4}px` }}>
        <span class="svc-dot" style={{ backgroundColor: serviceColour(span.service) }} /> {span.name}{' '}
        <span class="muted">{span.service}</span>
      </td>
      <td>
        <span class={`change change-${span.change}`}>
          {span.change === 'matched' ? '=' : span.change === 'added' ? '+ added' : '− missing'}
        </span>
      </td>
      <td class="num">{span.a ? formatMs(span.a.durationMs) : '—'}</td>
      <td class="num">{span.b ? formatMs(span.b.durationMs) : '—'}</td>
      <td class={`num delta ${span.deltaMs > 0 ? 'slower' : span.deltaMs < 0 ? 'faster' : ''}`}>
        {span.change === 'matched' ? formatDelta(span.deltaMs) : ''}
      </td>
      <td class={`num delta ${span.selfDeltaMs > 0 ? 'slower' : span.selfDeltaMs < 0 ? 'faster' : ''}`}>
        {formatDelta(span.selfDeltaMs)}
      </td>
    </tr>
  );
}

/** Two traces side by side: spans matched by place, the differences and who explains them. */
export function CompareView({ a, b }: { a: string; b: string }) {
  const compared = useJson<CompareResponse>(`/api/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`);
  if (compared.error) return <p class="error view">{compared.error}</p>;
  const data = compared.data;
  if (!data) return <p class="muted view">Comparing…</p>;
  const head = (
    <tr>
      <th>Span</th>
      <th>Change</th>
      <th class="num">A</th>
      <th class="num">B</th>
      <th class="num">Δ total</th>
      <th class="num">Δ self</th>
    </tr>
  );
  return (
    <section class="view compare-view" data-testid="compare-view">
      <h1>Comparison</h1>
      <div class="compare-heads">
        {(['a', 'b'] as const).map((side) => (
          <div key={side}>
            <b>{side.toUpperCase()}</b> <a href={traceHref(data[side].traceId)}>{data[side].rootName}</a>{' '}
            <code>{data[side].traceId}</code> · {formatMs(data[side].durationMs)} · {data[side].spanCount} spans
          </div>
        ))}
        <div>
          <b>B − A:</b> {formatDelta(data.b.durationMs - data.a.durationMs)}
        </div>
      </div>
      <h2>Top contributors</h2>
      <table class="compare" data-testid="compare-contributors">
        <thead>{head}</thead>
        <tbody>
          {data.contributors.slice(0, 10).map((span) => (
            <SpanLine key={span.key} span={span} />
          ))}
        </tbody>
      </table>
      <h2>All spans</h2>
      <table class="compare" data-testid="compare-spans">
        <thead>{head}</thead>
        <tbody>
          {data.spans.map((span) => (
            <SpanLine key={span.key} span={span} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
