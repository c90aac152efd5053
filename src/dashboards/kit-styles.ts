export const DASHBOARD_CSS = `
:host { all: initial; }
.dashboard {
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328;
  width: min(960px, 96vw); max-height: 90vh; padding: 0; border: 0; border-radius: 12px;
  box-shadow: 0 20px 60px rgba(0,0,0,.35); overflow: auto; background: #fff;
}
.dashboard::backdrop { background: rgba(15, 23, 42, .55); }
.dashboard.embedded { display: block; width: 100%; max-height: none; overflow: visible; box-shadow: none; border: 1px solid #d0d7de; }
.embedded header { position: static; }
header { display: flex; align-items: center; justify-content: space-between; padding: 16px 20px;
  border-bottom: 1px solid #d0d7de; position: sticky; top: 0; background: #fff;
  /* Above the sections' charts, whose paint containment makes them stacking contexts. */
  z-index: 1; }
h2 { margin: 0; font-size: 20px; }
h3 { margin: 0 0 10px; font-size: 15px; color: #3d444d; }
.close { font-size: 24px; line-height: 1; width: 40px; height: 40px; border-radius: 8px; border: 1px solid #d0d7de;
  background: #fff; cursor: pointer; color: #1f2328; }
.body { padding: 8px 20px 20px; }
section { margin-top: 18px; }
.status { margin: 0; padding: 0 20px; min-height: 0; }
.status.ok { padding: 8px 20px; background: #dafbe1; color: #116329; }
.status.error { padding: 8px 20px; background: #ffebe9; color: #a40e26; }
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 10px; margin: 0; }
.stat { border: 1px solid #d0d7de; border-radius: 10px; padding: 10px 12px; background: #f6f8fa; }
.stat dt { font-size: 12px; color: #59636e; }
.stat dd { margin: 2px 0 0; font-size: 22px; font-weight: 650; }
.stat small { color: #59636e; }
.stat dd.hint { font-size: 12px; font-weight: 400; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; color: #59636e; font-size: 12px; padding-bottom: 4px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #d0d7de; vertical-align: top; }
th { font-size: 12px; color: #59636e; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.empty { color: #59636e; }
.actions { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 10px; }
.btn { font: inherit; padding: 6px 12px; border-radius: 8px; border: 1px solid #d0d7de; background: #f6f8fa;
  color: #1f2328; cursor: pointer; min-height: 32px; }
.btn.primary { background: #9d0f1a; border-color: #9d0f1a; color: #fff; }
.btn.danger { background: #fff; border-color: #a40e26; color: #a40e26; }
.btn:focus-visible, .close:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
`;
