export const LAUNCHER_CSS = `
:host { all: initial; }
.launcher {
  position: fixed; bottom: 20px; z-index: 2147483000;
  width: 60px; height: 60px; border-radius: 50%; border: 0; cursor: pointer;
  background: var(--brand, #c1121f); color: #fff;
  box-shadow: 0 6px 20px rgba(0,0,0,.25);
  display: grid; place-items: center;
  transition: transform .15s ease;
}
.launcher.right { right: 20px; }
.launcher.left { left: 20px; }
.launcher:hover { transform: scale(1.06); }
.launcher:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 3px; }
.launcher svg { width: 28px; height: 28px; fill: currentColor; }
@media (prefers-reduced-motion: reduce) { .launcher { transition: none; } }
`;
