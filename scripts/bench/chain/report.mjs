// The chain benchmark's report: a markdown table per pass, the light pass's added latency, the
// throughput aim, and notes (setup failures, wrk errors).
import { WARMUP_SECONDS } from './constants.mjs';

/** The issue's aim for every localvpc chain: at least this fraction of its nginx twin's req/s. */
const AIM_RATIO = 0.5;

const fmtMs = (ms) => `${ms.toFixed(2)} ms`;
export const fmtRps = (rps) => Math.round(rps).toLocaleString('en-US');
const fmtAdded = (ms) => `${ms >= 0 ? '+' : '−'}${Math.abs(ms).toFixed(2)} ms`;
const fmtRatio = (ratio) => `${ratio.toFixed(2)}×`;
const letter = (leg) => /^\(\w\)/.exec(leg.name)?.[0] ?? leg.short;

/**
 * The "vs nginx twin" cell: a localvpc leg against its twin, an nginx leg against itself (1.00×),
 * the direct leg against every nginx leg measured (labelled when there are several).
 */
function twinRatio(leg, legs, results) {
  const s = results.get(leg.key)?.stats;
  if (leg.kind === 'nginx') return fmtRatio(1);
  if (leg.twin) {
    const twin = results.get(leg.twin)?.stats;
    return twin ? fmtRatio(s.rps / twin.rps) : 'n/a';
  }
  const nginxLegs = legs.filter((other) => other.kind === 'nginx' && results.get(other.key)?.stats);
  if (nginxLegs.length === 0) return 'n/a';
  if (nginxLegs.length === 1) return fmtRatio(s.rps / results.get(nginxLegs[0].key).stats.rps);
  return nginxLegs.map((other) => `${fmtRatio(s.rps / results.get(other.key).stats.rps)} ${letter(other)}`).join(', ');
}

function table(legs, results) {
  const direct = results.get('direct')?.stats;
  const lines = [
    '| leg | req/s | p50 | p90 | p99 | req/s vs nginx twin | added p50 vs direct |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const leg of legs) {
    const result = results.get(leg.key);
    if (!result?.stats) {
      const why = leg.skipped ? 'skipped' : 'failed';
      lines.push(`| ${leg.name} | ${why} | – | – | – | – | – |`);
      continue;
    }
    const s = result.stats;
    const added = leg.key === 'direct' ? '–' : direct ? fmtAdded(s.p50 - direct.p50) : 'n/a';
    lines.push(`| ${leg.name} | ${fmtRps(s.rps)} | ${fmtMs(s.p50)} | ${fmtMs(s.p90)} | ${fmtMs(s.p99)} | ${twinRatio(leg, legs, results)} | ${added} |`);
  }
  return lines.join('\n');
}

/** The aim, per localvpc leg with a measured twin, for one pass: reported, never asserted. */
function aim(legs, pass) {
  const parts = [];
  for (const leg of legs.filter((l) => l.kind === 'localvpc')) {
    const s = pass.results.get(leg.key)?.stats;
    const twin = pass.results.get(leg.twin)?.stats;
    if (!s || !twin) continue;
    const ratio = s.rps / twin.rps;
    parts.push(`${letter(leg)} ${fmtRatio(ratio)} of ${letter(legs.find((l) => l.key === leg.twin))} (${ratio >= AIM_RATIO ? 'met' : 'not met'})`);
  }
  if (!parts.length) return '';
  const tls = legs.some((l) => l.key === 'localvpc-arch1') ? ' (for architecture 1, TLS included)' : '';
  return `Aim (reported, not asserted): each localvpc chain at least ${AIM_RATIO}× its nginx twin's req/s${tls}; ${pass.title.toLowerCase()}: ${parts.join(', ')}.`;
}

function notes(legs, passes) {
  const lines = [];
  for (const leg of legs) {
    if (leg.error) lines.push(`- ${leg.name}: ${leg.skipped ? 'skipped' : 'setup failed'}: ${leg.error}`);
  }
  for (const pass of passes) {
    for (const leg of legs) {
      const result = pass.results.get(leg.key);
      if (result?.error) lines.push(`- ${pass.title}, ${leg.name}: measurement failed: ${result.error}`);
      for (const note of result?.notes ?? []) lines.push(`- ${pass.title}, ${leg.name}: ${note}`);
    }
  }
  return lines.map((line) => line.replace(/\n/g, '\n  ')).join('\n');
}

export function report({ options, legs, passes, host }) {
  const out = [];
  out.push('## Chain benchmark');
  out.push('');
  out.push(`Machine: ${host.cpu}, ${host.cores} cores, ${host.memory}, ${host.kernel}; Node.js ${host.node}, nginx ${host.nginx}, wrk ${host.wrk}${host.openssl ? `, ${host.openssl}` : ''}.`);
  out.push('');
  out.push(`Every leg reaches the same backend (one Node.js process answering \`200 ok\`), one after another, with the same wrk settings (keep-alive, ${options.duration} s per run after a ${WARMUP_SECONDS} s warm-up that is not counted). ` +
    `nginx runs 1 worker process; on this ${host.cores}-core machine wrk, the proxies and the backend all share the same cores, so req/s measures the whole chain's CPU cost, not a network.`);
  const twins = legs.filter((leg) => leg.twin).map((leg) => `${letter(leg)} with ${letter(legs.find((l) => l.key === leg.twin))}`);
  if (twins.length) {
    out.push('');
    out.push(`"req/s vs nginx twin" compares each localvpc leg with the nginx chain built from the same hops: ${twins.join(', ')}; ` +
      'an nginx leg shows 1.00× (itself), the direct leg its ratio to each nginx leg.');
  }
  for (const pass of passes) {
    out.push('');
    out.push(`### ${pass.title} (wrk -t${pass.threads} -c${pass.connections} -d${options.duration}s)`);
    out.push('');
    out.push(table(legs, pass.results));
  }
  const aims = passes.map((pass) => aim(legs, pass)).filter(Boolean);
  if (aims.length) {
    out.push('');
    out.push(aims[0]);
  }
  const light = passes.find((pass) => pass.key === 'light');
  if (light) {
    const direct = light.results.get('direct')?.stats;
    const added = legs
      .filter((leg) => leg.key !== 'direct')
      .map((leg) => {
        const stats = light.results.get(leg.key)?.stats;
        return `${leg.short} ${stats && direct ? fmtAdded(stats.p50 - direct.p50) : 'n/a'}`;
      });
    out.push('');
    out.push(`Median added latency at light load (1 connection; p50 minus the direct p50): ${added.join(', ')}.`);
  }
  const noteText = notes(legs, passes);
  if (noteText) {
    out.push('');
    out.push('Notes:');
    out.push('');
    out.push(noteText);
  }
  return out.join('\n') + '\n';
}
