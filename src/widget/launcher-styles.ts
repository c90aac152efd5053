/** The launcher's CSS (constructed stylesheet: runs under `style-src 'self'`). */
export const LAUNCHER_CSS = `
:host { all: initial; }
.launcher {
  position: fixed; bottom: 20px; z-index: 2147483000;
  width: 60px; height: 60px; border-radius: 50%; border: 0; cursor: pointer; padding: 0;
  background: var(--brand, #c1121f); color: var(--on-brand, #fff);
  box-shadow: 0 6px 20px rgba(0,0,0,.25);
  display: grid; place-items: center;
  transition: transform .15s ease;
}
.launcher.right { right: 20px; }
.launcher.left { left: 20px; }
.launcher:hover { transform: scale(1.06); }
.launcher:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 3px; }
.launcher svg { width: 28px; height: 28px; fill: currentColor; }
.launcher[aria-expanded="true"] .open-icon, .launcher[aria-expanded="false"] .close-icon { display: none; }
.badge {
  position: absolute; top: -4px; right: -4px; min-width: 22px; height: 22px; padding: 0 6px; box-sizing: border-box;
  border-radius: 11px; background: #1d4ed8; color: #fff; border: 2px solid #fff;
  font: 700 12px/18px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; text-align: center;
}
.badge[hidden] { display: none; }
@media (max-width: 600px) { .launcher[aria-expanded="true"] { display: none; } }
@media (prefers-reduced-motion: reduce) { .launcher { transition: none; } }
`;
