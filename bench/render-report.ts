/**
 * Re-judges the targets and re-renders a report's Markdown from its JSON (after a change to the
 * report's layout): `npx tsx bench/render-report.ts bench/results/<run>.json [out.md]`. The JSON's
 * `targets` are rewritten; the measurements are not touched.
 */
import fs from 'node:fs';
import { judgeTargets, renderMarkdown, type BenchReport } from './lib/report';

const [input, output] = process.argv.slice(2);
if (!input) throw new Error('usage: tsx bench/render-report.ts <report.json> [out.md]');
const report = JSON.parse(fs.readFileSync(input, 'utf8')) as BenchReport;
report.targets = judgeTargets(report);
fs.writeFileSync(input, `${JSON.stringify(report, null, 2)}\n`);
fs.writeFileSync(output ?? input.replace(/\.json$/, '.md'), renderMarkdown(report));
