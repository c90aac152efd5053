/** The backup dashboard's own additions to the kit's sheet (adopted after it). */
export const BACKUP_CSS = `
.feedback { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 12px 0 0; padding: 8px 12px; border-radius: 8px; }
.feedback[hidden] { display: none; }
.feedback.ok { background: #dafbe1; color: #116329; }
.feedback.error { background: #ffebe9; color: #a40e26; }
.feedback.progress { background: #ddf4ff; color: #0a3069; }
.feedback .btn { min-height: 32px; }
.hint { color: #59636e; font-size: 13px; margin: 4px 0; }
.alert { margin: 0 0 8px; padding: 8px 12px; border-radius: 8px; font-weight: 600; }
.alert.warning { background: #fff8c5; color: #4d2d00; border: 1px solid #d4a72c; }
.alert.critical { background: #ffebe9; color: #a40e26; border: 1px solid #a40e26; }
.meter-row { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; margin: 0 0 4px; }
meter { width: min(360px, 100%); height: 18px; }
.timeline { width: 100%; overflow-x: auto; }
.timeline:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
.timeline-chart { width: 100%; min-width: 560px; height: auto; display: block; font: 11px system-ui, sans-serif; }
.timeline-chart .lane { fill: #3d444d; font-weight: 600; }
.timeline-chart .rail { stroke: #d0d7de; stroke-width: 1; }
.timeline-chart .tick { stroke: #8c959f; }
.timeline-chart .tick-label { fill: #59636e; font-size: 10px; }
.timeline-chart .journal { fill: #9ecbff; }
.timeline-chart .restorable { fill: #2da44e; }
.timeline-chart .dot { stroke: #fff; stroke-width: 2; }
.timeline-chart .dot.manual { fill: #9d0f1a; }
.timeline-chart .dot.auto { fill: #0969da; }
.timeline-chart .dot.scheduled { fill: #8250df; }
.timeline-chart .dot.imported { fill: #fff; stroke: #57606a; }
.timeline-chart .dot.drop { fill-opacity: .35; stroke: #a40e26; stroke-dasharray: 2 2; }
.timeline-summary { margin: 0 0 6px; }
.timeline-tables[hidden] { display: none; }
.timeline-tables .table-wrap + .table-wrap, .timeline-tables .table-wrap + .empty { margin-top: 12px; }
.pitr label, .tools label { display: block; margin: 8px 0 0; }
input[type="datetime-local"], input[type="password"], input[type="file"] { font: inherit; padding: 4px 6px; border: 1px solid #8c959f; border-radius: 6px; max-width: 100%; }
input:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
input[aria-invalid="true"] { border-color: #a40e26; }
.pitr-verdict { margin: 8px 0 0; padding: 6px 10px; border-radius: 6px; background: #f6f8fa; }
.pitr-verdict.ok { background: #dafbe1; color: #116329; }
.pitr-verdict.refused { background: #ffebe9; color: #a40e26; }
.pitr-ranges ul { margin: 4px 0 0; padding-left: 20px; }
.btn:disabled { opacity: .55; cursor: not-allowed; }
.btn[hidden] { display: none; }
.keep { color: #116329; }
.drop { color: #a40e26; font-weight: 600; }
@media (max-width: 600px) {
  .body { padding: 8px 12px 16px; }
  td .actions { flex-direction: column; align-items: stretch; }
}
`;
