/** The chat panel's CSS: one constructed stylesheet, nothing leaks into the store's page. */
export const PANEL_CSS = `
.panel {
  --ink: #1f2328; --muted: #57606a; --line: #d0d7de; --soft: #f6f8fa; --focus: #1d4ed8; --ok: #116329; --warn: #9a6700;
  position: fixed; bottom: 92px; z-index: 2147483001; box-sizing: border-box;
  width: 380px; height: min(640px, calc(100vh - 112px)); max-height: calc(100vh - 112px);
  display: flex; flex-direction: column; overflow: hidden;
  background: #fff; color: var(--ink); border-radius: 16px; box-shadow: 0 12px 40px rgba(0,0,0,.28);
  font: 400 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
.panel *, .panel *::before, .panel *::after { box-sizing: border-box; }
.panel [hidden] { display: none !important; }
.panel[hidden] { display: none; }
.panel.right { right: 20px; } .panel.left { left: 20px; }
@media (max-width: 600px) {
  .panel { inset: 0; width: 100%; height: 100%; max-height: none; border-radius: 0; bottom: 0; }
}
button, input, textarea { font: inherit; color: inherit; }
button { cursor: pointer; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }

.header { display: flex; align-items: center; gap: 8px; padding: 12px 10px 12px 16px; background: var(--brand, #c1121f); color: var(--on-brand, #fff); }
.header-text { flex: 1; min-width: 0; }
.title { margin: 0; font-size: 16px; font-weight: 700; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.subtitle { margin: 0; font-size: 12px; opacity: .92; }
.icon-button { display: inline-grid; place-items: center; width: 36px; height: 36px; padding: 0; border: 0; border-radius: 50%; background: transparent; color: inherit; }
.icon-button:hover { background: rgba(127,127,127,.22); }
.icon-button svg { width: 20px; height: 20px; fill: currentColor; }
.header .icon-button:focus-visible { outline-color: currentColor; }

.banner { margin: 0; padding: 8px 14px; font-size: 13px; display: flex; gap: 8px; align-items: center; justify-content: space-between; }
.banner[hidden] { display: none; }
.banner.offline { background: #fff8c5; color: #3b2300; }
.banner.update { background: #ddf4ff; color: #0a3069; }
.banner.live { background: #dafbe1; color: #0f3d1f; }
.banner.live:not([data-state="connected"]) { background: #fff8c5; color: #3b2300; }
.banner button { border: 1px solid currentColor; background: #fff; border-radius: 999px; padding: 2px 12px; font-weight: 600; }

.search { padding: 8px 10px; border-bottom: 1px solid var(--line); background: var(--soft); }
.search[hidden] { display: none; }
.search-row { display: flex; gap: 6px; align-items: center; }
.search input { flex: 1; min-width: 0; padding: 7px 10px; border: 1px solid #8c959f; border-radius: 8px; background: #fff; }
.search-status { margin: 6px 2px 0; font-size: 12px; color: var(--muted); }
.search-results { list-style: none; margin: 6px 0 0; padding: 0; max-height: 160px; overflow-y: auto; }
.search-results button { display: block; width: 100%; text-align: left; padding: 6px 8px; border: 0; border-radius: 6px; background: transparent; }
.search-results button:hover { background: #eaeef2; }
.search-results small { color: var(--muted); }

.log { flex: 1; overflow-y: auto; margin: 0; padding: 14px 12px 6px; list-style: none; background: var(--soft); overscroll-behavior: contain; }
.msg { display: flex; flex-direction: column; align-items: flex-start; margin: 0 0 12px; }
.msg.mine { align-items: flex-end; }
.msg:focus { outline: none; }
.msg.highlight > .bubble, .msg:focus-visible > .bubble { outline: 3px solid var(--focus); outline-offset: 2px; }
.who { margin: 0 0 2px 4px; font-size: 12px; font-weight: 600; color: var(--muted); }
.bubble { max-width: 88%; padding: 8px 12px; border-radius: 14px; background: #fff; border: 1px solid var(--line); white-space: pre-line; overflow-wrap: anywhere; }
.mine > .bubble { background: var(--brand, #c1121f); color: var(--on-brand, #fff); border-color: transparent; border-bottom-right-radius: 4px; }
.msg:not(.mine) > .bubble { border-bottom-left-radius: 4px; }
.bubble p { margin: 0; }
.bubble .deleted { font-style: italic; opacity: .8; }
.quote { margin: 0 0 4px; padding: 2px 8px; border-left: 3px solid currentColor; font-size: 12px; opacity: .85; }
.attachments { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
.attachments img { width: 140px; height: 105px; object-fit: cover; border-radius: 8px; background: #eaeef2; }
.meta { display: flex; gap: 6px; align-items: center; margin: 3px 4px 0; font-size: 11px; color: var(--muted); }
.tick { font-weight: 700; letter-spacing: -2px; }
.tick.read { color: var(--focus); }
.pending { color: var(--warn); }
.actions { display: flex; gap: 2px; margin: 2px 2px 0; opacity: 0; transition: opacity .12s; }
.msg:hover > .actions, .msg:focus-within > .actions, .actions:focus-within { opacity: 1; }
.actions button, .reaction { border: 1px solid var(--line); background: #fff; border-radius: 999px; padding: 1px 8px; font-size: 12px; line-height: 20px; }
.actions button:hover { background: #eaeef2; }
.reactions { display: flex; gap: 4px; flex-wrap: wrap; margin: 4px 2px 0; }
.reaction[aria-pressed="true"] { border-color: var(--focus); background: #ddf4ff; color: #0a3069; }
.thread { list-style: none; margin: 6px 0 0 18px; padding: 0 0 0 10px; border-left: 2px solid var(--line); width: calc(100% - 18px); }
.thread .msg { margin-bottom: 8px; }
.thread-count { margin: 4px 4px 0; font-size: 12px; color: var(--muted); }

.cards { list-style: none; margin: 8px 0 0; padding: 0; display: grid; gap: 8px; white-space: normal; }
.card { display: grid; grid-template-columns: 64px 1fr; gap: 10px; padding: 8px; border: 1px solid var(--line); border-radius: 12px; background: #fff; color: var(--ink); }
.card img { width: 64px; height: 64px; object-fit: contain; border-radius: 8px; background: var(--soft); }
.card-name { font-weight: 600; line-height: 1.3; }
.card-name a { color: inherit; }
.card-line { font-size: 12px; color: var(--muted); }
.card-price { font-size: 15px; font-weight: 700; color: var(--ink); }
.stock-in { color: var(--ok); } .stock-out { color: #a40e26; }
.add { margin-top: 6px; padding: 5px 12px; border: 0; border-radius: 999px; background: var(--brand, #c1121f); color: var(--on-brand, #fff); font-weight: 600; font-size: 13px; }
.add:disabled { background: #8c959f; color: #fff; cursor: not-allowed; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; margin: 8px 0 0; padding: 0; list-style: none; }
.chip { border: 1px solid var(--brand, #c1121f); color: var(--brand-ink, #a00e1a); background: #fff; border-radius: 999px; padding: 4px 12px; font-size: 13px; }
.chip:hover { background: #fff0f0; }

.typing { min-height: 22px; margin: 0; padding: 2px 16px; font-size: 12px; color: var(--muted); background: var(--soft); }
.composer { border-top: 1px solid var(--line); padding: 8px; background: #fff; }
.replying { display: flex; align-items: center; gap: 6px; margin: 0 0 6px; padding: 4px 8px; border-left: 3px solid var(--brand, #c1121f); background: var(--soft); font-size: 12px; }
.replying[hidden] { display: none; }
.replying span { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.previews { display: flex; gap: 6px; flex-wrap: wrap; margin: 0 0 6px; padding: 0; list-style: none; }
.previews li { position: relative; }
.previews img { width: 56px; height: 56px; object-fit: cover; border-radius: 8px; border: 1px solid var(--line); }
.previews button { position: absolute; top: -6px; right: -6px; width: 24px; height: 24px; border-radius: 50%; border: 0; background: #1f2328; color: #fff; font-size: 14px; line-height: 1; }
.row { display: flex; gap: 6px; align-items: flex-end; }
.row textarea { flex: 1; min-width: 0; min-height: 40px; max-height: 120px; resize: none; padding: 9px 12px; border: 1px solid #8c959f; border-radius: 20px; }
.row .icon-button { color: var(--muted); flex: none; }
.row .send { background: var(--brand, #c1121f); color: var(--on-brand, #fff); width: 40px; height: 40px; }
.row .send:hover { background: var(--brand, #c1121f); filter: brightness(1.1); }
.error { margin: 0 0 6px; color: #a40e26; font-size: 12px; }
.error:empty { display: none; }
@media (prefers-reduced-motion: reduce) { .actions { transition: none; } }
`;
