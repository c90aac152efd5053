// The inbox's styles: a constructed stylesheet, allowed by a strict CSP (style-src 'self').
const CSS = `
.staff-inbox{font:14px/1.4 system-ui,sans-serif;color:#1a1a1a;background:#fff;display:flex;flex-direction:column;height:100dvh;min-height:0;box-sizing:border-box}
.staff-inbox [hidden]{display:none !important}
.staff-inbox-overlay .staff-inbox{height:auto;flex:1}
.staff-inbox header{display:flex;gap:.5rem;align-items:center;padding:.5rem .75rem;border-bottom:1px solid #ddd;flex-wrap:wrap}
.staff-inbox h1{font-size:1.1rem;margin:0;flex:1}
.staff-inbox form.sign-in{display:grid;gap:.5rem;max-width:22rem;padding:1rem}
.staff-inbox .body{display:flex;flex:1;min-height:0}
.staff-inbox nav{width:18rem;max-width:40%;border-right:1px solid #ddd;overflow:auto}
.staff-inbox nav ul{list-style:none;margin:0;padding:0}
.staff-inbox nav li{content-visibility:auto;contain-intrinsic-size:auto 5.5rem}
.staff-inbox nav li>button{all:unset;overflow-wrap:anywhere;box-sizing:border-box;display:block;width:100%;padding:.5rem .75rem;border-bottom:1px solid #eee;cursor:pointer}
.staff-inbox nav li>button[aria-current="true"]{background:#e8f0fe}
.staff-inbox nav button:focus-visible,.staff-inbox button:focus-visible{outline:2px solid #1a56db;outline-offset:-2px}
.staff-inbox .meta{display:block;color:#555;font-size:12px}
.staff-inbox .preview{display:block;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.staff-inbox .badge{display:inline-block;background:#b91c1c;color:#fff;border-radius:1rem;padding:0 .4rem;font-size:12px;margin-left:.25rem}
.staff-inbox section.conversation{flex:1;display:flex;flex-direction:column;min-width:0;min-height:0}
.staff-inbox ol.messages{list-style:none;margin:0;padding:.75rem;flex:1;overflow:auto;display:block}
.staff-inbox ol.messages>li{display:block;box-sizing:border-box;width:fit-content;max-width:80%;margin:0 0 .4rem;padding:.4rem .6rem;border-radius:.5rem;background:#f1f1f1;white-space:pre-wrap;overflow-wrap:anywhere}
.staff-inbox ol.messages>li{content-visibility:auto;contain-intrinsic-size:auto 16rem auto 4rem}
.staff-inbox ol.messages>li.staff{margin-left:auto;background:#dbeafe}
.staff-inbox ol.messages>li.assistant{background:#fef3c7}
.staff-inbox .who{display:block;font-size:12px;font-weight:600;color:#444}
.staff-inbox form.composer{display:flex;gap:.5rem;padding:.5rem;border-top:1px solid #ddd}
.staff-inbox form.composer textarea{flex:1;resize:vertical;min-height:2.5rem;font:inherit}
.staff-inbox [role="alert"]{color:#b91c1c}
.staff-inbox .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.staff-inbox-overlay{position:fixed;inset:0;z-index:2147483000;background:#fff;display:flex;flex-direction:column}
.staff-inbox-overlay>.close{align-self:flex-end;margin:.25rem .5rem}
.staff-inbox .filters{display:flex;gap:.25rem;flex-wrap:wrap;padding:.5rem .75rem 0}
.staff-inbox .filters button[aria-pressed="true"]{background:#1a56db;color:#fff}
.staff-inbox .search{display:block;width:calc(100% - 1.5rem);margin:.5rem .75rem;box-sizing:border-box;font:inherit}
.staff-inbox .status{display:inline-block;font-size:12px;border-radius:.25rem;padding:0 .3rem;margin-left:.25rem;background:#eee}
.staff-inbox .status.new{background:#fde68a}.staff-inbox .status.closed{background:#d1d5db}
.staff-inbox .pane-head{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center;padding:.5rem .75rem;border-bottom:1px solid #eee}
.staff-inbox .pane-head h2{margin:0;font-size:1.05rem;flex-basis:100%;overflow-wrap:anywhere}
.staff-inbox .pane-head p{margin:0}.staff-inbox .pane-head p:empty{display:none}
.staff-inbox .actions{display:block;margin-top:.25rem;white-space:normal}
.staff-inbox .actions button{font-size:12px;padding:0 .35rem;margin:0 .25rem .1rem 0}
.staff-inbox .actions select{font-size:12px;margin:0 .25rem .1rem 0}
.staff-inbox blockquote{margin:0 0 .25rem;padding-left:.5rem;border-left:3px solid #9ca3af;color:#444;font-size:12px}
.staff-inbox .attachment img{display:block;max-width:14rem;max-height:10rem;margin-top:.25rem}
.staff-inbox .composer-mode{display:flex;gap:.5rem;align-items:center;padding:.25rem .5rem;background:#f3f4f6;font-size:12px}
.staff-inbox .composer-extra{display:flex;gap:.25rem}
.staff-inbox .upload-status{margin:0 .75rem}
@media (max-width:640px){.staff-inbox h1{flex-basis:100%}.staff-inbox header{padding:.4rem .75rem}.staff-inbox .body{flex-direction:column;overflow:auto}.staff-inbox section.conversation{min-height:auto}.staff-inbox ol.messages{flex:1 0 10rem}.staff-inbox .body:has(form.composer:not([hidden])) nav{max-height:8.5rem}.staff-inbox .body:has(form.composer[hidden]) nav{max-height:none;flex:1 1 auto}.staff-inbox .actions{margin-top:0}.staff-inbox nav{flex:0 0 auto;width:auto;max-width:none;max-height:25dvh;border-right:0;border-bottom:1px solid #ddd}.staff-inbox h2{font-size:1rem}.staff-inbox form.composer{flex-wrap:wrap}.staff-inbox form.composer textarea{flex-basis:100%}.staff-inbox .composer-extra{flex:1;flex-wrap:wrap;align-items:center}.staff-inbox .attach-label{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}}
`;

/** Adds the inbox's styles to the document once. */
export function adoptStyles(doc: Document): void {
  const win = doc.defaultView as (Window & typeof globalThis) | null;
  if (!win || !('adoptedStyleSheets' in doc) || doc.adoptedStyleSheets.some((sheet) => (sheet as CSSStyleSheet & { staffInbox?: true }).staffInbox)) return;
  // A constructed sheet, not a <style> element: a strict CSP (style-src 'self') allows it.
  const sheet = new win.CSSStyleSheet() as CSSStyleSheet & { staffInbox?: true };
  sheet.replaceSync(CSS);
  sheet.staffInbox = true;
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
}

