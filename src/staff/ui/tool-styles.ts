const CSS = `
.product-picker,.quick-replies{font:14px/1.4 system-ui,sans-serif;display:grid;gap:.35rem;padding:.5rem;color:#1a1a1a}
.product-picker input,.quick-replies input,.quick-replies textarea{font:inherit;padding:.35rem .5rem;border:1px solid #888;border-radius:.35rem}
.product-picker [role="listbox"]{list-style:none;margin:0;padding:0;max-height:16rem;overflow:auto;border:1px solid #ddd;border-radius:.35rem}
.product-picker [role="option"]{display:grid;padding:.35rem .5rem;cursor:pointer;border-bottom:1px solid #eee}
.product-picker [role="option"][aria-selected="true"]{background:#e8f0fe;outline:2px solid #1a56db;outline-offset:-2px}
.product-picker .picker-name{font-weight:600}
.product-picker .picker-meta,.product-picker .picker-status{font-size:12px;color:#444;margin:0}
.quick-replies ul{list-style:none;margin:0;padding:0;display:grid;gap:.25rem;max-height:16rem;overflow:auto}
.quick-replies li{display:flex;flex-wrap:wrap;gap:.25rem;align-items:center;border-bottom:1px solid #eee;padding:.25rem 0}
.quick-replies .quick-insert{flex:1;text-align:start;min-width:10rem}
.quick-replies .quick-insert span{display:block;font-size:12px;color:#444;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.quick-replies form{display:grid;gap:.35rem}
.quick-replies [role="alert"]{color:#b91c1c;margin:0}
.quick-replies button:focus-visible,.product-picker input:focus-visible{outline:2px solid #1a56db;outline-offset:1px}
`;

type ToolSheet = CSSStyleSheet & { staffTools?: true };

/**
 * Adds the picker's and quick replies' styles to the document once, as a constructed sheet (a
 * strict `style-src 'self'` CSP allows it).
 * @example adoptToolStyles(document);
 */
export function adoptToolStyles(doc: Document): void {
  const win = doc.defaultView as (Window & typeof globalThis) | null;
  if (!win || !('adoptedStyleSheets' in doc) || doc.adoptedStyleSheets.some((sheet) => (sheet as ToolSheet).staffTools)) return;
  const sheet = new win.CSSStyleSheet() as ToolSheet;
  sheet.replaceSync(CSS);
  sheet.staffTools = true;
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
}
